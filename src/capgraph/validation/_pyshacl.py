"""pySHACL, the reference engine: run it on an rdflib graph and read its report as results.

``capgraph validate --engine pyshacl`` runs every core shape here; the compiled
engine sends here only the shapes it cannot compile (see :mod:`._engine`).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from capgraph.errors import InputError
from capgraph.namespaces import SH, shorten
from capgraph.project import Project
from capgraph.validation._report import ValidationResult
from capgraph.validation._shapes import path_text, severity_of, shape_name, term_text

if TYPE_CHECKING:
    import rdflib


def pyshacl_results(
    data: rdflib.Graph,
    shapes_graph: rdflib.Graph,
    *,
    project: Project | None = None,
    shape_files: Sequence[Path] = (),
) -> list[ValidationResult]:
    """pySHACL's results for ``shapes_graph`` on ``data`` (no label, no location yet)."""
    import pyshacl
    from pyparsing import ParseException
    from pyshacl.errors import ReportableRuntimeError

    # pySHACL attaches a stderr handler to this logger on every call; its messages
    # become our one-line error instead.
    pyshacl_log = logging.getLogger("pyshacl-validate")
    pyshacl_log.disabled = True
    try:
        _conforms, report, _text = pyshacl.validate(
            _prepared_query_graph(data),
            shacl_graph=shapes_graph,
            inference="none",
            allow_infos=True,
            allow_warnings=True,
            inplace=True,
        )
    except (ReportableRuntimeError, ParseException) as error:
        message = error.message if isinstance(error, ReportableRuntimeError) else str(error)
        raise _shapes_error(project, shape_files, message) from None
    finally:
        pyshacl_log.disabled = False
    if not hasattr(report, "subjects"):  # pySHACL hands back a ValidationFailure
        raise _shapes_error(project, shape_files, str(report))
    return list(read_report(report))


def _shapes_error(project: Project | None, shape_files: Sequence[Path], message: str) -> InputError:
    """Name the shapes file that pySHACL could not use, by checking each file on its own.

    pySHACL reports a bad shape without saying where it came from: each file is
    checked against SHACL-SHACL, and its SHACL-SPARQL queries are parsed.
    """
    import rdflib
    from pyparsing import ParseException
    from pyshacl.entrypoints import meta_validate
    from rdflib.plugins.sparql.parser import parseQuery

    for path in shape_files:
        shown = project.relative(path) if project is not None else str(path)
        graph = rdflib.Graph().parse(path, format="turtle")
        for text in graph.objects(None, rdflib.URIRef(SH + "select")):
            try:
                parseQuery(str(text))
            except ParseException as error:
                return InputError(f"SPARQL syntax error in an sh:select: {error}", file=shown)
        conforms, _report, text = meta_validate(graph, inference="none")
        if not conforms:
            detail = next(
                (ln.strip() for ln in str(text).splitlines() if ln.strip().startswith("Message")),
                message,
            )
            return InputError(f"not valid SHACL: {detail}", file=shown)
    return InputError(f"the SHACL shapes cannot be used: {message}")


def read_report(report: rdflib.Graph) -> Iterable[ValidationResult]:
    """The report's own results; the ``sh:detail`` results nested in them are part of those."""
    import rdflib

    sh = rdflib.Namespace(SH)
    for node in report.objects(None, sh.result):
        focus = report.value(node, sh.focusNode)
        severity = report.value(node, sh.resultSeverity)
        shape = report.value(node, sh.sourceShape)
        component = report.value(node, sh.sourceConstraintComponent)
        path = report.value(node, sh.resultPath)
        value = report.value(node, sh.value)
        messages = sorted(str(m) for m in report.objects(node, sh.resultMessage))
        yield ValidationResult(
            severity=severity_of(severity, shape),
            focus=term_text(focus, bare=True),
            path=None if path is None else path_text(report, path),
            value=None if value is None else term_text(value),
            shape=shape_name(shape),
            constraint=shorten(str(component)),
            message=messages[0] if messages else "",
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

    if isinstance(graph, rdflib.Dataset | rdflib.ConjunctiveGraph):
        return graph
    return _PreparedQueryGraph(store=graph.store, identifier=graph.identifier)
