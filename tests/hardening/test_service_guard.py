"""SERVICE cannot be talked past (issue 14, findings 1 and 10).

Two lines of defence, each tested on its own:

- the text guard (``capgraph.query._lex``) reads prefixed names, IRIs, strings
  and comments by SPARQL 1.1's grammar, as Oxigraph does: hypothesis places
  escapes everywhere and compares the two readings;
- the query workers cannot open a network socket at all (seccomp), so a query
  that gets past the guard still reaches nothing: a listener on 127.0.0.1 must
  receive no connection. Without the confinement the same query does connect,
  so the listener is a real witness.
"""

from __future__ import annotations

import re
import socket
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import capgraph
from capgraph.errors import QueryError
from capgraph.query._lex import remote_services, service_targets
from capgraph.server import Limits
from capgraph.server._pool import HttpError, QueryRunner
from conftest_servers import capgraph_serve_process

from .support import CliResult
from .test_endpoint_hostile import request

BYPASS = (
    "PREFIX ex: <http://e/> SELECT ?x WHERE {{ BIND(ex:a\\#b AS ?s) "
    "SERVICE <http://{target}/sparql> {{ ?x ?y ?z }} }}"
)

# --- the lexer against Oxigraph ----------------------------------------------------------

_ESCAPABLE = "_~.-!$&'()*+,;=/?#@%"
_plx = st.one_of(
    st.sampled_from(["\\" + c for c in _ESCAPABLE]),
    st.from_regex(r"%[0-9A-Fa-f]{2}", fullmatch=True),
)
_first = st.one_of(st.sampled_from(list("aZ_:09é")), _plx)
_middle = st.one_of(st.sampled_from(list("aZ_:09-.·é")), _plx)
_last = st.one_of(st.sampled_from(list("aZ_:09-·é")), _plx)


@st.composite
def local_names(draw: st.DrawFn) -> str:
    """A PN_LOCAL of SPARQL 1.1, with escapes and percent-encoding anywhere."""
    first = draw(_first)
    if draw(st.booleans()):
        return first
    return first + "".join(draw(st.lists(_middle, max_size=6))) + draw(_last)


_echar = st.sampled_from(["\\t", "\\n", '\\"', "\\'", "\\\\", "\\u0023", "\\U0000005C"])
_text = st.sampled_from(["#", "service", "SERVICE <http://x/>", "<", ">", " ", "a", "'", '"'])


@st.composite
def fragments(draw: st.DrawFn) -> str:
    """A term that might end a careless token early: escaped names, strings, IRIs."""
    kind = draw(st.sampled_from(["pname", "string1", "string2", "long1", "long2", "iri"]))
    if kind == "pname":
        return "ex:" + draw(local_names())
    body = "".join(draw(st.lists(st.one_of(_echar, _text), max_size=6)))
    if kind == "string1":
        return "'" + body.replace("'", "\\'") + "'"
    if kind == "string2":
        return '"' + body.replace('"', '\\"') + '"'
    if kind in ("long1", "long2"):
        quote = "'''" if kind == "long1" else '"""'
        return quote + body.replace(quote[0], "\\" + quote[0]) + quote
    return "<http://e/" + urllib.parse.quote(body, safe="") + "\\u0041\\u0023x>"


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(local=local_names())
def test_prefixed_names_resolve_as_oxigraph_resolves_them(local: str) -> None:
    query = f"PREFIX ex: <http://e/> SELECT ?v WHERE {{ BIND(ex:{local} AS ?v) }}"
    try:
        solutions = list(ox.Store().query(query))  # type: ignore[union-attr]
    except SyntaxError:  # e.g. ex:a\% is not an IRI: Oxigraph runs nothing
        assume(False)
    iri = solutions[0]["v"].value
    service = f"PREFIX ex: <http://e/> SELECT * WHERE {{ SERVICE ex:{local} {{ ?s ?p ?o }} }}"
    assert service_targets(service) == [iri]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(before=st.lists(fragments(), min_size=1, max_size=3))
def test_no_term_hides_a_service_after_it(before: list[str]) -> None:
    binds = " ".join(f"BIND({term} AS ?v{i})" for i, term in enumerate(before))
    body = "{binds} {kw} <http://192.0.2.1/sparql> {{ ?x ?y ?z }}"
    graph = "PREFIX ex: <http://e/> SELECT * WHERE { " + body.format(binds=binds, kw="GRAPH") + "}"
    try:
        list(ox.Store().query(graph))  # type: ignore[union-attr]
    except SyntaxError:  # a name such as ex:a\% that is no IRI: Oxigraph runs nothing
        assume(False)
    service = graph.replace("GRAPH <http://192.0.2.1/", "SERVICE <http://192.0.2.1/")
    assert "http://192.0.2.1/sparql" in remote_services(service)


