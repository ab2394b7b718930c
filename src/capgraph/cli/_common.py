"""Options and helpers shared by the CLI commands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from capgraph._io import atomic_write

if TYPE_CHECKING:
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


def add_output_option(parser: argparse.ArgumentParser) -> None:
    """``--output FILE``: written atomically, so a failed run leaves the old file."""
    parser.add_argument("--output", metavar="FILE", help="write to FILE (atomically)")


def add_endpoint_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--endpoint",
        metavar="URL",
        help="ask this SPARQL 1.1 endpoint instead of the embedded store",
    )


#: A report command's renderers by ``--format`` name; the first is the default.
Renderers: TypeAlias = Mapping[str, Callable[[Any], str]]


def add_report_options(parser: argparse.ArgumentParser, renderers: Renderers) -> None:
    """``--format`` (one per renderer), ``--output`` and ``--endpoint``."""
    parser.add_argument("--format", choices=tuple(renderers), default=next(iter(renderers)))
    add_output_option(parser)
    add_endpoint_option(parser)


def emit_report(args: argparse.Namespace, renderers: Renderers, value: object) -> int:
    """Render ``value`` in the chosen ``--format`` and write it; the exit code."""
    emit(renderers[args.format](value), args.output)
    return 0


def open_graph(args: argparse.Namespace) -> KnowledgeGraph:
    """The project named by ``--project`` (or the bundled record), loaded in memory."""
    import capgraph

    kg = capgraph.open(args.project, store=args.store)
    kg.allow_service = bool(getattr(args, "allow_service", False))
    return kg


def open_source(args: argparse.Namespace) -> Queryable:
    """The embedded graph, or the remote endpoint given with ``--endpoint``."""
    endpoint = getattr(args, "endpoint", None)
    if endpoint:
        import capgraph

        return capgraph.remote(endpoint, project_dir=args.project)
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
