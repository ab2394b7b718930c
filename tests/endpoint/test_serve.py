"""``capgraph serve``: a real read-only SPARQL endpoint on 127.0.0.1, queried over HTTP."""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from SPARQLWrapper import CSV, JSON, POST, POSTDIRECTLY, SPARQLWrapper

from capgraph.query import KnowledgeGraph, remote
from capgraph.server import SparqlServer, make_server
from capgraph.server import _pool as bounded_query
from conftest_servers import capgraph_serve_process, capgraph_server

from .named_cases import assert_same_rows, case_id, cases

pytestmark = pytest.mark.server

COUNCIL = "https://w3id.org/capgraph/id/body/council"
CAP = "https://w3id.org/capgraph/ontology#"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
STRAY = "INSERT DATA { <urn:x:stray> <urn:x:p> <urn:x:o> }"


def http(
    url: str,
    *,
    query: str | None = None,
    method: str = "GET",
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, str, bytes]:
    """Status, Content-Type and body of one request (errors included)."""
    if query is not None:
        url += "?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def sparqlwrapper(url: str, query: str) -> SPARQLWrapper:
    client = SPARQLWrapper(url)
    client.setQuery(query)
    client.setReturnFormat(JSON)
    return client


def test_sparqlwrapper_select_equals_embedded(
    served_record: SparqlServer, record: KnowledgeGraph
) -> None:
    query = (
        f"SELECT ?session ?n WHERE {{ ?session <{CAP}heldBy> <{COUNCIL}> ; <{CAP}ordinal> ?n }} "
        "ORDER BY ?n"
    )
    answer = sparqlwrapper(served_record.url, query).query().convert()
    assert isinstance(answer, dict)
    served = [(b["session"]["value"], int(b["n"]["value"])) for b in answer["results"]["bindings"]]
    embedded = [(row["session"], row["n"]) for row in record.select(query)]
    assert served == embedded
    assert served  # the record has Council sessions


@pytest.mark.parametrize("case", cases(), ids=case_id)
def test_named_query_same_embedded_and_served(
    case: tuple[str, dict[str, str]], served_record: SparqlServer, record: KnowledgeGraph
) -> None:
    name, params = case
    served = remote(served_record.url).query(name, params)
    assert_same_rows(record.query(name, params), served, record.queries.get(name))


def _unchanged(record: KnowledgeGraph, size: int) -> None:
    assert len(record.store) == size
    assert record.select("ASK { <urn:x:stray> ?p ?o }").column("result") == [False]


def test_sparqlwrapper_update_is_refused(
    served_record: SparqlServer, record: KnowledgeGraph
) -> None:
    size = len(record.store)
    for request_method in (None, POSTDIRECTLY):  # form-encoded update=, then sparql-update
        client = SPARQLWrapper(served_record.url, updateEndpoint=served_record.url)
        client.setMethod(POST)
        if request_method:
            client.setRequestMethod(request_method)
        client.setQuery(STRAY)
        with pytest.raises(urllib.error.HTTPError) as refused:
            client.query()
        assert refused.value.code == 403
        assert b"read-only" in refused.value.read()
    _unchanged(record, size)


@pytest.mark.parametrize(
    ("method", "body", "headers", "query", "status"),
    [
        ("GET", None, {}, None, 403),  # update= in the URL
        ("POST", STRAY.encode(), {"Content-Type": "application/sparql-query"}, None, 400),
        ("GET", None, {}, "LOAD <http://example.org/data.ttl>", 400),
        ("GET", None, {}, "DROP ALL", 400),
        ("PUT", b"<urn:x:a> <urn:x:b> <urn:x:c> .", {"Content-Type": "text/turtle"}, None, 405),
        ("DELETE", None, {}, None, 405),
    ],
    ids=["get-update", "update-as-query", "load", "drop", "put", "delete"],
)
def test_writes_in_other_guises_are_refused(
    served_record: SparqlServer,
    record: KnowledgeGraph,
    method: str,
    body: bytes | None,
    headers: dict[str, str],
    query: str | None,
    status: int,
) -> None:
    size = len(record.store)
    url = served_record.url
    if method == "GET" and query is None:
        url += "?" + urllib.parse.urlencode({"update": STRAY})
    assert http(url, query=query, method=method, body=body, headers=headers)[0] == status
    _unchanged(record, size)


@pytest.mark.parametrize(
    "target",
    [
        "<http://example.org/sparql>",
        "<https://10.0.0.1/sparql>",
        "?endpoint",
        "ex:sparql",
    ],
)
def test_service_to_a_non_loopback_host_is_refused(
    served_record: SparqlServer, target: str
) -> None:
    query = (
        "PREFIX ex: <http://example.org/> "
        f"SELECT * WHERE {{ SERVICE SILENT {target} {{ ?s ?p ?o }} }}"
    )
    status, _, body = http(served_record.url, query=query)
    assert status == 403
    assert b"SERVICE is refused by this endpoint" in body


