"""``capgraph reason``: is ontology + data consistent? (HermiT, needs a Java runtime)."""

from __future__ import annotations

import argparse

from capgraph.cli._common import Subparsers, add_command, add_format_option, emit_result, open_graph
from capgraph.errors import EXIT_NONCONFORMING, EXIT_OK
from capgraph.render import Kind, RenderOptions


def register(subparsers: Subparsers) -> None:
    from capgraph.reason import DEFAULT_TIMEOUT

    parser = add_command(
        subparsers,
        "reason",
        help="check with the HermiT OWL reasoner that ontology + data are consistent "
        "(exit 0 consistent, 1 inconsistent, 2 error or no Java runtime)",
        example="capgraph reason --project ../my-records",
    )
    parser.add_argument(
        "--java",
        metavar="PATH",
        help="the Java executable (default: java on PATH, then $JAVA_HOME/bin/java)",
    )
    parser.add_argument(
        "--timeout",
        metavar="SECONDS",
        type=float,
        default=DEFAULT_TIMEOUT,
        help=f"give up after this many seconds (default: {DEFAULT_TIMEOUT:g})",
    )
    parser.add_argument(
        "--no-explain",
        dest="explain",
        action="store_false",
        help="when inconsistent, do not run Pellet for a justification",
    )
    add_format_option(parser, Kind.REASON)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from capgraph.reason import check_consistency, find_java

    find_java(args.java)  # fail on a missing Java runtime before loading anything
    kg = open_graph(args)
    result = check_consistency(kg, java=args.java, timeout=args.timeout, explain=args.explain)
    emit_result(args, Kind.REASON, result, RenderOptions(locate=kg.locate))
    return EXIT_OK if result.consistent else EXIT_NONCONFORMING
