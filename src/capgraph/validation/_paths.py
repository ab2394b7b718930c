"""SHACL property paths (SHACL 2.3.1) as SPARQL 1.1 property paths."""

from __future__ import annotations

import re
from typing import Any

from capgraph.validation._terms import Unsupported, rdf_list, sh, sparql_term

_UNARY = {
    "inversePath": "^{}",
    "zeroOrMorePath": "{}*",
    "oneOrMorePath": "{}+",
    "zeroOrOnePath": "{}?",
}


def sparql_path(graph: Any, path: Any) -> str:
    """``path`` in SPARQL syntax, each step in parentheses so that precedence cannot change it.

    A node that is both a list and something else is read as the list (a sequence).
    """
    import rdflib

    if isinstance(path, rdflib.URIRef):
        return sparql_term(path)
    if not isinstance(path, rdflib.BNode):
        raise Unsupported(f"a property path that is not an IRI or a blank node ({path})")
    if graph.value(path, rdflib.RDF.first) is not None:
        steps = rdf_list(graph, path)
        if len(steps) < 2:
            raise Unsupported("a sequence path of fewer than two paths")
        return "/".join(f"({sparql_path(graph, p)})" for p in steps)
    for name, template in _UNARY.items():
        inner = graph.value(path, sh(name))
        if inner is not None:
            return template.format(f"({sparql_path(graph, inner)})")
    alternatives = graph.value(path, sh("alternativePath"))
    if alternatives is not None:
        steps = rdf_list(graph, alternatives)
        if len(steps) < 2:
            raise Unsupported("an sh:alternativePath of fewer than two paths")
        return "|".join(f"({sparql_path(graph, p)})" for p in steps)
    raise Unsupported(f"an unknown kind of property path ({path})")


def one_step(path: str) -> bool:
    """Whether a SPARQL property path is one predicate, or its inverse.

    Only such a path goes inside ``NOT EXISTS``: a sequence there took 1.3 s at 1M
    triples (the store walked it from its far end), and Virtuoso 7.2 answers a path
    with ``*`` or ``+`` there as if it matched nothing (docs/remote.md).
    """
    return re.fullmatch(r"\^?\(?<[^<>]*>\)?", path) is not None


def repeats(path: str) -> bool:
    """Whether a SPARQL property path has ``*`` or ``+`` (outside its IRIs).

    Such a path stays out of ``NOT EXISTS``: Virtuoso 7.2 answers it there as if it
    matched nothing (docs/remote.md).
    """
    outside = re.sub(r"<[^>]*>", "", path)
    return "*" in outside or "+" in outside
