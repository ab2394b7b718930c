"""One registry of renderers, keyed by result kind and format; ``--format`` choices come from it.

>>> from capgraph.render import Format, Kind, formats
>>> [str(f) for f in formats(Kind.STATUS)]
['table', 'json', 'mermaid']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from capgraph.render._formats import Format, Kind, RenderOptions
from capgraph.render._junit import render_junit
from capgraph.render._procedure import (
    HISTORY_SCHEMA,
    STATUS_SCHEMA,
    TRACE_SCHEMA,
    history_json,
    history_table,
    status_json,
    status_mermaid,
    status_table,
    trace_json,
    trace_mermaid,
    trace_tree,
)
from capgraph.render._procedure_asof import (
    HISTORY_AS_OF_SCHEMA,
    STATUS_AS_OF_SCHEMA,
    TRACE_AS_OF_SCHEMA,
    history_as_of_json,
    history_as_of_table,
    status_as_of_json,
    status_as_of_mermaid,
    status_as_of_table,
    trace_as_of_json,
    trace_as_of_mermaid,
    trace_as_of_tree,
)
from capgraph.render._reason import REASON_SCHEMA, reason_json, reason_text
from capgraph.render._rows import rich_table, rows_csv, rows_json, rows_tsv
from capgraph.render._sarif import render_sarif
from capgraph.render._shacl_report import render_shacl_turtle
from capgraph.render._sources import (
    CONFLICTS_SCHEMA,
    EXTRACTION_SCHEMA,
    SOURCES_SCHEMA,
    conflicts_json,
    conflicts_markdown,
    conflicts_text,
    extraction_json,
    extraction_text,
    sources_json,
    sources_text,
)
from capgraph.render._summaries import INFO_SCHEMA, info_json, info_text, publish_text, queries_text
from capgraph.render._validation_json import VALIDATION_SCHEMA, render_json
from capgraph.render._validation_text import render_text

__all__ = ["SCHEMAS", "Renderer", "formats", "render"]

#: The ``schema`` member of each kind's JSON document (query rows are a bare array).
SCHEMAS: Mapping[Kind, str] = MappingProxyType(
    {
        Kind.INFO: INFO_SCHEMA,
        Kind.VALIDATION: VALIDATION_SCHEMA,
        Kind.STATUS: STATUS_SCHEMA,
        Kind.TRACE: TRACE_SCHEMA,
        Kind.HISTORY: HISTORY_SCHEMA,
        Kind.STATUS_AS_OF: STATUS_AS_OF_SCHEMA,
        Kind.TRACE_AS_OF: TRACE_AS_OF_SCHEMA,
        Kind.HISTORY_AS_OF: HISTORY_AS_OF_SCHEMA,
        Kind.REASON: REASON_SCHEMA,
        Kind.EXTRACTION: EXTRACTION_SCHEMA,
        Kind.SOURCES: SOURCES_SCHEMA,
        Kind.CONFLICTS: CONFLICTS_SCHEMA,
    }
)

#: A renderer: the result and the options → the text to write.
Renderer = Callable[[Any, RenderOptions], str]

#: Per kind, its formats in the order ``--help`` lists them; the first is the default.
_RENDERERS: dict[Kind, dict[Format, Renderer]] = {
    Kind.ROWS: {
        Format.TABLE: lambda rows, o: rich_table(rows, title=o.title),
        Format.CSV: lambda rows, _o: rows_csv(rows),
        Format.TSV: lambda rows, _o: rows_tsv(rows),
        Format.JSON: lambda rows, _o: rows_json(rows),
    },
    Kind.QUERIES: {Format.TEXT: lambda library, _o: queries_text(library)},
    Kind.INFO: {
        Format.TEXT: lambda info, _o: info_text(info),
        Format.JSON: lambda info, _o: info_json(info),
    },
    Kind.VALIDATION: {
        Format.TEXT: lambda report, _o: render_text(report),
        Format.JSON: lambda report, o: render_json(report, fail_on=o.fail_on),
        Format.JUNIT: lambda report, o: render_junit(report, fail_on=o.fail_on),
        Format.SARIF: lambda report, o: render_sarif(report, root=o.root),
        Format.TTL: lambda report, _o: render_shacl_turtle(report),
    },
    Kind.EXTRACTION: {
        Format.TEXT: lambda result, _o: extraction_text(result),
        Format.JSON: lambda result, _o: extraction_json(result),
    },
    Kind.SOURCES: {
        Format.TEXT: lambda summaries, _o: sources_text(summaries),
        Format.JSON: lambda summaries, _o: sources_json(summaries),
    },
    Kind.CONFLICTS: {
        Format.TEXT: lambda found, _o: conflicts_text(found),
        Format.JSON: lambda found, _o: conflicts_json(found),
        Format.MARKDOWN: lambda found, _o: conflicts_markdown(found),
    },
    Kind.STATUS: {
        Format.TABLE: lambda processes, o: status_table(processes, width=o.width),
        Format.JSON: lambda processes, _o: status_json(processes),
        Format.MERMAID: lambda processes, _o: status_mermaid(processes),
    },
    Kind.TRACE: {
        Format.TREE: lambda root, o: trace_tree(root, width=o.width),
        Format.JSON: lambda root, _o: trace_json(root),
        Format.MERMAID: lambda root, _o: trace_mermaid(root),
    },
    Kind.HISTORY: {
        Format.TABLE: lambda versions, o: history_table(versions, width=o.width),
        Format.JSON: lambda versions, _o: history_json(versions),
    },
    # The same formats as the kinds without a date: --format's choices do not change.
    Kind.STATUS_AS_OF: {
        Format.TABLE: lambda value, o: status_as_of_table(value, width=o.width),
        Format.JSON: lambda value, _o: status_as_of_json(value),
        Format.MERMAID: lambda value, _o: status_as_of_mermaid(value),
    },
    Kind.TRACE_AS_OF: {
        Format.TREE: lambda value, o: trace_as_of_tree(value, width=o.width),
        Format.JSON: lambda value, _o: trace_as_of_json(value),
        Format.MERMAID: lambda value, _o: trace_as_of_mermaid(value),
    },
    Kind.HISTORY_AS_OF: {
        Format.TABLE: lambda value, o: history_as_of_table(value, width=o.width),
        Format.JSON: lambda value, _o: history_as_of_json(value),
    },
    Kind.REASON: {
        Format.TEXT: lambda result, o: reason_text(result, locate=o.locate),
        Format.JSON: lambda result, _o: reason_json(result),
    },
    Kind.PUBLISH: {Format.TEXT: lambda summary, _o: publish_text(summary)},
}


def formats(kind: Kind | str) -> tuple[Format, ...]:
    """The formats ``kind`` can be rendered in; the first is the default."""
    return tuple(_RENDERERS[Kind(kind)])


def render(
    kind: Kind | str, fmt: Format | str, value: object, options: RenderOptions | None = None
) -> str:
    """``value``, the result of one library call of ``kind``, as text in ``fmt``."""
    renderers = _RENDERERS[Kind(kind)]
    try:
        renderer = renderers[Format(fmt)]
    except (KeyError, ValueError):
        choices = ", ".join(renderers)
        raise ValueError(f"cannot render {kind} as {fmt!r}; expected one of {choices}") from None
    return renderer(value, options or RenderOptions())
