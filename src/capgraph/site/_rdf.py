"""Each page's RDF beside it: the triples about the resource and their citations.

``index.trig`` keeps every fact in its claim graph. ``index.jsonld`` is the same dataset
in JSON-LD (named graphs as ``@graph`` objects). ``index.ttl`` has no graphs to keep them
in, so it holds the facts plus each claim's citation triples (``dcterms:source``,
``prov:value``): the quote is there, which fact it cites is in the TriG and JSON-LD.
All three come from :func:`capgraph.store.export`, so they are sorted and stable.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from capgraph.site._record import Resource
from capgraph.store import export

#: (file name, export format, media type), in the order the pages link them.
RDF_FILES: tuple[tuple[str, str, str], ...] = (
    ("index.ttl", "ttl", "text/turtle"),
    ("index.trig", "trig", "application/trig"),
    ("index.jsonld", "jsonld", "application/ld+json"),
)


@dataclass(frozen=True)
class _Holder:
    store: ox.Store


def page_quads(resource: Resource, by_subject: dict[str, list[ox.Quad]]) -> list[ox.Quad]:
    """The resource's quads and the citation quads of every claim graph that holds one."""
    claims = sorted({f.citation.claim for f in resource.facts if f.citation is not None})
    cited = [
        q
        for claim in claims
        for q in by_subject.get(claim, [])
        if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == claim
    ]
    return by_subject.get(resource.iri, []) + cited


def serialise(quads: list[ox.Quad]) -> dict[str, bytes]:
    """The page's RDF files by name."""
    store = ox.Store()
    store.extend(quads)
    holder = _Holder(store)
    return {name: export(holder, fmt=fmt) for name, fmt, _ in RDF_FILES}