def test_the_reported_bypass_is_refused() -> None:
    assert remote_services(BYPASS.format(target="0.0.0.0:9")) == ["http://0.0.0.0:9/sparql"]


def test_a_stray_backslash_near_service_is_refused() -> None:
    assert remote_services("SELECT * WHERE { \\ SERVICE <http://127.0.0.1/> {} }") != []


# --- a listener that must hear nothing ---------------------------------------------------


@contextmanager
def listener() -> Iterator[tuple[int, list[bytes]]]:
    """A TCP listener on 127.0.0.1; yields its port and what connected clients sent."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.2)
    heard: list[bytes] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with connection:
                connection.settimeout(2)
                try:
                    heard.append(connection.recv(4096) or b"(connected)")
                except OSError:
                    heard.append(b"(connected)")

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1], heard
    finally:
        stop.set()
        thread.join(timeout=5)
        server.close()


@pytest.mark.server
def test_serve_sends_nothing_to_a_loopback_listener() -> None:
    with listener() as (port, heard), capgraph_serve_process("--timeout", "3") as served:
        for target in (f"127.0.0.1:{port}", f"localhost:{port}", f"0.0.0.0:{port}"):
            for query in (
                BYPASS.format(target=target),
                f"SELECT * WHERE {{ SERVICE <http://{target}/sparql> {{ ?s ?p ?o }} }}",
                f"SELECT * WHERE {{ SERVICE SILENT <http://{target}/> {{ ?s ?p ?o }} }}",
            ):
                reply = request(served.url, query=query)
                assert reply.status == 403, (query, reply)
                assert "--allow-service-to" in reply.body
    assert heard == []


def _service_past_the_guard(runner: QueryRunner, port: int) -> str:
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    try:
        runner.run(query)
    except HttpError as error:
        return error.message
    return "answered"


@pytest.mark.server
def test_confined_workers_cannot_connect_even_past_the_guard() -> None:
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o")))
    with listener() as (port, heard):
        runner = QueryRunner(store, Limits(timeout=10, max_running=1))
        try:
            message = _service_past_the_guard(runner, port)
        finally:
            runner.close()
        assert "not permitted" in message, message
        assert heard == []
        # The witness: an unconfined worker does reach the listener.
        runner = QueryRunner(store, Limits(timeout=3, max_running=1, confine=False))
        try:
            _service_past_the_guard(runner, port)
        finally:
            runner.close()
        assert heard, "an unconfined worker should have connected"


# --- SERVICE in a project's own files ----------------------------------------------------

_SERVICE = "SELECT ?focus WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?focus ?p ?o }} }}\n"
_SELECT_SHAPE = """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <https://example.org/> .
ex:RemoteShape a sh:NodeShape ; sh:targetNode ex:x ;
  sh:sparql [ sh:message "remote" ; sh:select \"\"\"
    SELECT $this WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ $this ?p ?o }} }}\"\"\" ] .
"""


@pytest.mark.parametrize(
    ("where", "command", "text"),
    [
        ("queries/remote.rq", ("query", "remote"), "# title: remote\n" + _SERVICE),
        ("shapes/checks/remote-violation.rq", ("validate",), _SERVICE),
        ("shapes/remote.ttl", ("validate",), _SELECT_SHAPE),
    ],
)
def test_service_in_project_files_is_refused(
    project: Path, cli: Callable[..., CliResult], where: str, command: tuple[str, ...], text: str
) -> None:
    with listener() as (port, heard):
        target = project / where
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text.format(port=port), encoding="utf-8")
        result = cli("--project", str(project), *command)
        result.assert_one_line_error(re.escape(where) + r": SERVICE .*--allow-service")
        allowed = cli("--project", str(project), *command, "--allow-service")
    assert allowed.code == 2 or heard, "with --allow-service the call should go out"
    assert "Traceback" not in allowed.err


def test_embedded_queries_cannot_connect_even_past_the_guard() -> None:
    kg = capgraph.open()
    with listener() as (port, heard):
        text = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
        with pytest.raises(QueryError, match="not permitted"):
            kg.select(text)  # inline text is not a project file: only confinement stops it
    assert heard == []
