"""The record as canonical quads, and the changed quads that no governance category explains."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pyoxigraph as ox

from capgraph.review._facts import TripleKey, normalise
from capgraph.review._model import TripleChange
from capgraph.store import canonical_quads


@dataclass(frozen=True, order=True)
class QuadText:
    """One quad as N-Quads terms (blank nodes canonically labelled, quotes normalised)."""

    graph: str
    subject: str
    predicate: str
    object: str
    key: TripleKey


def quads_of(store: ox.Store) -> frozenset[QuadText]:
    """Every quad of ``store``; labels, order, prefixes and quote wrapping do not show."""
    found = set()
    for quad in canonical_quads(store.quads_for_pattern(None, None, None, None)):
        obj = quad.object
        if isinstance(obj, ox.Literal):
            lexical = normalise(quad.predicate.value, obj.value)
            if lexical != obj.value and obj.language:
                obj = ox.Literal(lexical, language=obj.language)
            elif lexical != obj.value:
                obj = ox.Literal(lexical, datatype=obj.datatype)
        graph = "DEFAULT" if isinstance(quad.graph_name, ox.DefaultGraph) else str(quad.graph_name)
        found.add(
            QuadText(
                graph,
                str(quad.subject),
                str(quad.predicate),
                str(obj),
                (_value(quad.subject), quad.predicate.value, _value(obj)),
            )
        )
    return frozenset(found)


def _value(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    """An IRI, a literal's lexical form, a blank node's label; a quoted triple as text."""
    return str(term) if isinstance(term, ox.Triple) else term.value


def by_graph(quads: Iterable[QuadText]) -> Mapping[str, frozenset[QuadText]]:
    """The quads of each named graph, keyed by the graph's IRI."""
    graphs: dict[str, set[QuadText]] = defaultdict(set)
    for quad in quads:
        if quad.graph.startswith("<"):
            graphs[quad.graph[1:-1]].add(quad)
    return {name: frozenset(found) for name, found in graphs.items()}


def unexplained(
    old: frozenset[QuadText], new: frozenset[QuadText], explained: set[TripleKey]
) -> tuple[TripleChange, ...]:
    """The quads removed or added whose triple no reported change accounts for."""
    changes = [
        TripleChange(sign, q.graph, q.subject, q.predicate, q.object)
        for sign, quads in (("-", old - new), ("+", new - old))
        for q in quads
        if q.key not in explained
    ]
    return tuple(sorted(changes, key=TripleChange.sort_key))
