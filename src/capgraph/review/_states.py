"""What is computed from the record, before and after: process states, validation results."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from capgraph.errors import NothingToShow
from capgraph.procedure import ProcessStatus, StepState, status
from capgraph.query import KnowledgeGraph
from capgraph.review._model import Category, FieldChange, Kind, RecordChange
from capgraph.validation import ValidationReport, ValidationResult, validate

_STATUS_WORDS = {"inProgress": "in progress", "complete": "complete", "abandoned": "abandoned"}
_DONE = (StepState.DONE, StepState.OUT_OF_ORDER)

#: A process as the diff shows it: field -> value ("in progress", "1/3", "PTC endorses").
ProcessView = Mapping[str, tuple[str, ...]]


def process_views(kg: KnowledgeGraph) -> dict[str, tuple[str | None, ProcessView]]:
    """Process IRI -> (title, fields) for every process of the record."""
    try:
        processes: Sequence[ProcessStatus] = status(kg.including_drafts())
    except NothingToShow:
        return {}
    return {p.iri: (p.title, _view(p)) for p in processes}


def _view(process: ProcessStatus) -> ProcessView:
    done = sum(1 for s in process.steps if s.state in _DONE)
    word = process.process_status or "not recorded"
    return {
        "status": (_STATUS_WORDS.get(word, word),),
        "steps done": (f"{done}/{len(process.steps)}",),
        "next": tuple(s.what for s in process.steps if s.state is StepState.NEXT),
        "skipped": tuple(
            f"{s.position} {s.what}" for s in process.steps if s.state is StepState.SKIPPED
        ),
        "out of order": tuple(
            f"{s.position} {s.what}" for s in process.steps if s.state is StepState.OUT_OF_ORDER
        ),
    }


def process_changes(
    old: Mapping[str, tuple[str | None, ProcessView]],
    new: Mapping[str, tuple[str | None, ProcessView]],
) -> list[RecordChange]:
    """Processes whose state differs, with each differing field before and after."""
    changes = []
    for iri in sorted(set(old) | set(new)):
        title = (new.get(iri) or old[iri])[0]
        before = old[iri][1] if iri in old else {}
        after = new[iri][1] if iri in new else {}
        fields = tuple(
            FieldChange(name, before.get(name, ()), after.get(name, ()))
            for name in (after or before)
            if before.get(name, ()) != after.get(name, ())
        )
        kind = Kind.CHANGED if before and after else (Kind.ADDED if after else Kind.REMOVED)
        if fields:
            changes.append(RecordChange(Category.PROCESS, iri, kind, title, fields))
    return changes


def validation_results(kg: KnowledgeGraph) -> frozenset[ValidationResult]:
    """The results of validating ``kg``, without where they point (lines move)."""
    report: ValidationReport = validate(kg)
    return frozenset(
        ValidationResult(
            r.severity, r.focus, r.path, r.value, _named(r.shape), r.constraint, r.message
        )
        for r in report.results
    )


def _named(shape: str) -> str:
    """A shape's name, or ``""`` for a blank node (its label changes from one parse to the next)."""
    return shape if ":" in shape and not shape.startswith("_:") else ""


def validation_changes(
    old: frozenset[ValidationResult], new: frozenset[ValidationResult]
) -> list[RecordChange]:
    """Results that appear in ``new`` or disappear from ``old``."""
    changes = []
    for kind, results in ((Kind.DISAPPEARED, old - new), (Kind.APPEARED, new - old)):
        for result in sorted(results, key=ValidationResult.sort_key):
            fields = [
                ("severity", result.severity.label),
                ("shape", result.shape or None),
                ("path", result.path),
                ("value", result.value),
                ("message", result.message),
            ]
            shown = tuple(
                FieldChange(name, (value,), ())
                if kind is Kind.DISAPPEARED
                else FieldChange(name, (), (value,))
                for name, value in fields
                if value is not None
            )
            changes.append(RecordChange(Category.VALIDATION, result.focus, kind, None, shown))
    return changes
