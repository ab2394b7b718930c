"""Bad input gets exit code 2 and one line on stderr naming the file (and line:column).

Each case writes one bad file into a copy of the fixture project and runs the
CLI in this process; ``test_no_traceback_in_a_real_process`` runs a few of them
as real subprocesses. The library-level errors of the same cases are covered by
``tests/core/test_load_errors.py``; these tests hold the CLI to its contract.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from .support import CliResult, run_capgraph

Cli = Callable[..., CliResult]

XSD = "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"

#: (id, file written under data/, its content, the stderr line expected)
DATA_CASES: list[tuple[str, str, str | bytes, str]] = [
    (
        "malformed-turtle",
        "bad.ttl",
        '@prefix ex: <https://e/> .\nex:a ex:b ex:c .\nex:a ex:b "open .\n',
        r"^capgraph: error: data/bad\.ttl:3:\d+: ",
    ),
    (
        "malformed-trig",
        "bad.trig",
        "@prefix ex: <https://e/> .\nex:g {\n  ex:a ex:b ex:c .\n",
        r"^capgraph: error: data/bad\.trig:\d+:\d+: ",
    ),
    (
        "undefined-prefix",
        "bad.ttl",
        "@prefix ex: <https://e/> .\n\nex:a zz:b ex:c .\n",
        r"^capgraph: error: data/bad\.ttl:3:\d+: .*zz",
    ),
    (
        "invalid-date",
        "bad.ttl",
        XSD + '<https://e/a> <https://e/d> "2020-13-45"^^xsd:date .\n',
        r'^capgraph: error: data/bad\.ttl:2:\d+: "2020-13-45" is not a valid xsd:date$',
    ),
    (
        "invalid-date-single-quoted",
        "bad.ttl",
        XSD + "<https://e/a> <https://e/d> '2020-13-45'^^xsd:date .\n",
        r'^capgraph: error: data/bad\.ttl:2:\d+: "2020-13-45" is not a valid xsd:date$',
    ),
    (
        "invalid-integer-other-prefix",
        "bad.ttl",
        "@prefix x: <http://www.w3.org/2001/XMLSchema#> .\n"
        "<https://e/a> <https://e/n> 'ten'^^x:integer .\n",
        r'^capgraph: error: data/bad\.ttl:2:\d+: "ten" is not a valid xsd:integer$',
    ),
    (
        "invalid-date-long-string",
        "bad.ttl",
        XSD + '<https://e/a> <https://e/d>\n  """2020-02-31T"""^^xsd:date .\n',
        r'^capgraph: error: data/bad\.ttl:3:\d+: "2020-02-31T" is not a valid xsd:date$',
    ),
    (
        "invalid-date-rdfxml",
        "bad.rdf",
        '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about="https://e/a">\n'
        '    <rdf:value rdf:datatype="http://www.w3.org/2001/XMLSchema#date">2020-13-45</rdf:value>\n'
        "  </rdf:Description>\n</rdf:RDF>\n",
        r'^capgraph: error: data/bad\.rdf:4:\d+: "2020-13-45" is not a valid xsd:date$',
    ),
    (
        "invalid-date-jsonld",
        "bad.jsonld",
        '{"@id": "https://e/a",\n "https://e/d": {"@value": "2020-13-45",'
        ' "@type": "http://www.w3.org/2001/XMLSchema#date"}}\n',
        r'^capgraph: error: data/bad\.jsonld:2:\d+: "2020-13-45" is not a valid xsd:date$',
    ),
    (
        "not-utf8",
        "bad.ttl",
        b'<https://e/a> <https://e/b> "ok" .\n<https://e/a> <https://e/b> "caf\xe9" .\n',
        r"^capgraph: error: data/bad\.ttl:2:33: not UTF-8: byte 0xe9",
    ),
    (
        "unknown-extension",
        "notes.xlsx",
        b"PK\x03\x04",
        r"^capgraph: error: .*data/notes\.xlsx: unknown file extension '\.xlsx'",
    ),
    (
        "malformed-rdfxml",
        "bad.rdf",
        '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        "  <rdf:Description>\n</rdf:RDF>\n",
        r"^capgraph: error: data/bad\.rdf(:\d+:\d+)?: ",
    ),
    (
        "malformed-jsonld",
        "bad.jsonld",
        '{"@id": "https://e/a",\n "https://e/b": [1, }\n',
        r"^capgraph: error: data/bad\.jsonld(:\d+:\d+)?: ",
    ),
]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [case[1:] for case in DATA_CASES],
    ids=[case[0] for case in DATA_CASES],
)
def test_bad_data_file(
    cli: Cli, project: Path, name: str, content: str | bytes, expected: str
) -> None:
    data = content.encode("utf-8") if isinstance(content, str) else content
    (project / "data" / name).write_bytes(data)
    for command in (["info"], ["query", "count"], ["export"], ["validate"]):
        cli("--project", str(project), *command).assert_one_line_error(expected)


def test_missing_data_folder(cli: Cli, project: Path) -> None:
    shutil.rmtree(project / "data")
    cli("--project", str(project), "info").assert_one_line_error(
        r"^capgraph: error: .*project: no data/ folder"
    )


def test_empty_data_folder(cli: Cli, project: Path) -> None:
    shutil.rmtree(project / "data")
    (project / "data").mkdir()
    (project / "data" / "README.md").write_text("records go here\n")
    cli("--project", str(project), "info").assert_one_line_error(
        r"^capgraph: error: .*project/data: data/ holds no RDF files"
    )


def test_missing_project(cli: Cli, tmp_path: Path) -> None:
    cli("--project", str(tmp_path / "nowhere"), "info").assert_one_line_error(
        r"^capgraph: error: .*nowhere: project directory not found"
    )


# --- queries -------------------------------------------------------------------------


def test_named_query_with_a_syntax_error(cli: Cli, project: Path) -> None:
    (project / "queries" / "broken.rq").write_text(
        "# title: Broken\nSELECT ?s WHERE {\n  ?s ?p\n}\n", encoding="utf-8"
    )
    result = cli("--project", str(project), "query", "broken")
    result.assert_one_line_error(r"^capgraph: error: queries/broken\.rq: .*syntax error.* 5:1")


def test_query_file_with_a_syntax_error(cli: Cli, project: Path, tmp_path: Path) -> None:
    path = tmp_path / "adhoc.rq"
    path.write_text("SELECT ?s WHERE { ?s ?p ?o FILTER(?o = ) }\n", encoding="utf-8")
    result = cli("--project", str(project), "query", str(path))
    result.assert_one_line_error(r"^capgraph: error: .*adhoc\.rq: .*syntax error.* \d+:\d+")


def test_query_syntax_error_with_a_long_message(cli: Cli, project: Path) -> None:
    (project / "queries" / "broken.rq").write_text(
        "SELECT ?this WHERE {\n  ?this ?p\n}\n", encoding="utf-8"
    )
    result = cli("--project", str(project), "query", "broken")
    result.assert_one_line_error(r"^capgraph: error: queries/broken\.rq: .*syntax error")


def test_query_file_not_utf8(cli: Cli, project: Path, tmp_path: Path) -> None:
    path = tmp_path / "latin1.rq"
    path.write_bytes(b"# title: caf\xe9\nSELECT * WHERE { ?s ?p ?o }\n")
    result = cli("--project", str(project), "query", str(path))
    result.assert_one_line_error(r"^capgraph: error: .*latin1\.rq:1:\d+: not UTF-8")


def test_malformed_param_header(cli: Cli, project: Path) -> None:
    (project / "queries" / "header.rq").write_text(
        "# title: Bad header\n# param: 9lives iri Not a name\nSELECT * WHERE { ?s ?p ?o }\n",
        encoding="utf-8",
    )
    result = cli("--project", str(project), "query", "by-number", "--param", "number=1")
    result.assert_one_line_error(r"^capgraph: error: queries/header\.rq:2: malformed '# param:'")


@pytest.mark.parametrize(
    ("query", "param", "expected"),
    [
        ("by-number", "number=ten", r"'number' of query 'by-number' must be an xsd:integer"),
        ("by-number", "number=1.5", r"must be an xsd:integer, got '1\.5'"),
        ("by-day", "day=2020-13-45", r"must be an xsd:date, got '2020-13-45'"),
        ("by-day", "day=7 December 2020", r"must be an xsd:date"),
        ("by-thing", "thing=plain", r"'thing' of query 'by-thing' must be an absolute IRI"),
        ("by-thing", "thing=https://e/a b", r"is not a valid IRI"),
        ("by-thing", "thing=https://e/a> } ; DROP ALL #", r"is not a valid IRI"),
        ("by-number", "colour=red", r"query 'by-number' has no parameter 'colour'"),
        ("by-number", "number", r"malformed --param 'number'; expected NAME=VALUE"),
        ("by-label", "label=caf\udce9", r"'label' of query 'by-label' is not valid Unicode"),
    ],
    ids=[
        "integer-word",
        "integer-decimal",
        "date-month-13",
        "date-prose",
        "iri-relative",
        "iri-space",
        "iri-injection",
        "unknown-name",
        "no-equals",
        "not-unicode",
    ],
)
def test_param_of_the_wrong_type(
    cli: Cli, project: Path, query: str, param: str, expected: str
) -> None:
    result = cli("--project", str(project), "query", query, "--param", param)
    result.assert_one_line_error(r"^capgraph: error: .*" + expected)


def test_missing_param(cli: Cli, project: Path) -> None:
    result = cli("--project", str(project), "query", "by-number")
    result.assert_one_line_error(r"needs parameter 'number'; it takes: number \(xsd:integer\)")


def test_unknown_query(cli: Cli, project: Path) -> None:
    result = cli("--project", str(project), "query", "no-such-query")
    result.assert_one_line_error(r"unknown query 'no-such-query'; known queries: by-day, ")


# --- shapes ----------------------------------------------------------------------------

SHAPES_HEAD = (
    "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
    "@prefix hd: <https://example.org/hard#> .\n"
    "@prefix hdsh: <https://example.org/hard/shapes#> .\n"
)


@pytest.mark.parametrize(
    "body",
    [
        "hdsh:S a sh:NodeShape ;\n  sh:targetClass hd:Thing ;\n  sh:property [\n",
        "hdsh:S a sh:NodeShape ;\n  sh:targetClass hd:Thing ;\n"
        '  sh:property [ sh:path hd:label ; sh:minCount "many" ] .\n',
        "hdsh:S a sh:NodeShape ;\n  sh:targetClass hd:Thing ;\n  sh:property [ sh:minCount 1 ] .\n",
        "hdsh:S a sh:NodeShape ;\n  sh:targetClass hd:Thing ;\n"
        '  sh:sparql [ sh:select "SELECT $this WHERE { $this ?p " ] .\n',
    ],
    ids=[
        "turtle-error",
        "minCount-not-integer",
        "property-without-path",
        "sparql-constraint-syntax",
    ],
)
def test_shapes_file_that_is_not_valid_shacl(cli: Cli, project: Path, body: str) -> None:
    (project / "shapes" / "invalid.ttl").write_text(SHAPES_HEAD + body, encoding="utf-8")
    result = cli("--project", str(project), "validate")
    result.assert_one_line_error(r"^capgraph: error: .*shapes/invalid\.ttl(:\d+(:\d+)?)?: ")


def test_sparql_check_with_a_syntax_error(cli: Cli, project: Path) -> None:
    checks = project / "shapes" / "checks"
    checks.mkdir()
    (checks / "broken-violation.rq").write_text(
        "SELECT ?this WHERE {\n  ?this ?p ?o FILTER(?o = )\n}\n", encoding="utf-8"
    )
    result = cli("--project", str(project), "validate")
    result.assert_one_line_error(
        r"^capgraph: error: shapes/checks/broken-violation\.rq: .*syntax error.* \d+:\d+"
    )


# --- the same contract in a real process ------------------------------------------------


def test_no_traceback_in_a_real_process(project: Path) -> None:
    """Interpreter-level output (warnings, logging, tracebacks) counts too."""
    (project / "data" / "bad.ttl").write_text(
        XSD + '<https://e/a> <https://e/d> "2020-13-45"^^xsd:date .\n', encoding="utf-8"
    )
    run_capgraph("--project", str(project), "info").assert_one_line_error(
        r'^capgraph: error: data/bad\.ttl:2:\d+: "2020-13-45" is not a valid xsd:date$'
    )
    (project / "data" / "bad.ttl").unlink()
    run_capgraph(
        "--project", str(project), "query", "by-thing", "--param", "thing=x> } DROP ALL #"
    ).assert_one_line_error(r"must be an absolute IRI")
    run_capgraph("--project", str(project / "missing"), "validate").assert_one_line_error(
        r"project directory not found"
    )
