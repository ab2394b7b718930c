"""Query results as plain Python rows, the same from every engine."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol

import pyoxigraph as ox

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

Value = str | int | float | bool | Decimal | None


class Rows(list[dict[str, Value]]):
    """The rows of a SELECT result: one dict per solution, keyed by variable name.

    An unbound variable is ``None``. ``variables`` keeps the projection order.
    """

    def __init__(self, variables: Sequence[str], rows: Iterable[dict[str, Value]] = ()) -> None:
        super().__init__(rows)
        self.variables: tuple[str, ...] = tuple(variables)

    def to_dataframe(self) -> pd.DataFrame:
        """The rows as a pandas DataFrame (needs pandas)."""
        import pandas as pd

        return pd.DataFrame(list(self), columns=list(self.variables))

    def column(self, name: str) -> list[Value]:
        """Every row's value of one variable."""
        return [row[name] for row in self]


class Queryable(Protocol):
    """Anything that answers capgraph's named queries: the embedded graph or a remote one."""

    def query(self, name_or_text: str, /, params: Mapping[str, object] | None = None) -> Rows: ...


def term_to_python(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> Value:
    """Convert an RDF term to a Python value.

    IRIs become ``str``; numbers and booleans become Python numbers; every other
    literal, dates of any precision included, keeps its lexical form, so that
    "2020-12" (a year and month) is never widened to a day.
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
    except ValueError:
        pass
    return term.value


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
