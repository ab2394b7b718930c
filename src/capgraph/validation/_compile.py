"""SHACL Core constraints (SHACL 4) compiled to SPARQL: one query per constraint, all focus nodes.

Every query is built from two patterns. The *focus* pattern binds ``?this`` to
the focus nodes (a shape's targets, or the value nodes of the constraint that
refers to a nested shape); the *values* pattern adds ``?value``, each value node
of ``?this`` (the focus itself for a node shape, the path's objects for a
property shape). A query returns the violations: ``?this``, and ``?value``
where the component reports one.

The queries use only SPARQL 1.1, so that the same text can be sent to a remote
endpoint. Shape terms enter the text through :func:`sparql_term`, which lets
pyoxigraph escape them. Negation is written as ``MINUS`` or
``OPTIONAL``/``GROUP BY``/``HAVING``, never as a correlated ``FILTER NOT
EXISTS`` (see docs/validation.md, Performance). A comparison that raises a
SPARQL error (incomparable values) counts as a violation, through ``COALESCE``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from capgraph.namespaces import SH, XSD
from capgraph.validation._classes import Membership
from capgraph.validation._terms import Unsupported, rdf_list, sh, sparql_term

_OTHER = "?capgraph_other"

#: sh:nodeKind value -> a SPARQL condition on ?value
_NODE_KINDS = {
    "IRI": "isIRI(?value)",
    "BlankNode": "isBlank(?value)",
    "Literal": "isLiteral(?value)",
    "BlankNodeOrIRI": "(isBlank(?value) || isIRI(?value))",
    "BlankNodeOrLiteral": "(isBlank(?value) || isLiteral(?value))",
    "IRIOrLiteral": "(isIRI(?value) || isLiteral(?value))",
}
_RANGES = {"minExclusive": ">", "minInclusive": ">=", "maxExclusive": "<", "maxInclusive": "<="}
_LENGTHS = {"minLength": ">=", "maxLength": "<="}
#: XSD datatypes whose lexical space the store can check by casting
_CASTS = frozenset(
    {"string", "boolean", "integer", "decimal", "float", "double", "date", "dateTime", "time"}
    | {"gYear", "gYearMonth", "duration"}
)
#: XSD integer types: the range an integer cast must fall in
_INTEGERS = {
    "positiveInteger": (1, None),
    "nonNegativeInteger": (0, None),
    "negativeInteger": (None, -1),
    "nonPositiveInteger": (None, 0),
    "long": (-(2**63), 2**63 - 1),
    "int": (-(2**31), 2**31 - 1),
    "short": (-(2**15), 2**15 - 1),
    "byte": (-128, 127),
    "unsignedLong": (0, 2**64 - 1),
    "unsignedInt": (0, 2**32 - 1),
    "unsignedShort": (0, 2**16 - 1),
    "unsignedByte": (0, 255),
}


@dataclass(frozen=True)
class Query:
    """One compiled constraint: its component, the query text, and what it reports."""

    component: str
    text: str
    #: the parameter value (for the default message)
    parameter: str = ""


@dataclass(frozen=True)
class Patterns:
    """The focus and values patterns of one shape, and its path in SPARQL (None: a node shape)."""

    focus: str
    path: str | None

    @property
    def values(self) -> str:
        if self.path is None:
            return f"{self.focus} BIND(?this AS ?value)"
        return f"{self.focus} ?this {self.path} ?value ."

    def pairs(self) -> str:
        return f"SELECT DISTINCT ?this ?value WHERE {{ {self.values} }}"

    def nested(self) -> str:
        """A focus pattern binding ``?this`` to every value node of this shape."""
        if self.path is None:  # a node shape's value nodes are its focus nodes
            return f"{{ SELECT DISTINCT ?this WHERE {{ {self.focus} }} }}"
        return (
            "{ SELECT (?capgraph_v AS ?this) WHERE { { SELECT DISTINCT (?value AS ?capgraph_v)"
            f" WHERE {{ {self.values} }} }} }} }}"
        )


def integer(value: Any) -> int:
    """A count or length parameter; anything else is left to pySHACL, which reports it."""
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Unsupported(f"a parameter that is not an integer ({value})") from None


def _violating(patterns: Patterns, condition: str) -> str:
    return f"SELECT DISTINCT ?this ?value WHERE {{ {patterns.values} FILTER(!({condition})) }}"


def _datatype(graph: Any, value: Any) -> str:
    datatype = sparql_term(value)
    condition = f"isLiteral(?value) && sameTerm(datatype(?value), {datatype})"
    name = str(value).removeprefix(XSD)
    if str(value).startswith(XSD) and name in _CASTS:
        condition += f" && COALESCE(STRLEN(STR({datatype}(STR(?value)))) >= 0, false)"
    elif str(value).startswith(XSD) and name in _INTEGERS:
        low, high = _INTEGERS[name]
        cast = f"<{XSD}integer>(STR(?value))"
        checks = [f"{cast} >= {low}"] if low is not None else []
        checks += [f"{cast} <= {high}"] if high is not None else []
        condition += f" && COALESCE({' && '.join(checks)}, false)"
    return condition


def value_condition(graph: Any, parameter: str, value: Any) -> str | None:
    """The condition every value node must meet, for a component that tests each value alone."""
    if parameter == "datatype":
        return _datatype(graph, value)
    if parameter == "nodeKind":
        kind = str(value).removeprefix(SH)
        if kind not in _NODE_KINDS:
            raise Unsupported(f"an unknown sh:nodeKind ({value})")
        return _NODE_KINDS[kind]
    if parameter in _RANGES:
        return f"COALESCE(?value {_RANGES[parameter]} {sparql_term(value)}, false)"
    if parameter in _LENGTHS:
        limit = integer(value)
        operator = _LENGTHS[parameter]
        return f"COALESCE(!isBlank(?value) && STRLEN(STR(?value)) {operator} {limit}, false)"
    if parameter == "languageIn":
        tests = [f"LANGMATCHES(LANG(?value), {sparql_term(t)})" for t in rdf_list(graph, value)]
        return f"COALESCE({' || '.join(tests) or 'false'}, false)"
    if parameter == "in":
        tests = [f"sameTerm(?value, {sparql_term(t)})" for t in rdf_list(graph, value)]
        return " || ".join(tests) or "false"
    return None


def _pattern_condition(graph: Any, shape: Any, value: Any) -> str:
    import rdflib

    flags = [f for f in graph.objects(shape, sh("flags")) if isinstance(f, rdflib.Literal)]
    arguments = sparql_term(rdflib.Literal(str(value)))
    if flags:
        arguments += ", " + sparql_term(rdflib.Literal(str(flags[0])))
    return f"COALESCE(!isBlank(?value) && REGEX(STR(?value), {arguments}), false)"


def _class(patterns: Patterns, value: Any, classes: Membership) -> str:
    instances = classes.instances("?value", sparql_term(value), via="?capgraph_value_class")
    return f"SELECT DISTINCT ?this ?value WHERE {{ {patterns.values} MINUS {{ {instances} }} }}"


def _min_count(patterns: Patterns, value: Any) -> str:
    if patterns.path is None:
        raise Unsupported("sh:minCount on a node shape")
    return (
        f"SELECT ?this WHERE {{ {patterns.focus} OPTIONAL {{ ?this {patterns.path} ?value }} }}"
        f" GROUP BY ?this HAVING (COUNT(DISTINCT ?value) < {integer(value)})"
    )


def _max_count(patterns: Patterns, value: Any) -> str:
    if patterns.path is None:
        raise Unsupported("sh:maxCount on a node shape")
    return (
        f"SELECT ?this WHERE {{ {patterns.values} }}"
        f" GROUP BY ?this HAVING (COUNT(DISTINCT ?value) > {integer(value)})"
    )


def _has_value(patterns: Patterns, value: Any) -> str:
    term = sparql_term(value)
    if patterns.path is None:
        return (
            f"SELECT DISTINCT ?this WHERE {{ {patterns.focus} FILTER(!sameTerm(?this, {term})) }}"
        )
    return (
        f"SELECT DISTINCT ?this WHERE {{ {patterns.focus}"
        f" MINUS {{ ?this {patterns.path} {term} }} }}"
    )


def _equals(patterns: Patterns, value: Any) -> str:
    other = sparql_term(value)
    if patterns.path is None:
        extra = f"{{ {patterns.focus} ?this {other} ?value . FILTER(!sameTerm(?this, ?value)) }}"
    else:
        own = f"?this {patterns.path} ?value"
        extra = f"{{ {patterns.focus} ?this {other} ?value . MINUS {{ {own} }} }}"
    missing = f"{{ {patterns.values} MINUS {{ ?this {other} ?value }} }}"
    return f"SELECT DISTINCT ?this ?value WHERE {{ {missing} UNION {extra} }}"


def _disjoint(patterns: Patterns, value: Any) -> str:
    other = sparql_term(value)
    return f"SELECT DISTINCT ?this ?value WHERE {{ {patterns.values} ?this {other} ?value . }}"


def _less(operator: str) -> Callable[[Patterns, Any], str]:
    def build(patterns: Patterns, value: Any) -> str:
        return (
            f"SELECT DISTINCT ?this ?value WHERE {{ {patterns.values}"
            f" ?this {sparql_term(value)} {_OTHER} ."
            f" FILTER(!COALESCE(?value {operator} {_OTHER}, false)) }}"
        )

    return build


def _unique_lang(patterns: Patterns, value: Any) -> str:
    if str(value).lower() not in ("true", "1"):
        return ""
    if patterns.path is None:
        raise Unsupported("sh:uniqueLang on a node shape")
    return (
        f'SELECT ?this WHERE {{ {patterns.values} FILTER(LANG(?value) != "") }}'
        " GROUP BY ?this (LANG(?value)) HAVING (COUNT(DISTINCT ?value) > 1)"
    )


#: parameter -> (component, query builder) for the components that need no nested shape
_BUILDERS: dict[str, tuple[str, Callable[[Patterns, Any], str]]] = {
    "minCount": ("MinCountConstraintComponent", _min_count),
    "maxCount": ("MaxCountConstraintComponent", _max_count),
    "hasValue": ("HasValueConstraintComponent", _has_value),
    "equals": ("EqualsConstraintComponent", _equals),
    "disjoint": ("DisjointConstraintComponent", _disjoint),
    "lessThan": ("LessThanConstraintComponent", _less("<")),
    "lessThanOrEquals": ("LessThanOrEqualsConstraintComponent", _less("<=")),
    "uniqueLang": ("UniqueLangConstraintComponent", _unique_lang),
}
_VALUE_COMPONENTS = {
    "datatype": "DatatypeConstraintComponent",
    "nodeKind": "NodeKindConstraintComponent",
    **{name: name[0].upper() + name[1:] + "ConstraintComponent" for name in _RANGES},
    **{name: name[0].upper() + name[1:] + "ConstraintComponent" for name in _LENGTHS},
    "languageIn": "LanguageInConstraintComponent",
    "in": "InConstraintComponent",
}
#: the parameters this module compiles (``pattern``, ``closed`` and ``class`` have their own)
PARAMETERS = frozenset(_BUILDERS) | frozenset(_VALUE_COMPONENTS) | {"pattern", "closed", "class"}


def compile_constraints(
    graph: Any, shape: Any, patterns: Patterns, *, classes: Membership
) -> list[Query]:
    """A query for each constraint of ``shape`` that needs no nested shape.

    ``classes`` spells class membership, for ``sh:class`` (:mod:`capgraph.validation._classes`).
    """
    queries = []
    for parameter in sorted(PARAMETERS):
        for value in sorted(graph.objects(shape, sh(parameter))):
            if parameter in _VALUE_COMPONENTS:
                condition = value_condition(graph, parameter, value)
                assert condition is not None
                text = _violating(patterns, condition)
                component = _VALUE_COMPONENTS[parameter]
            elif parameter == "pattern":
                text = _violating(patterns, _pattern_condition(graph, shape, value))
                component = "PatternConstraintComponent"
            elif parameter == "closed":
                text = _closed(graph, shape, patterns, value)
                component = "ClosedConstraintComponent"
            elif parameter == "class":
                text = _class(patterns, value, classes)
                component = "ClassConstraintComponent"
            else:
                component, build = _BUILDERS[parameter]
                text = build(patterns, value)
            if text:
                queries.append(Query(component, text, _parameter_text(value)))
    return queries


def _parameter_text(value: Any) -> str:
    import rdflib

    return str(value) if isinstance(value, rdflib.Literal | rdflib.URIRef) else ""


def _closed(graph: Any, shape: Any, patterns: Patterns, value: Any) -> str:
    import rdflib

    if str(value).lower() not in ("true", "1"):
        return ""
    if patterns.path is not None:
        raise Unsupported("sh:closed on a property shape")
    allowed = set()
    for prop in graph.objects(shape, sh("property")):
        path = graph.value(prop, sh("path"))
        if isinstance(path, rdflib.URIRef):
            allowed.add(path)
    for ignored in graph.objects(shape, sh("ignoredProperties")):
        allowed.update(rdf_list(graph, ignored))
    names = ", ".join(sparql_term(p) for p in sorted(allowed))
    return (
        f"SELECT DISTINCT ?this ?path ?value WHERE {{ {patterns.focus}"
        f" ?this ?path ?value . FILTER(?path NOT IN ({names})) }}"
    )
