"""``capgraph conflicts``: where two sources disagree, each side with source, passage and quote."""

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


def _renderers() -> Renderers:
    from capgraph.sources._render import conflicts_json, conflicts_markdown, conflicts_text

    return {"text": conflicts_text, "json": conflicts_json, "markdown": conflicts_markdown}


def register(subparsers: Subparsers) -> None:
    parser = add_command(
        subparsers,
        "conflicts",
        help="list pairs of claims from different sources that disagree about one session, "
        "decision or tool (a reviewed pair is listed as reviewed)",
        example="capgraph conflicts --format markdown --output conflicts.md",
    )
    add_report_options(parser, {"text": str, "json": str, "markdown": str})
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from capgraph.sources import conflicts

    return emit_report(args, _renderers(), conflicts(open_source(args)))
