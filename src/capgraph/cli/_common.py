"""Options and helpers shared by the CLI commands."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from capgraph._io import atomic_write
from capgraph._progress import Progress, terminal_progress
from capgraph.render import Format, Kind, RenderOptions, formats, render

if TYPE_CHECKING:
    from capgraph._dates import PartialDate
    from capgraph.query import KnowledgeGraph, Queryable

if TYPE_CHECKING:
    Subparsers: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]
else:
    Subparsers = argparse._SubParsersAction


def add_command(
    subparsers: Subparsers, name: str, *, help: str, example: str
) -> argparse.ArgumentParser:
    """Add a command whose ``--help`` ends with an example."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        name,
        help=help,
        description=help,
        epilog=f"example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_project_option(parser)
    return parser


def add_project_option(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    """``--project DIR``, accepted before or after the command name."""
    parser.add_argument(
        "--project",
        metavar="DIR",
        default=None if top_level else argparse.SUPPRESS,
        help="records project directory (default: the bundled record)",
    )
    parser.add_argument(
        "--store",
        metavar="PATH",
        default=None if top_level else argparse.SUPPRESS,
        help="keep the store on disk at PATH; reused while the project's files are unchanged",
    )
    parser.add_argument(
        "--allow-service",
        action="store_true",
        default=False if top_level else argparse.SUPPRESS,
        help="let the project's queries, checks and shapes call SERVICE (network access)",
    )
    parser.add_argument(
        "--quiet",
        action="store_true",
        default=False if top_level else argparse.SUPPRESS,
        help="show no progress on stderr (shown only when stderr is a terminal)",
    )


def add_output_option(parser: argparse.ArgumentParser) -> None:
    """``--output FILE``: written atomically, so a failed run leaves the old file."""
    parser.add_argument("--output", metavar="FILE", help="write to FILE (atomically)")


def add_endpoint_option(parser: argparse.ArgumentParser) -> None:
    """``--endpoint URL`` and the SPARQL 1.1 Protocol's dataset options."""
    parser.add_argument(
        "--endpoint",
        metavar="URL",
        help="ask this SPARQL 1.1 endpoint instead of the embedded store",
    )
    parser.add_argument(
        "--default-graph-uri",
        metavar="IRI",
        action="append",
        default=[],
        help="with --endpoint: a graph the default graph is made of (repeat for more)",
    )
    parser.add_argument(
        "--named-graph-uri",
        metavar="IRI",
        action="append",
        default=[],
        help="with --endpoint: a named graph the query may use (repeat for more)",
    )


def add_drafts_option(parser: argparse.ArgumentParser) -> None:
    """``--drafts``: the answers also use the draft claims that await review."""
    parser.add_argument(
        "--drafts",
        action="store_true",
        help="include the draft claims (cap:reviewStatus cap:draft) that await review; "
        "without it they are left out",
    )


def add_format_option(
    parser: argparse.ArgumentParser, kind: Kind, *, help: str | None = None
) -> None:
    """``--format``: the formats the registry has for ``kind``; the first is the default."""
    choices = [str(fmt) for fmt in formats(kind)]
    parser.add_argument("--format", choices=choices, default=choices[0], help=help)


def add_report_options(parser: argparse.ArgumentParser, kind: Kind) -> None:
    """``--format``, ``--output`` and ``--endpoint``."""
    add_format_option(parser, kind)
    add_output_option(parser)
    add_endpoint_option(parser)


def emit_result(
    args: argparse.Namespace,
    kind: Kind,
    value: object,
    options: RenderOptions | None = None,
    *,
    fmt: Format | None = None,
    option: str = "output",
) -> None:
    """Render ``value`` and write it to the file the option ``option`` names, else stdout.

    The format is ``fmt``, else ``--format``, else the kind's default. ``option`` is
    ``"output"`` (``--output``) unless a command writes its report elsewhere.
    """
    chosen = fmt or getattr(args, "format", None) or formats(kind)[0]
    emit(render(kind, chosen, value, options), getattr(args, option, None))


def open_graph(args: argparse.Namespace, progress: Progress | None = None) -> KnowledgeGraph:
    """The project named by ``--project`` (or the bundled record), loaded in memory.

    The load shows its progress on stderr if it is a terminal (not with ``--quiet``),
    or tells ``progress`` when a command shows its own.
    """
    import capgraph

    if progress is None:
        with terminal_progress(quiet=getattr(args, "quiet", False)) as shown:
            return open_graph(args, shown)
    kg = capgraph.open(
        args.project,
        store=args.store,
        progress=progress,
        drafts=bool(getattr(args, "drafts", False)),
    )
    kg.allow_service = bool(getattr(args, "allow_service", False))
    return kg


def open_source(args: argparse.Namespace) -> Queryable:
    """The embedded graph, or the remote endpoint given with ``--endpoint``."""
    endpoint = getattr(args, "endpoint", None)
    if endpoint:
        import capgraph

        return capgraph.remote(
            endpoint,
            project_dir=args.project,
            default_graph_uris=args.default_graph_uri,
            named_graph_uris=args.named_graph_uri,
            drafts=bool(getattr(args, "drafts", False)),
        )
    return open_graph(args)


def emit(text: str | bytes, output: str | None) -> None:
    """Write to stdout, or atomically to ``output``."""
    if output:
        atomic_write(Path(output), text)
        return
    if isinstance(text, bytes):
        sys.stdout.buffer.write(text)
        sys.stdout.flush()
    else:
        sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")


def sarif_root(args: argparse.Namespace) -> str:
    """``--sarif-root DIR``: the records project's folder relative to DIR ("" without it)."""
    if not getattr(args, "sarif_root", None):
        return ""
    from capgraph.project import bundled_project_dir

    project = Path(args.project or bundled_project_dir()).resolve()
    return os.path.relpath(project, Path(args.sarif_root).resolve())


def add_as_of_option(parser: argparse.ArgumentParser) -> None:
    """``--as-of DATE``: status, history, trace and query as the record stood on DATE."""
    parser.add_argument(
        "--as-of",
        metavar="DATE",
        help="the record as it stood on DATE: YYYY, YYYY-MM or YYYY-MM-DD",
    )


def as_of(args: argparse.Namespace) -> PartialDate | None:
    """The parsed ``--as-of``; ``None`` without it. Bad input: ``ParameterError`` (exit 2)."""
    from capgraph.procedure import parse_as_of

    text = getattr(args, "as_of", None)
    return None if text is None else parse_as_of(text)
