"""Stage 5, rendering: every result as text, JSON, JUnit, SARIF, Markdown or Mermaid.

One registry (:func:`render`) holds every renderer, keyed by the kind of result
(:class:`Kind`) and the format (:class:`Format`); the CLI's ``--format`` choices
are :func:`formats` of the kind. Every JSON document is written by one writer and
names its schema in a ``schema`` member, except the bare array of query rows.

May import: every stage below it (query, validation, procedure, reason, views) and
the shared modules; never the server or the CLI.
"""

from capgraph.render._formats import Format, Kind, RenderOptions
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
from capgraph.render._registry import SCHEMAS, Renderer, formats, render
from capgraph.render._validation import render_report

__all__ = [
    "SCHEMAS",
    "Format",
    "Kind",
    "RenderOptions",
    "Renderer",
    "formats",
    "history_json",
    "history_table",
    "render",
    "render_report",
    "status_json",
    "status_mermaid",
    "status_table",
    "trace_json",
    "trace_mermaid",
    "trace_tree",
]
