"""A date known to a year, a month or a day: the record's ``gYear``, ``gYearMonth`` and ``date``.

>>> from capgraph import PartialDate
>>> december = PartialDate.parse("2020-12")
>>> str(december), december.precision.name
('2020-12', 'MONTH')
>>> december < PartialDate.parse("2021"), december < PartialDate.parse("2020-12-15")
(True, False)
>>> december.before(PartialDate.parse("2020-12-15")) is None   # cannot be told
True
>>> sorted(["2020-12-15", "2020", "2020-12"], key=PartialDate.sort_key)
['2020', '2020-12', '2020-12-15']

A value stands for every day it may be: ``2020-12`` is some day from the 1st to the 31st
of December 2020. ``<`` and ``>`` answer "certainly before / after", as XML Schema orders
dates with and without a time zone: a pair that overlaps is neither, so the order is
partial and ``sorted`` needs ``key=PartialDate.sort_key``. ``==`` is equality of values
(same precision, same fields): ``2020-12`` is not ``2020-12-01``.
"""

from __future__ import annotations

import datetime
import enum
import re
from dataclasses import dataclass

__all__ = ["PartialDate", "Precision"]

_LEXICAL = re.compile(r"(-?[0-9]{4,})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


class Precision(enum.IntEnum):
    """How much of a date the source gives; compares YEAR < MONTH < DAY."""

    YEAR = 1
    MONTH = 2
    DAY = 3


@dataclass(frozen=True, order=False)
class PartialDate:
    """A date at the precision the source gives: ``2009``, ``2009-06`` or ``2009-06-15``.

    ``str()`` is the XSD lexical form it was read from. Time zones are not held: a
    value with one is left as text by the query rows (the record has none).
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is not 1-12")
        if self.day is not None and self.month is not None:
            last = _days_in_month(self.year, self.month)
            if not 1 <= self.day <= last:
                raise ValueError(f"day {self.day} is not 1-{last} in {self.year}-{self.month:02}")

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """``"2009"``, ``"2009-06"`` or ``"2009-06-15"`` → the value; anything else: ValueError."""
        match = _LEXICAL.fullmatch(text)
        if match is None:
            raise ValueError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = match.groups()
        value = cls(
            int(year), None if month is None else int(month), None if day is None else int(day)
        )
        if str(value) != text:  # e.g. "02020": a year with a leading zero past four digits
            raise ValueError(f"{text!r} is not a canonical date")
        return value

    @classmethod
    def from_date(cls, day: datetime.date) -> PartialDate:
        """A ``datetime.date`` as a value of day precision."""
        return cls(day.year, day.month, day.day)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        return Precision.MONTH if self.month is not None else Precision.YEAR

    @property
    def first_day(self) -> tuple[int, int, int]:
        """The earliest day it may be, as ``(year, month, day)``."""
        return (self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> tuple[int, int, int]:
        """The latest day it may be, as ``(year, month, day)``."""
        month = self.month or 12
        return (self.year, month, self.day or _days_in_month(self.year, month))

    def before(self, other: PartialDate | datetime.date) -> bool | None:
        """True if certainly before ``other``, False if certainly not, None if it cannot be told."""
        that = _coerce(other)
        if self.last_day < that.first_day:
            return True
        if self.first_day >= that.last_day:
            return False
        return None

    def after(self, other: PartialDate | datetime.date) -> bool | None:
        """True if certainly after ``other``, False if certainly not, None if it cannot be told."""
        return _coerce(other).before(self)

    def overlaps(self, other: PartialDate | datetime.date) -> bool:
        """Whether the two may be the same day (neither is certainly before the other)."""
        that = _coerce(other)
        return self.first_day <= that.last_day and that.first_day <= self.last_day

    @staticmethod
    def sort_key(value: PartialDate | datetime.date | str) -> tuple[tuple[int, int, int], int]:
        """A total order for ``sorted``: earliest possible day first, the coarser value first."""
        date = PartialDate.parse(value) if isinstance(value, str) else _coerce(value)
        return (date.first_day, date.precision)

    def __str__(self) -> str:
        sign = "-" if self.year < 0 else ""
        text = f"{sign}{abs(self.year):04}"
        if self.month is not None:
            text += f"-{self.month:02}"
        if self.day is not None:
            text += f"-{self.day:02}"
        return text

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate | datetime.date):
            return NotImplemented
        return self.before(other) is True

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate | datetime.date):
            return NotImplemented
        return self.after(other) is True

    def __le__(self, other: object) -> bool:
        if not isinstance(other, PartialDate | datetime.date):
            return NotImplemented
        return self == _coerce(other) or self.before(other) is True

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, PartialDate | datetime.date):
            return NotImplemented
        return self == _coerce(other) or self.after(other) is True


def _coerce(value: PartialDate | datetime.date) -> PartialDate:
    return value if isinstance(value, PartialDate) else PartialDate.from_date(value)


def _days_in_month(year: int, month: int) -> int:
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap else _DAYS[month - 1]
