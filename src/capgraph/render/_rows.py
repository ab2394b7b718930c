"""Rows as a terminal table, CSV, TSV or JSON."""

from __future__ import annotations

import csv
import io
import shutil
from typing import TYPE_CHECKING

from capgraph._json import dump_json
from capgraph.namespaces import shorten
from capgraph.query import Rows, Value

if TYPE_CHECKING:
    from rich.console import Console


def rows_json(rows: Rows) -> str:
    """A bare array of objects, one per row; dates in their lexical form."""
    return dump_json(list(rows))


def rows_csv(rows: Rows) -> str:
    return _delimited(rows, ",")


def rows_tsv(rows: Rows) -> str:
    return _delimited(rows, "\t")


def _delimited(rows: Rows, delimiter: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(rows.variables)
    writer.writerows([[_plain(row[v]) for v in rows.variables] for row in rows])
    return buffer.getvalue()


def text_console(width: int | None, *, columns: int = 120) -> Console:
    """A rich console that writes plain text into a string (``console.file.getvalue()``).

    ``width`` None: the terminal's width, or ``columns`` without one (at least 80). Plain
    text even in a notebook kernel, where rich would display the table itself (leaving the
    text empty) or write ANSI bold.
    """
    from rich.console import Console

    if width is None:
        width = max(shutil.get_terminal_size((columns, 24)).columns, 80)
    return Console(
        file=io.StringIO(),
        width=width,
        no_color=True,
        highlight=False,
        force_jupyter=False,
        force_terminal=False,
    )


def rich_table(rows: Rows, *, title: str | None = None) -> str:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, show_lines=False)
    for variable in rows.variables:
        table.add_column(variable, overflow="fold")
    for row in rows:
        table.add_row(*(Text(_display(row[v])) for v in rows.variables))
    console = text_console(None, columns=160)
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
