"""Remote SPARQL 1.1 endpoints: the same queries as the embedded store, and publishing.

``remote(url)`` answers capgraph's named queries through SPARQLWrapper, with
parameters bound in a ``VALUES`` block, and decodes the SPARQL JSON results
with pyoxigraph, so its rows equal the embedded store's rows.

``publish(kg, ...)`` copies the record to a remote store with the SPARQL 1.1
Graph Store Protocol: one ``PUT`` per named graph, which replaces that graph.
"""

from __future__ import annotations

import ast
import os
import socket
import urllib.error
import urllib.request
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit, urlunsplit

import pyoxigraph as ox

from capgraph.errors import EndpointError, ParameterError, QueryError
from capgraph.project import Project
from capgraph.query._binding import with_values
from capgraph.query._lex import QUERY_FORMS, query_form
from capgraph.query._library import NamedQuery, QueryLibrary, Term, bind_params
from capgraph.query._rows import Rows, rows_from_solutions

if TYPE_CHECKING:
    from capgraph.query._graph import KnowledgeGraph

__all__ = [
    "PublishSummary",
    "PublishedGraph",
    "RemoteGraph",
    "graph_store_url_for",
    "publish",
    "remote",
]

_USER_AGENT = "capgraph (SPARQL 1.1 client)"
_MESSAGE_LIMIT = 500


class RemoteGraph:
    """A SPARQL 1.1 endpoint that answers the project's named queries.

    It only reads: an update given to ``query`` or ``select`` is refused before
    anything is sent.
    """

    def __init__(
        self,
        endpoint_url: str,
        queries: QueryLibrary,
        *,
        timeout: float = 30.0,
        default_graph_uris: tuple[str, ...] = (),
    ) -> None:
        self.endpoint_url = endpoint_url
        self.queries = queries
        self.timeout = timeout
        #: Sent as ``default-graph-uri``; empty means the store's own default graph.
        self.default_graph_uris = default_graph_uris

    def __repr__(self) -> str:
        return f"RemoteGraph({self.endpoint_url!r})"

    def query(self, name_or_text: str, /, params: Mapping[str, object] | None = None) -> Rows:
        """Run a named query (or an ``.rq`` file, or SPARQL text) with ``params`` bound.

        ``params`` maps parameter names to values (IRIs may be written ``id:…``); a
        mapping, not keyword arguments, so that no parameter name can ever clash
        with an option of this method.
        """
        named = self.queries.resolve(name_or_text)
        return self.run(named, bind_params(named, params or {}))

    def select(self, sparql: str, bindings: dict[str, Term] | None = None) -> Rows:
        """Run SPARQL text with optional pre-bound variables."""
        return self.run(NamedQuery.from_text(sparql, name="(inline query)"), bindings or {})

    def run(self, named: NamedQuery, bindings: dict[str, Term]) -> Rows:
        """Run a query whose parameters are already bound as RDF terms."""
        from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper

        wrapper = SPARQLWrapper(self.endpoint_url, agent=_USER_AGENT)
        wrapper.setMethod(POST)
        wrapper.setTimeout(max(1, round(self.timeout)))
        for graph in self.default_graph_uris:
            wrapper.addDefaultGraph(graph)
        form = query_form(named.text)
        if form not in QUERY_FORMS:
            found = f"{form} is an update" if form else "no query form found"
            raise QueryError(
                f"{named.path or named.name}: {found}; a remote endpoint is only queried here"
            )
        wrapper.setQuery(with_values(named.text, bindings))
        wrapper.queryType = form  # SPARQLWrapper's own guess can be fooled by comments
        graph_form = form in ("CONSTRUCT", "DESCRIBE")
        wrapper.setReturnFormat(TURTLE if graph_form else JSON)
        body = self._fetch(wrapper, named)
        if graph_form:
            return _triple_rows(body, self.endpoint_url)
        try:
            result = ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as error:
            raise EndpointError(
                f"{self.endpoint_url}: the answer is not SPARQL JSON results: {error}"
            ) from None
        if isinstance(result, ox.QueryBoolean):
            return Rows(["result"], [{"result": bool(result)}])
        return rows_from_solutions(result)

    def _fetch(self, wrapper: object, named: NamedQuery) -> bytes:
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        try:
            response = wrapper.query().response  # type: ignore[attr-defined]
            body: bytes = response.read()
        except SPARQLWrapperException as error:
            raise EndpointError(
                f"{self.endpoint_url}: {_wrapper_message(error)} (query {named.path or named.name})"
            ) from None
        except urllib.error.HTTPError as error:
            raise EndpointError(_http_message(self.endpoint_url, error)) from None
        except (urllib.error.URLError, OSError) as error:
            raise EndpointError(_connection_message(self.endpoint_url, error)) from None
        return body


