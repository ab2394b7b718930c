"""SHACL property paths (SHACL 2.3.1) as SPARQL 1.1 property paths."""

from __future__ import annotations

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
