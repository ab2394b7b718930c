"""Publish the bundled record to a real ``oxigraph serve`` and ask it every named query."""

from __future__ import annotations

import json
import urllib.request
from datetime import date
from decimal import Decimal

import pyoxigraph as ox
import pytest

import capgraph
from capgraph.errors import EndpointError, QueryError
from capgraph.query import KnowledgeGraph, RemoteGraph, graph_store_url_for, publish, remote
from conftest_servers import OxigraphServer, free_port, oxigraph_server, publish_with_cli, run_cli

from .named_cases import as_multiset, assert_same_rows, bundled_queries, case_id, cases

pytestmark = pytest.mark.server

GRAPH = ox.NamedNode("urn:x:graph")
GYM = ox.NamedNode("http://www.w3.org/2001/XMLSchema#gYearMonth")
COUNT_PER_GRAPH = """
SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g
"""


@pytest.fixture(scope="module")
def published(oxigraph: OxigraphServer) -> tuple[OxigraphServer, str]:
    """The Oxigraph server after ``capgraph publish --endpoint URL``, and what it printed."""
    return oxigraph, publish_with_cli(oxigraph)


@pytest.fixture(scope="module")
def remote_record(published: tuple[OxigraphServer, str]) -> RemoteGraph:
    return remote(published[0].query_url)


def test_publish_puts_every_graph_with_its_triples(
    published: tuple[OxigraphServer, str], record: KnowledgeGraph, remote_record: RemoteGraph
) -> None:
    _, out = published
    graphs = record.graph_names()
    assert f"published {len(graphs)} graphs, {len(record)} triples" in out
    assert remote_record.select(COUNT_PER_GRAPH) == record.select(COUNT_PER_GRAPH)
    assert len(remote_record.select(COUNT_PER_GRAPH)) == len(graphs)
    assert "https://w3id.org/capgraph/ontology" in graphs  # the ontology is a graph too


