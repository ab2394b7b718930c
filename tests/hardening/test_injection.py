"""Parameter binding is injection-proof: a value is one RDF term, whatever it contains.

Values that try to close the IRI or the string and append a pattern or an update
are bound through ``kg.query`` and through the CLI. Each must come back exactly
as it went in (or be refused as an invalid IRI), and the store must not change.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import capgraph
from capgraph.errors import ParameterError
from capgraph.query import KnowledgeGraph, NamedQuery, bind_params, with_values

from .support import FIXTURES, CliResult

Cli = Callable[..., CliResult]

THING = "https://example.org/thing/"

#: Labels in the fixture data that are written to look like SPARQL.
HOSTILE_LABELS = {
    'x" } UNION { ?s ?p ?o } #': "quote",
    "a> } ; DROP ALL ; SELECT * WHERE { <b": "angle",
    '" . } INSERT DATA { <https://e/x> <https://e/y> "z" } #': "update",
    "back\\slash \\u0022 and 'single' quotes\nnew line": "escape",
}

#: Values that try to break out of the term they are bound as.
ATTACKS = [
    '" } UNION { ?thing ?p ?number } #',
    "' } UNION { ?thing ?p ?number } #",
    '"""',
    "\\",
    '\\" } #',
    "\\u0022 } UNION { ?s ?p ?o } #",
    '"@en } #',
    '"^^<https://e/t> } #',
    "> } ; DELETE WHERE { ?s ?p ?o } #",
    '" } ; INSERT DATA { <https://e/x> <https://e/y> "z" } #',
    "plain\n} UNION { ?thing ?p ?number }\n#",
    "# } }",
    "?number",
    "$thing",
    "VALUES ?x { 1 }",
]


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    return capgraph.open(FIXTURES / "project")


def test_hostile_labels_match_only_themselves(kg: KnowledgeGraph) -> None:
    for label, local in HOSTILE_LABELS.items():
        rows = kg.query("by-label", {"label": label})
        assert [row["thing"] for row in rows] == [THING + local], label


@pytest.mark.parametrize("value", ATTACKS)
def test_attack_values_are_one_literal(kg: KnowledgeGraph, value: str) -> None:
    before = len(kg)
    assert list(kg.query("by-label", {"label": value})) == []
    assert [row["text"] for row in kg.query("echo", {"text": value})] == [value]
    assert len(kg) == before


@pytest.mark.parametrize(
    "value",
    [
        THING + "plain> } UNION { ?s ?p ?o } #",
        THING + "plain> . ?thing ?p ?o . <" + THING + "x",
        THING + 'plain" } #',
        THING + "plain}",
        THING + "plain\n",
        "id:x> } ; DROP ALL #",
        "<" + THING + "plain>",
        "javascript",
    ],
)
def test_iri_attacks_are_refused(kg: KnowledgeGraph, value: str) -> None:
    with pytest.raises(ParameterError, match="thing"):
        kg.query("by-thing", {"thing": value})


def test_numbers_and_dates_are_checked_before_binding(kg: KnowledgeGraph) -> None:
    with pytest.raises(ParameterError, match="xsd:integer"):
        kg.query("by-number", {"number": "1 } UNION { ?thing ?p ?o }"})
    with pytest.raises(ParameterError, match="xsd:date"):
        kg.query("by-day", {"day": '2020-12-07"^^<https://e/t> } #'})
    assert [row["thing"] for row in kg.query("by-number", {"number": 2})] == [THING + "quote"]
    assert [row["thing"] for row in kg.query("by-day", {"day": "2020-12-07"})] == [THING + "plain"]


def test_the_bound_text_has_one_values_row(kg: KnowledgeGraph) -> None:
    named = kg.queries.get("by-label")
    text = with_values(named.text, bind_params(named, {"label": ATTACKS[0]}))
    assert text.count("VALUES") == 1
    assert '"\\" } UNION { ?thing ?p ?number } #"' in text


def test_an_update_cannot_be_smuggled_into_a_query(kg: KnowledgeGraph) -> None:
    before = len(kg)
    for value in ATTACKS:
        kg.query("echo", {"text": value})
    rows = kg.select("ASK { <https://e/x> ?p ?o }")
    assert [row["result"] for row in rows] == [False]
    assert len(kg) == before


def test_with_values_refuses_what_a_caller_could_misuse() -> None:
    named = NamedQuery.from_text("SELECT ?x WHERE { }", name="t")

    with pytest.raises(ParameterError, match="not a SPARQL variable"):
        with_values(named.text, {"x) } DROP ALL #": ox.Literal("v")})
    with pytest.raises(ParameterError, match="only an IRI or a literal"):
        with_values(named.text, {"x": ox.BlankNode("b")})


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=st.text())
def test_any_text_round_trips(kg: KnowledgeGraph, value: str) -> None:
    """Any Unicode text comes back as itself; text that is not Unicode is refused."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        with pytest.raises(ParameterError, match="not valid Unicode"):
            kg.query("echo", {"text": value})
        return
    assert [row["text"] for row in kg.query("echo", {"text": value})] == [value]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(suffix=st.text())
def test_any_iri_round_trips_or_is_refused(kg: KnowledgeGraph, suffix: str) -> None:
    value = THING + suffix
    try:
        rows = kg.query("echo-iri", {"iri": value})
    except ParameterError:
        return
    assert [row["iri"] for row in rows] == [value]


# --- the same through the command line ----------------------------------------------------


@pytest.mark.parametrize("label", sorted(HOSTILE_LABELS))
def test_cli_binds_hostile_labels_as_text(cli: Cli, project: Path, label: str) -> None:
    result = cli(
        "--project",
        str(project),
        "query",
        "by-label",
        "--param",
        f"label={label}",
        "--format",
        "json",
    )
    assert result.code == 0, result.err
    assert [row["thing"] for row in json.loads(result.out)] == [THING + HOSTILE_LABELS[label]]


@pytest.mark.parametrize("value", ATTACKS)
def test_cli_echoes_attack_values(cli: Cli, project: Path, value: str) -> None:
    result = cli(
        "--project", str(project), "query", "echo", "--param", f"text={value}", "--format", "json"
    )
    assert result.code == 0, result.err
    assert json.loads(result.out) == [{"text": value}]
