"""Reading a shapes graph: shape names, property paths, terms and labels as report text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from capgraph._severity import Severity
from capgraph.namespaces import DCTERMS, RDFS, SH, SKOS, XSD, shorten
from capgraph.validation._report import Rule

if TYPE_CHECKING:
    import rdflib

#: Properties that give a record's label, in order of preference.
LABELS = (RDFS + "label", SKOS + "prefLabel", DCTERMS + "title")


def shape_name(shape: object) -> str:
    """A shape's IRI in short form; a blank node as ``_:label``."""
    import rdflib

    if isinstance(shape, rdflib.BNode):
        return f"_:{shape}"
    return shorten(str(shape))


def severity_of(severity: object, shape: object) -> Severity:
    """A result's ``sh:severity``; capgraph knows only sh:Violation, sh:Warning and sh:Info."""
    from capgraph.errors import InputError

    if severity is None:
        return Severity.VIOLATION
    try:
        return Severity.parse(str(severity))
    except ValueError as error:
        raise InputError(f"shape {shape_name(shape)}: {error}") from None


def term_text(term: object, *, bare: bool = False) -> str:
    """An IRI as itself; a blank node as ``_:label``; a literal as its lexical form, with a
    short datatype if it has one (``bare``: the lexical form alone, as a focus node is shown).
    """
    import rdflib

    if isinstance(term, rdflib.BNode):
        return f"_:{term}"
    if isinstance(term, rdflib.Literal) and not bare:
        if term.datatype is not None and str(term.datatype) != XSD + "string":
            return f'"{term}"^^{shorten(str(term.datatype))}'
        if term.language:
            return f'"{term}"@{term.language}'
        return f'"{term}"'
    return str(term)


def path_text(graph: rdflib.Graph, path: object) -> str:
    """A SHACL property path in SPARQL syntax: ``a/b``, ``^a``, ``a|b``."""
    import rdflib
    from rdflib.collection import Collection

    sh = rdflib.Namespace(SH)
    if isinstance(path, rdflib.URIRef):
        return shorten(str(path))
    if isinstance(path, rdflib.BNode):
        if graph.value(path, rdflib.RDF.first) is not None:
            return "/".join(path_text(graph, p) for p in Collection(graph, path))
        inverse = graph.value(path, sh.inversePath)
        if inverse is not None:
            return "^" + path_text(graph, inverse)
        for name, mark in (("zeroOrMorePath", "*"), ("oneOrMorePath", "+"), ("zeroOrOnePath", "?")):
            inner = graph.value(path, sh[name])
            if inner is not None:
                return f"({path_text(graph, inner)}){mark}"
        alternatives = graph.value(path, sh.alternativePath)
        if alternatives is not None:
            return "|".join(path_text(graph, p) for p in Collection(graph, alternatives))
    return str(path)


def label(graph: rdflib.Graph, node: Any) -> str | None:
    import rdflib

    for prop in LABELS:
        values = sorted(str(v) for v in graph.objects(node, rdflib.URIRef(prop)))
        if values:
            return values[0]
    return None


def shape_rules(shapes_graph: rdflib.Graph) -> tuple[Rule, ...]:
    """The shapes that report results: those with a target, and the property shapes they use."""
    import rdflib

    sh = rdflib.Namespace(SH)
    targets = (sh.targetClass, sh.targetNode, sh.targetSubjectsOf, sh.targetObjectsOf)
    reporting: set[rdflib.URIRef] = set()
    for prop in targets:
        reporting.update(
            s for s in shapes_graph.subjects(prop, None) if isinstance(s, rdflib.URIRef)
        )
    reporting.update(
        o for o in shapes_graph.objects(None, sh.property) if isinstance(o, rdflib.URIRef)
    )
    rules = []
    for shape in reporting:
        severity = shapes_graph.value(shape, sh.severity)
        messages = [str(m) for m in shapes_graph.objects(shape, sh.message)]
        for constraint in shapes_graph.objects(shape, sh.sparql):
            messages.extend(str(m) for m in shapes_graph.objects(constraint, sh.message))
        rules.append(
            Rule(
                id=shape_name(shape),
                severity=Severity.parse(str(severity)) if severity else Severity.VIOLATION,
                description=" / ".join(sorted(messages)),
            )
        )
    return tuple(rules)
