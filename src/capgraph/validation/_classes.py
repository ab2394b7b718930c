"""Class membership (``rdf:type/rdfs:subClassOf*``) without a transitive path in the query.

SHACL counts a node as an instance of a class when it is typed with the class or with
one of its subclasses (SHACL 1.1, "SHACL instance"). Written as the path
``rdf:type/rdfs:subClassOf*``, that is one pattern; but Virtuoso 7.2 answers a transitive
path wrongly as soon as it is joined with other patterns: inside MINUS or FILTER NOT
EXISTS it matches nothing, and beside a FILTER on ``DATATYPE`` or ``LANG`` it keeps one
solution, or none (docs/remote.md, "Virtuoso"). Asked on its own, from a fixed class, the
path is answered right by every store. So the subclasses of each class that a shape
names are asked of the store once (:class:`Classes`), and the compiled queries join
``rdf:type`` with that list: ``?x rdf:type C`` for a class without subclasses, else
``VALUES ?v { C S1 S2 } ?x rdf:type ?v``. The answers are those of the path.

A subclass that is a blank node cannot be named in a query, so a class with one keeps
the path (:data:`PATHS` spells every class that way).
"""

from __future__ import annotations

from typing import Protocol

from capgraph.namespaces import RDF, RDFS
from capgraph.validation._select import Select

_TYPE = f"<{RDF}type>"
_SUBCLASS = f"<{RDFS}subClassOf>"


class Membership(Protocol):
    """Spells "``variable`` is an instance of the class ``iri``" as a SPARQL pattern."""

    def instances(self, variable: str, iri: str, *, via: str) -> str:
        """A pattern binding ``variable`` to the instances of ``iri`` (SPARQL text, ``<…>``).

        ``via`` names the variable that may hold the class; it must be one that no
        other part of the query uses.
        """
        ...


class _Paths:
    """Every class as the path ``rdf:type/rdfs:subClassOf*`` (needs no store)."""

    def instances(self, variable: str, iri: str, *, via: str) -> str:
        return f"{variable} {_TYPE}/{_SUBCLASS}* {iri} ."


#: Class membership as the path, for query texts made without a store at hand.
PATHS: Membership = _Paths()


class Classes:
    """Class membership as ``rdf:type`` and the list of subclasses the store holds."""

    def __init__(self, select: Select) -> None:
        self._select = select
        self._found: dict[str, tuple[str, ...] | None] = {}

    def subclasses(self, iri: str) -> tuple[str, ...] | None:
        """``iri`` and its subclasses in SPARQL text, sorted; None when one is a blank node."""
        import pyoxigraph as ox

        if iri not in self._found:
            answer = self._select(
                f"SELECT DISTINCT ?capgraph_class WHERE {{ ?capgraph_class {_SUBCLASS}+ {iri} }}"
            )
            found: set[str] | None = {iri}
            for row in answer:
                term = row["capgraph_class"]
                if found is None or not isinstance(term, ox.NamedNode):
                    found = None
                    continue
                found.add(str(term))
            self._found[iri] = None if found is None else tuple(sorted(found))
        return self._found[iri]

    def instances(self, variable: str, iri: str, *, via: str) -> str:
        classes = self.subclasses(iri)
        if classes is None:
            return PATHS.instances(variable, iri, via=via)
        if len(classes) == 1:
            return f"{variable} {_TYPE} {iri} ."
        return f"VALUES {via} {{ {' '.join(classes)} }} {variable} {_TYPE} {via} ."
