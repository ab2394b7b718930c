"""``capgraph publish``: push the record to a SPARQL 1.1 store (Graph Store Protocol)."""

from __future__ import annotations

import argparse
import os

from capgraph.cli._common import Subparsers, add_command, emit_result, open_graph
from capgraph.errors import ParameterError
from capgraph.query import DEFAULT_BATCH_TRIPLES, Credentials, publish
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
    parser.add_argument(
        "--update",
        metavar="URL",
        help="publish by SPARQL 1.1 Update at URL instead, many graphs per request "
        "(for a large record; Oxigraph: .../update, Virtuoso: .../sparql)",
    )
    parser.add_argument(
        "--batch-triples",
        metavar="N",
        type=int,
        default=DEFAULT_BATCH_TRIPLES,
        help=f"with --update: triples per request (default {DEFAULT_BATCH_TRIPLES})",
    )
    parser.add_argument(
        "--user",
        metavar="NAME",
        help="log in as NAME (HTTP Basic or Digest); the password is read from the "
        "CAPGRAPH_PASSWORD environment variable, never from the command line",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    credentials = None
    if args.user:
        password = os.environ.get("CAPGRAPH_PASSWORD")
        if password is None:
            raise ParameterError("--user needs the password in the CAPGRAPH_PASSWORD variable")
        credentials = Credentials(args.user, password)
    summary = publish(
        open_graph(args),
        endpoint_url=args.endpoint,
        graph_store_url=args.graph_store,
        update_url=args.update,
        batch_triples=args.batch_triples,
        credentials=credentials,
    )
    emit_result(args, Kind.PUBLISH, summary)
    return 0
