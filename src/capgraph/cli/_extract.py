"""``capgraph extract``: draft a record from a document (text, PDF, DOCX) for review."""

from __future__ import annotations

import argparse
from pathlib import Path

from capgraph.cli._common import Subparsers, add_command, emit


def register(subparsers: Subparsers) -> None:
    parser = add_command(
        subparsers,
        "extract",
        help="draft claims from a document (text, PDF text layer, DOCX) into data/drafts/ID.trig; "
        "every claim is marked as a draft until reviewed",
        example="capgraph extract notice.pdf --project ../my-records --source-id ec-notice-2021",
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
    import capgraph
    from capgraph.project import RDF_EXTENSIONS, bundled_project_dir
    from capgraph.sources import extract
    from capgraph.sources._render import extraction_json, extraction_text

    root = Path(args.project) if args.project else bundled_project_dir()
    data = root / "data"
    has_records = data.is_dir() and any(
        path.suffix.lower() in RDF_EXTENSIONS
        for path in data.rglob("*")
        if "sources" not in path.relative_to(data).parts[:1]
    )
    record = capgraph.open(args.project, store=args.store) if has_records else None
    result = extract(
        args.document,
        project_dir=root,
        record=record,
        source_id=args.source_id,
        output=args.output,
    )
    render = extraction_json if args.format == "json" else extraction_text
    emit(render(result), args.report)
    return 0
