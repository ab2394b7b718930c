"""``capgraph history``: the versions of the Terms of Reference, in order."""

from __future__ import annotations

import argparse

from capgraph.cli._common import (
    Subparsers,
    add_as_of_option,
    add_command,
    add_drafts_option,
    add_report_options,
    as_of,
    emit_result,
    open_source,
)
from capgraph.procedure import history, history_as_of
from capgraph.render import Kind


def register(subparsers: Subparsers) -> None:
    parser = add_command(
        subparsers,
        "history",
        help="list the ToR versions in order, each with its mandate, approval chain and state",
        example="capgraph history --format json",
    )
    add_drafts_option(parser)
    add_report_options(parser, Kind.HISTORY)
    add_as_of_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    date = as_of(args)
    if date is not None:
        source = open_source(args)
        emit_result(args, Kind.HISTORY_AS_OF, history_as_of(source, date))
        return 0
    emit_result(args, Kind.HISTORY, history(open_source(args)))
    return 0
