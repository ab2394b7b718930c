"""Stage 5, rendering: every result as text, JSON, JUnit, SARIF, Markdown or Mermaid.

May import: every stage below it (query, validation, procedure, reason, views) and
the shared modules; never the server or the CLI.
"""

from capgraph.render._procedure import (
    history_json,
    history_table,
    status_json,
    status_mermaid,
    status_table,
    trace_json,
    trace_mermaid,
    trace_tree,
)
from capgraph.render._rows import ROW_FORMATS, format_rows
from capgraph.render._validation import ReportFormat, render_report

__all__ = [
    "ROW_FORMATS",
    "ReportFormat",
    "format_rows",
    "history_json",
    "history_table",
    "render_report",
    "status_json",
    "status_mermaid",
    "status_table",
    "trace_json",
    "trace_mermaid",
    "trace_tree",
]
