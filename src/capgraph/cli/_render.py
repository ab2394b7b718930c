"""``capgraph render``: draw a governance view as SVG, PNG, an offline HTML page or Mermaid."""

from __future__ import annotations

import argparse

from capgraph.cli._common import Subparsers, add_command, add_endpoint_option, open_source
from capgraph.views import FORMATS, VIEWS, build, format_for, write


def register(subparsers: Subparsers) -> None:
    parser = add_command(
        subparsers,
        "render",
        help="draw a view of the record: approvals, history, provenance or overview",
        example="capgraph render approvals --output approvals.svg\n"
        "  capgraph render provenance --item ipr-handbook --output handbook.html\n"
        "  capgraph render approvals --item cap19 --output cap19.mmd",
    )
    parser.add_argument("view", choices=VIEWS, metavar="VIEW",
                        help=f"one of: {', '.join(VIEWS)}")  # fmt: skip
    parser.add_argument(
        "--item",
        metavar="X",
        help="approvals: a process or ToR version (tor-revision-cap19, cap19); "
        "provenance: a tool (ipr-handbook); default: all of them",
    )
    parser.add_argument(
        "--output",
        metavar="FILE",
        required=True,
        help=f"the file to write; its extension picks the format: "
        f"{', '.join('.' + f for f in FORMATS)}",
    )
    add_endpoint_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    format_for(args.output)  # an unknown extension fails before any work is done
    write(build(open_source(args), args.view, item=args.item), args.output)
    return 0
