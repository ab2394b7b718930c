"""Hostile requests against ``capgraph serve`` (a real process on 127.0.0.1).

The endpoint must stay read-only, refuse federation beyond this machine, bound
every query in time and size, keep answering after a runaway query, and bind to
loopback unless told otherwise. ``tests/endpoint`` tests the protocol itself;
these tests attack it.
"""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

import capgraph
from capgraph.server import DEFAULT_HOST, DEFAULT_MAX_RESULTS, DEFAULT_TIMEOUT, make_server
from conftest_servers import ServeProcess, capgraph_serve_process

from .support import run_capgraph

pytestmark = pytest.mark.server

#: A three-way cross product of the record (~4·10⁹ combinations) whose filter never holds:
#: it produces no solution, so it can only be stopped by the time limit.
RUNAWAY = (
    "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i "
    "FILTER(STR(?c) = CONCAT(STR(?f), STR(?i), '-never')) }"
)
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
JSON_RESULTS = "application/sparql-results+json"


@dataclass(frozen=True)
class Reply:
    status: int
    body: str


def request(
    url: str,
    *,
    query: str | None = None,
    form: dict[str, str] | None = None,
    body: bytes | None = None,
    content_type: str | None = None,
    method: str | None = None,
    timeout: float = 60,
) -> Reply:
    """One HTTP request; an HTTP error status is a reply, not an exception."""
    headers = {"Accept": JSON_RESULTS}
    if query is not None:
        form = {"query": query}
    if form is not None:
        body = urllib.parse.urlencode(form).encode()
        content_type = "application/x-www-form-urlencoded"
    if content_type:
        headers["Content-Type"] = content_type
    req = urllib.request.Request(url, data=body, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return Reply(response.status, response.read().decode("utf-8", "replace"))
    except urllib.error.HTTPError as error:
        return Reply(error.code, error.read().decode("utf-8", "replace"))


def count(url: str) -> int:
    reply = request(url, query=COUNT)
    assert reply.status == 200, reply
    return int(json.loads(reply.body)["results"]["bindings"][0]["n"]["value"])


@pytest.fixture(scope="module")
def server() -> Iterator[ServeProcess]:
    with capgraph_serve_process("--timeout", "3", "--max-results", "500") as served:
        yield served


# --- read-only ------------------------------------------------------------------------

UPDATE = 'INSERT DATA { <https://e/x> <https://e/y> "z" }'


@pytest.mark.parametrize(
    ("what", "kwargs", "status"),
    [
        ("update form", {"form": {"update": UPDATE}}, 403),
        ("update in a query form", {"form": {"query": "ASK {}", "update": UPDATE}}, 403),
        (
            "sparql-update body",
            {"body": UPDATE.encode(), "content_type": "application/sparql-update"},
            403,
        ),
        ("INSERT DATA as a query", {"query": UPDATE}, 400),
        ("DELETE WHERE as a query", {"query": "DELETE WHERE { ?s ?p ?o }"}, 400),
        ("LOAD as a query", {"query": "LOAD <http://example.org/data.ttl>"}, 400),
        ("CLEAR ALL as a query", {"query": "CLEAR ALL"}, 400),
        ("DROP ALL as a query", {"query": "DROP ALL"}, 400),
        ("query then update", {"query": "ASK {} ; DROP ALL"}, 400),
        ("PUT", {"body": b"<a> <b> <c> .", "content_type": "text/turtle", "method": "PUT"}, 405),
        ("DELETE", {"method": "DELETE"}, 405),
    ],
)
def test_writes_are_refused(
    server: ServeProcess, what: str, kwargs: dict[str, object], status: int
) -> None:
    before = count(server.url)
    reply = request(server.url, **kwargs)  # type: ignore[arg-type]
    assert reply.status == status, (what, reply)
    assert count(server.url) == before
    ask = request(server.url, query="ASK { <https://e/x> ?p ?o }")
    assert json.loads(ask.body)["boolean"] is False


def test_update_by_get_is_refused(server: ServeProcess) -> None:
    url = server.url + "?" + urllib.parse.urlencode({"update": UPDATE})
    assert request(url).status == 403


# --- federation -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE SILENT <https://10.0.0.1/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { BIND(<http://example.org/sparql> AS ?e) SERVICE ?e { ?s ?p ?o } }",
        "PREFIX r: <http://example.org/> SELECT * WHERE { SERVICE r:sparql { ?s ?p ?o } }",
        "BASE <http://example.org/> SELECT * WHERE { SERVICE <sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { service <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE <http\\u003A//example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE <http://127.0.0.1.example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE <http://[::ffff:8.8.8.8]/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE <file:///etc/passwd> { ?s ?p ?o } }",
    ],
    ids=[
        "iri",
        "silent-private-address",
        "variable",
        "prefixed-name",
        "relative-to-base",
        "lowercase",
        "unicode-escape",
        "lookalike-host",
        "mapped-ipv6",
        "file-scheme",
    ],
)
def test_service_beyond_loopback_is_refused(server: ServeProcess, query: str) -> None:
    reply = request(server.url, query=query)
    assert reply.status == 403, reply
    assert "SERVICE" in reply.body


