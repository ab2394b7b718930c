"""``capgraph query``: run a named query, an .rq file or SPARQL text."""

from __future__ import annotations

import argparse

from capgraph.cli._common import (
    Subparsers,
    add_command,
    add_endpoint_option,
    add_output_option,
    emit,
    open_graph,
    open_source,
)
from capgraph.errors import ParameterError
from capgraph.query import QueryLibrary
from capgraph.render import ROW_FORMATS, format_rows


def register(subparsers: Subparsers) -> None:
    parser = add_command(
        subparsers,
        "query",
        help="run a named query (or an .rq file) and print its rows",
        example="capgraph query cq-sessions-of-body --param body=id:body/council --format csv",
    )
    parser.add_argument("name", nargs="?", metavar="NAME|FILE.rq", help="query name or file")
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="bind a parameter (repeatable); IRIs may use prefixes such as id:",
    )
    parser.add_argument("--format", choices=ROW_FORMATS, default="table")
    parser.add_argument("--list", action="store_true", help="list the named queries")
    add_output_option(parser)
    add_endpoint_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.list:
        emit(list_queries(open_graph(args).queries), args.output)
        return 0
    if not args.name:
        raise ParameterError("give a query NAME or FILE.rq, or --list to see the named queries")
    params = parse_params(args.param)
    rows = open_source(args).query(args.name, **params)
    emit(format_rows(rows, args.format, title=args.name), args.output)
    return 0


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


def list_queries(library: QueryLibrary) -> str:
    lines = []
    for query in library.all():
        lines.append(f"{query.name}: {query.title}")
        for param in query.params:
            lines.append(f"    --param {param.name}=…  ({param.type_label}) {param.description}")
    return "\n".join(lines) + "\n"
