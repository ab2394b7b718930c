"""``capgraph conflicts``: where two sources disagree, each side with source, passage and quote."""

from __future__ import annotations

import argparse

from capgraph.cli._common import (
    Subparsers,
    add_command,
    add_report_options,
    emit_result,
    open_source,
)
from capgraph.render import Kind


def register(subparsers: Subparsers) -> None:
    parser = add_command(
        subparsers,
        "conflicts",
        help="list pairs of claims from different sources that disagree about one session, "
        "decision or tool (a reviewed pair is listed as reviewed)",
        example="capgraph conflicts --format markdown --output conflicts.md",
    )
    add_report_options(parser, Kind.CONFLICTS)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from capgraph.sources import conflicts

    emit_result(args, Kind.CONFLICTS, conflicts(open_source(args)))
    return 0
