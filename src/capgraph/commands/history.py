"""``capgraph history``: the versions of the Terms of Reference, in order."""

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
from capgraph.history import history
from capgraph.render_procedure import history_json, history_table

FORMATS = ("table", "json")


def register(subparsers: Subparsers) -> None:
    parser = add_command(
        subparsers,
        "history",
        help="list the ToR versions in order, each with its mandate, approval chain and state",
        example="capgraph history --format json",
    )
    parser.add_argument("--format", choices=FORMATS, default="table")
    add_output_option(parser)
    add_endpoint_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    versions = history(open_source(args))
    text = history_json(versions) if args.format == "json" else history_table(versions)
    emit(text, args.output)
    return 0
