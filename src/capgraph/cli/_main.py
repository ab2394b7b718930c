"""The ``capgraph`` command line: parse arguments, call the library, map errors to exit codes."""

from __future__ import annotations

import argparse
import difflib
import importlib
import re
import sys
from collections.abc import Sequence

from capgraph.errors import EXIT_ERROR, EXIT_OK, CapgraphError

#: Command modules under ``capgraph.commands``, in the order ``--help`` lists them.
COMMANDS: tuple[str, ...] = (
    "info",
    "query",
    "export",
    "validate",
    "status",
    "trace",
    "history",
    "reason",
    "publish",
    "serve",
    "render",
    "diff",
    "extract",
    "sources",
    "conflicts",
    "site",
)

_EPILOG = """\
examples:
  capgraph validate                      check the bundled record (exit 1 on violations)
  capgraph query --list                  the named queries and their parameters
  capgraph query cq-body-sessions --param body=id:body/council
  capgraph status tor-revision-cap19     where a ToR revision stands
  capgraph trace ipr-handbook            where a tool comes from, with citations
  capgraph render approvals --output approvals.svg
  capgraph serve --port 7878             read-only SPARQL endpoint on 127.0.0.1
  capgraph publish --endpoint http://127.0.0.1:7878/query
  capgraph --project ../my-records info  use another records repository

Run 'capgraph COMMAND --help' for a command's options and an example.
Exit codes: 0 success, 1 the record does not conform or is inconsistent, 2 usage or input error.
"""


#: argparse's message for a value outside ``choices``: "argument NAME: invalid choice: 'x' ..."
_INVALID_CHOICE = re.compile(
    r"argument (?P<argument>\S+): invalid choice: (?P<value>'[^']*'|\"[^\"]*\")"
)


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors exit with code 2 and one line of text.

    A value outside an argument's choices (a subcommand, a format) gets the nearest
    choice as a suggestion.
    """

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message}{self._did_you_mean(message)}\n")

    def _did_you_mean(self, message: str) -> str:
        match = _INVALID_CHOICE.match(message)
        if match is None:
            return ""
        value = match.group("value")[1:-1]
        for action in self._actions:
            name = "/".join(action.option_strings) or action.metavar or action.dest
            if name == match.group("argument") and action.choices is not None:
                nearest = difflib.get_close_matches(value, [str(c) for c in action.choices], n=1)
                return f"; did you mean {nearest[0]}?" if nearest else ""
        return ""


def build_parser() -> argparse.ArgumentParser:
    from capgraph import __version__
    from capgraph.cli._common import add_project_option

    parser = _Parser(
        prog="capgraph",
        description="Query, check and draw the governance record of the WCO CAP Group.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"capgraph {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    add_project_option(parser, top_level=True)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        importlib.import_module(f"capgraph.cli._{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:  # bare ``capgraph``: what it can do, not a usage error
        parser.print_help()
        return 0
    try:
        code: int = args.func(args)
    except CapgraphError as error:
        if args.debug:
            raise
        # One line, whatever the underlying parser wrote (pyoxigraph lists expectations
        # over several lines): CI logs and shell scripts read errors line by line.
        kind = "" if error.exit_code == EXIT_OK else "error: "
        print(f"capgraph: {kind}{' '.join(str(error).split())}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("capgraph: interrupted", file=sys.stderr)
        return 130
    return code