def test_service_to_loopback_is_refused_by_default(served_record: SparqlServer) -> None:
    query = f"SELECT ?o WHERE {{ SERVICE <{served_record.url}> {{ <{COUNCIL}> <{LABEL}> ?o }} }}"
    assert http(served_record.url, query=query)[0] == 403


def test_service_to_an_allowed_host_runs(record: KnowledgeGraph) -> None:
    with capgraph_server(record, max_running=2, allow_service_to=("127.0.0.1",)) as server:
        query = f"SELECT ?o WHERE {{ SERVICE <{server.url}> {{ <{COUNCIL}> <{LABEL}> ?o }} }}"
        status, _, body = http(server.url, query=query)
        assert status == 200
        assert json.loads(body)["results"]["bindings"]


def test_result_limit_gives_an_http_error_and_the_server_stays_up(
    record: KnowledgeGraph,
) -> None:
    with capgraph_server(record, max_results=1000, max_running=1) as server:
        cross = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        status, _, body = http(server.url, query=cross)
        assert status == 503
        assert b"more than 1000 results" in body
        assert http(server.url, query="ASK { ?s ?p ?o }")[:2] == (
            200,
            "application/sparql-results+json",
        )


def test_time_limit_gives_an_http_error_and_the_server_stays_up(record: KnowledgeGraph) -> None:
    # About 4e9 solutions streamed one by one: it cannot finish within the limit,
    # and the worker stops at the first solution after the deadline.
    endless = "SELECT ?x WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i BIND(1 AS ?x) }"
    with capgraph_server(record, timeout=0.5, max_results=10**9, max_running=2) as server:
        status, _, body = http(server.url, query=endless)
        assert status == 503
        assert b"time limit of 0.5 s" in body
        assert http(server.url, query="ASK { ?s ?p ?o }")[0] == 200


def test_query_stuck_before_its_first_solution_is_stopped(record: KnowledgeGraph) -> None:
    # No solution ever passes the FILTER, so pyoxigraph works through about 4e9
    # combinations (hours) without returning once. The worker process running it
    # is killed at the deadline and a fresh one takes its place.
    stuck = (
        "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i "
        "FILTER(STR(?c) = CONCAT(STR(?f), STR(?i), '-never')) }"
    )
    with capgraph_server(record, timeout=0.5, max_running=1) as server:
        [before] = server.runner.worker_pids()
        status, _, body = http(server.url, query=stuck)
        assert (status, b"time limit of 0.5 s" in body) == (503, True)
        deadline = time.monotonic() + 60
        while http(server.url, query="ASK {}")[0] != 200:
            assert time.monotonic() < deadline, "no worker came back after the stuck query"
        [after] = server.runner.worker_pids()
        assert after != before
        with pytest.raises(ProcessLookupError):
            os.kill(before, 0)  # the stuck query's process is gone, not computing on


def test_default_bind_address_is_loopback(record: KnowledgeGraph) -> None:
    server = make_server(record, port=0, max_running=1)
    try:
        assert server.server_address[0] == "127.0.0.1"
        assert server.url.startswith("http://127.0.0.1:")
    finally:
        server.server_close()


@pytest.mark.parametrize(
    ("accept", "content_type", "start"),
    [
        (None, "application/sparql-results+json", b'{"head"'),
        ("application/sparql-results+xml", "application/sparql-results+xml", b"<?xml"),
        ("text/csv", "text/csv; charset=utf-8", b"label\r\n"),
        ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8", b"?label\n"),
        ("text/html,*/*;q=0.8", "application/sparql-results+json", b'{"head"'),
    ],
)
def test_select_content_negotiation(
    served_record: SparqlServer, accept: str | None, content_type: str, start: bytes
) -> None:
    query = f"SELECT ?label WHERE {{ <{COUNCIL}> <{LABEL}> ?label }}"
    status, served_type, body = http(
        served_record.url, query=query, headers={"Accept": accept} if accept else {}
    )
    assert (status, served_type) == (200, content_type)
    assert body.startswith(start)


@pytest.mark.parametrize(
    ("accept", "content_type", "start"),
    [
        (None, "application/n-triples", b"<" + COUNCIL.encode()),
        ("text/turtle", "text/turtle; charset=utf-8", b"@prefix"),
    ],
)
def test_construct_content_negotiation(
    served_record: SparqlServer, accept: str | None, content_type: str, start: bytes
) -> None:
    query = f"CONSTRUCT WHERE {{ <{COUNCIL}> ?p ?o }}"
    status, served_type, body = http(
        served_record.url, query=query, headers={"Accept": accept} if accept else {}
    )
    assert (status, served_type) == (200, content_type)
    assert body.startswith(start)