def remote(
    endpoint_url: str,
    *,
    project_dir: str | os.PathLike[str] | None = None,
    timeout: float = 30.0,
    default_graph_uris: Iterable[str] = (),
) -> RemoteGraph:
    """The named queries of ``project_dir`` (default: the bundled record), asked of a remote store.

    The store must answer over the union of its named graphs (Oxigraph:
    ``--union-default-graph``), or be given the graphs as ``default_graph_uris``
    (any iterable of IRIs, sent as the protocol's ``default-graph-uri``).
    """
    _check_http_url(endpoint_url, what="endpoint")
    if isinstance(default_graph_uris, str):
        raise ParameterError(
            f"default_graph_uris takes several IRIs, got one string {default_graph_uris!r}; "
            "pass a list or tuple of IRIs"
        )
    project = Project.discover(project_dir)
    queries = QueryLibrary.for_project(project.query_files, root=project.root)
    return RemoteGraph(
        endpoint_url, queries, timeout=timeout, default_graph_uris=tuple(default_graph_uris)
    )


@dataclass(frozen=True)
class PublishedGraph:
    """One graph sent to the graph store, and how many triples it held."""

    iri: str | None  # None is the default graph
    triples: int


@dataclass(frozen=True)
class PublishSummary:
    """What ``publish`` sent, and where."""

    graph_store_url: str
    graphs: tuple[PublishedGraph, ...]

    @property
    def triples(self) -> int:
        return sum(graph.triples for graph in self.graphs)


def graph_store_url_for(endpoint_url: str) -> str:
    """The Graph Store Protocol URL that goes with a query endpoint.

    The last path segment ``query`` or ``sparql`` is replaced by ``store``, and an
    empty path becomes ``/store``: Oxigraph's layout (``http://host:7878/query`` →
    ``http://host:7878/store``). Other stores name theirs differently; pass it.
    """
    _check_http_url(endpoint_url, what="endpoint")
    parts = urlsplit(endpoint_url)
    path = parts.path.rstrip("/")
    head, _, last = path.rpartition("/")
    if not path:
        path = "/store"
    elif last in ("query", "sparql"):
        path = f"{head}/store"
    else:
        raise EndpointError(
            f"{endpoint_url}: cannot tell the graph store URL from this endpoint "
            "(known: a path ending in /query or /sparql); give it with --graph-store"
        )
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def publish(
    kg: KnowledgeGraph,
    *,
    endpoint_url: str | None = None,
    graph_store_url: str | None = None,
    timeout: float = 60.0,
) -> PublishSummary:
    """Replace each of the record's graphs in a remote store (Graph Store Protocol ``PUT``).

    Graphs of the remote store that the record does not have are left alone.
    """
    if graph_store_url is None:
        if endpoint_url is None:
            raise EndpointError("publish needs an endpoint URL or a graph store URL")
        graph_store_url = graph_store_url_for(endpoint_url)
    _check_http_url(graph_store_url, what="graph store")
    published = []
    for graph in _graphs(kg.store):
        triples = sorted(
            (
                ox.Triple(q.subject, q.predicate, q.object)
                for q in kg.store.quads_for_pattern(None, None, None, graph)
            ),
            key=str,
        )
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        iri = graph.value if isinstance(graph, ox.NamedNode) else None
        _put(_graph_url(graph_store_url, iri), body, timeout=timeout)
        published.append(PublishedGraph(iri=iri, triples=len(triples)))
    return PublishSummary(graph_store_url=graph_store_url, graphs=tuple(published))


