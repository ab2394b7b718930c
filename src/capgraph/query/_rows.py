"""Query results as plain Python rows, the same from every engine."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol

import pyoxigraph as ox

from capgraph._dates import PartialDate
from capgraph.namespaces import XSD

if TYPE_CHECKING:
    import pandas as pd

_INTEGER_TYPES = {
    XSD + name
    for name in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong",
        "unsignedShort", "unsignedByte",
    )
}  # fmt: skip

Value = str | int | float | bool | Decimal | datetime.date | PartialDate | None

#: The most rows a notebook shows of a result (all of them stay in the ``Rows``).
HTML_ROWS = 100


class Rows(list[dict[str, Value]]):
    """The rows of a SELECT result: one dict per solution, keyed by variable name.

    An unbound variable is ``None``. ``variables`` keeps the projection order.
    """

    def __init__(self, variables: Sequence[str], rows: Iterable[dict[str, Value]] = ()) -> None:
        super().__init__(rows)
        self.variables: tuple[str, ...] = tuple(variables)

    def to_dataframe(self) -> pd.DataFrame:
        """The rows as a pandas DataFrame (needs pandas).

        A column of integers with unbound values is ``Int64`` (pandas' nullable
        integer), not float; a column of booleans with unbound values is ``boolean``.
        Dates stay Python objects (``datetime.date``, :class:`~capgraph.PartialDate`).
        """
        import pandas as pd

        frame = pd.DataFrame(list(self), columns=list(self.variables))
        for name in self.variables:
            values = [row[name] for row in self if row[name] is not None]
            if not values or len(values) == len(self):
                continue
            if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
                frame[name] = pd.array([row[name] for row in self], dtype="Int64")
            elif all(isinstance(v, bool) for v in values):
                frame[name] = pd.array([row[name] for row in self], dtype="boolean")
        return frame

    def _repr_html_(self) -> str:
        """The rows as an HTML table, for notebooks (the first ``HTML_ROWS`` of them)."""
        from html import escape

        def cell(value: Value) -> str:
            return "" if value is None else escape(str(value))

        head = "".join(f"<th>{escape(name)}</th>" for name in self.variables)
        body = "".join(
            "<tr>" + "".join(f"<td>{cell(row.get(name))}</td>" for name in self.variables) + "</tr>"
            for row in self[:HTML_ROWS]
        )
        more = len(self) - HTML_ROWS
        note = f"<p>… and {more} more rows</p>" if more > 0 else ""
        count = f"{len(self)} row{'' if len(self) == 1 else 's'}"
        return (
            f'<table class="capgraph-rows"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>{note}<p>{count}</p>"
        )

    def column(self, name: str) -> list[Value]:
        """Every row's value of one variable."""
        return [row[name] for row in self]


class Queryable(Protocol):
    """Anything that answers capgraph's named queries: the embedded graph or a remote one.

    Both leave the draft claim graphs out of the dataset unless ``drafts`` is true
    (``None``: the source's own ``drafts`` setting).
    """

    def query(
        self,
        name_or_text: str,
        /,
        params: Mapping[str, object] | None = None,
        *,
        drafts: bool | None = None,
    ) -> Rows: ...


def term_to_python(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> Value:
    """Convert an RDF term to a Python value.

    IRIs become ``str``; integers ``int``, decimals ``Decimal``, doubles ``float``,
    booleans ``bool``; ``xsd:date`` a ``datetime.date``; ``xsd:gYearMonth`` and
    ``xsd:gYear`` a :class:`~capgraph.PartialDate` that keeps its precision, so
    "2020-12" is never widened to a day. Every other literal, and a date with a time
    zone or outside what the Python value can hold, keeps its lexical form.
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return str(term)
    datatype = term.datatype.value
    try:
        if datatype in _INTEGER_TYPES:
            return int(term.value)
        if datatype == XSD + "decimal":
            return Decimal(term.value)
        if datatype in (XSD + "double", XSD + "float"):
            return float(term.value)
        if datatype == XSD + "boolean":
            return term.value in ("true", "1")
        if datatype == XSD + "date":
            return _date(term.value)
        if datatype in (XSD + "gYearMonth", XSD + "gYear"):
            return PartialDate.parse(term.value)
    except ValueError:
        pass
    return term.value


def _date(text: str) -> datetime.date:
    day = datetime.date.fromisoformat(text)
    if day.isoformat() != text:  # a time zone, or a form fromisoformat also reads
        raise ValueError(text)
    return day


def rows_from_solutions(solutions: ox.QuerySolutions) -> Rows:
    """Rows from a pyoxigraph SELECT result."""
    names = [variable.value for variable in solutions.variables]
    return Rows(
        names,
        ({name: term_to_python(solution[name]) for name in names} for solution in solutions),
    )


def rows_from_terms(variables: Sequence[str], solutions: Iterable[Mapping[str, Any]]) -> Rows:
    """Rows from solutions already decoded into pyoxigraph terms (e.g. from SPARQL JSON)."""
    return Rows(
        variables,
        ({name: term_to_python(row.get(name)) for name in variables} for row in solutions),
    )


def rows_from_triples(triples: Iterable[ox.Triple]) -> Rows:
    """The rows of a CONSTRUCT or DESCRIBE result: subject, predicate and object as text."""
    return Rows(
        ["subject", "predicate", "object"],
        (
            {"subject": str(t.subject), "predicate": str(t.predicate), "object": str(t.object)}
            for t in triples
        ),
    )
