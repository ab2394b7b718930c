"""A read-only SPARQL 1.1 Protocol endpoint over the record, on loopback by default.

What it promises (docs/remote.md lists the tests behind each):

- **Read-only.** Only queries run. A request carrying ``update=`` or sent as
  ``application/sparql-update`` gets 403; an update sent as a query (``LOAD``,
  ``INSERT DATA`` ...) does not parse as a query and gets 400; PUT, DELETE and
  PATCH get 405. Queries run in worker processes over a copy of the record, so
  the record's own store is never touched by a request.
- **No federation.** ``SERVICE`` gets 403 before the query runs, unless its
  host was allowed with ``--allow-service-to HOST`` (a variable target never
  is; see ``capgraph.query._lex``). Behind that text check, the query workers
  cannot open network sockets at all (``capgraph.store._confine``), unless some host
  was allowed.
- **No parser crash.** A query nested deeper than ``MAX_QUERY_NESTING``
  brackets gets 400 before any parser recurses into it.
- **Bounded queries.** A time limit and a result-size limit per query, and a
  fixed number of worker processes; past any limit the client gets 503 with a
  message, a worker that overruns is killed and replaced, and the server
  carries on (see ``capgraph.server._pool``). Connections are bounded in
  number and in time (``capgraph.server._connections``).
- **Loopback by default.** It binds to 127.0.0.1 unless given another host.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from capgraph.query._lex import MAX_QUERY_NESTING, nesting_depth, service_targets
from capgraph.server._connections import (
    BodyTimeout,
    ConnectionLimits,
    HeaderWatch,
    read_within,
    refuse_connection,
)
from capgraph.server._files import SITE_PREFIX, STATIC_PREFIX, Redirect, asset, site_file
from capgraph.server._index import PAGE_POLICY, index_page
from capgraph.server._named import bind_request
from capgraph.server._pool import (
    DEFAULT_MAX_RESULTS,
    DEFAULT_TIMEOUT,
    HttpError,
    Limits,
    QueryRunner,
)
from capgraph.server._results import (
    GRAPH_MEDIA_TYPES,
    SOLUTION_MEDIA_TYPES,
    Rendered,
    negotiate,
    render_boolean,
    render_solutions,
    render_triples,
)

if TYPE_CHECKING:
    from capgraph.query import NamedQuery

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_MAX_RESULTS",
    "DEFAULT_PORT",
    "DEFAULT_TIMEOUT",
    "SparqlServer",
]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
MAX_REQUEST_BYTES = 1_000_000
QUERY_PATHS = ("/", "/query", "/sparql")


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server: one thread per request, a QueryRunner, the query page, a site."""

    daemon_threads = True
    request_queue_size = 128  # the default of 5 drops connections from a burst of clients

    def __init__(
        self,
        address: tuple[str, int],
        store: ox.Store,
        *,
        limits: Limits | None = None,
        catalogue: Sequence[NamedQuery] = (),
        title: str = "capgraph",
        connections: ConnectionLimits | None = None,
        allow_service_to: Sequence[str] = (),
        site: Path | None = None,
    ) -> None:
        if ":" in address[0]:
            import socket

            self.address_family = socket.AF_INET6
        super().__init__(address, _Handler)  # bind first: a taken port fails fast
        self.connections = connections or ConnectionLimits()
        self._open = threading.BoundedSemaphore(self.connections.max_connections)
        self.allow_service_to = frozenset(host.lower().strip("[]") for host in allow_service_to)
        self.runner = QueryRunner(store, limits or Limits(confine=not self.allow_service_to))
        self.catalogue = {q.name: q for q in catalogue}
        self.title = title
        #: A static record site served under ``/site/`` (``--site DIR``), resolved.
        self.site = site.resolve() if site is not None else None

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._open.acquire(blocking=False):
            refuse_connection(request, self.connections.max_connections)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._open.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._open.release()

    def server_close(self) -> None:
        super().server_close()
        runner: QueryRunner | None = getattr(self, "runner", None)  # absent if bind failed
        if runner is not None:
            runner.close()

    @property
    def url(self) -> str:
        """The query URL, e.g. ``http://127.0.0.1:7878/sparql``."""
        host, port = self.server_address[:2]
        host = host.decode() if isinstance(host, bytes) else host
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}/sparql"


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "capgraph-serve"

    def setup(self) -> None:
        super().setup()
        # A per-read timeout just past the header watch (which answers 408 first, and
        # so also closes a keep-alive connection left idle): it catches a client that
        # stops reading our answer.
        self.connection.settimeout(self.server.connections.header_timeout + 1.0)

    def handle_one_request(self) -> None:
        self._started = time.monotonic()
        self._status = 0
        self._size = 0
        self._watch = HeaderWatch(self.connection, self.server.connections.header_timeout)
        self._watch.start()
        try:
            super().handle_one_request()
        except OSError:  # the watch cut the connection, or the client went away
            self.close_connection = True
        finally:
            self._watch.stop()
        if self._watch.fired:
            self.close_connection = True
        if self._status:
            self._log()

    def parse_request(self) -> bool:
        self._watch.stop()  # the line and the headers have arrived
        if self._watch.fired:
            return False
        return super().parse_request()

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        self._respond(lambda: self._get(url.path, params))

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        self._respond(lambda: self._post(url.path, params))

    def _not_allowed(self) -> None:
        self.close_connection = True
        self._respond(lambda: _raise(405, "this endpoint is read-only: use GET or POST to query"))

    do_PUT = do_DELETE = do_PATCH = _not_allowed

    def _get(self, path: str, params: dict[str, list[str]]) -> Rendered:
        _refuse_update(params)
        if path.startswith("/queries/") and path.endswith(".rq"):
            return self._query_text(path[len("/queries/") : -3])
        if path.startswith(STATIC_PREFIX):
            return asset(path[len(STATIC_PREFIX) :])
        if self.server.site is not None and (path + "/").startswith(SITE_PREFIX):
            return site_file(self.server.site, path)
        if path not in QUERY_PATHS:
            raise HttpError(404, f"no such resource: {path}; query at /sparql")
        if "query" not in params:
            if path == "/":
                page = index_page(self.server).encode("utf-8")
                policy = (("Content-Security-Policy", PAGE_POLICY),)
                return Rendered(page, "text/html; charset=utf-8", policy)
            raise HttpError(400, "missing the 'query' parameter")
        return self._answer(_single(params, "query"), params)

    def _post(self, path: str, params: dict[str, list[str]]) -> Rendered:
        _refuse_update(params)
        if path not in QUERY_PATHS:
            raise HttpError(404, f"no such resource: {path}; query at /sparql")
        media = (self.headers.get("Content-Type") or "").partition(";")[0].strip().lower()
        if media == "application/sparql-update":
            raise HttpError(403, "this endpoint is read-only: SPARQL updates are refused")
        body = self._read_body()
        if media == "application/x-www-form-urlencoded":
            form = parse_qs(body, keep_blank_values=True)
            _refuse_update(form)
            merged = {**params, **form}
            return self._answer(_single(merged, "query"), merged)
        if media == "application/sparql-query":
            return self._answer(body, params)
        raise HttpError(
            415, "send the query as application/sparql-query or application/x-www-form-urlencoded"
        )

    def _read_body(self) -> str:
        self.close_connection = True
        try:
            length = int(self.headers.get("Content-Length") or "")
        except ValueError:
            raise HttpError(411, "a POST needs a Content-Length") from None
        if length < 0 or length > MAX_REQUEST_BYTES:
            self._discard(min(max(length, 0), 16 * MAX_REQUEST_BYTES))
            raise HttpError(413, f"the request body is over {MAX_REQUEST_BYTES} bytes")
        seconds = self.server.connections.body_timeout
        try:
            data = read_within(self.rfile, length, seconds)
        except BodyTimeout:
            raise HttpError(408, f"the request body did not arrive within {seconds:g} s") from None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            raise HttpError(400, "the request body is not UTF-8") from None

    def _discard(self, length: int) -> None:
        """Read and drop a refused body, so the client can read our answer."""
        while length > 0:
            chunk = self.rfile.read(min(length, 65536))
            if not chunk:
                return
            length -= len(chunk)

    def _answer(self, query: str, params: dict[str, list[str]]) -> Rendered:
        query = bind_request(query, params, self.server.catalogue)
        depth = nesting_depth(query)
        if depth > MAX_QUERY_NESTING:
            raise HttpError(
                400,
                f"the query nests brackets {depth} deep; the limit is {MAX_QUERY_NESTING}",
            )
        refused = self._refused_services(query)
        if refused:
            allowed = ", ".join(sorted(self.server.allow_service_to)) or "none"
            raise HttpError(
                403,
                "SERVICE is refused by this endpoint except to the hosts its operator "
                f"allowed with --allow-service-to (allowed: {allowed}); refused: "
                + ", ".join(refused),
            )
        try:
            default_graphs = [ox.NamedNode(g) for g in params.get("default-graph-uri", [])]
            named_graphs = [ox.NamedNode(g) for g in params.get("named-graph-uri", [])]
        except ValueError as error:
            raise HttpError(400, f"a graph URI is not an IRI: {error}") from None
        answer = self.server.runner.run(query, default_graphs, named_graphs)
        accept = self.headers.get("Accept")
        offers = list(GRAPH_MEDIA_TYPES if answer.kind == "triples" else SOLUTION_MEDIA_TYPES)
        media = negotiate(accept, offers)
        if media is None:
            raise HttpError(406, f"cannot answer as {accept}; offered: {', '.join(offers)}")
        if answer.kind == "boolean":
            return render_boolean(answer.boolean, media)
        if answer.kind == "triples":
            return render_triples(answer.body, media)
        return render_solutions(answer.body, media)

    def _refused_services(self, query: str) -> list[str]:
        refused = []
        for target in service_targets(query):
            if target is None:
                refused.append("an unresolvable target")
                continue
            try:
                parts = urlsplit(target)
                scheme, host = parts.scheme, (parts.hostname or "").lower()
            except ValueError:
                scheme = host = ""
            if scheme not in ("http", "https") or host not in self.server.allow_service_to:
                refused.append(target)
        return refused

    def _query_text(self, name: str) -> Rendered:
        listed = self.server.catalogue.get(name)
        if listed is None:
            raise HttpError(404, f"no named query {name!r}")
        return Rendered(listed.text.encode("utf-8"), "application/sparql-query; charset=utf-8")

    def _respond(self, produce: object) -> None:
        try:
            rendered = produce()  # type: ignore[operator]
            status = 200
        except HttpError as error:
            status = error.status
            moved = (("Location", error.location),) if isinstance(error, Redirect) else ()
            body = (error.message + "\n").encode("utf-8")
            rendered = Rendered(body, "text/plain; charset=utf-8", moved)
        self.send_response(status)
        self.send_header("Content-Type", rendered.content_type)
        self.send_header("Content-Length", str(len(rendered.body)))
        for name, value in rendered.headers:
            self.send_header(name, value)
        if status == 405:
            self.send_header("Allow", "GET, POST")
        self.end_headers()
        self._size = len(rendered.body)
        self._log()  # before the body, so the line is written before the client has its answer
        self._status = 0
        self.wfile.write(rendered.body)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        self._status = int(code) if str(code).isdigit() else 0

    def log_error(self, format: str, *args: object) -> None:
        pass  # the request's own line carries the status

    def _log(self) -> None:
        elapsed = (time.monotonic() - self._started) * 1000
        request = self.requestline
        request = request if len(request) <= 200 else request[:199] + "…"
        sys.stderr.write(
            f'{self.address_string()} "{request}" {self._status} {self._size} B {elapsed:.0f} ms\n'
        )


def _raise(status: int, message: str) -> Rendered:
    raise HttpError(status, message)


def _refuse_update(params: dict[str, list[str]]) -> None:
    if "update" in params:
        raise HttpError(403, "this endpoint is read-only: SPARQL updates are refused")


def _single(params: dict[str, list[str]], name: str) -> str:
    values = params.get(name)
    if not values:
        raise HttpError(400, f"missing the {name!r} parameter")
    if len(values) > 1:
        raise HttpError(400, f"more than one {name!r} parameter")
    return values[0]
