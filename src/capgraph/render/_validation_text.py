"""The text report: results grouped by record, then a one-line count by severity."""

from __future__ import annotations

from itertools import groupby

from capgraph.namespaces import shorten
from capgraph.validation import Fallback, ValidationReport, ValidationResult, summary_line

_WIDTH = max(len("violation"), len("warning"), len("info"))
#: The heading of the shapes pySHACL checked, in every report format that has words.
FALLBACK_HEADING = "checked by pySHACL instead of the compiled engine"


def fallback_line(fallback: Fallback) -> str:
    """``SHAPE — reason``: one shape the compiled engine left to pySHACL."""
    return f"{fallback.shape} \u2014 {fallback.reason}"


def render_text(report: ValidationReport) -> str:
    """One block per record (file:line, IRI, label), one line per result, the shapes
    pySHACL checked (if any), a summary last."""
    lines: list[str] = []
    for _key, group in groupby(report.results, key=_record_key):
        results = list(group)
        first = results[0]
        where = str(first.location) if first.location else "(no location)"
        label = f'  "{first.label}"' if first.label else ""
        lines.append(f"{where}  {shorten(first.focus)}{label}")
        for result in results:
            lines.append(f"  {result.severity.label:<{_WIDTH}}  {result.message}")
            lines.append(f"  {'':<{_WIDTH}}  [{_details(result)}]")
        lines.append("")
    if report.fallbacks:
        lines.append(f"{FALLBACK_HEADING}:")
        lines.extend(f"  {fallback_line(f)}" for f in report.fallbacks)
        lines.append("")
    records = len({r.focus for r in report.results})
    if report.results:
        lines.append(
            f"{len(report.results)} result{'s' if len(report.results) != 1 else ''} "
            f"on {records} record{'s' if records != 1 else ''}"
        )
    else:
        lines.append("No results: the record conforms to every shape and check.")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def _record_key(result: ValidationResult) -> tuple[str, int, str]:
    file, line = (result.location.file, result.location.line) if result.location else ("~", 0)
    return (file, line, result.focus)


def _details(result: ValidationResult) -> str:
    parts = [result.shape]
    if result.path:
        parts.append(f"path {result.path}")
    if result.value:
        parts.append(f"value {shorten(result.value)}")
    return "; ".join(parts)
