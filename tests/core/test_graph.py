from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest

import capgraph
from capgraph.errors import ParameterError, QueryError
from capgraph.store import file_graph_iri

from .conftest import MINI

REC = "https://example.org/rec/"


def test_named_query_returns_typed_rows() -> None:
    kg = capgraph.open(MINI)
    rows = kg.query("meetings")
    assert rows.variables == ("meeting", "ordinal", "date")
    assert rows == [
        {"meeting": REC + "m1", "ordinal": 1, "date": capgraph.PartialDate(2019, 10)},
        {"meeting": REC + "m2", "ordinal": 2, "date": date(2020, 12, 3)},
        {"meeting": REC + "m3", "ordinal": 3, "date": None},
    ]


def test_parameters_are_bound_as_terms() -> None:
    kg = capgraph.open(MINI)
    with pytest.raises(ParameterError, match="unknown prefix 'rec-not-a-prefix:'"):
        kg.query("meetings", {"meeting": "rec-not-a-prefix:x"})
    assert kg.query("meetings", {"meeting": REC + "m2"}).column("ordinal") == [2]
    assert kg.query("by-ordinal", {"n": 3}).column("meeting") == [REC + "m3"]
    assert kg.query("by-ordinal", {"n": "2", "label": 'second "quoted" meeting'}).column(
        "meeting"
    ) == [REC + "m2"]


def test_injection_attempts_stay_values() -> None:
    kg = capgraph.open(MINI)
    hostile = 'x" } ?meeting ?p ?o . { "'
    assert kg.query("by-ordinal", {"n": 1, "label": hostile}) == [
        {"meeting": REC + "m1", "label": hostile}
    ]
    with pytest.raises(ParameterError, match="not a valid IRI"):
        kg.query("meetings", {"meeting": "https://e/x> } ; DROP ALL ; <y"})


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("by-ordinal", {}, "needs parameter 'n'; it takes: n \\(xsd:integer\\), label"),
        ("by-ordinal", {"n": 1, "nope": 2}, "has no parameter 'nope'"),
        ("by-ordinal", {"n": "one"}, "must be an xsd:integer, got 'one'"),
        ("meetings", {"meeting": "relative/iri"}, "must be an absolute IRI"),
    ],
)
def test_parameter_errors_say_what_the_query_takes(
    name: str, params: dict[str, object], message: str
) -> None:
    with pytest.raises(ParameterError, match=message):
        capgraph.open(MINI).query(name, params)


def test_unknown_query_lists_the_known_ones() -> None:
    with pytest.raises(QueryError, match="known queries: by-ordinal, meetings"):
        capgraph.open(MINI).query("no-such-query")


def test_inline_sparql_and_syntax_errors() -> None:
    kg = capgraph.open(MINI)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://example.org/mini#Meeting> }"
    assert kg.query(count).column("n") == [3]
    with pytest.raises(QueryError, match="SPARQL syntax error"):
        kg.query("SELECT ?x WHERE { ?x ")


def test_query_header_is_read() -> None:
    query = capgraph.open(MINI).queries.get("meetings")
    assert query.title == "Meetings"
    assert query.description == "Every meeting with its ordinal, optionally only one."
    assert [(p.name, p.kind, p.optional) for p in query.params] == [("meeting", "iri", True)]


def test_default_graph_triples_go_to_the_file_graph() -> None:
    kg = capgraph.open(MINI)
    graphs = kg.graph_names()
    assert file_graph_iri("data/extra.ttl") in graphs
    assert "https://example.org/mini" in graphs  # the ontology's own IRI
    assert kg.graph_files()[REC + "graph-a"] == "data/meetings.trig"


def test_locate_points_at_the_subject_line() -> None:
    kg = capgraph.open(MINI)
    assert str(kg.locate(REC + "m2")) == "data/meetings.trig:11"
    assert str(kg.locate(REC + "graph-b")) == "data/meetings.trig:17"
    assert kg.locate(REC + "nowhere") is None


def test_rdflib_views_hold_the_same_triples() -> None:
    kg = capgraph.open(MINI)
    union = kg.union_graph()
    assert len(union) == len({q.triple for q in kg.store})
    assert len(kg.to_rdflib()) == len(kg.store)


def test_persistent_store_is_reused_then_rebuilt(mini: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = capgraph.open(mini, store=store)
    assert first.summary is not None
    size = len(first)
    del first
    again = capgraph.open(mini, store=store)
    assert again.summary is None, "unchanged sources must not be reloaded"
    assert len(again) == size
    del again
    (mini / "data" / "extra.ttl").write_text(
        "@prefix ex: <https://example.org/mini#> .\n"
        "<https://example.org/rec/m9> a ex:Meeting ; ex:ordinal 9 .\n",
        encoding="utf-8",
    )
    rebuilt = capgraph.open(mini, store=store)
    assert rebuilt.summary is not None
    assert rebuilt.query("meetings").column("ordinal") == [1, 2, 3, 9]


def test_decimal_and_boolean_values() -> None:
    kg = capgraph.open(MINI)
    rows = kg.query("SELECT (1.5 AS ?d) (true AS ?b) (1e0 AS ?f) WHERE {}")
    assert rows == [{"d": Decimal("1.5"), "b": True, "f": 1.0}]


def test_with_values_gives_the_substitution_answer() -> None:
    from capgraph.query import bind_params, with_values

    kg = capgraph.open(MINI)
    query = kg.queries.get("by-ordinal")
    bindings = bind_params(query, {"n": 2})
    text = with_values(query.text, bindings)
    assert 'VALUES (?n) { ("2"^^<http://www.w3.org/2001/XMLSchema#integer>) }' in text
    assert kg.select(text) == kg.run(query, bindings)
    assert isinstance(bindings["n"], ox.Literal)


def test_locate_ignores_predicates_and_comments(tmp_path: Path) -> None:
    from capgraph.project import Project
    from capgraph.store import build_index

    (tmp_path / "ontology").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.trig").write_text(
        "@prefix ex: <https://e/> .\n"
        "ex:g {\n"
        "    ex:s1 ex:p ex:o ;  # ex:p is a predicate, ex:s9 in a comment\n"
        '        ex:q "a # not a comment \\" ex:s8" ;\n'
        "        ex:r ex:s2 .\n"
        "    ex:s2 ex:p ex:s1 .\n"
        "}\n",
        encoding="utf-8",
    )
    index = build_index(Project.discover(tmp_path))
    assert {iri: loc.line for iri, loc in index.items()} == {
        "https://e/g": 2,
        "https://e/s1": 3,
        "https://e/s2": 6,
    }


def test_locate_many_finds_what_locate_finds_without_the_index() -> None:
    """One pass that keeps only the IRIs asked for, the same answers as the whole index."""
    from capgraph.project import bundled_project_dir

    kg = capgraph.open(bundled_project_dir())
    subjects = {str(r["s"]) for r in kg.select("SELECT DISTINCT ?s WHERE { ?s ?p ?o }")}
    subjects |= {"https://w3id.org/capgraph/id/nowhere"}
    found = kg.locate_many(subjects)
    assert "_file_index" not in kg.__dict__  # the pass did not build the index
    assert found == {s: w for s in subjects if (w := kg.locate(s)) is not None}
    assert len(found) > 100
    some = sorted(found)[:5]
    file = found[some[0]].file
    in_file = {s: w for s in some if (w := kg.locate(s, file=file)) is not None}
    assert capgraph.open(bundled_project_dir()).locate_many(some, file=file) == in_file
    assert kg.locate_many(some, file=file) == in_file  # from the index, now built
