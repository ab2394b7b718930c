"""``capgraph query``: run a named query, an .rq file or SPARQL text."""

from __future__ import annotations

import argparse

from capgraph.cli._common import (
    Subparsers,
    add_as_of_option,
    add_command,
    add_drafts_option,
    add_endpoint_option,
    add_format_option,
    add_output_option,
    as_of,
    emit_result,
    open_graph,
    open_source,
)
from capgraph.errors import ParameterError
from capgraph.query import Queryable
from capgraph.render import Format, Kind, RenderOptions


def register(subparsers: Subparsers) -> None:
    parser = add_command(
        subparsers,
        "query",
        help="run a named query (or an .rq file) and print its rows",
        example="capgraph query cq-body-sessions --param body=id:body/council --format csv",
    )
    parser.add_argument("name", nargs="?", metavar="NAME|FILE.rq", help="query name or file")
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="bind a parameter (repeatable); IRIs may use prefixes such as id:",
    )
    add_format_option(parser, Kind.ROWS)
    parser.add_argument(
        "--list", action="store_true", help="list the named queries (built-in ones marked)"
    )
    add_output_option(parser)
    add_endpoint_option(parser)
    add_drafts_option(parser)
    add_as_of_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.list:
        emit_result(args, Kind.QUERIES, open_graph(args).queries, fmt=Format.TEXT)
        return 0
    if not args.name:
        raise ParameterError("give a query NAME or FILE.rq, or --list to see the named queries")
    source = open_source(args)
    rows = source.query(args.name, _params(args, source))
    emit_result(args, Kind.ROWS, rows, RenderOptions(title=args.name))
    return 0


def _params(args: argparse.Namespace, source: Queryable) -> dict[str, object]:
    """``--param`` values, and the days of ``--as-of`` for a query that takes a date."""
    params: dict[str, object] = dict(parse_params(args.param))
    date = as_of(args)
    if date is None:
        return params
    from capgraph.procedure import as_of_query_params

    return as_of_query_params(source, args.name, params, date)


def parse_params(items: list[str]) -> dict[str, str]:
    """``["a=1", "b=x"]`` → ``{"a": "1", "b": "x"}``."""
    params: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise ParameterError(f"malformed --param {item!r}; expected NAME=VALUE")
        if name.strip() in params:
            raise ParameterError(f"--param {name.strip()} is given twice; give it once")
        params[name.strip()] = value
    return params
