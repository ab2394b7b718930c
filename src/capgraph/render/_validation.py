"""A validation report in any of its formats, through the one registry."""

from __future__ import annotations

from capgraph._severity import Severity
from capgraph.render._formats import Format, Kind, RenderOptions
from capgraph.render._registry import render
from capgraph.validation import ValidationReport

__all__ = ["render_report"]


def render_report(
    report: ValidationReport,
    fmt: str | Format,
    *,
    fail_on: Severity = Severity.VIOLATION,
    root: str = "",
) -> str:
    """The report as text, JSON, JUnit XML, SARIF or Turtle; ``root`` prefixes SARIF's paths."""
    return render(Kind.VALIDATION, fmt, report, RenderOptions(fail_on=fail_on, root=root))
