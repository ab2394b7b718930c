"""``capgraph status``: where each procedure process stands."""

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
from capgraph.procedure import status, status_as_of
from capgraph.render import Kind


def register(subparsers: Subparsers) -> None:
    parser = add_command(
        subparsers,
        "status",
        help="show each process's route and the state of every step (done, next, pending...)",
        example="capgraph status cap19 --format mermaid",
    )
    parser.add_argument(
        "item",
        nargs="?",
        metavar="ITEM",
        help="a process or ToR version: IRI, id:… name, or short name (tor-revision-cap19, cap19)",
    )
    add_drafts_option(parser)
    add_report_options(parser, Kind.STATUS)
    add_as_of_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    date = as_of(args)
    if date is not None:
        source = open_source(args)
        emit_result(args, Kind.STATUS_AS_OF, status_as_of(source, date, args.item))
        return 0
    emit_result(args, Kind.STATUS, status(open_source(args), args.item))
    return 0
