"""``capgraph diff``: what changed between two versions of a record, in governance terms."""

from __future__ import annotations

import argparse

from capgraph.cli._common import Subparsers, add_command, add_output_option, emit
from capgraph.errors import EXIT_NONCONFORMING, EXIT_OK

_FORMATS = ("text", "markdown", "json")


def register(subparsers: Subparsers) -> None:
    parser = add_command(
        subparsers,
        "diff",
        help="list what changed between two versions of the record: decisions, sessions, "
        "citations, process states, validation results... (exit 0 no changes, 1 changes)",
        example="capgraph diff ../my-records ../my-records --format markdown --output diff.md",
    )
    parser.add_argument(
        "old", metavar="OLD", help="a folder holding the records project, or a git revision"
    )
    parser.add_argument("new", metavar="NEW", help="the same, for the version to compare to OLD")
    parser.add_argument(
        "--format", choices=_FORMATS, default="text", help="output format (default: text)"
    )
    parser.add_argument(
        "--no-validation",
        action="store_true",
        help="leave validation results out (faster)",
    )
    add_output_option(parser)
    parser.epilog = (
        (parser.epilog or "")
        + "\n\nA git revision is read from the repository that holds --project (default: the"
        "\ncurrent folder); --project also names the records project inside it (default:"
        "\nthe repository's root). Folders are records projects themselves."
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from capgraph.review import diff_json, diff_markdown, diff_sources, diff_text

    renderers = {"text": diff_text, "markdown": diff_markdown, "json": diff_json}
    result = diff_sources(
        args.old, args.new, project=args.project, validation=not args.no_validation
    )
    emit(renderers[args.format](result), args.output)
    return EXIT_NONCONFORMING if result.changed else EXIT_OK
