"""``capgraph extract``: draft a record from a document (text, PDF, DOCX) for review."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from capgraph.cli._common import Subparsers, add_command, emit_result
from capgraph.render import Kind

if TYPE_CHECKING:
    from capgraph.query import KnowledgeGraph


def register(subparsers: Subparsers) -> None:
    parser = add_command(
        subparsers,
        "extract",
        help="draft claims from a document (text, PDF text layer, DOCX) into data/drafts/ID.trig; "
        "every claim is marked as a draft until reviewed",
        example="capgraph extract notice.txt --project ../my-records --source-id ec-notice-2021",
    )
    parser.add_argument("document", metavar="DOCUMENT", help="a .txt, .pdf or .docx file")
    parser.add_argument(
        "--source-id",
        metavar="ID",
        help="slug of the source: document, claim and file names (default: from the file name)",
    )
    parser.add_argument(
        "--output", metavar="FILE", help="write the draft here (default: data/drafts/ID.trig)"
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="the report of what was drafted and which sentences were not (default: text)",
    )
    parser.add_argument("--report", metavar="FILE", help="write the report to FILE")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from capgraph.sources import extract

    root, record = _project(args)
    result = extract(
        args.document, project_dir=root, record=record, source_id=args.source_id, output=args.output
    )
    emit_result(args, Kind.EXTRACTION, result, option="report")
    return 0


def _project(args: argparse.Namespace) -> tuple[Path, KnowledgeGraph | None]:
    """The project's folder, and its record when it has one yet (a new project has none)."""
    import capgraph
    from capgraph.project import RDF_EXTENSIONS, bundled_project_dir

    root = Path(args.project) if args.project else bundled_project_dir()
    data = root / "data"
    has_records = data.is_dir() and any(
        path.suffix.lower() in RDF_EXTENSIONS
        for path in data.rglob("*")
        if "sources" not in path.relative_to(data).parts[:1]
    )
    return root, capgraph.open(args.project, store=args.store) if has_records else None
