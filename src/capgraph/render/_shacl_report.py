"""The report as RDF: the standard ``sh:ValidationReport``, so that other SHACL tools read it.

Each result becomes an ``sh:ValidationResult`` with ``sh:focusNode``, ``sh:resultPath``
(rebuilt as a SHACL path from its SPARQL form: ``^p``, ``a/b``, ``a|b``), ``sh:value``,
``sh:sourceShape``, ``sh:sourceConstraintComponent``, ``sh:resultSeverity`` and
``sh:resultMessage``. ``sh:conforms`` is true only when there is no result at all, as
the SHACL specification defines it (whatever ``--fail-on`` says about the exit code).
The output is deterministic: results in report order, blank nodes numbered in that order.
The shapes that pySHACL checked instead of the compiled engine are named in comments at
the top, so the graph itself stays the standard report.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pyoxigraph as ox

from capgraph.namespaces import PREFIXES, RDF, SH, XSD
from capgraph.query import expand_iri
from capgraph.render._validation_text import FALLBACK_HEADING, fallback_line
from capgraph.validation import ValidationReport, ValidationResult

__all__ = ["render_shacl_turtle"]

_SEVERITY_IRIS = {"violation": "Violation", "warning": "Warning", "info": "Info"}
_Blank = Callable[[str], ox.BlankNode]
_PREFIXES: dict[str, str] = {name: PREFIXES[name] for name in ("cap", "capsh", "sh", "xsd")}


def render_shacl_turtle(report: ValidationReport) -> str:
    """The report as a Turtle ``sh:ValidationReport``."""
    counter = itertools.count(1)

    def blank(kind: str) -> ox.BlankNode:
        return ox.BlankNode(f"{kind}{next(counter)}")

    triples: list[ox.Triple] = []
    root = ox.BlankNode("report")
    triples.append(ox.Triple(root, _iri(RDF + "type"), _iri(SH + "ValidationReport")))
    conforms = ox.Literal("true" if not report.results else "false", datatype=_iri(XSD + "boolean"))
    triples.append(ox.Triple(root, _iri(SH + "conforms"), conforms))
    for result in report.results:
        node = blank("result")
        triples.append(ox.Triple(root, _iri(SH + "result"), node))
        triples.extend(_result_triples(node, result, blank))
    body = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=_PREFIXES) or b""
    comments = "".join(_comment(fallback_line(f)) for f in report.fallbacks)
    if comments:
        comments = _comment(f"{FALLBACK_HEADING}:") + comments
    return comments + body.decode("utf-8")


def _comment(text: str) -> str:
    """One Turtle comment line (a line break in ``text`` cannot end the comment)."""
    return "# " + " ".join(text.split()) + "\n"


def _result_triples(node: ox.BlankNode, result: ValidationResult, blank: _Blank) -> list[ox.Triple]:
    severity = _iri(SH + _SEVERITY_IRIS[result.severity.label])
    triples = [
        ox.Triple(node, _iri(RDF + "type"), _iri(SH + "ValidationResult")),
        ox.Triple(node, _iri(SH + "focusNode"), _iri(result.focus)),
        ox.Triple(node, _iri(SH + "resultSeverity"), severity),
        ox.Triple(node, _iri(SH + "sourceShape"), _shape(result.shape)),
        ox.Triple(node, _iri(SH + "sourceConstraintComponent"), _component(result.constraint)),
        ox.Triple(node, _iri(SH + "resultMessage"), ox.Literal(result.message)),
    ]
    if result.path:
        path, extra = _path(result.path, blank)
        triples.append(ox.Triple(node, _iri(SH + "resultPath"), path))
        triples.extend(extra)
    if result.value is not None:
        triples.append(ox.Triple(node, _iri(SH + "value"), _value(result.value)))
    return triples


def _iri(text: str) -> ox.NamedNode:
    return ox.NamedNode(text)


def _shape(name: str) -> ox.NamedNode | ox.BlankNode:
    """A source shape; a shape that is a blank node (``_:b1``) stays one."""
    if name.startswith("_:"):
        return ox.BlankNode(name[2:])
    return _iri(expand_iri(name))


def _component(constraint: str) -> ox.NamedNode | ox.Literal:
    """A constraint component IRI; a SPARQL check (``sparql:FILE``) is named by its file."""
    expanded = expand_iri(constraint)
    if expanded.startswith(("http://", "https://", "urn:")):
        return _iri(expanded)
    return _iri(SH + "SPARQLConstraintComponent")


def _path(text: str, make: _Blank) -> tuple[ox.NamedNode | ox.BlankNode, list[ox.Triple]]:
    """A SHACL property path from its SPARQL form (``^a``, ``a/b``, ``a|b``; no nesting)."""
    if "|" in text:
        head, extra = _list(text.split("|"), make)
        node = make("path")
        return node, [ox.Triple(node, _iri(SH + "alternativePath"), head), *extra]
    if "/" in text and not text.startswith(("http://", "https://")):
        return _list(text.split("/"), make)
    if text.startswith("^"):
        inner, extra = _path(text[1:], make)
        node = make("path")
        return node, [ox.Triple(node, _iri(SH + "inversePath"), inner), *extra]
    return _iri(expand_iri(text)), []


def _list(items: list[str], make: _Blank) -> tuple[ox.NamedNode | ox.BlankNode, list[ox.Triple]]:
    triples: list[ox.Triple] = []
    rest: ox.NamedNode | ox.BlankNode = _iri(RDF + "nil")
    for item in reversed(items):
        cell = make("list")
        first, extra = _path(item, make)
        triples += [
            ox.Triple(cell, _iri(RDF + "first"), first),
            ox.Triple(cell, _iri(RDF + "rest"), rest),
            *extra,
        ]
        rest = cell
    return rest, triples


def _value(text: str) -> ox.NamedNode | ox.Literal:
    """A value from its report text: an IRI, or ``"lexical"``, ``"x"@lang``, ``"x"^^dt``."""
    if not text.startswith('"'):
        return _iri(text)
    end = text.rindex('"')
    lexical, suffix = text[1:end], text[end + 1 :]
    if suffix.startswith("@"):
        return ox.Literal(lexical, language=suffix[1:])
    if suffix.startswith("^^"):
        return ox.Literal(lexical, datatype=_iri(expand_iri(suffix[2:])))
    return ox.Literal(lexical)
