"""RDF/XML DTDs: flat namespace entities work, entity bombs and external entities are refused."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

import capgraph
from capgraph.errors import InputError
from capgraph.store._guards import MAX_ENTITY_GROWTH, expand_xml_entities

from .support import FIXTURES, HOSTILE, run_python

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def _nested_entities(levels: int) -> str:
    lines = ['<?xml version="1.0"?>', "<!DOCTYPE rdf:RDF [", '<!ENTITY e0 "lol">']
    lines += [f'<!ENTITY e{i} "' + f"&e{i - 1};" * 10 + '">' for i in range(1, levels + 1)]
    lines += [
        "]>",
        f'<rdf:RDF xmlns:rdf="{RDF_NS}"><rdf:Description rdf:about="https://e/a">'
        f"<rdf:value>&e{levels};</rdf:value></rdf:Description></rdf:RDF>",
    ]
    return "\n".join(lines)


def test_pyoxigraph_alone_expands_nested_entities() -> None:
    """Why the guard exists: the parser multiplies the text by ten per level.

    If this starts failing, pyoxigraph has begun refusing entity bombs itself,
    and the guard can be reconsidered.
    """
    quads = list(ox.parse(_nested_entities(5).encode(), format=ox.RdfFormat.RDF_XML))
    assert len(quads[0].object.value) == 3 * 10**5


def test_nested_entities_are_refused_before_parsing() -> None:
    with pytest.raises(InputError, match=r"x\.rdf:4:1: entity 'e1' refers to other entities"):
        expand_xml_entities(_nested_entities(9), display="x.rdf")


def test_billion_laughs_fails_fast_with_bounded_memory(tmp_path: Path) -> None:
    """In a fresh process capped at 2 GiB of address space, measure the peak RSS."""
    code = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
import capgraph
from capgraph.errors import InputError
capgraph.open(sys.argv[1])
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    capgraph.open(sys.argv[2])
    outcome = "loaded"
except InputError as error:
    outcome = str(error)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"outcome": outcome, "before_kib": before, "after_kib": after}))
"""
    project = FIXTURES / "project"
    with_bomb = tmp_path / "project"
    shutil.copytree(project, with_bomb)
    shutil.copy(HOSTILE / "billion-laughs.rdf", with_bomb / "data")
    done = run_python(code, str(project), str(with_bomb), timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout)
    assert report["outcome"].startswith("data/billion-laughs.rdf:5:3: entity 'lol1'")
    grown_mib = (report["after_kib"] - report["before_kib"]) / 1024
    print(f"peak RSS grew by {grown_mib:.1f} MiB while refusing the billion laughs")
    assert grown_mib < 32


def test_flat_entities_are_expanded_like_the_parser_would() -> None:
    kg = capgraph.open(FIXTURES / "remote-refs")
    rows = kg.select(
        "SELECT ?label WHERE { <http://example.org/records/item/3> "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?label }"
    )
    assert [row["label"] for row in rows] == ["Item three"]


def test_entity_values_with_quotes_survive_in_attributes_and_text() -> None:
    text = (
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n'
        '  <!ENTITY q \'say "hi"\'>\n  <!ENTITY a "it\'s">\n]>\n'
        f'<rdf:RDF xmlns:rdf="{RDF_NS}" xmlns:ex="https://e/">\n'
        '  <rdf:Description rdf:about="https://e/a" ex:attr="&q; &a;">'
        "<ex:text>&q; &a;</ex:text></rdf:Description>\n</rdf:RDF>\n"
    )
    expanded = expand_xml_entities(text, display="q.rdf")
    values = sorted(
        q.object.value for q in ox.parse(expanded.encode(), format=ox.RdfFormat.RDF_XML)
    )
    assert values == ['say "hi" it\'s', 'say "hi" it\'s']


def test_line_numbers_after_the_dtd_are_kept() -> None:
    """The DTD becomes blank lines, so positions after it still point into the file."""
    text = (
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n  <!ENTITY e "https://e/">\n]>\n'
        f'<rdf:RDF xmlns:rdf="{RDF_NS}">\n  <rdf:Description rdf:about="&e;a">\n'
        "  </rdf:Descriptio>\n</rdf:RDF>\n"
    )
    expanded = expand_xml_entities(text, display="x.rdf").splitlines()
    assert len(expanded) == len(text.splitlines())
    assert expanded[5] == '  <rdf:Description rdf:about="https://e/a">'
    assert expanded[6] == "  </rdf:Descriptio>"


def test_growth_bound_counts_every_reference() -> None:
    value = "a" * 1024
    refs = MAX_ENTITY_GROWTH // (len(value) - len("&b;")) + 1
    text = f'<?xml version="1.0"?>\n<!DOCTYPE r [ <!ENTITY b "{value}"> ]>\n<r>{"&b;" * refs}</r>\n'
    with pytest.raises(InputError, match=r"would add more than \d+ characters"):
        expand_xml_entities(text, display="big.rdf")


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE r PUBLIC "-//x//y" "http://example.org/r.dtd">',
        '<!DOCTYPE r [ <!ENTITY x SYSTEM "http://example.org/x"> ]>',
        '<!DOCTYPE r [ <!ENTITY % p "x"> ]>',
        "<!DOCTYPE r [ <!ELEMENT r ANY> ]>",
        '<!DOCTYPE r [ <!ENTITY e "ok"> ]><!DOCTYPE r [ <!ENTITY f "again"> ]>',
        '<!ENTITY stray "x">',
    ],
    ids=["public", "system-entity", "parameter-entity", "element", "second-doctype", "stray"],
)
def test_other_dtd_content_is_refused(doctype: str) -> None:
    with pytest.raises(InputError, match=r"^x\.rdf:\d+:\d+: "):
        expand_xml_entities(f'<?xml version="1.0"?>\n{doctype}\n<r/>\n', display="x.rdf")