def test_unacceptable_format_is_406(served_record: SparqlServer) -> None:
    status, _, body = http(served_record.url, query="ASK {}", headers={"Accept": "image/png"})
    assert status == 406
    assert b"application/sparql-results+json" in body


def test_post_forms_answer_like_get(served_record: SparqlServer) -> None:
    query = "ASK { ?s ?p ?o }"
    form = urllib.parse.urlencode({"query": query}).encode()
    answers = [
        http(served_record.url, query=query),
        http(
            served_record.url,
            method="POST",
            body=form,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        ),
        http(
            served_record.url,
            method="POST",
            body=query.encode(),
            headers={"Content-Type": "application/sparql-query"},
        ),
    ]
    assert {a[0] for a in answers} == {200}
    assert {json.loads(a[2])["boolean"] for a in answers} == {True}


@pytest.mark.parametrize(
    ("path", "method", "body", "headers", "status"),
    [
        ("/nowhere", "GET", None, {}, 404),
        ("/sparql", "GET", None, {}, 400),
        ("/sparql", "POST", b"query=ASK{}", {"Content-Type": "text/plain"}, 415),
        ("/sparql", "POST", b"x" * 1_000_001, {"Content-Type": "application/sparql-query"}, 413),
        ("/sparql", "POST", b"\xff\xfe", {"Content-Type": "application/sparql-query"}, 400),
        ("/queries/no-such-query.rq", "GET", None, {}, 404),
    ],
    ids=["unknown-path", "no-query", "wrong-type", "too-large", "not-utf8", "unknown-rq"],
)
def test_bad_requests_get_clear_errors(
    served_record: SparqlServer,
    path: str,
    method: str,
    body: bytes | None,
    headers: dict[str, str],
    status: int,
) -> None:
    base = served_record.url.rsplit("/", 1)[0]
    served_status, content_type, message = http(
        base + path, method=method, body=body, headers=headers
    )
    assert served_status == status
    assert content_type == "text/plain; charset=utf-8"
    assert message.strip()


def test_index_page_lists_the_named_queries(
    served_record: SparqlServer, record: KnowledgeGraph
) -> None:
    base = served_record.url.rsplit("/", 1)[0]
    status, content_type, page = http(base + "/")
    assert (status, content_type) == (200, "text/html; charset=utf-8")
    for query in record.queries.all():
        assert f"<code>{query.name}</code>".encode() in page
        text = http(f"{base}/queries/{query.name}.rq")[2].decode()
        assert text == query.text


def test_one_log_line_per_request(
    served_record: SparqlServer, capsys: pytest.CaptureFixture[str]
) -> None:
    http(served_record.url, query="ASK {}")
    http(served_record.url + "?update=x")
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith('127.0.0.1 "GET /sparql?query=ASK')
    assert " 200 " in lines[0]
    assert " 403 " in lines[1]


@pytest.mark.slow
def test_cli_serve_answers_sparqlwrapper_and_refuses_updates(record: KnowledgeGraph) -> None:
    with capgraph_serve_process("--max-results", "500") as served:
        assert served.url.startswith("http://127.0.0.1:")
        client = sparqlwrapper(served.url, f"ASK {{ <{COUNCIL}> ?p ?o }}")
        assert client.query().convert() == {"head": {}, "boolean": True}
        csv = SPARQLWrapper(served.url)
        csv.setQuery("SELECT * WHERE { ?s ?p ?o }")
        csv.setReturnFormat(CSV)
        with pytest.raises(urllib.error.HTTPError) as limited:
            csv.query()
        assert limited.value.code == 503
        update = SPARQLWrapper(served.url, updateEndpoint=served.url)
        update.setMethod(POST)
        update.setQuery(STRAY)
        with pytest.raises(urllib.error.HTTPError) as refused:
            update.query()
        assert refused.value.code == 403
        assert sparqlwrapper(served.url, "ASK { <urn:x:stray> ?p ?o }").query().convert() == {
            "head": {},
            "boolean": False,
        }


def test_large_records_are_shared_from_disk(
    record: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Above IN_MEMORY_QUADS the workers open one read-only store instead of each
    # loading a copy; the answers must not change.
    monkeypatch.setattr(bounded_query, "IN_MEMORY_QUADS", 0)
    with capgraph_server(record, max_running=1) as server:
        assert list(server.runner._snapshot.iterdir())  # a store folder, not an .nq file
        served = remote(server.url).query("status-steps")
    assert_same_rows(record.query("status-steps"), served, record.queries.get("status-steps"))
