"""Run compiled shapes: every constraint as one query; nested shapes as conditions or sets.

A constraint that refers to other shapes (``sh:node``, ``sh:not``, ``sh:and``,
``sh:or``, ``sh:xone``) is one query when each shape it names can be written as a
condition on a node (:mod:`capgraph.validation._conditions`): its value nodes that
do not meet the combined condition. Otherwise (and always for
``sh:qualifiedValueShape``) it is answered bottom-up: the nested shape is
validated, with its own compiled queries, against the value nodes of the
referring shape (a sub-SELECT, never a list of nodes, so blank nodes work and the
text can go to an endpoint), and the nodes that fail it are kept as a set. The
referring constraint then compares its value nodes with those sets. A shape that
refers back to itself is recursive, which SHACL leaves undefined: it is reported
as unsupported and checked by pySHACL.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Any

from capgraph._progress import NO_PROGRESS, Progress
from capgraph.namespaces import SH
from capgraph.validation._classes import Classes, Membership
from capgraph.validation._compile import PARAMETERS, Patterns, compile_constraints, integer
from capgraph.validation._conditions import Conditions, combine
from capgraph.validation._paths import sparql_path
from capgraph.validation._select import Select
from capgraph.validation._shapes import shape_name
from capgraph.validation._targets import has_targets, target_pattern
from capgraph.validation._terms import Unsupported, is_true, rdf_list, sh

_SHAPE_LISTS = {"and": "AndConstraintComponent", "or": "OrConstraintComponent"}
_SHAPE_LISTS["xone"] = "XoneConstraintComponent"


@dataclass(frozen=True)
class Hit:
    """One violation found by a compiled query, before it becomes a ``ValidationResult``."""

    shape: Any
    component: str
    focus: Any
    value: Any | None
    #: the shape's path (an rdflib term), or the property a closed shape does not allow
    path: Any | None
    parameter: str = ""


@dataclass
class Outcome:
    """What the compiled engine found, and the shapes it left to pySHACL (with the reason)."""

    hits: list[Hit] = field(default_factory=list)
    fallbacks: dict[Any, str] = field(default_factory=dict)


def top_shapes(graph: Any) -> list[Any]:
    """The shapes that have targets of their own, in a stable order."""
    import rdflib

    kinds = {sh("NodeShape"), sh("PropertyShape")}
    candidates = {s for s in graph.subjects() if isinstance(s, rdflib.URIRef | rdflib.BNode)}
    found = []
    for shape in candidates:
        is_shape = bool(kinds & set(graph.objects(shape, rdflib.RDF.type))) or any(
            str(p).startswith(SH) for p in graph.predicates(shape)
        )
        if is_shape and has_targets(graph, shape):
            found.append(shape)
    return sorted(found, key=str)


def evaluate(
    graph: Any,
    select: Select,
    *,
    progress: Progress = NO_PROGRESS,
    classes: Membership | None = None,
    pool: Executor | None = None,
) -> Outcome:
    """Every compiled shape's violations; shapes the compiler cannot handle go to fallbacks.

    ``progress`` advances once per top-level shape. ``classes`` answers which classes
    are subclasses of which (asked of ``select`` when not given). ``pool`` evaluates the
    shapes side by side (each with its own evaluator); the outcome is the same, in the
    same order.
    """
    shapes = top_shapes(graph)
    members = classes or Classes(select)
    custom = frozenset(
        path
        for parameter in graph.objects(None, sh("parameter"))
        for path in graph.objects(parameter, sh("path"))
    )
    one = functools.partial(_evaluate_one, graph, select, members, custom)
    if pool is None:
        answers = [one(shape) for shape in shapes]
    else:
        answers = [future.result() for future in [pool.submit(one, shape) for shape in shapes]]
    outcome = Outcome()
    for shape, (hits, reason) in zip(shapes, answers, strict=True):
        outcome.hits.extend(hits)
        if reason is not None:
            outcome.fallbacks[shape] = reason
        progress.advance()
    return outcome


def _evaluate_one(
    graph: Any, select: Select, classes: Membership, custom: frozenset[Any], shape: Any
) -> tuple[list[Hit], str | None]:
    """One top-level shape's hits, or the reason it is left to pySHACL.

    ``custom`` holds the parameters of the shapes graph's SPARQL-based constraint components.
    """
    evaluator = _Evaluator(graph, select, classes, custom)
    try:
        if evaluator.deactivated(shape):
            return [], None
        focus = "{ " + target_pattern(graph, shape, classes=classes) + " }"
        return evaluator.hits(shape, focus), None
    except Unsupported as reason:
        return [], str(reason)
    except (SyntaxError, OSError) as error:  # the store rejected a compiled query
        return [], f"the store could not run its query ({error})"


class _Evaluator:
    def __init__(
        self, graph: Any, select: Select, classes: Membership, custom: frozenset[Any]
    ) -> None:
        self.graph = graph
        self.select = select
        self.classes = classes
        self._failing: dict[tuple[Any, str], frozenset[Any]] = {}
        self._pairs: dict[str, list[tuple[Any, Any]]] = {}
        self._active: list[Any] = []
        self._custom = custom
        self.conditions = Conditions(graph, classes, custom)

    def deactivated(self, shape: Any) -> bool:
        return any(is_true(v) for v in self.graph.objects(shape, sh("deactivated")))

    def hits(self, shape: Any, focus: str) -> list[Hit]:
        """The violations of ``shape`` (and of its property shapes) by the nodes ``focus`` binds."""
        if self.deactivated(shape):
            return []
        if shape in self._active:
            raise Unsupported(f"recursive shape {shape_name(shape)}")
        self._active.append(shape)
        try:
            return self._hits(shape, focus)
        finally:
            self._active.pop()

    def _hits(self, shape: Any, focus: str) -> list[Hit]:
        graph = self.graph
        self._check_supported(shape)
        path = graph.value(shape, sh("path"))
        patterns = Patterns(focus, None if path is None else sparql_path(graph, path))
        found = []
        for query in compile_constraints(graph, shape, patterns, classes=self.classes):
            for row in self.select(query.text):
                hit_path = row.get("path", path)
                value = row.get("value")
                found += [
                    Hit(shape, component, row["this"], value, hit_path, parameter)
                    for component, parameter in query.violated(row)
                ]
        # a nested property shape's focus nodes are this shape's value nodes
        nested = focus if path is None else patterns.nested()
        for prop in sorted(graph.objects(shape, sh("property")), key=str):
            found.extend(self.hits(prop, nested))
        found.extend(self._shape_based(shape, patterns, path))
        found.extend(self._qualified(shape, patterns, path))
        return found

    def _check_supported(self, shape: Any) -> None:
        graph = self.graph
        if graph.value(shape, sh("sparql")) is not None:
            raise Unsupported("an sh:sparql constraint that must run once per focus node")
        custom = self._custom & set(graph.predicates(shape))
        if custom:
            names = ", ".join(sorted(shape_name(p) for p in custom))
            raise Unsupported(f"a SPARQL-based constraint component ({names})")

    def failing(self, shape: Any, patterns: Patterns) -> frozenset[Any]:
        """The value nodes of ``patterns`` that do not conform to ``shape``."""
        focus = patterns.nested()
        key = (shape, focus)
        if key not in self._failing:
            self._failing[key] = frozenset(hit.focus for hit in self.hits(shape, focus))
        return self._failing[key]

    def pairs(self, patterns: Patterns) -> list[tuple[Any, Any]]:
        text = patterns.pairs()
        if text not in self._pairs:
            self._pairs[text] = [(row["this"], row["value"]) for row in self.select(text)]
        return self._pairs[text]

    def _shape_based(self, shape: Any, patterns: Patterns, path: Any) -> list[Hit]:
        found = []
        for component, parameter, name, members in self._references(shape):
            try:
                condition = self._condition(name, members)
            except Unsupported:  # a nested shape that is no single condition: sets of nodes
                bad = self._set_test(name, [self.failing(m, patterns) for m in members])
                pairs = [] if bad is None else self.pairs(patterns)
                found += [
                    Hit(shape, component, this, value, path, _name(parameter))
                    for this, value in pairs
                    if bad is not None and bad(value)
                ]
                continue
            text = (
                f"SELECT DISTINCT ?this ?value WHERE {{ {patterns.values} FILTER(!({condition})) }}"
            )
            found += [
                Hit(shape, component, row["this"], row["value"], path, _name(parameter))
                for row in self.select(text)
            ]
        return found

    def _references(self, shape: Any) -> Iterator[tuple[str, Any, str, list[Any]]]:
        """(component, parameter, operator, shapes) for each constraint that names shapes."""
        graph = self.graph
        for nested in sorted(graph.objects(shape, sh("node")), key=str):
            yield "NodeConstraintComponent", nested, "and", [nested]
        for nested in sorted(graph.objects(shape, sh("not")), key=str):
            yield "NotConstraintComponent", nested, "not", [nested]
        for name, component in _SHAPE_LISTS.items():
            for members in graph.objects(shape, sh(name)):
                yield component, members, name, rdf_list(graph, members)

    def _condition(self, name: str, members: list[Any]) -> str:
        """The condition a value node meets when it satisfies the constraint."""
        conditions = [self.conditions.conforms(m, "?value") for m in members]
        return f"!({conditions[0]})" if name == "not" else combine(name, conditions)

    @staticmethod
    def _set_test(name: str, sets: list[frozenset[Any]]) -> Callable[[Any], bool] | None:
        """Whether a value fails, from the members' failing nodes (None: none can fail)."""
        # a value fails sh:and (and sh:node) only if it fails a member, sh:or only if it
        # fails them all
        if (name == "and" and not any(sets)) or (name == "or" and not all(sets)):
            return None
        return _list_test(name, sets)

    def _qualified(self, shape: Any, patterns: Patterns, path: Any) -> list[Hit]:
        graph = self.graph
        nested = list(graph.objects(shape, sh("qualifiedValueShape")))
        if not nested:
            return []
        if len(nested) > 1 or path is None:
            raise Unsupported("sh:qualifiedValueShape other than one, on a property shape")
        failing = self.failing(nested[0], patterns)
        siblings = []
        if any(is_true(v) for v in graph.objects(shape, sh("qualifiedValueShapesDisjoint"))):
            siblings = [self.failing(s, patterns) for s in self._siblings(shape, nested[0])]
        counts: Counter[Any] = Counter()
        for this, value in self.pairs(patterns):
            if value not in failing and all(value in other for other in siblings):
                counts[this] += 1
        found = []
        least = graph.value(shape, sh("qualifiedMinCount"))
        if least is not None:
            foci = {
                row["this"]
                for row in self.select(f"SELECT DISTINCT ?this WHERE {{ {patterns.focus} }}")
            }
            for this in foci:
                if counts[this] < integer(least):
                    found.append(
                        Hit(
                            shape,
                            "QualifiedMinCountConstraintComponent",
                            this,
                            None,
                            path,
                            str(least),
                        )
                    )
        most = graph.value(shape, sh("qualifiedMaxCount"))
        if most is not None:
            for this, count in counts.items():
                if count > integer(most):
                    found.append(
                        Hit(
                            shape,
                            "QualifiedMaxCountConstraintComponent",
                            this,
                            None,
                            path,
                            str(most),
                        )
                    )
        return found

    def _siblings(self, shape: Any, nested: Any) -> list[Any]:
        graph = self.graph
        found = set()
        for parent in graph.subjects(sh("property"), shape):
            for sibling in graph.objects(parent, sh("property")):
                for other in graph.objects(sibling, sh("qualifiedValueShape")):
                    if other != nested:
                        found.add(other)
        return sorted(found, key=str)


def _list_test(name: str, sets: list[frozenset[Any]]) -> Callable[[Any], bool]:
    if name == "and":
        return lambda v: any(v in f for f in sets)
    if name == "or":
        return lambda v: all(v in f for f in sets)
    if name == "not":
        return lambda v: v not in sets[0]
    return lambda v: sum(v not in f for f in sets) != 1


def _name(term: Any) -> str:
    import rdflib

    return shape_name(term) if isinstance(term, rdflib.URIRef) else ""


def supported_parameters() -> frozenset[str]:
    """The SHACL Core parameters this engine compiles (for docs and tests)."""
    return PARAMETERS | {"node", "not", "property", "qualifiedValueShape"} | set(_SHAPE_LISTS)
