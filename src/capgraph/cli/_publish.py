"""``capgraph publish``: push the record to a SPARQL 1.1 store (Graph Store Protocol)."""

from __future__ import annotations

import argparse

from capgraph.cli._common import Subparsers, add_command, emit_result, open_graph
from capgraph.query import publish
from capgraph.render import Kind


def register(subparsers: Subparsers) -> None:
    parser = add_command(
        subparsers,
        "publish",
        help="replace each of the record's named graphs in a remote store (Graph Store Protocol)",
        example="capgraph publish --endpoint http://127.0.0.1:7878/query",
    )
    parser.add_argument(
        "--endpoint",
        metavar="URL",
        help="the store's SPARQL query endpoint; the graph store URL is derived from it "
        "(a last path segment query or sparql becomes store, as in Oxigraph)",
    )
    parser.add_argument(
        "--graph-store",
        metavar="URL",
        help="the Graph Store Protocol URL, when it cannot be derived (Fuseki: .../ds/data)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    kg = open_graph(args)
    summary = publish(kg, endpoint_url=args.endpoint, graph_store_url=args.graph_store)
    emit_result(args, Kind.PUBLISH, summary)
    return 0
