"""Shapes-graph terms as SPARQL text, and the signal for what the compiler does not support."""

from __future__ import annotations

from typing import Any

from capgraph.namespaces import SH


class Unsupported(Exception):
    """The compiler cannot turn this shape into SPARQL; pySHACL checks it instead."""


def sparql_term(term: Any) -> str:
    """An IRI or literal of the shapes graph in SPARQL (N-Triples) syntax, escaped by pyoxigraph.

    A blank node cannot be named in a query sent to a store, so it is unsupported.
    """
    import pyoxigraph as ox
    import rdflib

    if isinstance(term, rdflib.URIRef):
        try:
            return str(ox.NamedNode(str(term)))
        except ValueError:
            raise Unsupported(f"an IRI that is not valid ({term})") from None
    if isinstance(term, rdflib.Literal):
        if term.language:
            return str(ox.Literal(str(term), language=term.language))
        if term.datatype is not None:
            return str(ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype))))
        return str(ox.Literal(str(term)))
    raise Unsupported(f"a blank node as a constraint value ({term})")


def sh(name: str) -> Any:
    import rdflib

    return rdflib.URIRef(SH + name)


def rdf_list(graph: Any, head: Any) -> list[Any]:
    from rdflib.collection import Collection

    return list(Collection(graph, head))


def is_true(term: Any) -> bool:
    return str(term).lower() in ("true", "1")
