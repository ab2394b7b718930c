"""``capgraph export``: the record in an RDF format, deterministic."""

from __future__ import annotations

import argparse

from capgraph.cli._common import Subparsers, add_command, add_output_option, emit, open_graph
from capgraph.store import FORMATS, export


def register(subparsers: Subparsers) -> None:
    parser = add_command(
        subparsers,
        "export",
        help="write the record (ontology and data) as RDF, sorted with stable prefixes",
        example="capgraph export --format trig --output record.trig",
    )
    parser.add_argument("--format", choices=tuple(FORMATS), default="trig")
    add_output_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    emit(export(open_graph(args), fmt=args.format), args.output)
    return 0
