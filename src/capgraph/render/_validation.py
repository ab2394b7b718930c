"""A validation report in any of its formats, picked from one registry."""

from __future__ import annotations

import enum
from collections.abc import Callable

from capgraph._severity import Severity
from capgraph.render._junit import render_junit
from capgraph.render._sarif import render_sarif
from capgraph.render._shacl_report import render_shacl_turtle
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
    TTL = "ttl"


_RENDERERS: dict[ReportFormat, Callable[[ValidationReport, Severity, str], str]] = {
    ReportFormat.TEXT: lambda report, _fail_on, _root: render_text(report),
    ReportFormat.JSON: lambda report, fail_on, _root: render_json(report, fail_on=fail_on),
    ReportFormat.JUNIT: lambda report, fail_on, _root: render_junit(report, fail_on=fail_on),
    ReportFormat.SARIF: lambda report, _fail_on, root: render_sarif(report, root=root),
    ReportFormat.TTL: lambda report, _fail_on, _root: render_shacl_turtle(report),
}


def render_report(
    report: ValidationReport,
    fmt: str | ReportFormat,
    *,
    fail_on: Severity = Severity.VIOLATION,
    root: str = "",
) -> str:
    """The report in one of :class:`ReportFormat`; ``root`` prefixes SARIF's file paths."""
    try:
        chosen = ReportFormat(fmt)
    except ValueError:
        choices = ", ".join(f.value for f in ReportFormat)
        raise ValueError(f"unknown report format {fmt!r}; expected one of {choices}") from None
    return _RENDERERS[chosen](report, fail_on, root)
