"""``capgraph sources``: each source with its title, date, passages, claims and drafts."""

from __future__ import annotations

import argparse

from capgraph.cli._common import (
    Subparsers,
    add_command,
    add_report_options,
    emit_result,
    open_source,
)
from capgraph.render import Kind


def register(subparsers: Subparsers) -> None:
    parser = add_command(
        subparsers,
        "sources",
        help="list the record's sources: title, date, passages, claims and drafts awaiting review",
        example="capgraph sources --format json",
    )
    add_report_options(parser, Kind.SOURCES)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from capgraph.sources import sources

    emit_result(args, Kind.SOURCES, sources(open_source(args)))
    return 0
