"""Deterministic serialisations of the record: sorted, stable prefixes, stable blank nodes."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from typing import Protocol

import pyoxigraph as ox

from capgraph.errors import InputError
from capgraph.namespaces import PREFIXES


class HasStore(Protocol):
    """Anything that holds a loaded store (a ``KnowledgeGraph``)."""

    @property
    def store(self) -> ox.Store: ...


#: ``--format`` name → (pyoxigraph format, keeps named graphs)
FORMATS: dict[str, tuple[ox.RdfFormat, bool]] = {
    "ttl": (ox.RdfFormat.TURTLE, False),
    "trig": (ox.RdfFormat.TRIG, True),
    "nt": (ox.RdfFormat.N_TRIPLES, False),
    "nq": (ox.RdfFormat.N_QUADS, True),
    "jsonld": (ox.RdfFormat.JSON_LD, True),
}


def export(kg: HasStore, *, fmt: str = "trig") -> bytes:
    """The whole record (ontology and data) in ``fmt``, byte-for-byte repeatable."""
    try:
        rdf_format, keeps_graphs = FORMATS[fmt]
    except KeyError:
        raise InputError(
            f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}"
        ) from None
    quads = canonical_quads(kg.store.quads_for_pattern(None, None, None, None))
    items: list[ox.Quad] | list[ox.Triple]
    items = quads if keeps_graphs else sorted({q.triple for q in quads}, key=_triple_key)
    if rdf_format not in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG):
        return ox.serialize(items, format=rdf_format) or b""
    body = ox.serialize(items, format=rdf_format, prefixes=PREFIXES) or b""
    return _stable_prefixes(body)


def _stable_prefixes(body: bytes) -> bytes:
    """Replace the serialiser's prefix lines (in hash order) with ``PREFIXES`` in its order."""
    lines = body.split(b"\n")
    start = 0
    while start < len(lines) and lines[start].startswith(b"@prefix "):
        start += 1
    header = [f"@prefix {p}: <{ns}> .".encode() for p, ns in PREFIXES.items()]
    return b"\n".join([*header, b"", *lines[start:]])


def canonical_quads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """Quads sorted, with blank nodes renamed from what surrounds them, not from parse order."""
    quads = list(quads)
    labels = _blank_labels(quads)

    def rename(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.DefaultGraph) -> object:
        return ox.BlankNode(labels[term.value]) if isinstance(term, ox.BlankNode) else term

    renamed = [
        ox.Quad(rename(q.subject), q.predicate, rename(q.object), rename(q.graph_name))  # type: ignore[arg-type]
        for q in quads
    ]
    return sorted(set(renamed), key=_quad_key)


def _blank_labels(quads: list[ox.Quad]) -> dict[str, str]:
    """Label each blank node by what surrounds it, refined until the labels stop splitting.

    Round 0 hashes a node's own triples with other blank nodes left anonymous; each
    further round folds in the neighbours' labels from the round before (colour
    refinement). Nodes still tied then are interchangeable in practice (like the cells
    of two identical lists), and the rank among equals only breaks the tie.
    """
    edges: dict[str, list[tuple[str, str, str | None, str]]] = defaultdict(list)
    for q in quads:
        graph = str(q.graph_name)
        s_blank = q.subject.value if isinstance(q.subject, ox.BlankNode) else None
        o_blank = q.object.value if isinstance(q.object, ox.BlankNode) else None
        if s_blank is not None:
            edges[s_blank].append(
                ("out", str(q.predicate), o_blank, o_blank or str(q.object) + graph)
            )
        if o_blank is not None:
            edges[o_blank].append(
                ("in", str(q.predicate), s_blank, s_blank or str(q.subject) + graph)
            )
    colour = {node: "" for node in edges}
    classes = 1
    for _ in range(len(edges) + 1):
        colour = {
            node: hashlib.sha256(
                "\n".join(
                    sorted(
                        f"{way} {predicate} {colour[other] if other else fixed}"
                        for way, predicate, other, fixed in node_edges
                    )
                ).encode()
            ).hexdigest()[:16]
            for node, node_edges in edges.items()
        }
        if len(set(colour.values())) == classes:
            break
        classes = len(set(colour.values()))
    labels: dict[str, str] = {}
    seen: dict[str, int] = defaultdict(int)
    for node in sorted(colour, key=lambda n: (colour[n], n)):
        digest = colour[node]
        labels[node] = f"b{digest}" + (f"x{seen[digest]}" if seen[digest] else "")
        seen[digest] += 1
    return labels


def _triple_key(t: ox.Triple) -> tuple[str, str, str]:
    return (str(t.subject), str(t.predicate), str(t.object))


def _quad_key(q: ox.Quad) -> tuple[str, str, str, str]:
    return (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object))
