"""A validation report in any of its formats, picked from one registry."""

from __future__ import annotations

import enum
from collections.abc import Callable

from capgraph._severity import Severity
from capgraph.render._junit import render_junit
from capgraph.render._sarif import render_sarif
from capgraph.render._validation_json import render_json
from capgraph.render._validation_text import render_text
from capgraph.validation import ValidationReport

__all__ = ["ReportFormat", "render_report"]


class ReportFormat(enum.StrEnum):
    """The formats of a validation report, in the order ``--help`` lists them."""

    TEXT = "text"
    JSON = "json"
    JUNIT = "junit"
    SARIF = "sarif"


_RENDERERS: dict[ReportFormat, Callable[[ValidationReport, Severity], str]] = {
    ReportFormat.TEXT: lambda report, _fail_on: render_text(report),
    ReportFormat.JSON: lambda report, fail_on: render_json(report, fail_on=fail_on),
    ReportFormat.JUNIT: lambda report, fail_on: render_junit(report, fail_on=fail_on),
    ReportFormat.SARIF: lambda report, _fail_on: render_sarif(report),
}


def render_report(
    report: ValidationReport, fmt: str | ReportFormat, *, fail_on: Severity = Severity.VIOLATION
) -> str:
    """The report in one of :class:`ReportFormat`."""
    try:
        chosen = ReportFormat(fmt)
    except ValueError:
        choices = ", ".join(f.value for f in ReportFormat)
        raise ValueError(f"unknown report format {fmt!r}; expected one of {choices}") from None
    return _RENDERERS[chosen](report, fail_on)
