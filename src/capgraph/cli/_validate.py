"""``capgraph validate``: check the record with the SHACL shapes and SPARQL checks."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from capgraph.cli._common import (
    Subparsers,
    add_command,
    add_format_option,
    emit_result,
    open_graph,
    sarif_root,
)
from capgraph.errors import EXIT_NONCONFORMING, EXIT_OK, InputError
from capgraph.render import Kind, RenderOptions

if TYPE_CHECKING:
    from capgraph.validation import ValidationReport

_SEVERITIES = ("violation", "warning", "info")


def register(subparsers: Subparsers) -> None:
    parser = add_command(
        subparsers,
        "validate",
        help="check the record against the shapes in shapes/ (exit 0 conforms, "
        "1 a result at or above --fail-on, 2 the input could not be read)",
        example="capgraph validate --format sarif --output capgraph.sarif",
    )
    add_format_option(parser, Kind.VALIDATION, help="report format (default: text)")
    parser.add_argument(
        "--output", metavar="FILE", help="write the report to FILE (atomically) instead of stdout"
    )
    parser.add_argument(
        "--sarif-root",
        metavar="DIR",
        help="with --format sarif: the repository root, when the records project is a "
        "subfolder of it (file paths are then written relative to DIR)",
    )
    parser.add_argument(
        "--fail-on",
        choices=_SEVERITIES,
        default="violation",
        help="lowest severity that makes the exit code 1 (default: violation)",
    )
    parser.add_argument(
        "--engine",
        choices=["compiled", "pyshacl"],
        default="compiled",
        help="what checks the core SHACL shapes: compiled to SPARQL and run in the store "
        "(default; pySHACL only for shapes it cannot compile), or pySHACL for all (the reference)",
    )
    parser.add_argument(
        "--endpoint",
        metavar="URL",
        help="validate the record held by this SPARQL 1.1 endpoint (answering over the union "
        "of its graphs) with the same compiled queries; with --project, the shapes, checks "
        "and file:line locations come from that project",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help="queries run side by side (default: the CPUs, up to 4); 1 runs them in turn",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from capgraph import Severity

    fail_on = Severity.parse(args.fail_on)
    report = _report(args)
    emit_result(
        args, Kind.VALIDATION, report, RenderOptions(fail_on=fail_on, root=sarif_root(args))
    )
    return EXIT_OK if report.conforms_at(fail_on) else EXIT_NONCONFORMING


def _report(args: argparse.Namespace) -> ValidationReport:
    """The embedded record's report, or the endpoint's (``--endpoint``, compiled engine only)."""
    from capgraph._progress import terminal_progress
    from capgraph.validation import validate, validate_endpoint

    if args.endpoint and args.engine != "compiled":
        raise InputError("--endpoint runs the compiled engine; --engine pyshacl needs the files")
    with terminal_progress(quiet=args.quiet) as progress:
        if not args.endpoint:
            graph = open_graph(args, progress)
            return validate(graph, engine=args.engine, progress=progress, jobs=args.jobs)
        return validate_endpoint(
            args.endpoint, project_dir=args.project, progress=progress, jobs=args.jobs
        )