def test_publish_again_replaces_each_graph(
    published: tuple[OxigraphServer, str], record: KnowledgeGraph, remote_record: RemoteGraph
) -> None:
    server, _ = published
    graph = record.graph_names()[0]
    stray = f"INSERT DATA {{ GRAPH <{graph}> {{ <urn:x:stray> <urn:x:p> 1 }} }}"
    request = urllib.request.Request(
        server.update_url,
        data=stray.encode(),
        headers={"Content-Type": "application/sparql-update"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status in (200, 204)
    assert remote_record.select("ASK { <urn:x:stray> ?p ?o }").column("result") == [True]

    summary = publish(record, endpoint_url=server.query_url)

    assert summary.triples == len(record)
    assert remote_record.select("ASK { <urn:x:stray> ?p ?o }").column("result") == [False]
    assert remote_record.select(COUNT_PER_GRAPH) == record.select(COUNT_PER_GRAPH)


@pytest.mark.parametrize("case", cases(), ids=case_id)
def test_named_query_same_embedded_and_remote(
    case: tuple[str, dict[str, str]], record: KnowledgeGraph, remote_record: RemoteGraph
) -> None:
    name, params = case
    embedded = record.query(name, params)
    assert_same_rows(embedded, remote_record.query(name, params), record.queries.get(name))


def test_every_named_query_has_a_case() -> None:
    assert {name for name, _ in cases()} == {q.name for q in bundled_queries()}


@pytest.mark.parametrize("case", cases(), ids=case_id)
def test_cli_query_with_endpoint_matches_embedded(
    case: tuple[str, dict[str, str]], published: tuple[OxigraphServer, str]
) -> None:
    name, params = case
    options = [f"--param={key}={value}" for key, value in params.items()]
    code, embedded, _ = run_cli("query", name, *options, "--format", "json")
    remote_code, answered, err = run_cli(
        "query", name, *options, "--format", "json", "--endpoint", published[0].query_url
    )
    assert (code, remote_code, err) == (0, 0, "")
    as_rows = [json.dumps(row, sort_keys=True) for row in json.loads(answered)]
    assert sorted(as_rows) == sorted(json.dumps(r, sort_keys=True) for r in json.loads(embedded))


def test_literals_keep_their_datatypes(record: KnowledgeGraph, remote_record: RemoteGraph) -> None:
    sparql = """
    PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
    SELECT ?int ?month ?year ?day ?dec ?bool ?lang ?plain ?iri ?unbound WHERE {
      VALUES (?int ?month ?year ?day ?dec ?bool ?lang ?plain ?iri) {
        (137 "2009-06"^^xsd:gYearMonth "2020"^^xsd:gYear "2019-10-01"^^xsd:date 1.50
         true "Conseil"@fr "113th/114th" <https://w3id.org/capgraph/id/body/council>) }
      OPTIONAL { ?iri <urn:x:none> ?unbound }
    }"""
    rows = remote_record.select(sparql)
    assert rows == record.select(sparql)
    assert rows == [
        {
            "int": 137,
            "month": capgraph.PartialDate(2009, 6),
            "year": capgraph.PartialDate(2020),
            "day": date(2019, 10, 1),
            "dec": Decimal("1.50"),
            "bool": True,
            "lang": "Conseil",
            "plain": "113th/114th",
            "iri": "https://w3id.org/capgraph/id/body/council",
            "unbound": None,
        }
    ]


def test_parameter_values_cannot_inject(remote_record: RemoteGraph) -> None:
    hostile = "https://w3id.org/capgraph/id/x> } ?s ?p ?o . { <urn:y"
    with pytest.raises(capgraph.ParameterError):
        remote_record.query("trace-links", {"node": hostile})


def test_updates_are_not_sent_to_a_remote(remote_record: RemoteGraph) -> None:
    with pytest.raises(QueryError, match="only queried"):
        remote_record.select("INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }")
    assert remote_record.select("ASK { <urn:x:a> ?p ?o }").column("result") == [False]


def test_unknown_query_name_lists_the_known_ones(remote_record: RemoteGraph) -> None:
    with pytest.raises(QueryError, match=r"known queries: .*status-steps"):
        remote_record.query("no-such-query")


def test_server_message_reaches_the_user(published: tuple[OxigraphServer, str]) -> None:
    graph = remote(published[0].query_url)
    with pytest.raises(EndpointError) as raised:
        graph.select("SELECT ?x WHERE { ?x ?y }")
    message = str(raised.value)
    assert published[0].query_url in message
    assert "error" in message.lower()  # Oxigraph's parse error, passed on


def test_not_found_names_the_url_and_status(published: tuple[OxigraphServer, str]) -> None:
    url = published[0].base_url + "/no-such-endpoint"
    with pytest.raises(EndpointError, match=f"{url}.*404"):
        remote(url).query("status-processes")


def test_connection_refused_is_an_endpoint_error() -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(EndpointError, match=f"{url}: cannot connect"):
        remote(url).query("status-processes")


@pytest.mark.parametrize(
    "argv",
    [
        ["query", "status-processes", "--endpoint", "http://127.0.0.1:{port}/query"],
        ["publish", "--endpoint", "http://127.0.0.1:{port}/query"],
        ["publish", "--graph-store", "http://127.0.0.1:{port}/store"],
    ],
)
def test_cli_unreachable_endpoint_exits_2(argv: list[str]) -> None:
    port = free_port()
    code, out, err = run_cli(*(arg.format(port=port) for arg in argv))
    assert code == 2
    assert out == ""
    assert err.startswith("capgraph: error: http://127.0.0.1:")
    assert "cannot connect" in err
    assert err.count("\n") == 1  # one line, no traceback


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["query", "status-processes", "--endpoint", "ftp://example.org/q"], "not an http"),
        (["query", "status-processes", "--endpoint", "localhost:7878"], "not an http"),
        (["publish", "--endpoint", "http://127.0.0.1:1/ds"], "--graph-store"),
        (["publish"], "needs an endpoint URL"),
    ],
)
def test_cli_bad_endpoint_urls_exit_2(argv: list[str], message: str) -> None:
    code, _, err = run_cli(*argv)
    assert code == 2
    assert message in err
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("endpoint", "store"),
    [
        ("http://127.0.0.1:7878/query", "http://127.0.0.1:7878/store"),
        ("http://127.0.0.1:7878", "http://127.0.0.1:7878/store"),
        ("http://host:3030/ds/sparql", "http://host:3030/ds/store"),
        ("https://host/db/query/?x=1", "https://host/db/store"),
    ],
)
def test_graph_store_url_rule(endpoint: str, store: str) -> None:
    assert graph_store_url_for(endpoint) == store


