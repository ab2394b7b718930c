"""A shape's targets (SHACL 2.1.3) as one SPARQL pattern that binds ``?this``."""

from __future__ import annotations

from typing import Any

from capgraph.namespaces import OWL, RDFS
from capgraph.validation._classes import Membership
from capgraph.validation._terms import Unsupported, sh, sparql_term

_PATTERNS = {
    "targetNode": "VALUES ?this {{ {0} }}",
    "targetSubjectsOf": "?this {0} ?capgraph_o .",
    "targetObjectsOf": "?capgraph_s {0} ?this .",
}


def has_targets(graph: Any, shape: Any) -> bool:
    """True when ``shape`` selects focus nodes of its own (explicitly or as a class)."""
    kinds = ("targetClass", *_PATTERNS)
    return any(graph.value(shape, sh(kind)) is not None for kind in kinds) or _is_class(
        graph, shape
    )


def target_pattern(graph: Any, shape: Any, *, classes: Membership) -> str:
    """The UNION of the shape's targets; an implicit class target when the shape is a class.

    ``classes`` spells each class target (:mod:`capgraph.validation._classes`).
    """
    if graph.value(shape, sh("target")) is not None:
        raise Unsupported("an sh:target (SHACL-AF custom target)")
    parts = [
        "{ " + pattern.format(sparql_term(value)) + " }"
        for kind, pattern in _PATTERNS.items()
        for value in graph.objects(shape, sh(kind))
    ]
    targets = list(graph.objects(shape, sh("targetClass")))
    if _is_class(graph, shape):
        targets.append(shape)
    parts += [
        "{ " + classes.instances("?this", sparql_term(c), via="?capgraph_class") + " }"
        for c in targets
    ]
    parts.sort()
    if not parts:
        raise Unsupported("a shape without targets")
    return " UNION ".join(parts)


def _is_class(graph: Any, shape: Any) -> bool:
    """A shape that is also a class (``rdfs:Class``, ``owl:Class`` or a subclass of rdfs:Class)."""
    import rdflib

    rdfs_class = rdflib.URIRef(RDFS + "Class")
    classes = {rdfs_class, rdflib.URIRef(OWL + "Class")}
    classes.update(graph.subjects(rdflib.RDFS.subClassOf, rdfs_class))
    types = set(graph.objects(shape, rdflib.RDF.type))
    return isinstance(shape, rdflib.URIRef) and bool(types & classes)
