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
``OPTIONAL``/``GROUP BY``/``HAVING``; a correlated ``FILTER NOT EXISTS`` only
around one predicate from ``?this`` (``sh:minCount 1``) and in the conditions of
:mod:`capgraph.validation._conditions` (paths without ``*`` or ``+``), which the
store answers with an index look-up per node (see docs/validation.md, Performance). A
comparison that raises a SPARQL error (incomparable values) counts as a
violation, through ``COALESCE``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from capgraph.namespaces import SH, XSD
from capgraph.validation._classes import Membership
from capgraph.validation._paths import one_step
from capgraph.validation._terms import Unsupported, rdf_list, sh, sparql_term

_OTHER = "?capgraph_other"

#: sh:nodeKind value -> a SPARQL condition on ?value
_NODE_KINDS = {
    "IRI": "isIRI({v})",
    "BlankNode": "isBlank({v})",
    "Literal": "isLiteral({v})",
    "BlankNodeOrIRI": "(isBlank({v}) || isIRI({v}))",
    "BlankNodeOrLiteral": "(isBlank({v}) || isLiteral({v}))",
    "IRIOrLiteral": "(isIRI({v}) || isLiteral({v}))",
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
    """One compiled constraint, or several of one shape: the query text, and what it reports.

    A query of one constraint reports ``component`` for each row. A query of several
    (``checks``) projects one boolean ``?capgraph_fN`` per check, true where the row
    violates check N.
    """

    component: str
    text: str
    #: the parameter value (for the default message)
    parameter: str = ""
    #: (component, parameter) of each check of a query of several
    checks: tuple[tuple[str, str], ...] = ()

    def violated(self, row: dict[str, Any]) -> list[tuple[str, str]]:
        """The (component, parameter) of each constraint that ``row`` violates."""
        if not self.checks:
            return [(self.component, self.parameter)]
        # a store may write a boolean as "1" (Virtuoso)
        return [
            check
            for number, check in enumerate(self.checks)
            if getattr(row.get(f"capgraph_f{number}"), "value", "") in ("true", "1")
        ]


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


def _datatype(value: Any, var: str) -> str:
    datatype = sparql_term(value)
    condition = f"isLiteral({var}) && sameTerm(datatype({var}), {datatype})"
    name = str(value).removeprefix(XSD)
    if str(value).startswith(XSD) and name in _CASTS:
        condition += f" && COALESCE(STRLEN(STR({datatype}(STR({var})))) >= 0, false)"
    elif str(value).startswith(XSD) and name in _INTEGERS:
        low, high = _INTEGERS[name]
        cast = f"<{XSD}integer>(STR({var}))"
        checks = [f"{cast} >= {low}"] if low is not None else []
        checks += [f"{cast} <= {high}"] if high is not None else []
        condition += f" && COALESCE({' && '.join(checks)}, false)"
    return condition


def value_condition(graph: Any, parameter: str, value: Any, var: str = "?value") -> str | None:
    """The condition every value node ``var`` must meet, for a component that tests each
    value alone (None for any other component). The condition never raises an error."""
    if parameter == "datatype":
        return _datatype(value, var)
    if parameter == "nodeKind":
        kind = str(value).removeprefix(SH)
        if kind not in _NODE_KINDS:
            raise Unsupported(f"an unknown sh:nodeKind ({value})")
        return _NODE_KINDS[kind].format(v=var)
    if parameter in _RANGES:
        return f"COALESCE({var} {_RANGES[parameter]} {sparql_term(value)}, false)"
    if parameter in _LENGTHS:
        limit = integer(value)
        operator = _LENGTHS[parameter]
        return f"COALESCE(!isBlank({var}) && STRLEN(STR({var})) {operator} {limit}, false)"
    if parameter == "languageIn":
        tests = [f"LANGMATCHES(LANG({var}), {sparql_term(t)})" for t in rdf_list(graph, value)]
        return f"COALESCE({' || '.join(tests) or 'false'}, false)"
    if parameter == "in":
        tests = [f"sameTerm({var}, {sparql_term(t)})" for t in rdf_list(graph, value)]
        return " || ".join(tests) or "false"
    return None


def pattern_condition(graph: Any, shape: Any, value: Any, var: str = "?value") -> str:
    """The condition of ``sh:pattern`` (with the shape's ``sh:flags``) on ``var``."""
    import rdflib

    flags = [f for f in graph.objects(shape, sh("flags")) if isinstance(f, rdflib.Literal)]
    arguments = sparql_term(rdflib.Literal(str(value)))
    if flags:
        arguments += ", " + sparql_term(rdflib.Literal(str(flags[0])))
    return f"COALESCE(!isBlank({var}) && REGEX(STR({var}), {arguments}), false)"


def _class(patterns: Patterns, value: Any, classes: Membership) -> str:
    instances = classes.instances("?value", sparql_term(value), via="?capgraph_value_class")
    return f"SELECT DISTINCT ?this ?value WHERE {{ {patterns.values} MINUS {{ {instances} }} }}"


def _flagged(patterns: Patterns, conditions: list[tuple[str, str, str]]) -> Query:
    """One query for the value conditions of one shape: (component, parameter, condition)."""
    if len(conditions) == 1:
        component, parameter, condition = conditions[0]
        return Query(component, _violating(patterns, condition), parameter)
    flags = [f"?capgraph_f{n}" for n in range(len(conditions))]
    binds = " ".join(
        f"BIND(COALESCE(!({condition}), false) AS {flag})"
        for flag, (_c, _p, condition) in zip(flags, conditions, strict=True)
    )
    text = (
        f"SELECT DISTINCT ?this ?value {' '.join(flags)} WHERE {{ {patterns.values} {binds}"
        f" FILTER({' || '.join(flags)}) }}"
    )
    return Query("", text, checks=tuple((c, p) for c, p, _condition in conditions))


def _counts(patterns: Patterns, least: Any, most: Any) -> Query:
    """sh:minCount and sh:maxCount of one property shape in one query."""
    if patterns.path is None:
        raise Unsupported("sh:minCount on a node shape")
    count = "COUNT(DISTINCT ?value)"
    low, high = integer(least), integer(most)
    text = (
        f"SELECT ?this (({count} < {low}) AS ?capgraph_f0) (({count} > {high}) AS ?capgraph_f1)"
        f" WHERE {{ {patterns.focus} OPTIONAL {{ ?this {patterns.path} ?value }} }}"
        f" GROUP BY ?this HAVING ({count} < {low} || {count} > {high})"
    )
    checks = (
        ("MinCountConstraintComponent", _parameter_text(least)),
        ("MaxCountConstraintComponent", _parameter_text(most)),
    )
    return Query("", text, checks=checks)


def _min_count(patterns: Patterns, value: Any) -> str:
    if patterns.path is None:
        raise Unsupported("sh:minCount on a node shape")
    if integer(value) == 1 and one_step(patterns.path):
        # one index look-up per focus node: 2.4 times faster than counting at 1M triples
        return (
            f"SELECT ?this WHERE {{ {patterns.focus}"
            f" FILTER NOT EXISTS {{ ?this {patterns.path} ?value }} }}"
        )
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
#: the parameters whose constraint tests each value node alone (:func:`value_condition`)
VALUE_PARAMETERS = frozenset(_VALUE_COMPONENTS)
#: the parameters this module compiles (``pattern``, ``closed`` and ``class`` have their own)
PARAMETERS = frozenset(_BUILDERS) | frozenset(_VALUE_COMPONENTS) | {"pattern", "closed", "class"}


def compile_constraints(
    graph: Any, shape: Any, patterns: Patterns, *, classes: Membership
) -> list[Query]:
    """The queries for the constraints of ``shape`` that need no nested shape.

    The conditions each value must meet alone are one query together, and so are a
    property shape's one sh:minCount and one sh:maxCount. ``classes`` spells class
    membership, for ``sh:class`` (:mod:`capgraph.validation._classes`).
    """
    queries = []
    conditions: list[tuple[str, str, str]] = []
    counted = {name: list(graph.objects(shape, sh(name))) for name in ("minCount", "maxCount")}
    together = all(len(values) == 1 for values in counted.values()) and patterns.path
    if together:
        queries.append(_counts(patterns, counted["minCount"][0], counted["maxCount"][0]))
    for parameter in sorted(PARAMETERS):
        if together and parameter in counted:
            continue
        for value in sorted(graph.objects(shape, sh(parameter))):
            if parameter in _VALUE_COMPONENTS:
                condition = value_condition(graph, parameter, value)
                assert condition is not None
                component = _VALUE_COMPONENTS[parameter]
                conditions.append((component, _parameter_text(value), condition))
                continue
            if parameter == "pattern":
                condition = pattern_condition(graph, shape, value)
                conditions.append(("PatternConstraintComponent", _parameter_text(value), condition))
                continue
            if parameter == "closed":
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
    if conditions:
        queries.append(_flagged(patterns, conditions))
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
