"""Rows as a terminal table, CSV, TSV or JSON."""

from __future__ import annotations

import csv
import io
import json
import shutil
from decimal import Decimal

from capgraph.namespaces import shorten
from capgraph.query import Rows, Value

ROW_FORMATS = ("table", "csv", "tsv", "json")


def format_rows(rows: Rows, fmt: str, *, title: str | None = None) -> str:
    """Render rows; machine formats are bare, the table shortens IRIs to prefixed names."""
    if fmt == "json":
        return json.dumps([dict(row) for row in rows], indent=2, default=_json_default) + "\n"
    if fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(rows.variables)
        writer.writerows([[_plain(row[v]) for v in rows.variables] for row in rows])
        return buffer.getvalue()
    return rich_table(rows, title=title)


def rich_table(rows: Rows, *, title: str | None = None) -> str:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, show_lines=False)
    for variable in rows.variables:
        table.add_column(variable, overflow="fold")
    for row in rows:
        table.add_row(*(Text(_display(row[v])) for v in rows.variables))
    width = max(shutil.get_terminal_size((160, 24)).columns, 80)
    console = Console(file=io.StringIO(), width=width, no_color=True, highlight=False)
    console.print(table)
    console.print(f"{len(rows)} row{'s' if len(rows) != 1 else ''}")
    output = console.file.getvalue()  # type: ignore[attr-defined]
    return str(output)


def _display(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, str) and "://" in value:
        return shorten(value)
    return _plain(value)


def _plain(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _json_default(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
