"""When each ToR version was in force: a timeline of certain and uncertain periods.

A version comes into force with the decision on the last required step of its process
(``asof-versions``), dated as ``asof-decisions`` dates it: its own date, else its sessions'.
Along each work's chain of versions the timeline alternates:

- an *uncertain* period while the decision's date is not a single day (``2020-12``: either
  the earlier version or the new one was in force), or has no date at all;
- the version *in force*, from that decision to the next version's, or open-ended.

A version whose entry into force is not taken in the record (a proposed revision) has no
period. The same rule as ``--as-of``: a date of the period is a date of the record.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from capgraph._dates import PartialDate
from capgraph.procedure._dated import as_of_params
from capgraph.procedure._decisions import as_text, local_name
from capgraph.procedure._history import revision_depth
from capgraph.query import Queryable, Value


@dataclass(frozen=True)
class Period:
    """One stretch of a work's timeline."""

    #: "in force" or "uncertain"
    kind: str
    #: the version in force, or the two it is uncertain between (the first may be None)
    versions: tuple[str | None, ...]
    #: the record's dates (``2020-12``, ``2019-09-30/2019-10-01``); None where open or undated
    start: str | None
    end: str | None
    work: str | None

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(local_name(v) or "none" if v else "none" for v in self.versions)

    @property
    def uncertain(self) -> bool:
        return self.kind == "uncertain"


def in_force_periods(source: Queryable) -> tuple[Period, ...]:
    """Every work's timeline, works by IRI, periods in time order."""
    dates = _entry_dates(source)
    chains: dict[str, list[tuple[str, str | None]]] = {}
    previous: dict[str, str | None] = {}
    works: dict[str, str | None] = {}
    for row in source.query("asof-versions"):
        version = str(row["version"])
        previous[version] = as_text(row.get("previous"))
        entry = as_text(row.get("entry"))
        if entry is not None and entry in dates:
            chains.setdefault(version, []).append((entry, dates[entry]))
    for row in source.query("history-versions"):
        works[str(row["version"])] = as_text(row.get("work"))
    periods: list[Period] = []
    for work in sorted({w or "" for w in works.values()}):
        chain = _chain([v for v in previous if (works.get(v) or "") == work], previous)
        periods.extend(_timeline([(v, _dated(chains.get(v, []))) for v in chain], work or None))
    return tuple(periods)


def _entry_dates(source: Queryable) -> dict[str, str | None]:
    """Each taken decision's date as the record gives it: ``start`` or ``start/end``."""
    found: dict[str, list[Mapping[str, Value]]] = {}
    # Only the dates are read; any date will do for the required DATE (year 1 here).
    for row in source.query("asof-decisions", as_of_params(PartialDate(1))):
        if local_name(as_text(row.get("status"))) == "taken":
            found.setdefault(str(row["decision"]), []).append(row)
    dates: dict[str, str | None] = {}
    for iri, rows in found.items():
        starts = sorted({str(r["start"]) for r in rows if r.get("start") is not None})
        ends = sorted({str(r["end"]) for r in rows if r.get("end") is not None})
        if not starts or not ends:
            dates[iri] = None
            continue
        start = min(starts, key=PartialDate.sort_key)
        end = max(ends, key=lambda e: PartialDate.parse(e).last_day)
        dates[iri] = start if start == end else f"{start}/{end}"
    return dates


def _dated(entries: list[tuple[str, str | None]]) -> tuple[bool, str | None] | None:
    """(taken, date) of a version's entry into force; None if it has no taken entry."""
    if not entries:
        return None
    dated = sorted((d for _e, d in entries if d), key=lambda d: PartialDate.sort_key(d[:10]))
    return (True, dated[0] if dated else None)


def _chain(versions: list[str], previous: Mapping[str, str | None]) -> list[str]:
    """Versions along the revision chain: the first one, then each revision of it."""
    return sorted(versions, key=lambda v: (revision_depth(previous, v), v))


def _timeline(
    chain: list[tuple[str, tuple[bool, str | None] | None]], work: str | None
) -> list[Period]:
    periods: list[Period] = []
    in_force = [(v, e[1]) for v, e in chain if e is not None]
    for index, (version, date) in enumerate(in_force):
        before = in_force[index - 1][0] if index else None
        if date is None or _not_one_day(date):
            periods.append(Period("uncertain", (before, version), date, date, work))
        end = in_force[index + 1][1] if index + 1 < len(in_force) else None
        periods.append(Period("in force", (version,), date, end, work))
    return periods


def _not_one_day(date: str) -> bool:
    return "/" in date or PartialDate.parse(date).first_day != PartialDate.parse(date).last_day