# --- limits ---------------------------------------------------------------------------


def test_result_size_limit(server: ServeProcess) -> None:
    reply = request(server.url, query="SELECT * WHERE { ?s ?p ?o }")
    assert reply.status == 503, reply.status
    assert "more than 500 results" in reply.body
    limited = request(server.url, query="SELECT * WHERE { ?s ?p ?o } LIMIT 500")
    assert limited.status == 200
    assert len(json.loads(limited.body)["results"]["bindings"]) == 500


def test_construct_is_bounded_too(server: ServeProcess) -> None:
    reply = request(server.url, query="CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert reply.status == 503
    assert "more than 500 results" in reply.body


def test_oversized_and_malformed_requests(server: ServeProcess) -> None:
    big = b"query=" + b"A" * 2_000_000
    reply = request(server.url, body=big, content_type="application/x-www-form-urlencoded")
    assert reply.status == 413
    bad = request(server.url, body=b"\xff\xfe", content_type="application/sparql-query")
    assert bad.status == 400
    assert request(server.url, query="SELECT nonsense").status == 400
    assert count(server.url) > 0  # and the server answers as before


def test_a_runaway_query_times_out_and_the_server_stays_up() -> None:
    with capgraph_serve_process("--timeout", "1") as served:
        reply = request(served.url, query=RUNAWAY)
        assert reply.status == 503
        assert "time limit of 1 s" in reply.body
        assert served.process.poll() is None
        assert count(served.url) > 0


def test_runaway_queries_cannot_starve_the_endpoint() -> None:
    with capgraph_serve_process("--timeout", "1") as served:
        replies: list[Reply] = []
        threads = [
            threading.Thread(target=lambda: replies.append(request(served.url, query=RUNAWAY)))
            for _ in range(9)  # one more than the default number of workers
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert all(reply.status == 503 for reply in replies)
        assert request(served.url, query="ASK {}").status == 200


# --- defaults -------------------------------------------------------------------------


def test_limits_have_finite_defaults() -> None:
    assert 0 < DEFAULT_TIMEOUT <= 60
    assert 0 < DEFAULT_MAX_RESULTS <= 1_000_000
    help_text = " ".join(run_capgraph("serve", "--help").out.split())
    assert f"default: {DEFAULT_TIMEOUT:g}" in help_text
    assert f"default: {DEFAULT_MAX_RESULTS}" in help_text


def test_binds_loopback_by_default(server: ServeProcess) -> None:
    assert DEFAULT_HOST == "127.0.0.1"
    assert server.url.startswith("http://127.0.0.1:")
    bound = make_server(capgraph.open(), port=0)
    try:
        assert bound.server_address[0] == "127.0.0.1"
    finally:
        bound.server_close()
