"""``capgraph status``: where each procedure process stands."""

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
from capgraph.procedure import status
from capgraph.render_procedure import status_json, status_mermaid, status_table

FORMATS = ("table", "json", "mermaid")


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
    parser.add_argument("--format", choices=FORMATS, default="table")
    add_output_option(parser)
    add_endpoint_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    processes = status(open_source(args), args.item)
    if args.format == "json":
        text = status_json(processes)
    elif args.format == "mermaid":
        text = status_mermaid(processes)
    else:
        text = status_table(processes)
    emit(text, args.output)
    return 0
