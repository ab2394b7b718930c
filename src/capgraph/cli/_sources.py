"""``capgraph sources``: each source with its title, date, passages, claims and drafts."""

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
    from capgraph.sources._render import sources_json, sources_text

    return {"text": sources_text, "json": sources_json}


def register(subparsers: Subparsers) -> None:
    parser = add_command(
        subparsers,
        "sources",
        help="list the record's sources: title, date, passages, claims and drafts awaiting review",
        example="capgraph sources --format json",
    )
    add_report_options(parser, {"text": str, "json": str})
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from capgraph.sources import sources

    return emit_report(args, _renderers(), sources(open_source(args)))
