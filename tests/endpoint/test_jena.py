"""Apache Jena as a third engine: the exported record loaded into TDB2, every named and
built-in query run by ``tdb2.tdbquery`` over the union of the named graphs, and the rows
required to equal the embedded store's. Jena's strict parser also checks every query text."""

from __future__ import annotations

import queue
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import capgraph
from capgraph.query import KnowledgeGraph, bind_params, rows_from_solutions, with_values
from capgraph.query._protocol import Answer, parse_results
from conftest_jena import jena_missing, tdb2_load, tdb2_query

from .named_cases import assert_same_rows, case_id, cases

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(jena_missing() is not None, reason=str(jena_missing())),
]

CASES = cases()


@pytest.fixture(scope="module")
def jena_answers(record: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Every case's answer from Jena, two at a time: one JVM per query, and one copy of the
    database per worker (a TDB2 database takes one process at a time)."""
    folder = tmp_path_factory.mktemp("jena")
    nquads = folder / "record.nq"
    nquads.write_bytes(capgraph.export(record, fmt="nq"))
    locations = [folder / "tdb2-a", folder / "tdb2-b"]
    for location in locations:
        tdb2_load(nquads, location)

    free: queue.Queue[Path] = queue.Queue()
    for location in locations:
        free.put(location)

    def ask(case: tuple[str, dict[str, str]]) -> bytes:
        name, params = case
        query = record.queries.get(name)
        text = with_values(query.text, bind_params(query, params))
        location = free.get()  # a copy no other query holds
        try:
            return tdb2_query(location, text)
        finally:
            free.put(location)

    with ThreadPoolExecutor(max_workers=len(locations)) as pool:
        answers = pool.map(ask, CASES)
        return dict(zip(map(case_id, CASES), answers, strict=True))


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_named_query_same_as_embedded(
    case: tuple[str, dict[str, str]], record: KnowledgeGraph, jena_answers: dict
) -> None:
    name, params = case
    answer = Answer("application/sparql-results+json", jena_answers[case_id(case)], "Jena")
    result = parse_results(answer, "tdb2.tdbquery")
    assert not isinstance(result, bool)
    rows = rows_from_solutions(result)  # type: ignore[arg-type]
    assert_same_rows(record.query(name, params), rows, record.queries.get(name))


def test_every_query_is_a_case(record: KnowledgeGraph) -> None:
    assert {name for name, _ in CASES} == set(record.queries.names())


def test_the_union_holds_every_distinct_triple(tmp_path: Path, record: KnowledgeGraph) -> None:
    nquads = tmp_path / "record.nq"
    nquads.write_bytes(capgraph.export(record, fmt="nq"))
    tdb2_load(nquads, tmp_path / "tdb2")
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    answer = Answer("application/sparql-results+json", tdb2_query(tmp_path / "tdb2", count), "")
    result = parse_results(answer, "tdb2.tdbquery")
    assert rows_from_solutions(result) == record.select(count)  # type: ignore[arg-type]
