"""Validation results as values: ``Severity``, ``ValidationResult``, ``ValidationReport``.

The renderers live beside this module (``report_text``, ``report_json``,
``report_junit``, ``report_sarif``); :func:`render` picks one by name.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field

from capgraph.locate import Location

#: The output formats of :func:`render`, in the order ``--help`` lists them.
FORMATS: tuple[str, ...] = ("text", "json", "junit", "sarif")


class Severity(enum.IntEnum):
    """How bad a result is; compares VIOLATION > WARNING > INFO."""

    INFO = 1
    WARNING = 2
    VIOLATION = 3

    @property
    def label(self) -> str:
        """The lower-case name used in reports and on the command line."""
        return self.name.lower()

    @classmethod
    def parse(cls, name: str) -> Severity:
        """``"violation"`` / ``"sh:Violation"`` / a SHACL severity IRI → the member."""
        key = name.rsplit("#", 1)[-1].rsplit(":", 1)[-1].upper()
        try:
            return cls[key]
        except KeyError:
            choices = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {name!r}; expected one of {choices}") from None


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
class ValidationReport:
    """Every result of one validation run, in a stable order, and the rules that ran."""

    results: tuple[ValidationResult, ...]
    rules: tuple[Rule, ...] = field(default=())

    @classmethod
    def of(
        cls, results: Iterable[ValidationResult], rules: Iterable[Rule] = ()
    ) -> ValidationReport:
        """Sort and de-duplicate ``results``; sort ``rules`` by id."""
        ordered = sorted(set(results), key=ValidationResult.sort_key)
        return cls(tuple(ordered), tuple(sorted(set(rules), key=lambda r: r.id)))

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


def render(report: ValidationReport, fmt: str, *, fail_on: Severity = Severity.VIOLATION) -> str:
    """The report in one of :data:`FORMATS`."""
    if fmt == "text":
        from capgraph.report_text import render_text

        return render_text(report)
    if fmt == "json":
        from capgraph.report_json import render_json

        return render_json(report, fail_on=fail_on)
    if fmt == "junit":
        from capgraph.report_junit import render_junit

        return render_junit(report, fail_on=fail_on)
    if fmt == "sarif":
        from capgraph.report_sarif import render_sarif

        return render_sarif(report)
    raise ValueError(f"unknown report format {fmt!r}; expected one of {', '.join(FORMATS)}")
