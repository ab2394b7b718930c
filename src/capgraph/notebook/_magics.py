"""The magics: ``%%sparql`` runs a query and shows its rows; ``%capgraph`` shows a status,
a trace or a history as the render registry writes it.

Bad options and failed queries become IPython's ``UsageError``: one line in the cell's
output, no traceback.
"""

from __future__ import annotations

import argparse
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

from capgraph.errors import CapgraphError
from capgraph.query import expand_iri
from capgraph.render import Format, Kind, RenderOptions, formats, render

if TYPE_CHECKING:
    from capgraph.query import KnowledgeGraph, Queryable, Rows

__all__ = ["CapgraphMagics", "Shown", "load_ipython_extension"]

_T = TypeVar("_T")

#: The width tables and trees are written at: the same output in every kernel.
WIDTH = 100
_KINDS = {"status": Kind.STATUS, "trace": Kind.TRACE, "history": Kind.HISTORY}


def load_ipython_extension(ipython: Any) -> None:
    """Register ``%%sparql`` and ``%capgraph`` (``%load_ext capgraph`` calls this)."""
    magics = CapgraphMagics(ipython)
    ipython.register_magic_function(magics.sparql, magic_kind="cell", magic_name="sparql")
    ipython.register_magic_function(magics.capgraph, magic_kind="line", magic_name="capgraph")


class _Usage(Exception):
    """A bad option or a failed query; shown as IPython's UsageError."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _Usage(f"{self.prog}: {message}")


class Shown:
    """A result as the render registry writes it; Mermaid shows as a diagram in Markdown."""

    def __init__(self, text: str, fmt: Format) -> None:
        self.text = text
        self.format = fmt

    def __repr__(self) -> str:
        return self.text.rstrip("\n")

    def _repr_markdown_(self) -> str | None:
        if self.format is not Format.MERMAID:
            return None
        return "```mermaid\n" + self.text.rstrip("\n") + "\n```\n"


class CapgraphMagics:
    """The magics of one IPython shell; a project is loaded once and reused by later cells."""

    def __init__(self, ipython: Any) -> None:
        self.ipython = ipython
        self._graphs: dict[str | None, KnowledgeGraph] = {}

    def sparql(self, line: str, cell: str) -> Rows:
        """%%sparql [--endpoint URL] [--project DIR] [--param NAME=VALUE]... [--out VAR]

        The cell is SPARQL, or the name of a named query; the rows are shown as a table.
        """
        return _usage_errors(lambda: self._sparql(line, cell))

    def capgraph(self, line: str) -> Shown:
        """%capgraph status|trace|history [ITEM] [--format F] [--endpoint URL] [--project DIR]"""
        return _usage_errors(lambda: self._capgraph(line))

    def _sparql(self, line: str, cell: str) -> Rows:
        parser = _Parser(prog="%%sparql", add_help=False)
        _add_source_options(parser)
        parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
        parser.add_argument("--out", metavar="VAR")
        args = parser.parse_args(_split(line))
        if args.out is not None and not args.out.isidentifier():
            raise _Usage(f"%%sparql: --out needs a Python name, got {args.out!r}")
        query = cell.strip()
        if not query:
            raise _Usage("%%sparql: the cell is empty; write SPARQL or a named query's name")
        rows = self._source(args).query(query, _params(args.param))
        if args.out is not None:
            self.ipython.user_ns[args.out] = rows
        return rows

    def _capgraph(self, line: str) -> Shown:
        parser = _Parser(prog="%capgraph", add_help=False)
        parser.add_argument("command", choices=sorted(_KINDS))
        parser.add_argument("item", nargs="?")
        _add_source_options(parser)
        parser.add_argument("--format", metavar="F")
        args = parser.parse_args(_split(line))
        kind = _KINDS[args.command]
        choices = [str(f) for f in formats(kind)]
        fmt = Format(args.format) if args.format in choices else None
        if args.format is not None and fmt is None:
            raise _Usage(f"%capgraph {args.command}: --format must be one of {', '.join(choices)}")
        if args.command == "trace" and args.item is None:
            raise _Usage("%capgraph trace: name a tool, e.g. %capgraph trace ipr-handbook")
        value = _result(args.command, self._source(args), args.item)
        chosen = fmt or formats(kind)[0]
        return Shown(render(kind, chosen, value, RenderOptions(width=WIDTH)), chosen)

    def _source(self, args: argparse.Namespace) -> Queryable:
        import capgraph

        if args.endpoint:
            return capgraph.remote(args.endpoint, project_dir=args.project)
        key = str(Path(args.project).resolve()) if args.project else None
        if key not in self._graphs:
            self._graphs[key] = capgraph.open(args.project)
        return self._graphs[key]


def _add_source_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--endpoint", metavar="URL")
    parser.add_argument("--project", metavar="DIR")


def _split(line: str) -> list[str]:
    try:
        return shlex.split(line)
    except ValueError as error:
        raise _Usage(f"cannot read the options {line!r}: {error}") from None


def _params(pairs: list[str]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals or not name:
            raise _Usage(f"%%sparql: --param needs NAME=VALUE, got {pair!r}")
        params[name] = value
    return params


def _result(command: str, source: Queryable, item: str | None) -> object:
    from capgraph import procedure

    if command == "status":
        return procedure.status(source, item)
    if command == "trace":
        return procedure.trace(source, item or "")
    versions = procedure.history(source)
    if item is None:
        return versions
    wanted = expand_iri(item)
    found = tuple(v for v in versions if v.iri == wanted or v.iri.endswith("/" + item))
    if not found:
        known = ", ".join(v.iri.removeprefix(expand_iri("id:")) for v in versions)
        raise _Usage(f"%capgraph history: no ToR version {item!r}; versions: {known}")
    return found


def _usage_errors(run: Callable[[], _T]) -> _T:
    from IPython.core.error import UsageError

    try:
        return run()
    except (_Usage, CapgraphError) as error:
        raise UsageError(" ".join(str(error).split())) from None
