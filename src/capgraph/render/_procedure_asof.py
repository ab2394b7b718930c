"""Renderers for ``status``, ``history`` and ``trace`` with ``--as-of``: text, JSON, Mermaid.

Each output starts by saying which date it is about and the days that date may be, and
ends by naming every uncertain decision with both dates. The JSON documents are described
in ``docs/status.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from capgraph._json import dump_json
from capgraph.procedure import AsOf, HistoryAsOf, StatusAsOf, TraceAsOf
from capgraph.render._procedure import (
    NO_VERSIONS,
    _cells,
    _passages,
    _render,
    status_mermaid,
    status_table,
    trace_mermaid,
    trace_tree,
)

if TYPE_CHECKING:
    from rich.console import RenderableType

STATUS_AS_OF_SCHEMA = "https://w3id.org/capgraph/schema/status-as-of/1"
HISTORY_AS_OF_SCHEMA = "https://w3id.org/capgraph/schema/history-as-of/1"
TRACE_AS_OF_SCHEMA = "https://w3id.org/capgraph/schema/trace-as-of/1"

#: How Mermaid draws a step whose state on DATE is uncertain: dashed, in amber.
UNCERTAIN_CLASS = "fill:#fff8e1,stroke:#b26a00,color:#7a4a00,stroke-dasharray:6 4"


def _heading(value: AsOf) -> str:
    span = (
        value.earliest if value.earliest == value.latest else f"{value.earliest} to {value.latest}"
    )
    return f"As of {value.date} (any day from {span})"


def _uncertain_lines(value: AsOf) -> list[str]:
    if not value.uncertain:
        return []
    return ["Uncertain on this date:", *(f"  - {u.reason}" for u in value.uncertain)]


def _json_head(schema: str, value: AsOf) -> dict[str, object]:
    return {
        "schema": schema,
        "asOf": {"date": value.date, "earliest": value.earliest, "latest": value.latest},
        "uncertain": value.uncertain,
    }


# --- status --------------------------------------------------------------------------------


def _framed(value: AsOf, body: str) -> str:
    """The heading, a blank line, ``body``, then the uncertain decisions."""
    return f"{_heading(value)}\n\n{body}" + "".join(f"{line}\n" for line in _uncertain_lines(value))


def _commented(value: AsOf, chart: str) -> str:
    """A Mermaid chart after ``%%`` comments: the heading and the uncertain decisions."""
    lines = [_heading(value), *_uncertain_lines(value)]
    return "".join(f"%% {line}\n" for line in lines) + chart


def status_as_of_table(value: StatusAsOf, *, width: int | None = None) -> str:
    return _framed(value, status_table(value.processes, width=width))


def status_as_of_json(value: StatusAsOf) -> str:
    return dump_json({**_json_head(STATUS_AS_OF_SCHEMA, value), "processes": value.processes})


def status_as_of_mermaid(value: StatusAsOf) -> str:
    chart = status_mermaid(value.processes) + f"  classDef uncertain {UNCERTAIN_CLASS}\n"
    return _commented(value, chart)


# --- history -------------------------------------------------------------------------------


def history_as_of_table(value: HistoryAsOf, *, width: int | None = None) -> str:
    from rich.table import Table
    from rich.text import Text

    head = [_heading(value), *value.explanation.splitlines(), ""]
    if not value.versions:
        return "\n".join(head) + NO_VERSIONS + "\n"
    table = Table(title=Text(f"Terms of Reference on {value.date}"), show_lines=True)
    for column in ("version", f"on {value.date}", "why", "approval chain on this date"):
        table.add_column(column, overflow="fold")
    for entry in value.versions:
        version = entry.version
        chain = "\n".join(d.headline for d in version.decisions)
        cited = _passages(c for d in version.decisions for c in d.citations)
        table.add_row(
            *_cells(
                f"{version.name}\n{version.label or ''}".strip(),
                entry.state,
                entry.reason,
                chain + (f"\n[{cited}]" if cited else ""),
            )
        )
    items: list[RenderableType] = [Text("\n".join(head)), table]
    tail = _uncertain_lines(value)
    if tail:
        items.append(Text("\n".join(tail)))
    return _render(items, width)


def history_as_of_json(value: HistoryAsOf) -> str:
    return dump_json(
        {
            **_json_head(HISTORY_AS_OF_SCHEMA, value),
            "inForce": value.in_force,
            "certain": value.certain,
            "explanation": value.explanation,
            "versions": value.versions,
        }
    )


# --- trace ---------------------------------------------------------------------------------


def trace_as_of_tree(value: TraceAsOf, *, width: int | None = None) -> str:
    return _framed(value, trace_tree(value.trail, width=width))


def trace_as_of_json(value: TraceAsOf) -> str:
    return dump_json({**_json_head(TRACE_AS_OF_SCHEMA, value), "trail": value.trail})


def trace_as_of_mermaid(value: TraceAsOf) -> str:
    return _commented(value, trace_mermaid(value.trail))
