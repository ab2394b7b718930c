"""``capgraph info``: what was loaded."""

from __future__ import annotations

import argparse

from capgraph.cli._common import Subparsers, add_command, add_format_option, emit_result, open_graph
from capgraph.query import describe
from capgraph.render import Kind


def register(subparsers: Subparsers) -> None:
    parser = add_command(
        subparsers,
        "info",
        help="show what was loaded: files, triples per graph, classes and record counts",
        example="capgraph info --format json",
    )
    add_format_option(parser, Kind.INFO)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    emit_result(args, Kind.INFO, describe(open_graph(args)))
    return 0
