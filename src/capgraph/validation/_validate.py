"""Check a loaded record: SHACL shapes (pySHACL) plus SPARQL dataset checks → ValidationReport.

The shapes run on the union of ontology and data (``kg.union_graph()``), so
individuals declared in the ontology count. What the union cannot show (which
named graph holds a fact) is asked of the store itself by the ``.rq`` checks
under ``shapes/``; a check's file name ends in ``-violation``, ``-warning`` or
``-info`` and that decides the severity of its rows (as in the Ontology
Development Kit).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import re
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from capgraph._severity import Severity
from capgraph.errors import InputError
from capgraph.namespaces import SH, shorten
from capgraph.project import Project
from capgraph.query._lex import mentions_service, refuse_service
from capgraph.store import read_utf8
from capgraph.validation import _sparql_constraints as shacl_sparql
from capgraph.validation._checks import check_results, check_rule, iri_term, ox_term_text
from capgraph.validation._report import ValidationReport, ValidationResult
from capgraph.validation._shapes import label, path_text, shape_name, shape_rules, term_text

if TYPE_CHECKING:
    import rdflib

    from capgraph.query import KnowledgeGraph


_log = logging.getLogger(__name__)


def validate(
    kg: KnowledgeGraph,
    *,
    shapes: Sequence[Path] | None = None,
    checks: Sequence[Path] | None = None,
) -> ValidationReport:
    """Validate ``kg`` with its project's shapes and checks (or the ones given).

    A project without a ``shapes/`` folder is checked with the bundled shapes
    (:attr:`Project.bundled`).
    """
    shape_files, check_files = _rule_files(kg.project, shapes, checks)
    if not kg.allow_service:
        _refuse_service_in_selects(kg.project, shape_files)
    key = tuple((p, p.stat().st_mtime_ns) for p in shape_files)
    phases: dict[str, float] = {}
    with _timed(phases, "shapes"):
        shapes_graph = _load_shapes(key)
        core_graph, set_constraints = _split_shapes(key)
    with _timed(phases, "union graph"):
        kg.union_graph()
    with _timed(phases, "core SHACL (pySHACL)"):
        results = list(_shacl_results(kg, core_graph, shape_files))
    with _timed(phases, "SHACL-SPARQL (store)"):
        results.extend(_set_results(kg, set_constraints))
    with _timed(phases, "dataset checks"):
        for path in check_files:
            results.extend(check_results(kg, path))
    _log.info(
        "validation: %s",
        ", ".join(f"{name} {seconds:.2f} s" for name, seconds in phases.items()),
        extra={"phases": phases},
    )
    rules = shape_rules(shapes_graph) + tuple(check_rule(p) for p in check_files)
    return ValidationReport.of(results, rules)


@contextlib.contextmanager
def _timed(phases: dict[str, float], name: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        phases[name] = time.perf_counter() - start


def _refuse_service_in_selects(project: Project, shape_files: Sequence[Path]) -> None:
    import rdflib

    for path in shape_files:
        display = project.relative(path)
        if not mentions_service(read_utf8(path, display=display)):
            continue
        graph = rdflib.Graph().parse(path, format="turtle")
        for text in graph.objects(None, rdflib.URIRef(SH + "select")):
            refuse_service(str(text), file=display)


def _rule_files(
    project: Project, shapes: Sequence[Path] | None, checks: Sequence[Path] | None
) -> tuple[tuple[Path, ...], tuple[Path, ...]]:
    shape_files = tuple(project.shape_files if shapes is None else shapes)
    check_files = tuple(project.check_files if checks is None else checks)
    if not shape_files:
        raise InputError("no SHACL shape files (.ttl) to validate with", file=str(project.root))
    return shape_files, check_files


# --- SHACL ---------------------------------------------------------------------


@functools.lru_cache(maxsize=8)
def _load_shapes(files: tuple[tuple[Path, int], ...]) -> rdflib.Graph:
    """Parse the shape files into one graph (cached per file set and modification time)."""
    import rdflib

    graph = rdflib.Graph()
    for path, _mtime in files:
        text = read_utf8(path, display=str(path))
        try:
            graph.parse(data=text, format="turtle", publicID=path.as_uri())
        except Exception as error:  # rdflib raises several unrelated types
            raise InputError(f"cannot parse SHACL shapes: {error}", file=str(path)) from None
    _compact_selects(graph)
    return graph


@functools.lru_cache(maxsize=8)
def _split_shapes(
    files: tuple[tuple[Path, int], ...],
) -> tuple[rdflib.Graph, tuple[shacl_sparql.SetConstraint, ...]]:
    """The shapes for pySHACL, and the SPARQL constraints run once each in the store."""
    return shacl_sparql.split(_load_shapes(files))


_SHORT_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'')


def _compact_selects(graph: rdflib.Graph) -> None:
    """Write each SHACL-SPARQL query on one line, where that cannot change its meaning.

    pySHACL checks every query text with line-anchored regular expressions, once
    per focus node; on a query of forty lines that check cost more than running
    it. A query with a comment, a long string, or a run of spaces inside a
    string is left as written.
    """
    import rdflib

    select = rdflib.URIRef(SH + "select")
    for subject, text in list(graph.subject_objects(select)):
        query = str(text)
        strings = _SHORT_STRING.findall(query)
        outside = _SHORT_STRING.sub(" ", query)
        if (
            "#" in outside.replace("#>", "")
            or '"""' in query
            or "'''" in query
            or any(re.search(r"\s\s|\t", string) for string in strings)
        ):
            continue
        graph.set((subject, select, rdflib.Literal(" ".join(query.split()))))


