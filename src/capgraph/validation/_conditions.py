"""A nested shape as one SPARQL condition on a node, so that ``sh:or`` and its kin are one FILTER.

``sh:node``, ``sh:not``, ``sh:and``, ``sh:or`` and ``sh:xone`` ask whether each value node
conforms to other shapes. When every shape they name is made of constraints that test one
node at a time (value conditions, ``sh:pattern``, ``sh:class``, ``sh:hasValue``,
``sh:minCount`` 0 or 1, ``sh:maxCount`` 0 or 1, nested property shapes and the same list
operators), conformance is a boolean expression on the node, with ``EXISTS`` for what its
paths reach. The referring constraint is then one query over its value nodes, instead of
each nested constraint's own query plus the pairs of focus and value. A shape with anything
else (counts above one, ``sh:closed``, qualified shapes, SPARQL constraints, property pairs)
raises :class:`Unsupported`, and the engine computes the nested shape's failing nodes as sets.

Every condition here evaluates without error: it is true exactly when the compiled query of
the same constraint would report nothing for that node.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from capgraph.namespaces import SH
from capgraph.validation._classes import Membership
from capgraph.validation._compile import (
    VALUE_PARAMETERS,
    integer,
    pattern_condition,
    value_condition,
)
from capgraph.validation._paths import repeats, sparql_path
from capgraph.validation._shapes import shape_name
from capgraph.validation._terms import Unsupported, is_true, rdf_list, sh, sparql_term

#: shapes-graph terms that do not change whether a node conforms
_INERT = frozenset(
    {"severity", "message", "name", "description", "order", "group", "defaultValue", "flags"}
    | {"deactivated", "path", "targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf"}
)
_LISTS = frozenset({"and", "or", "xone"})
_HANDLED = (
    _INERT
    | VALUE_PARAMETERS
    | _LISTS
    | {"pattern", "class", "hasValue", "minCount", "maxCount", "node", "not", "property"}
)


class Conditions:
    """Writes conformance conditions for the shapes of one shapes graph (fresh variable names)."""

    def __init__(
        self, graph: Any, classes: Membership, custom: frozenset[Any] = frozenset()
    ) -> None:
        self.graph = graph
        #: spells class membership (:mod:`capgraph.validation._classes`)
        self.classes = classes
        #: the parameters of SPARQL-based constraint components, which a condition cannot hold
        self.custom = custom
        self._names: Iterator[int] = itertools.count()
        self._active: list[Any] = []

    def fresh(self) -> str:
        return f"?capgraph_c{next(self._names)}"

    def conforms(self, shape: Any, var: str) -> str:
        """A condition true when the node bound to ``var`` conforms to ``shape``."""
        graph = self.graph
        if any(is_true(v) for v in graph.objects(shape, sh("deactivated"))):
            return "true"
        if shape in self._active:
            raise Unsupported(f"recursive shape {shape_name(shape)}")
        self._check(shape)
        self._active.append(shape)
        try:
            path = graph.value(shape, sh("path"))
            if path is None:
                parts = self._node_parts(shape, var)
            else:
                text = sparql_path(graph, path)
                if repeats(text):
                    raise Unsupported("a path with * or + in a nested shape")
                parts = self._path_parts(shape, text, var)
        finally:
            self._active.pop()
        return conjunction(parts)

    def _check(self, shape: Any) -> None:
        graph = self.graph
        for predicate in set(graph.predicates(shape)):
            name = str(predicate).removeprefix(SH)
            if predicate in self.custom or (str(predicate).startswith(SH) and name not in _HANDLED):
                raise Unsupported(f"sh:{name} in a nested shape")

    def _node_parts(self, shape: Any, var: str) -> list[str]:
        """The conditions ``shape``'s own constraints put on the node itself."""
        graph = self.graph
        if graph.value(shape, sh("minCount")) is not None:
            raise Unsupported("sh:minCount on a node shape")
        if graph.value(shape, sh("maxCount")) is not None:
            raise Unsupported("sh:maxCount on a node shape")
        parts = self._value_parts(shape, var)
        for value in graph.objects(shape, sh("hasValue")):
            parts.append(f"sameTerm({var}, {sparql_term(value)})")
        for prop in sorted(graph.objects(shape, sh("property")), key=str):
            parts.append(self.conforms(prop, var))
        return parts

    def _value_parts(self, shape: Any, var: str) -> list[str]:
        """The conditions on each value node: value conditions, pattern, class, nested shapes."""
        graph = self.graph
        parts = []
        for parameter in sorted(VALUE_PARAMETERS):
            for value in sorted(graph.objects(shape, sh(parameter))):
                condition = value_condition(graph, parameter, value, var)
                assert condition is not None
                parts.append(condition)
        for value in sorted(graph.objects(shape, sh("pattern"))):
            parts.append(pattern_condition(graph, shape, value, var))
        for value in sorted(graph.objects(shape, sh("class"))):
            members = self.classes.instances(var, sparql_term(value), via=self.fresh())
            parts.append(f"EXISTS {{ {members} }}")
        for nested in sorted(graph.objects(shape, sh("node")), key=str):
            parts.append(self.conforms(nested, var))
        for nested in sorted(graph.objects(shape, sh("not")), key=str):
            parts.append(f"!({self.conforms(nested, var)})")
        for name in sorted(_LISTS):
            for members in graph.objects(shape, sh(name)):
                conditions = [self.conforms(m, var) for m in rdf_list(graph, members)]
                parts.append(combine(name, conditions))
        return parts

    def _path_parts(self, shape: Any, path: str, var: str) -> list[str]:
        """The conditions of a property shape on its focus node ``var``."""
        graph = self.graph
        parts = []
        value = self.fresh()
        each = self._value_parts(shape, value)
        nested = sorted(graph.objects(shape, sh("property")), key=str)
        each += [self.conforms(p, value) for p in nested]
        if each:
            parts.append(f"NOT EXISTS {{ {var} {path} {value} FILTER(!({conjunction(each)})) }}")
        for least in graph.objects(shape, sh("minCount")):
            if integer(least) > 1:
                raise Unsupported("sh:minCount above 1 in a nested shape")
            if integer(least) == 1:
                parts.append(f"EXISTS {{ {var} {path} {self.fresh()} }}")
        for most in graph.objects(shape, sh("maxCount")):
            if integer(most) > 1:
                raise Unsupported("sh:maxCount above 1 in a nested shape")
            first = self.fresh()
            if integer(most) == 0:
                parts.append(f"NOT EXISTS {{ {var} {path} {first} }}")
            else:
                second = self.fresh()
                parts.append(
                    f"NOT EXISTS {{ {var} {path} {first} . {var} {path} {second} ."
                    f" FILTER(!sameTerm({first}, {second})) }}"
                )
        for term in graph.objects(shape, sh("hasValue")):
            parts.append(f"EXISTS {{ {var} {path} {sparql_term(term)} }}")
        return parts


def conjunction(parts: list[str]) -> str:
    return " && ".join(f"({p})" for p in parts) if parts else "true"


def combine(name: str, conditions: list[str]) -> str:
    """``sh:and``, ``sh:or`` or ``sh:xone`` of the members' conformance conditions."""
    if name == "and":
        return conjunction(conditions)
    if name == "or":
        return " || ".join(f"({c})" for c in conditions) if conditions else "false"
    counted = " + ".join(f"IF({c}, 1, 0)" for c in conditions) or "0"
    return f"({counted}) = 1"
