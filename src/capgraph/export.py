"""Deterministic serialisations of the record: sorted, stable prefixes, stable blank nodes."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox

from capgraph.errors import InputError
from capgraph.graph import KnowledgeGraph
from capgraph.namespaces import PREFIXES

#: ``--format`` name → (pyoxigraph format, keeps named graphs)
FORMATS: dict[str, tuple[ox.RdfFormat, bool]] = {
    "ttl": (ox.RdfFormat.TURTLE, False),
    "trig": (ox.RdfFormat.TRIG, True),
    "nt": (ox.RdfFormat.N_TRIPLES, False),
    "nq": (ox.RdfFormat.N_QUADS, True),
    "jsonld": (ox.RdfFormat.JSON_LD, True),
}


def export(kg: KnowledgeGraph, *, fmt: str = "trig") -> bytes:
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
    signature: dict[str, list[str]] = defaultdict(list)
    for q in quads:
        graph = str(q.graph_name)
        if isinstance(q.subject, ox.BlankNode):
            other = "_" if isinstance(q.object, ox.BlankNode) else str(q.object)
            signature[q.subject.value].append(f"out {q.predicate} {other} {graph}")
        if isinstance(q.object, ox.BlankNode):
            other = "_" if isinstance(q.subject, ox.BlankNode) else str(q.subject)
            signature[q.object.value].append(f"in {q.predicate} {other} {graph}")
    digests = {
        node: hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()[:16]
        for node, lines in signature.items()
    }
    labels: dict[str, str] = {}
    seen: dict[str, int] = defaultdict(int)
    for node in sorted(digests, key=lambda n: (digests[n], n)):
        digest = digests[node]
        labels[node] = f"b{digest}" + (f"x{seen[digest]}" if seen[digest] else "")
        seen[digest] += 1
    return labels


def _triple_key(t: ox.Triple) -> tuple[str, str, str]:
    return (str(t.subject), str(t.predicate), str(t.object))


def _quad_key(q: ox.Quad) -> tuple[str, str, str, str]:
    return (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object))
