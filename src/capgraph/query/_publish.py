"""Publishing: the record copied to a remote store, graph by graph.

Two ways, both standard: the SPARQL 1.1 Graph Store Protocol (one ``PUT`` per named
graph, which replaces it), or, for a large record, SPARQL 1.1 Update in batches
(``DROP SILENT GRAPH`` then ``INSERT DATA`` for many graphs per request). A graph is
never split between two requests, so its blank nodes stay one. Graphs of the store
that the record does not have are left alone either way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit, urlunsplit

import pyoxigraph as ox

from capgraph.errors import EndpointError
from capgraph.query._protocol import Credentials, check_http_url, send

if TYPE_CHECKING:
    from capgraph.query._graph import KnowledgeGraph

__all__ = [
    "DEFAULT_BATCH_TRIPLES",
    "GRAPH_STORE_URLS",
    "UPDATE_URLS",
    "PublishSummary",
    "PublishedGraph",
    "graph_store_url_for",
    "publish",
]

#: Where the common stores keep their Graph Store Protocol endpoint.
GRAPH_STORE_URLS = (
    "a Graph Store Protocol URL looks like http://HOST:7878/store (Oxigraph), "
    "http://HOST:3030/DATASET/data (Fuseki), http://HOST:8890/sparql-graph-crud or "
    "/sparql-graph-crud-auth (Virtuoso), http://HOST:7200/repositories/REPO/rdf-graphs/service "
    "(GraphDB); give it with --graph-store"
)
#: Where the common stores take SPARQL 1.1 Update.
UPDATE_URLS = (
    "a SPARQL Update URL looks like http://HOST:7878/update (Oxigraph), "
    "http://HOST:3030/DATASET/update (Fuseki), http://HOST:8890/sparql or /sparql-auth "
    "(Virtuoso, with update rights), http://HOST:7200/repositories/REPO/statements (GraphDB)"
)


@dataclass(frozen=True)
class PublishedGraph:
    """One graph sent to the graph store, and how many triples it held."""

    iri: str | None  # None is the default graph
    triples: int


@dataclass(frozen=True)
class PublishSummary:
    """What ``publish`` sent, where, and in how many requests."""

    graph_store_url: str
    graphs: tuple[PublishedGraph, ...]
    requests: int = 0

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


#: Triples per SPARQL Update request when publishing in batches.
DEFAULT_BATCH_TRIPLES = 50_000


def publish(
    kg: KnowledgeGraph,
    *,
    endpoint_url: str | None = None,
    graph_store_url: str | None = None,
    update_url: str | None = None,
    batch_triples: int = DEFAULT_BATCH_TRIPLES,
    timeout: float = 60.0,
    credentials: Credentials | None = None,
) -> PublishSummary:
    """Replace each of the record's graphs in a remote store.

    With ``update_url`` the graphs go in batches of about ``batch_triples`` triples by
    SPARQL 1.1 Update; otherwise one Graph Store Protocol ``PUT`` per graph, at
    ``graph_store_url`` (or the one derived from ``endpoint_url``).
    """
    if update_url is not None:
        check_http_url(update_url, what="update endpoint")
        return _publish_by_update(kg, update_url, batch_triples, timeout, credentials)
    if graph_store_url is None:
        if endpoint_url is None:
            raise EndpointError("publish needs an endpoint URL or a graph store URL")
        graph_store_url = graph_store_url_for(endpoint_url)
    check_http_url(graph_store_url, what="graph store")
    published = []
    for graph, triples in _graph_triples(kg.store):
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        iri = graph.value if isinstance(graph, ox.NamedNode) else None
        send(
            _graph_url(graph_store_url, iri),
            body,
            method="PUT",
            content_type="application/n-triples",
            timeout=timeout,
            credentials=credentials,
            hint=GRAPH_STORE_URLS,
        )
        published.append(PublishedGraph(iri=iri, triples=len(triples)))
    return PublishSummary(
        graph_store_url=graph_store_url, graphs=tuple(published), requests=len(published)
    )


def _publish_by_update(
    kg: KnowledgeGraph,
    update_url: str,
    batch_triples: int,
    timeout: float,
    credentials: Credentials | None,
) -> PublishSummary:
    published: list[PublishedGraph] = []
    batch: list[str] = []
    size = requests = 0

    def flush() -> None:
        nonlocal batch, size, requests
        if batch:
            body = "update=" + quote(" ;\n".join(batch), safe="")
            send(
                update_url,
                body.encode("ascii"),
                method="POST",
                content_type="application/x-www-form-urlencoded",
                timeout=timeout,
                credentials=credentials,
                hint=UPDATE_URLS,
            )
            requests += 1
        batch, size = [], 0

    for graph, triples in _graph_triples(kg.store):
        data = (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")
        blank = "_:" in data
        if isinstance(graph, ox.NamedNode):
            insert = _insert(f"GRAPH {graph} {{ {data} }}", blank=blank)
            batch.append(f"DROP SILENT GRAPH {graph} ; {insert}")
        else:
            batch.append(f"DROP SILENT DEFAULT ; {_insert(data, blank=blank)}")
        published.append(
            PublishedGraph(iri=graph.value if isinstance(graph, ox.NamedNode) else None,
                           triples=len(triples))
        )  # fmt: skip
        size += len(triples)
        if size >= batch_triples:
            flush()
    flush()
    return PublishSummary(graph_store_url=update_url, graphs=tuple(published), requests=requests)


def _insert(template: str, *, blank: bool) -> str:
    """``INSERT DATA``, or, for triples with blank nodes, ``INSERT { … } WHERE {}``.

    Both are standard SPARQL 1.1, and a template's blank node is one node per label, as
    in the record. Virtuoso refuses blank nodes in ``INSERT DATA`` ("not allowed in a
    constant clause"), and has no ``BNODE()`` in updates, but takes the template form.
    """
    if blank:
        return f"INSERT {{ {template} }} WHERE {{}}"
    return f"INSERT DATA {{ {template} }}"


def _graph_triples(
    store: ox.Store,
) -> list[tuple[ox.NamedNode | ox.DefaultGraph, list[ox.Triple]]]:
    """Each graph with its triples, sorted, so that what is sent is the same every time."""
    return [
        (
            graph,
            sorted(
                (
                    ox.Triple(q.subject, q.predicate, q.object)
                    for q in store.quads_for_pattern(None, None, None, graph)
                ),
                key=str,
            ),
        )
        for graph in _graphs(store)
    ]


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
