"""``capgraph info``: what was loaded."""

from __future__ import annotations

import argparse
import json

from capgraph.cli._common import Subparsers, add_command, emit, open_graph
from capgraph.query import describe


def register(subparsers: Subparsers) -> None:
    parser = add_command(
        subparsers,
        "info",
        help="show what was loaded: files, triples per graph, classes and record counts",
        example="capgraph info --format json",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    summary = describe(open_graph(args))
    if args.format == "json":
        emit(json.dumps(summary.as_dict(), indent=2), None)
    else:
        emit(summary.as_text(), None)
    return 0
