"""Publishing: the record copied to a remote store with the SPARQL 1.1 Graph Store Protocol.

One ``PUT`` per named graph, which replaces that graph; graphs of the store that the
record does not have are left alone.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit, urlunsplit

import pyoxigraph as ox

from capgraph.errors import EndpointError
from capgraph.query._protocol import USER_AGENT, check_http_url, connection_message, http_message

if TYPE_CHECKING:
    from capgraph.query._graph import KnowledgeGraph

__all__ = ["GRAPH_STORE_URLS", "PublishSummary", "PublishedGraph", "graph_store_url_for", "publish"]

#: Where the common stores keep their Graph Store Protocol endpoint.
GRAPH_STORE_URLS = (
    "a Graph Store Protocol URL looks like http://HOST:7878/store (Oxigraph), "
    "http://HOST:3030/DATASET/data (Fuseki), http://HOST:8890/sparql-graph-crud or "
    "/sparql-graph-crud-auth (Virtuoso), http://HOST:7200/repositories/REPO/rdf-graphs/service "
    "(GraphDB); give it with --graph-store"
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
    check_http_url(endpoint_url, what="endpoint")
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
    check_http_url(graph_store_url, what="graph store")
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
    request.add_header("User-Agent", USER_AGENT)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as error:
        hint = f"; {GRAPH_STORE_URLS}" if error.code in (400, 404, 405, 415) else ""
        raise EndpointError(http_message(url, error) + hint) from None
    except (urllib.error.URLError, OSError) as error:
        raise EndpointError(connection_message(url, error)) from None