def _shacl_results(
    kg: KnowledgeGraph, shapes_graph: rdflib.Graph, shape_files: Sequence[Path]
) -> Iterable[ValidationResult]:
    import pyshacl
    from pyparsing import ParseException
    from pyshacl.errors import ReportableRuntimeError

    union = kg.union_graph()
    data = _prepared_query_graph(union)
    # pySHACL attaches a stderr handler to this logger on every call; its messages
    # become our one-line error instead.
    pyshacl_log = logging.getLogger("pyshacl-validate")
    pyshacl_log.disabled = True
    try:
        _conforms, report, _text = pyshacl.validate(
            data,
            shacl_graph=shapes_graph,
            inference="none",
            allow_infos=True,
            allow_warnings=True,
            inplace=True,
        )
    except (ReportableRuntimeError, ParseException) as error:
        message = error.message if isinstance(error, ReportableRuntimeError) else str(error)
        raise _shapes_error(kg.project, shape_files, message) from None
    except re.error as error:  # an sh:pattern that is not a regular expression
        raise _pattern_error(kg.project, shape_files, error) from None
    finally:
        pyshacl_log.disabled = False
    if not hasattr(report, "subjects"):  # pySHACL hands back a ValidationFailure
        raise _shapes_error(kg.project, shape_files, str(report))
    yield from _read_report(kg, union, report)


def _pattern_error(project: Project, shape_files: Sequence[Path], error: re.error) -> InputError:
    import rdflib

    for path in shape_files:
        graph = rdflib.Graph().parse(path, format="turtle")
        for pattern in graph.objects(None, rdflib.URIRef(SH + "pattern")):
            try:
                re.compile(str(pattern))
            except re.error as bad:
                return InputError(
                    f"sh:pattern {str(pattern)!r} is not a valid regular expression: {bad}",
                    file=project.relative(path),
                )
    return _shapes_error(project, shape_files, f"an sh:pattern is not valid: {error}")