def _graphs(store: ox.Store) -> list[ox.NamedNode | ox.DefaultGraph]:
    named: list[ox.NamedNode | ox.DefaultGraph] = []
    for graph in store.named_graphs():
        if not isinstance(graph, ox.NamedNode):
            raise EndpointError(f"cannot publish a graph named by a blank node ({graph})")
        named.append(graph)
    named.sort(key=lambda g: g.value if isinstance(g, ox.NamedNode) else "")
    has_default = next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None)
    return ([ox.DefaultGraph()] if has_default is not None else []) + named


def _graph_url(graph_store_url: str, iri: str | None) -> str:
    separator = "&" if "?" in graph_store_url else "?"
    if iri is None:
        return f"{graph_store_url}{separator}default"
    return f"{graph_store_url}{separator}graph={quote(iri, safe='')}"


def _put(url: str, body: bytes, *, timeout: float) -> None:
    request = urllib.request.Request(url, data=body, method="PUT")
    request.add_header("Content-Type", "application/n-triples")
    request.add_header("User-Agent", _USER_AGENT)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as error:
        raise EndpointError(_http_message(url, error)) from None
    except (urllib.error.URLError, OSError) as error:
        raise EndpointError(_connection_message(url, error)) from None


def _triple_rows(body: bytes, url: str) -> Rows:
    try:
        triples = list(ox.parse(body, format=ox.RdfFormat.TURTLE))
    except SyntaxError as error:
        raise EndpointError(f"{url}: the answer is not Turtle: {error}") from None
    return Rows(
        ["subject", "predicate", "object"],
        (
            {"subject": str(t.subject), "predicate": str(t.predicate), "object": str(t.object)}
            for t in triples
        ),
    )


def _check_http_url(url: str, *, what: str) -> None:
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as error:
        raise EndpointError(f"{url}: not a valid {what} URL ({error})") from None
    if parts.scheme not in ("http", "https") or not host:
        raise EndpointError(
            f"{url!r} is not an http(s) {what} URL, e.g. http://127.0.0.1:7878/query"
        )


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MESSAGE_LIMIT else text[: _MESSAGE_LIMIT - 1] + "…"


def _http_message(url: str, error: urllib.error.HTTPError) -> str:
    try:
        detail = error.read().decode("utf-8", "replace")
    except OSError:
        detail = ""
    reason = f"HTTP {error.code} {error.reason}"
    return f"{url}: {reason}" + (f": {_shorten(detail)}" if detail.strip() else "")


def _connection_message(url: str, error: BaseException) -> str:
    reason = error.reason if isinstance(error, urllib.error.URLError) else error
    if isinstance(reason, socket.timeout | TimeoutError):
        return f"{url}: no answer within the time limit"
    return f"{url}: cannot connect ({reason})"


_WRAPPER_STATUS = {
    "QueryBadFormed": "HTTP 400 Bad Request",
    "Unauthorized": "HTTP 401 Unauthorized",
    "EndPointNotFound": "HTTP 404 Not Found",
    "URITooLong": "HTTP 414 URI Too Long",
    "EndPointInternalError": "HTTP 500 Internal Server Error",
}


def _wrapper_message(error: Exception) -> str:
    """The status and the server's answer, which SPARQLWrapper wraps in a bytes literal."""
    status = _WRAPPER_STATUS.get(type(error).__name__, type(error).__name__)
    _, marker, raw = str(error).partition("\n\nResponse:\n")
    if not marker:
        return status
    try:
        value = ast.literal_eval(raw)
        detail = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    except (ValueError, SyntaxError):
        detail = raw
    return f"{status}: {_shorten(detail)}" if detail.strip() else status
