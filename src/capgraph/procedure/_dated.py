"""Each decision against a date: taken by then, not yet, uncertain, or not taken at all.

The comparison is SPARQL (``asof-decisions``); this module binds the date, groups the rows
and words the reason. A date stands for every day it may be, and so does DATE:

- *taken* by DATE: recorded as taken, and its latest possible day is on or before DATE's
  earliest possible day (every day DATE may be comes on or after it);
- *not yet*: recorded as taken, and its earliest possible day is after DATE's latest;
- *uncertain*: recorded as taken, and neither holds (the two overlap), or the record gives
  no date for it nor for its session;
- *not taken*: recorded as expected (or intended): it is reported with its recorded status
  whatever DATE is, since the record does not say since when it was expected.

A decision with no date of its own is dated by its session(s): a session's date, or its
start and end; a decision at several sessions is taken by DATE only if it is by every one.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import Enum

from capgraph._dates import PartialDate, Precision
from capgraph.errors import ParameterError
from capgraph.procedure._decisions import DecisionRecord, as_text
from capgraph.query import Queryable, QueryLibrary, Value


class AsOfState(Enum):
    """Where a decision stood on DATE."""

    TAKEN = "taken"
    NOT_YET = "not yet"
    UNCERTAIN = "uncertain"
    NOT_TAKEN = "not taken"


@dataclass(frozen=True)
class DatedDecision:
    """One decision's standing on DATE, with the dates the comparison used."""

    iri: str
    state: AsOfState
    #: "decision" (its own date), "session" (its sessions' dates) or "none" (no date at all)
    basis: str
    start: str | None
    end: str | None

    @property
    def dated(self) -> str | None:
        """``2020-12``, or ``2019-09-30/2019-10-01`` for a session over several days."""
        if self.start is None or self.end is None:
            return self.start or self.end
        return self.start if self.start == self.end else f"{self.start}/{self.end}"


def parse_as_of(text: str) -> PartialDate:
    """``--as-of DATE`` as a value; bad input raises ``ParameterError`` naming the option."""
    try:
        date = PartialDate.parse(text)
        datetime.date(*date.last_day)
    except ValueError as error:
        raise ParameterError(f"--as-of {text!r}: {error}") from None
    return date


def as_of_params(date: PartialDate) -> dict[str, object]:
    """The bound values of ``asof-decisions``: the day after DATE's first day, and its last."""
    first = datetime.date(*date.first_day)
    return {
        "asOfNext": (first + datetime.timedelta(days=1)).isoformat(),
        "asOfLast": datetime.date(*date.last_day).isoformat(),
    }


#: The parameters through which a named query takes ``--as-of DATE``, all ``xsd:date``.
AS_OF_PARAMS = ("asOfFirst", "asOfNext", "asOfLast")


def as_of_query_params(
    source: Queryable, name: str, params: Mapping[str, object], date: PartialDate
) -> dict[str, object]:
    """``params`` plus DATE, for a named query that declares any of ``AS_OF_PARAMS``.

    ``asOfFirst`` is DATE's earliest possible day, ``asOfNext`` the day after it and
    ``asOfLast`` DATE's latest possible day. A query that declares none takes no date:
    ``ParameterError``.
    """
    library = getattr(source, "queries", None)
    if not isinstance(library, QueryLibrary):
        raise ParameterError(f"--as-of needs a named query; {name!r} is not one")
    query = library.resolve(name)
    declared = {p.name for p in query.params}
    if not declared & set(AS_OF_PARAMS):
        raise ParameterError(
            f"query {query.name!r} takes no date: --as-of binds a query that declares "
            f"'# param: asOfNext xsd:date' (or asOfFirst, asOfLast); {query.takes()}"
        )
    first = date_range(date)[0]
    values = {"asOfFirst": first, **as_of_params(date)}
    given = sorted(declared & set(AS_OF_PARAMS) & set(params))
    if given:
        raise ParameterError(f"--as-of and --param {given[0]} both give the date; give one")
    return {**params, **{k: v for k, v in values.items() if k in declared}}


def date_range(date: PartialDate) -> tuple[str, str]:
    """DATE's earliest and latest possible day, as ``YYYY-MM-DD``."""
    return (datetime.date(*date.first_day).isoformat(), datetime.date(*date.last_day).isoformat())


def classify(source: Queryable, date: PartialDate) -> dict[str, DatedDecision]:
    """Every decision of the record that has a status, by IRI, against DATE."""
    grouped: dict[str, list[Mapping[str, Value]]] = {}
    for row in source.query("asof-decisions", as_of_params(date)):
        grouped.setdefault(str(row["decision"]), []).append(row)
    return {iri: _dated(iri, rows) for iri, rows in grouped.items()}


def _dated(iri: str, rows: list[Mapping[str, Value]]) -> DatedDecision:
    states = {AsOfState(str(r["state"])) for r in rows}
    state = states.pop() if len(states) == 1 else AsOfState.UNCERTAIN
    starts = [s for s in (as_text(r.get("start")) for r in rows) if s]
    ends = [e for e in (as_text(r.get("end")) for r in rows) if e]
    return DatedDecision(
        iri=iri,
        state=state,
        basis=min(str(r["basis"]) for r in rows),
        start=min(starts, key=PartialDate.sort_key) if starts else None,
        end=max(ends, key=lambda e: PartialDate.parse(e).last_day) if ends else None,
    )


def as_of_decision(decision: DecisionRecord, dated: Mapping[str, DatedDecision]) -> DecisionRecord:
    """The decision with its status as it stood on DATE (``not yet``, ``uncertain``...)."""
    found = dated.get(decision.iri)
    if found is None or found.state is AsOfState.NOT_TAKEN:
        return decision
    return replace(decision, status=found.state.value.replace("not yet", "not yet taken"))


def why_uncertain(decision: DecisionRecord, dated: DatedDecision, date: PartialDate) -> str:
    """One sentence naming the decision and both dates."""
    where = f" ({decision.session_names})" if decision.sessions else ""
    head = f"{decision.what}{where}"
    if dated.basis == "none" or dated.dated is None:
        return (
            f"{head}: the record gives no date for it or its session, so it may be before "
            f"or after {date}"
        )
    whose = "its session is dated" if dated.basis == "session" else "is dated"
    return (
        f"{head} {whose} {dated.dated} ({_precision(dated.dated)}) and the date asked is "
        f"{date} ({_precision(str(date))}): either may come first"
    )


def _precision(text: str) -> str:
    if "/" in text:
        return "a range of days"
    precision = PartialDate.parse(text).precision
    return {Precision.YEAR: "a year", Precision.MONTH: "a month", Precision.DAY: "a day"}[precision]
