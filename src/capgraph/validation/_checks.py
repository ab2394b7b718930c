"""SPARQL dataset checks: ``.rq`` files under ``shapes/`` whose rows are results.

A check's file name ends in ``-violation``, ``-warning`` or ``-info``, and that decides
the severity of its rows (as in the Ontology Development Kit).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from capgraph._severity import Severity
from capgraph.errors import InputError
from capgraph.namespaces import XSD, shorten
from capgraph.query import NamedQuery
from capgraph.query._lex import check_nesting, refuse_service
from capgraph.store import read_utf8
from capgraph.validation._report import Rule, ValidationResult

if TYPE_CHECKING:
    from capgraph.validation._target import Target

_CHECK_SUFFIXES = {f"-{s.label}": s for s in Severity}


def check_severity(path: Path) -> Severity:
    """The severity a check's file name gives: ``-violation``, ``-warning``, ``-info``."""
    for suffix, severity in _CHECK_SUFFIXES.items():
        if path.stem.endswith(suffix):
            return severity
    raise InputError(
        "a SPARQL check's file name must end in -violation.rq, -warning.rq or -info.rq",
        file=str(path),
    )


def _check_name(path: Path) -> str:
    stem = path.stem
    for suffix in _CHECK_SUFFIXES:
        stem = stem.removesuffix(suffix)
    return f"check:{stem}"


def check_rule(path: Path) -> Rule:
    query = NamedQuery.from_text(read_utf8(path, display=str(path)), name=path.stem)
    return Rule(id=_check_name(path), severity=check_severity(path), description=query.description)


def check_results(target: Target, path: Path) -> list[ValidationResult]:
    """The rows of one SPARQL check as results (without locations or labels: the caller
    adds them). The query runs when this is called (a worker of the validation's pool)."""
    display = target.project.relative(path)
    severity = check_severity(path)
    query = NamedQuery.from_text(read_utf8(path, display=display), name=path.stem, path=display)
    check_nesting(query.text, file=display)
    if not target.allow_service:
        refuse_service(query.text, file=display)
    try:
        solutions = target.select(query.text)
    except SyntaxError as error:
        raise InputError(f"SPARQL syntax error: {error}", file=display) from None
    except (OSError, RuntimeError) as error:  # e.g. a SERVICE that could not connect
        raise InputError(f"the check failed while running: {error}", file=display) from None
    if not solutions.is_select or "focus" not in solutions.variables:
        raise InputError("a SPARQL check must be a SELECT query with a ?focus column", file=display)
    try:
        rows = list(solutions)
    except (OSError, RuntimeError) as error:  # e.g. a SERVICE that could not connect
        raise InputError(f"the check failed while running: {error}", file=display) from None
    return [_result(query, display, path, severity, row) for row in rows]


def _result(
    query: NamedQuery, display: str, path: Path, severity: Severity, row: dict[str, Any]
) -> ValidationResult:
    focus = str(row["focus"].value)
    path_term, value = row.get("path"), row.get("value")
    return ValidationResult(
        severity=severity,
        focus=focus,
        path=None if path_term is None else shorten(path_term.value),
        value=None if value is None else ox_term_text(value),
        shape=_check_name(path),
        constraint="sparql:" + display,
        message=query.description,
    )


def ox_term_text(term: Any, *, bare: bool = False) -> str:
    """The same text as :func:`capgraph.validation._shapes.term_text`, for a pyoxigraph term."""
    import pyoxigraph as ox

    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal) and not bare:
        if term.language:
            return f'"{term.value}"@{term.language}'
        datatype = term.datatype.value
        if datatype == XSD + "string":
            return f'"{term.value}"'
        return f'"{term.value}"^^{shorten(datatype)}'
    return str(term.value)
