"""Readable labels for the views: dates at their precision, sessions, decisions. Never raw IRIs.

>>> format_date("2020-12")
'Dec 2020'
>>> format_date("2019-09-30/2019-10-01") == "30 Sep" + DASH + "1 Oct 2019"
True
>>> session_phrase([113, 114], "Council", "Session")
'113th/114th Council Sessions'
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Iterable, Sequence

from capgraph.procedure import Period
from capgraph.procedure._decisions import DecisionRecord, local_name, ordinal

DASH = "\u2013"  # en dash, for ranges of dates
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_YEAR = re.compile(r"(\d{4})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def format_date(lexical: str | None) -> str | None:
    """A date at the precision the record gives it: ``2009``, ``Jun 2009``, ``30 Sep 2019``.

    A range ``start/end`` (a meeting over several days) is written once, with an en dash:
    ``30 Sep`` DASH ``1 Oct 2019``.
    A value that is not a plain ISO date is returned as it is.
    """
    if lexical is None:
        return None
    if "/" in lexical:
        start, _, end = lexical.partition("/")
        return _format_range(start, end)
    if match := _DAY.fullmatch(lexical):
        year, month, day = match.groups()
        return f"{int(day)} {MONTHS[int(month) - 1]} {year}"
    if match := _MONTH.fullmatch(lexical):
        year, month = match.groups()
        return f"{MONTHS[int(month) - 1]} {year}"
    return lexical


def _format_range(start: str, end: str) -> str:
    first, last = _DAY.fullmatch(start), _DAY.fullmatch(end)
    if not (first and last):
        return f"{format_date(start)}{DASH}{format_date(end)}"
    (y1, m1, d1), (y2, m2, d2) = first.groups(), last.groups()
    if (y1, m1, d1) == (y2, m2, d2):
        return format_date(start) or start
    if y1 != y2:
        return f"{format_date(start)}{DASH}{format_date(end)}"
    if m1 != m2:
        return f"{int(d1)} {MONTHS[int(m1) - 1]}{DASH}{int(d2)} {MONTHS[int(m2) - 1]} {y1}"
    return f"{int(d1)}{DASH}{int(d2)} {MONTHS[int(m1) - 1]} {y1}"


def date_interval(lexical: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day a date at any precision (or a ``start/end`` range) can mean."""
    if lexical is None:
        return None
    if "/" in lexical:
        start, _, end = lexical.partition("/")
        first, last = date_interval(start), date_interval(end)
        if first is None or last is None:
            return None
        return first[0], last[1]
    if match := _DAY.fullmatch(lexical):
        day = dt.date(*(int(part) for part in match.groups()))
        return day, day
    if match := _MONTH.fullmatch(lexical):
        year, month = (int(part) for part in match.groups())
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        return dt.date(year, month, 1), following - dt.timedelta(days=1)
    if match := _YEAR.fullmatch(lexical):
        year = int(match.group(1))
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    return None


def date_midpoint(lexical: str | None) -> dt.date | None:
    """Where a date of any precision sits on a time axis: the middle of what it can mean."""
    interval = date_interval(lexical)
    if interval is None:
        return None
    first, last = interval
    return first + (last - first) // 2


def date_sort_key(lexical: str | None) -> str:
    """Earliest possible first; no date last. ISO prefixes sort in time order as text."""
    return lexical if lexical else "9999"


def session_noun(session_labels: Sequence[str | None]) -> str:
    """``Meeting`` where the record calls the body's sessions meetings, else ``Session``."""
    return "Meeting" if any(label and "Meeting" in label for label in session_labels) else "Session"


def session_phrase(ordinals: Sequence[int], body: str, noun: str) -> str:
    """``137th Council Session``; a joint session: ``113th/114th Council Sessions``."""
    numbers = "/".join(ordinal(n) for n in sorted(ordinals))
    plural = "s" if len(ordinals) > 1 else ""
    return f"{numbers} {body} {noun}{plural}".strip()


def decision_session(decision: DecisionRecord, short: dict[str, str]) -> str:
    """``137th Council Session``; the body's short name when the record names no session.

    ``short`` maps a body IRI to its short name (``skos:altLabel``, else its label).
    """
    body = body_name(decision.place, decision.place_label, short)
    ordinals = [s.ordinal for s in decision.sessions if s.ordinal is not None]
    if ordinals:
        return session_phrase(ordinals, body, session_noun([s.label for s in decision.sessions]))
    if decision.sessions:
        return " / ".join(s.name for s in decision.sessions)
    return body


def decision_when(decision: DecisionRecord) -> str | None:
    """``Dec 2020``; ``undated`` for a taken decision without a date; ``None`` for an expected
    decision without one (it has not happened)."""
    when = format_date(decision.when)
    if when is None and decision.taken:
        return "undated"
    return when


def decision_where(decision: DecisionRecord, short: dict[str, str]) -> str:
    """``137th Council Session, Dec 2020``; ``PTC`` for an expected decision with no session."""
    session, when = decision_session(decision, short), decision_when(decision)
    return f"{session}, {when}" if when else session


def decision_action(decision: DecisionRecord) -> str:
    """``approved``; ``endorsed (expected)`` for a decision the record only expects."""
    action = decision.action_label or local_name(decision.action) or "decided"
    return action if decision.taken else f"{action} ({decision.status or 'status unknown'})"


def decision_label(decision: DecisionRecord, short: dict[str, str]) -> str:
    """``137th Council Session, Dec 2020: approved``."""
    return f"{decision_where(decision, short)}: {decision_action(decision)}"


def body_name(iri: str | None, label: str | None, short: dict[str, str]) -> str:
    """The short name of a body, else its label, else the last segment of its IRI."""
    if iri is not None and iri in short:
        return short[iri]
    return label or local_name(iri) or "?"


def wrap(text: str, width: int) -> str:
    """Break ``text`` into lines of at most ``width`` characters (longer words stay whole)."""
    return "\n".join(
        "\n".join(textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False))
        or line
        for line in text.split("\n")
    )


def timeline_labels(periods: Iterable[Period]) -> tuple[tuple[str, str], ...]:
    """The ToR timeline as (kind, label) pairs: ``in force`` or ``uncertain``, in time order."""
    labels = []
    for period in periods:
        if period.uncertain:
            before, after = period.names
            when = format_date(period.start) or "no date"
            which = f"{before} or {after}" if before != "none" else f"not yet or {after}"
            labels.append(("uncertain", f"{when}: uncertain,\n{which} in force"))
        else:
            start = format_date(period.start) or "an undated decision"
            span = f"{start} {DASH} {format_date(period.end)}" if period.end else f"from {start}"
            labels.append(("in force", f"{period.names[0]} in force\n{span}"))
    return tuple(labels)
