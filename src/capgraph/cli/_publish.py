"""``capgraph publish``: push the record to a SPARQL 1.1 store (Graph Store Protocol)."""

from __future__ import annotations

import argparse

from capgraph.cli._common import Subparsers, add_command, emit, open_graph
from capgraph.query import PublishSummary, publish


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
    summary = publish(
        open_graph(args), endpoint_url=args.endpoint, graph_store_url=args.graph_store
    )
    emit(render(summary), None)
    return 0


def render(summary: PublishSummary) -> str:
    """One line per graph, then the totals."""
    width = max((len(str(g.triples)) for g in summary.graphs), default=1)
    lines = [f"{g.triples:>{width}}  {g.iri or '(default graph)'}" for g in summary.graphs]
    lines.append(
        f"published {len(summary.graphs)} graphs, {summary.triples} triples, "
        f"to {summary.graph_store_url}"
    )
    return "\n".join(lines) + "\n"
