"""``capgraph trace``: the provenance trail of a tool, with a citation for every link."""

from __future__ import annotations

import argparse

from capgraph.commands._common import (
    Subparsers,
    add_command,
    add_endpoint_option,
    add_output_option,
    emit,
    open_source,
)
from capgraph.provenance import trace
from capgraph.render_procedure import trace_json, trace_mermaid, trace_tree

FORMATS = ("tree", "json", "mermaid")


def register(subparsers: Subparsers) -> None:
    parser = add_command(
        subparsers,
        "trace",
        help="show where a tool comes from: activity, plan, endorsement, mandate, approvals",
        example="capgraph trace ipr-handbook --format mermaid",
    )
    parser.add_argument("tool", metavar="TOOL", help="a tool: IRI, id:… name, or short name")
    parser.add_argument("--format", choices=FORMATS, default="tree")
    add_output_option(parser)
    add_endpoint_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    trail = trace(open_source(args), args.tool)
    if args.format == "json":
        text = trace_json(trail)
    elif args.format == "mermaid":
        text = trace_mermaid(trail)
    else:
        text = trace_tree(trail)
    emit(text, args.output)
    return 0
