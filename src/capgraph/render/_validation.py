"""A validation report in any of its formats, through the one registry."""

from __future__ import annotations

from capgraph._severity import Severity
from capgraph.render._formats import Format, Kind, RenderOptions
from capgraph.render._registry import render
from capgraph.validation import ValidationReport

__all__ = ["render_report"]


def render_report(
    report: ValidationReport, fmt: str | Format, *, fail_on: Severity = Severity.VIOLATION
) -> str:
    """The report as text, JSON, JUnit XML or SARIF."""
    return render(Kind.VALIDATION, fmt, report, RenderOptions(fail_on=fail_on))