def _set_results(
    kg: KnowledgeGraph, constraints: Sequence[shacl_sparql.SetConstraint]
) -> Iterable[ValidationResult]:
    """The results of the SPARQL constraints that run over all their focus nodes at once."""
    import pyoxigraph as ox

    union = kg.union_graph()
    component = shorten(SH + "SPARQLConstraintComponent")
    for constraint in constraints:
        for row in shacl_sparql.run(kg.store, constraint):
            focus = row.focus.value
            yield ValidationResult(
                severity=constraint.severity,
                focus=focus,
                path=None if row.path is None else shorten(row.path.value),
                value=ox_term_text(row.value),
                shape=shape_name(constraint.shape),
                constraint=component,
                message=sorted(row.messages)[0],
                label=(
                    label(union, iri_term(focus)) if isinstance(row.focus, ox.NamedNode) else None
                ),
                location=kg.locate(focus),
            )


def _shapes_error(project: Project, shape_files: Sequence[Path], message: str) -> InputError:
    """Name the shapes file that pySHACL could not use, by checking each file on its own.

    pySHACL reports a bad shape without saying where it came from: each file is
    checked against SHACL-SHACL, and its SHACL-SPARQL queries are parsed.
    """
    import rdflib
    from pyparsing import ParseException
    from pyshacl.entrypoints import meta_validate
    from rdflib.plugins.sparql.parser import parseQuery

    for path in shape_files:
        graph = rdflib.Graph().parse(path, format="turtle")
        for text in graph.objects(None, rdflib.URIRef(SH + "select")):
            try:
                parseQuery(str(text))
            except ParseException as error:
                return InputError(
                    f"SPARQL syntax error in an sh:select: {error}", file=project.relative(path)
                )
        conforms, _report, text = meta_validate(graph, inference="none")
        if not conforms:
            detail = next(
                (ln.strip() for ln in str(text).splitlines() if ln.strip().startswith("Message")),
                message,
            )
            return InputError(f"not valid SHACL: {detail}", file=project.relative(path))
    return InputError(f"the SHACL shapes cannot be used: {message}")


def _read_report(
    kg: KnowledgeGraph, union: rdflib.Graph, report: rdflib.Graph
) -> Iterable[ValidationResult]:
    import rdflib

    sh = rdflib.Namespace(SH)
    # Only the report's own results: the sh:detail results nested in them
    # (why a sh:node or sh:qualifiedValueShape failed) are part of those.
    for node in report.objects(None, sh.result):
        focus = report.value(node, sh.focusNode)
        severity = report.value(node, sh.resultSeverity)
        shape = report.value(node, sh.sourceShape)
        component = report.value(node, sh.sourceConstraintComponent)
        path = report.value(node, sh.resultPath)
        value = report.value(node, sh.value)
        messages = sorted(str(m) for m in report.objects(node, sh.resultMessage))
        focus_text = str(focus)
        yield ValidationResult(
            severity=Severity.parse(str(severity)),
            focus=focus_text,
            path=None if path is None else path_text(report, path),
            value=None if value is None else term_text(value),
            shape=shape_name(shape),
            constraint=shorten(str(component)),
            message=messages[0] if messages else "",
            label=label(union, focus) if focus is not None else None,
            location=kg.locate(focus_text),
        )


@functools.lru_cache(maxsize=256)
def _prepare(text: str) -> Any:
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(text)


def _prepared_query_graph(graph: rdflib.Graph) -> rdflib.Graph:
    """A view of ``graph`` (same store, no copy) whose ``query`` parses each text only once.

    pySHACL sends every SHACL-SPARQL constraint as text, once per focus node,
    and rdflib parses it every time: parsing, not evaluating, was 90 % of the
    time. The parsed queries are kept for the life of the process.
    """
    import rdflib

    class _PreparedQueryGraph(rdflib.Graph):
        def query(
            self,
            query_object: Any,
            processor: Any = "sparql",
            result: Any = "sparql",
            initNs: Any = None,
            initBindings: Any = None,
            use_store_provided: bool = True,
            **kwargs: Any,
        ) -> Any:
            if isinstance(query_object, str) and not initNs and processor == "sparql":
                query_object = _prepare(query_object)
            return super().query(
                query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs
            )

    return _PreparedQueryGraph(store=graph.store, identifier=graph.identifier)
