"""SHACL over a store: the SPARQL constraints set-at-a-time, core shapes compiled or in pySHACL.

This module knows nothing of projects or files: it takes a shapes graph, a
store, and (for pySHACL) a way to get the same data as an rdflib graph, so the
W3C test suite drives it exactly as ``capgraph validate`` does.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from capgraph._progress import NO_PROGRESS, Progress
from capgraph.namespaces import SH, shorten
from capgraph.project import Project
from capgraph.validation import _sparql_constraints as shacl_sparql
from capgraph.validation._checks import ox_term_text
from capgraph.validation._classes import Classes
from capgraph.validation._engine import Hit, evaluate, top_shapes
from capgraph.validation._pyshacl import pyshacl_results
from capgraph.validation._report import Fallback, ValidationResult
from capgraph.validation._select import Select, store_select
from capgraph.validation._shapes import path_text, severity_of, shape_name
from capgraph.validation._terms import sh

if TYPE_CHECKING:
    import pyoxigraph as ox
    import rdflib


class Engine(enum.Enum):
    """Which program checks the core SHACL shapes."""

    #: shapes compiled to SPARQL and run in the store; pySHACL only for what does not compile
    COMPILED = "compiled"
    #: every core shape in pySHACL, over an rdflib copy of the record (the reference)
    PYSHACL = "pyshacl"


#: a generic message per component, for shapes that give none (pySHACL words its own)
_MESSAGES = {
    "MinCountConstraintComponent": "Fewer than {} values",
    "MaxCountConstraintComponent": "More than {} values",
    "ClassConstraintComponent": "Value is not an instance of {}",
    "DatatypeConstraintComponent": "Value is not a well-formed literal of datatype {}",
    "NodeKindConstraintComponent": "Value is not of node kind {}",
    "HasValueConstraintComponent": "Missing the value {}",
    "InConstraintComponent": "Value is not one of the allowed values",
    "NodeConstraintComponent": "Value does not conform to shape {}",
    "ClosedConstraintComponent": "Property not allowed by the closed shape",
}


@dataclass(frozen=True)
class ShapeRun:
    """The results of the shapes (no label or location yet) and the shapes left to pySHACL."""

    results: tuple[ValidationResult, ...]
    fallbacks: tuple[Fallback, ...]


def shape_results(
    core: rdflib.Graph,
    set_constraints: Sequence[shacl_sparql.SetConstraint],
    store: ox.Store | None,
    *,
    data: Callable[[], rdflib.Graph],
    engine: Engine = Engine.COMPILED,
    select: Select | None = None,
    project: Project | None = None,
    shape_files: Sequence[Path] = (),
    progress: Progress = NO_PROGRESS,
    pool: Executor | None = None,
) -> ShapeRun:
    """Check ``store`` against the core shapes and the set-at-a-time SPARQL constraints.

    ``core`` and ``set_constraints`` are the two parts :func:`split` makes of a
    shapes graph. ``data`` builds the rdflib graph pySHACL needs; it is called
    only if pySHACL runs. ``select`` answers the compiled queries (the store, by
    default). ``progress`` hears of each phase, and of each shape and constraint done.
    ``pool`` runs the queries side by side (default: one after the other).
    """
    select = select or store_select(store)
    classes = Classes(select)  # asked once per class, for every query below
    if engine is Engine.PYSHACL:
        progress.start("core shapes in pySHACL", total=1)
        results = pyshacl_results(data(), core, project=project, shape_files=shape_files)
        progress.advance()
        results += collect(_constraints(select, set_constraints, pool, classes), _SET, progress)
        return ShapeRun(tuple(results), ())
    progress.start("core shapes", total=len(top_shapes(core)))
    # the SHACL-SPARQL constraints are submitted first: they take longer than most shapes
    constrained = _constraints(select, set_constraints, pool, classes)
    outcome = evaluate(core, select, progress=progress, classes=classes, pool=pool)
    results = [hit_result(core, hit) for hit in outcome.hits]
    results += collect(constrained, _SET, progress)
    fallbacks = tuple(
        Fallback(shape_name(shape), reason) for shape, reason in sorted(outcome.fallbacks.items())
    )
    if outcome.fallbacks:
        progress.start("fallback to pySHACL", total=len(fallbacks))
        reduced = _only(core, set(outcome.fallbacks))
        results += pyshacl_results(data(), reduced, project=project, shape_files=shape_files)
        progress.advance(len(fallbacks))
    return ShapeRun(tuple(results), fallbacks)


#: the phase of the SHACL-SPARQL constraints, for progress
_SET = "SHACL-SPARQL constraints"


def _constraints(
    select: Select,
    constraints: Sequence[shacl_sparql.SetConstraint],
    pool: Executor | None,
    classes: Classes,
) -> list[Results]:
    """The SHACL-SPARQL constraints, each started in ``pool`` (see :func:`submit`)."""
    return submit(pool, [functools.partial(_one, select, c, classes) for c in constraints])


def _one(
    select: Select, constraint: shacl_sparql.SetConstraint, classes: Classes
) -> list[ValidationResult]:
    return list(set_results(select, (constraint,), classes=classes))


#: a call that gives results (once started: waits for them)
Results = Callable[[], list[ValidationResult]]


def submit(pool: Executor | None, calls: Sequence[Results]) -> list[Results]:
    """Each call started in ``pool`` (or kept to run later): a way to get its results."""
    if pool is None:
        return list(calls)
    return [pool.submit(call).result for call in calls]


def collect(pending: Sequence[Results], phase: str, progress: Progress) -> list[ValidationResult]:
    """The results of each call of ``pending``, in order; ``progress`` hears of each."""
    progress.start(phase, total=len(pending))
    found: list[ValidationResult] = []
    for result in pending:
        found += result()
        progress.advance()
    return found


def split(shapes: rdflib.Graph) -> tuple[rdflib.Graph, tuple[shacl_sparql.SetConstraint, ...]]:
    """The core shapes, and the SPARQL constraints that run once over all their focus nodes."""
    return shacl_sparql.split(shapes)


def _only(core: rdflib.Graph, keep: set[Any]) -> rdflib.Graph:
    """``core`` with the targets of every top-level shape outside ``keep`` taken away."""
    import rdflib

    reduced = rdflib.Graph()
    reduced += core
    targets = [sh(k) for k in ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf")]
    for shape in top_shapes(core):
        if shape in keep:
            continue
        for prop in targets:
            reduced.remove((shape, prop, None))
        reduced.remove((shape, rdflib.RDF.type, rdflib.RDFS.Class))
        reduced.remove((shape, rdflib.RDF.type, rdflib.OWL.Class))
    return reduced


def hit_result(shapes: rdflib.Graph, hit: Hit) -> ValidationResult:
    """A compiled engine's hit as pySHACL would report it."""
    import pyoxigraph as ox

    severity = shapes.value(hit.shape, sh("severity"))
    messages = sorted(str(m) for m in shapes.objects(hit.shape, sh("message")))
    if isinstance(hit.path, ox.NamedNode):
        path: str | None = shorten(hit.path.value)
    else:
        path = None if hit.path is None else path_text(shapes, hit.path)
    default = _MESSAGES.get(hit.component, "Value does not meet the constraint {}")
    return ValidationResult(
        severity=severity_of(severity, hit.shape),
        focus=ox_term_text(hit.focus, bare=True),
        path=path,
        value=None if hit.value is None else ox_term_text(hit.value),
        shape=shape_name(hit.shape),
        constraint=shorten(SH + hit.component),
        message=messages[0] if messages else default.format(hit.parameter).replace(" ()", ""),
    )


def set_results(
    store: ox.Store | Select,
    constraints: Sequence[shacl_sparql.SetConstraint],
    *,
    classes: Classes | None = None,
) -> Iterable[ValidationResult]:
    """The results of the SPARQL constraints that run over all their focus nodes at once."""
    component = shorten(SH + "SPARQLConstraintComponent")
    for constraint in constraints:
        for row in shacl_sparql.run(store, constraint, classes=classes):
            yield ValidationResult(
                severity=constraint.severity,
                focus=ox_term_text(row.focus, bare=True),
                path=None if row.path is None else shorten(row.path.value),
                value=ox_term_text(row.value),
                shape=shape_name(constraint.shape),
                constraint=component,
                message=sorted(row.messages)[0],
            )
