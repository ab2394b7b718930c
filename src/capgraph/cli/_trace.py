"""``capgraph trace``: the provenance trail of a tool, with a citation for every link."""

from __future__ import annotations

import argparse

from capgraph.cli._common import (
    Renderers,
    Subparsers,
    add_command,
    add_report_options,
    emit_report,
    open_source,
)
from capgraph.procedure import trace
from capgraph.render import trace_json, trace_mermaid, trace_tree

RENDERERS: Renderers = {"tree": trace_tree, "json": trace_json, "mermaid": trace_mermaid}


def register(subparsers: Subparsers) -> None:
    parser = add_command(
        subparsers,
        "trace",
        help="show where a tool comes from: activity, plan, endorsement, mandate, approvals",
        example="capgraph trace ipr-handbook --format mermaid",
    )
    parser.add_argument("tool", metavar="TOOL", help="a tool: IRI, id:… name, or short name")
    add_report_options(parser, RENDERERS)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    return emit_report(args, RENDERERS, trace(open_source(args), args.tool))
