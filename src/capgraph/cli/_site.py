"""``capgraph site``: the record as a static website, one page per record."""

from __future__ import annotations

import argparse

from capgraph.cli._common import Subparsers, add_command, open_graph
from capgraph.site import build


def register(subparsers: Subparsers) -> None:
    parser = add_command(
        subparsers,
        "site",
        help="write the record as a static website: a page per record, each fact with "
        "its citation, the views, a search box; works from file:// and any static host",
        example="capgraph site --output site",
    )
    parser.add_argument(
        "--output",
        metavar="DIR",
        required=True,
        help="the folder to write: missing, empty, or a site built before (replaced whole)",
    )
    parser.add_argument(
        "--base-url",
        metavar="URL",
        help="the address the site will be hosted at, for canonical links and a sitemap",
    )
    parser.add_argument(
        "--drafts",
        action="store_true",
        help="include draft claims (cap:reviewStatus cap:draft), marked as drafts",
    )
    parser.add_argument(
        "--no-pictures",
        dest="pictures",
        action="store_false",
        help="leave the drawings out (each takes about two seconds; for large records)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    kg = open_graph(args)
    build(kg, args.output, base_url=args.base_url, drafts=args.drafts, pictures=args.pictures)
    return 0
