"""Validation results as values: ``Severity``, ``ValidationResult``, ``ValidationReport``.

Renderers live in :mod:`capgraph.render`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import ClassVar

from capgraph._severity import Severity
from capgraph.store import Location


@dataclass(frozen=True)
class ValidationResult:
    """One finding about one record (the focus node)."""

    severity: Severity
    focus: str
    path: str | None
    value: str | None
    shape: str
    constraint: str
    message: str
    label: str | None = None
    location: Location | None = None

    __json__: ClassVar[tuple[str, ...]] = (
        "severity", "focus", "label", "path", "value", "shape", "constraint", "message",
        "location",
    )  # fmt: skip

    def sort_key(self) -> tuple[str, int, str, str, str, str, str]:
        """File, line, focus, shape, message (then path and value): the report order."""
        file, line = (self.location.file, self.location.line) if self.location else ("~", 0)
        return (file, line, self.focus, self.shape, self.message, self.path or "", self.value or "")


@dataclass(frozen=True)
class Rule:
    """A check that can produce results: a SHACL shape or a SPARQL check file."""

    id: str
    severity: Severity
    description: str


@dataclass(frozen=True)
class Fallback:
    """A shape the compiled engine could not run, so pySHACL checked it, and why."""

    shape: str
    reason: str


@dataclass(frozen=True)
class ValidationReport:
    """Every result of one validation run, in a stable order, and the rules that ran.

    ``fallbacks`` names the shapes that pySHACL checked because the compiled
    engine does not support them (empty with ``engine="pyshacl"``).
    """

    results: tuple[ValidationResult, ...]
    rules: tuple[Rule, ...] = field(default=())
    fallbacks: tuple[Fallback, ...] = field(default=())

    @classmethod
    def of(
        cls,
        results: Iterable[ValidationResult],
        rules: Iterable[Rule] = (),
        fallbacks: Iterable[Fallback] = (),
    ) -> ValidationReport:
        """Sort and de-duplicate ``results``; sort ``rules`` by id and ``fallbacks`` by shape."""
        ordered = sorted(set(results), key=ValidationResult.sort_key)
        return cls(
            tuple(ordered),
            tuple(sorted(set(rules), key=lambda r: r.id)),
            tuple(sorted(set(fallbacks), key=lambda f: (f.shape, f.reason))),
        )

    def conforms_at(self, level: Severity) -> bool:
        """True when no result is at or above ``level``."""
        return all(result.severity < level for result in self.results)

    def counts(self) -> dict[Severity, int]:
        """Number of results per severity, highest first (zeros included)."""
        counts = {severity: 0 for severity in sorted(Severity, reverse=True)}
        for result in self.results:
            counts[result.severity] += 1
        return counts

    def at_or_above(self, level: Severity) -> tuple[ValidationResult, ...]:
        return tuple(r for r in self.results if r.severity >= level)


def summary_line(report: ValidationReport) -> str:
    """``"1 violation, 0 warnings, 2 infos"``: the counts by severity."""
    parts = []
    for severity, count in report.counts().items():
        parts.append(f"{count} {severity.label}{'' if count == 1 else 's'}")
    return ", ".join(parts)
