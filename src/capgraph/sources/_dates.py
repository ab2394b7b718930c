"""Dates as the text writes them, at the precision it gives: a day, a month, a year, a range.

Nothing is padded: "June 2009" is ``2009-06`` (``xsd:gYearMonth``), never a day. A range
is read only where its form is unambiguous: "from 31 October to 14 November 2022",
"16 and 17 November 2022" (two consecutive days; "3 and 10 May" names two days, not a
range, and is left out), "30 September and 1 October 2019".
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTH = "(" + "|".join(_MONTHS) + ")"
_DAY = r"([0-3]?\d)"
_YEAR = r"((?:19|20)\d\d)"

#: One date expression, longest forms first; each names its parts.
_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        (
            "range-months",
            rf"(?:from\s+)?{_DAY}\s+{_MONTH}\s+(to|and|-|\u2013)\s+{_DAY}\s+{_MONTH}\s+{_YEAR}",
        ),
        ("range-days", rf"(?:from\s+)?{_DAY}\s+(to|and|-|\u2013)\s+{_DAY}\s+{_MONTH}\s+{_YEAR}"),
        ("day", rf"{_DAY}\s+{_MONTH}\s+{_YEAR}"),
        ("month", rf"{_MONTH}\s+{_YEAR}"),
        ("year", rf"{_YEAR}"),
    )
)


@dataclass(frozen=True)
class WrittenDate:
    """A date or a range, as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` lexical forms."""

    start: str
    end: str | None = None
    #: The words of the text it was read from.
    text: str = ""

    @property
    def is_range(self) -> bool:
        return self.end is not None


def _month(name: str) -> int:
    return _MONTHS.index(name) + 1


def _day(year: str, month: str, day: str) -> datetime.date | None:
    try:
        return datetime.date(int(year), _month(month), int(day))
    except ValueError:
        return None


def read_date(text: str, *, years_alone: bool = True) -> WrittenDate | None:
    """The date ``text`` starts with (after optional "in", "on", "held on", "(", ...)."""
    for kind, pattern in _FORMS:
        if kind == "year" and not years_alone:
            continue
        match = pattern.match(text)
        if match is None:
            continue
        end = match.end()
        if end < len(text) and (text[end].isalnum() or text[end] in "/-"):
            continue  # "2022/2023" or "2022-2025" is a span of years, not a date
        written = _parse(kind, match.groups(), match.group(0))
        if written is not None:
            return written
    return None


def _parse(kind: str, groups: tuple[str, ...], text: str) -> WrittenDate | None:
    if kind == "year":
        return WrittenDate(groups[0], text=text)
    if kind == "month":
        return WrittenDate(f"{groups[1]}-{_month(groups[0]):02d}", text=text)
    if kind == "day":
        day = _day(groups[2], groups[1], groups[0])
        return None if day is None else WrittenDate(day.isoformat(), text=text)
    if kind == "range-days":
        first, joiner, last, month, year = groups
        return _range(_day(year, month, first), _day(year, month, last), joiner, text)
    first, month1, joiner, last, month2, year = groups
    return _range(_day(year, month1, first), _day(year, month2, last), joiner, text)


def _range(
    start: datetime.date | None, end: datetime.date | None, joiner: str, text: str
) -> WrittenDate | None:
    if start is None or end is None or end <= start:
        return None
    if joiner == "and" and (end - start).days != 1:
        return None  # "3 and 10 May": two days, not a meeting held from one to the other
    return WrittenDate(start.isoformat(), end.isoformat(), text=text)


_LEAD = re.compile(r"^\s*(?:,\s*)?(?:(?:which was |that was )?held\s+)?(?:in|on|from|of)?\s*")
_PAREN = re.compile(r"^\s*\(")


def date_after(text: str) -> tuple[WrittenDate, int] | None:
    """A date that directly follows a session mention, and where it ends in ``text``.

    Accepted forms: "(October 2019)", "in June 2009", ", held on 30 September and 1
    October 2019", "from 31 October to 14 November 2022". A bare year is read only in
    parentheses ("(2019)"), so "in 2009 the Group" is not a session's date.
    """
    if paren := _PAREN.match(text):
        inner = text[paren.end() :]
        written = read_date(inner)
        if written is not None and inner[len(written.text) :].startswith(")"):
            return written, paren.end() + len(written.text) + 1
        return None
    lead = _LEAD.match(text)
    if lead is None or not lead.group(0).strip(" ,"):
        return None
    rest = text[lead.end() :]
    written = read_date(rest, years_alone=False)
    if written is None:
        return None
    return written, lead.end() + len(written.text)
