"""``capgraph serve``: a read-only SPARQL 1.1 endpoint over the record."""

from __future__ import annotations

import argparse

from capgraph.cli._common import Subparsers, add_command, add_drafts_option, open_graph
from capgraph.server import (
    DEFAULT_HOST,
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_CONNECTIONS,
    DEFAULT_MAX_RESULTS,
    DEFAULT_PORT,
    DEFAULT_TIMEOUT,
    ConnectionLimits,
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
    parser.add_argument(
        "--max-bytes",
        type=_size,
        default=DEFAULT_MAX_BYTES,
        metavar="SIZE",
        help=f"most bytes one answer may have, e.g. 64M (default: {DEFAULT_MAX_BYTES // 2**20}M)",
    )
    parser.add_argument(
        "--max-memory",
        type=_size,
        default=0,
        metavar="SIZE",
        help="address space per query worker, e.g. 1G (default: 2G, or the machine's "
        "memory divided by the workers plus one if that is less)",
    )
    parser.add_argument(
        "--max-connections",
        type=_positive_int,
        default=DEFAULT_MAX_CONNECTIONS,
        metavar="N",
        help=f"most connections open at once (default: {DEFAULT_MAX_CONNECTIONS})",
    )
    parser.add_argument(
        "--allow-service-to",
        action="append",
        default=[],
        metavar="HOST",
        help="allow SERVICE calls to HOST (repeatable; default: none). The query workers "
        "may then open network sockets",
    )
    parser.add_argument(
        "--site",
        metavar="DIR",
        help="also serve the static record site in DIR (capgraph site) under /site/; "
        "the query page at / links IRIs in its results to the site's pages",
    )
    add_drafts_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    kg = open_graph(args)
    serve(
        kg if args.drafts else kg.reviewed(),
        host=args.host,
        port=args.port,
        timeout=args.timeout,
        max_results=args.max_results,
        max_bytes=args.max_bytes,
        max_memory=args.max_memory,
        connections=ConnectionLimits(max_connections=args.max_connections),
        allow_service_to=args.allow_service_to,
        site=args.site,
    )
    return 0


def _number(text: str, kind: type[float], low: float, high: float, expected: str) -> float:
    try:
        value = kind(text)
    except ValueError:
        value = low - 1
    if not low <= value <= high:  # also refuses nan
        raise argparse.ArgumentTypeError(f"expected {expected}, got {text!r}")
    return value


def _port(text: str) -> int:
    return int(_number(text, int, 0, 65535, "a port number 0-65535"))


def _positive_float(text: str) -> float:
    return _number(text, float, 1e-3, float("inf"), "a positive number of seconds")


def _positive_int(text: str) -> int:
    return int(_number(text, int, 1, float("inf"), "a positive whole number"))


_UNITS = {"": 1, "K": 2**10, "M": 2**20, "G": 2**30}


def _size(text: str) -> int:
    unit = text[-1:].upper() if text[-1:].isalpha() else ""
    number = text[: -1 if unit else None]
    if unit not in _UNITS or not number.isdigit() or int(number) <= 0:
        raise argparse.ArgumentTypeError(f"expected a size such as 512M or 2G, got {text!r}")
    return int(number) * _UNITS[unit]