def test_remote_without_union_default_graph_needs_graph_uris(record: KnowledgeGraph) -> None:
    with oxigraph_server(union_default_graph=False) as server:
        publish(record, endpoint_url=server.query_url)
        plain = remote(server.query_url)
        with pytest.raises(EndpointError, match="default graph is not the union of its named"):
            plain.query("status-processes")  # not "0 rows": the store is set up otherwise
        code, out, err = run_cli("status", "--endpoint", server.query_url)
        assert (code, out) == (2, "")
        assert "--union-default-graph" in err
        assert len(err.splitlines()) == 1
        explicit = remote(server.query_url, default_graph_uris=tuple(record.graph_names()))
        assert as_multiset(explicit.query("status-processes")) == as_multiset(
            record.query("status-processes")
        )


def test_publish_sends_the_default_graph_too(record: KnowledgeGraph) -> None:
    store = ox.Store()
    plain = ox.Quad(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p"), ox.Literal("in default"))
    named = ox.Quad(
        ox.BlankNode(), ox.NamedNode("urn:x:p"), ox.Literal("2009-06", datatype=GYM), GRAPH
    )
    store.extend([plain, named])
    with oxigraph_server() as server:
        summary = publish(
            KnowledgeGraph(record.project, store, None), graph_store_url=server.store_url
        )
        assert [(g.iri, g.triples) for g in summary.graphs] == [(None, 1), (GRAPH.value, 1)]
        check = remote(server.query_url)
        assert check.select("SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o") == [
            {"o": capgraph.PartialDate(2009, 6)},
            {"o": "in default"},
        ]


def test_publish_refuses_a_graph_named_by_a_blank_node(record: KnowledgeGraph) -> None:
    store = ox.Store()
    subject, predicate = ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p")
    store.add(ox.Quad(subject, predicate, ox.Literal("x"), ox.BlankNode()))
    with pytest.raises(EndpointError, match="blank node"):
        publish(KnowledgeGraph(record.project, store, None), graph_store_url="http://127.0.0.1:1/")


def test_publish_by_update_in_batches_gives_the_same_store(record: KnowledgeGraph) -> None:
    with oxigraph_server() as server:
        summary = publish(record, update_url=server.update_url, batch_triples=300)
        assert summary.triples == len(record)
        assert 1 < summary.requests < len(summary.graphs)  # many graphs per request
        again = publish(record, update_url=server.update_url)  # replaces, does not add
        assert again.requests == 1
        check = remote(server.query_url)
        assert check.select(COUNT_PER_GRAPH) == record.select(COUNT_PER_GRAPH)
        blank = (
            "SELECT (COUNT(DISTINCT ?b) AS ?n) WHERE { GRAPH ?g { ?b ?p ?o FILTER isBlank(?b) } }"
        )
        assert check.select(blank) == record.select(blank)


def test_publish_to_a_wrong_url_says_what_the_url_looks_like(record: KnowledgeGraph) -> None:
    expected = r"looks like http://HOST:7878/store \(Oxigraph\)"
    with oxigraph_server() as server, pytest.raises(EndpointError, match=expected):
        publish(record, graph_store_url=server.base_url + "/nothing-here")
