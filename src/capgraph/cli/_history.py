"""``capgraph history``: the versions of the Terms of Reference, in order."""

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
from capgraph.procedure import history
from capgraph.render import history_json, history_table

RENDERERS: Renderers = {"table": history_table, "json": history_json}


def register(subparsers: Subparsers) -> None:
    parser = add_command(
        subparsers,
        "history",
        help="list the ToR versions in order, each with its mandate, approval chain and state",
        example="capgraph history --format json",
    )
    add_report_options(parser, RENDERERS)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    return emit_report(args, RENDERERS, history(open_source(args)))
