"""``capgraph serve``: a read-only SPARQL 1.1 endpoint over the record."""

from __future__ import annotations

import argparse

from capgraph.commands._common import Subparsers, add_command, open_graph
from capgraph.serve import (
    DEFAULT_HOST,
    DEFAULT_MAX_RESULTS,
    DEFAULT_PORT,
    DEFAULT_TIMEOUT,
    serve,
)


def register(subparsers: Subparsers) -> None:
    parser = add_command(
        subparsers,
        "serve",
        help="serve the record as a read-only SPARQL 1.1 endpoint (updates are refused)",
        example="capgraph serve --port 7878   # then query http://127.0.0.1:7878/sparql",
    )
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to listen on (default: {DEFAULT_HOST}, this machine only)",
    )
    parser.add_argument(
        "--port",
        type=_port,
        default=DEFAULT_PORT,
        help=f"TCP port (default: {DEFAULT_PORT}; 0 picks a free one)",
    )
    parser.add_argument(
        "--timeout",
        type=_positive_float,
        default=DEFAULT_TIMEOUT,
        metavar="S",
        help=f"time limit per query in seconds (default: {DEFAULT_TIMEOUT:g})",
    )
    parser.add_argument(
        "--max-results",
        type=_positive_int,
        default=DEFAULT_MAX_RESULTS,
        metavar="N",
        help=f"most rows (or triples) one query may return (default: {DEFAULT_MAX_RESULTS})",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    serve(
        open_graph(args),
        host=args.host,
        port=args.port,
        timeout=args.timeout,
        max_results=args.max_results,
    )
    return 0


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port number 0-65535, got {text!r}")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:  # also refuses nan
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, got {text!r}")
    return value


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {text!r}")
    return value
