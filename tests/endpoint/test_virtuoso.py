"""Virtuoso as a store: publish the record to a real Virtuoso on 127.0.0.1 (Graph Store
Protocol, and SPARQL Update in batches with a password), then ask it every named and built-in
query and every command, and require the embedded store's answers.

Five queries still meet Virtuoso 7.2's limits and bugs, and are expected to fail until they
are rewritten (strict: a pass is reported, so the mark cannot outlive the fix):

- ``status-decisions`` and ``trace-decisions`` project over 20 columns with DISTINCT and
  ORDER BY ("SQ186: Over 20 keys in group by or hash join"), which also breaks ``status``,
  ``history``, ``trace`` and the approvals view;
- ``cq-virtual-sessions`` (VALUES + GRAPH + a ``skos:broader*`` path) returns fewer rows;
- ``cq-approval-chain``: Virtuoso's CONCAT treats an unbound value as "";
- ``asof-decisions``: one undated expected decision comes back twice, DISTINCT or GROUP BY
  (capgraph groups its rows by decision, so ``--as-of`` answers do not change).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from capgraph.query import Credentials, KnowledgeGraph, RemoteGraph, publish, remote
from conftest_servers import run_cli
from conftest_stores import VirtuosoServer, virtuoso_server

from .named_cases import assert_same_rows, case_id, cases

pytestmark = pytest.mark.server

#: The queries that meet a Virtuoso limit or bug, and why (see the module docstring).
VIRTUOSO_LIMITS = {
    "status-decisions": "over 20 DISTINCT and ORDER BY keys (SQ186)",
    "trace-decisions": "over 20 DISTINCT and ORDER BY keys (SQ186)",
    "cq-virtual-sessions": "VALUES + GRAPH + skos:broader* returns fewer rows",
    "cq-approval-chain": "CONCAT over an unbound value gives '' instead of unbound",
    "asof-decisions": "DISTINCT (and GROUP BY) keep a duplicate row whose columns are unbound",
}
COUNT = (
    "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
    "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/capgraph')) }"
)


@pytest.fixture(scope="module")
def virtuoso(record: KnowledgeGraph) -> Iterator[VirtuosoServer]:
    with virtuoso_server() as server:
        publish(record, graph_store_url=server.store_url)
        yield server


@pytest.fixture(scope="module")
def on_virtuoso(virtuoso: VirtuosoServer) -> RemoteGraph:
    return remote(virtuoso.query_url)


def test_publish_sends_every_triple(record: KnowledgeGraph, on_virtuoso: RemoteGraph) -> None:
    assert on_virtuoso.select(COUNT) == record.select(COUNT)


def test_publish_by_update_with_a_password(
    record: KnowledgeGraph, virtuoso: VirtuosoServer, on_virtuoso: RemoteGraph
) -> None:
    summary = publish(
        record,
        update_url=virtuoso.base_url + "/sparql-auth",
        batch_triples=500,
        credentials=Credentials("dba", "dba"),
    )
    assert summary.requests > 1
    assert on_virtuoso.select(COUNT) == record.select(COUNT)  # replaced, not added
    blank = "SELECT (COUNT(DISTINCT ?b) AS ?n) WHERE { GRAPH ?g { ?b ?p ?o FILTER isBlank(?b) }}"
    assert on_virtuoso.select(blank) == record.select(blank)


def test_a_wrong_password_is_one_line(virtuoso: VirtuosoServer, tmp_path: Path) -> None:
    os.environ["CAPGRAPH_PASSWORD"] = "not-the-password"
    try:
        code, out, err = run_cli(
            "publish", "--update", virtuoso.base_url + "/sparql-auth", "--user", "dba"
        )
    finally:
        del os.environ["CAPGRAPH_PASSWORD"]
    assert (code, out) == (2, "")
    assert "HTTP 401" in err
    assert len(err.splitlines()) == 1


def _case(case: tuple[str, dict[str, str]]) -> object:
    reason = VIRTUOSO_LIMITS.get(case[0])
    if case == ("cq-approval-chain", case[1]) and case[1]:
        reason = None  # one version: no step lacks the value CONCAT reads
    marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
    return pytest.param(case, id=case_id(case), marks=marks)


@pytest.mark.parametrize("case", [_case(c) for c in cases()])
def test_named_query_same_as_embedded(
    case: tuple[str, dict[str, str]], record: KnowledgeGraph, on_virtuoso: RemoteGraph
) -> None:
    name, params = case
    embedded = record.query(name, params)
    assert_same_rows(embedded, on_virtuoso.query(name, params), record.queries.get(name))


@pytest.mark.parametrize(
    "argv",
    [["sources"], ["conflicts", "--format", "json"], ["query", "cq-bodies", "--format", "csv"]],
    ids=" ".join,
)
def test_command_same_as_embedded(argv: list[str], virtuoso: VirtuosoServer) -> None:
    assert run_cli(*argv, "--endpoint", virtuoso.query_url) == run_cli(*argv)


@pytest.mark.xfail(reason=VIRTUOSO_LIMITS["status-decisions"], strict=True)
@pytest.mark.parametrize("argv", [["status"], ["history", "--format", "json"]], ids=" ".join)
def test_procedure_commands_same_as_embedded(argv: list[str], virtuoso: VirtuosoServer) -> None:
    assert run_cli(*argv, "--endpoint", virtuoso.query_url) == run_cli(*argv)
