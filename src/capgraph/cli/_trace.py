"""``capgraph trace``: the provenance trail of a tool, with a citation for every link."""

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
from capgraph.procedure import trace, trace_as_of
from capgraph.render import Kind


def register(subparsers: Subparsers) -> None:
    parser = add_command(
        subparsers,
        "trace",
        help="show where a tool comes from: activity, plan, endorsement, mandate, approvals",
        example="capgraph trace ipr-handbook --format mermaid",
    )
    parser.add_argument("tool", metavar="TOOL", help="a tool: IRI, id:… name, or short name")
    add_drafts_option(parser)
    add_report_options(parser, Kind.TRACE)
    add_as_of_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    date = as_of(args)
    if date is not None:
        source = open_source(args)
        emit_result(args, Kind.TRACE_AS_OF, trace_as_of(source, args.tool, date))
        return 0
    emit_result(args, Kind.TRACE, trace(open_source(args), args.tool))
    return 0
