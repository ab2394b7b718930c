"""PartialDate: keeps its precision, gives its lexical form back, compares honestly."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from capgraph import PartialDate, Precision


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    day = draw(st.dates(min_value=datetime.date(1, 1, 1)))
    precision = draw(st.sampled_from(Precision))
    if precision is Precision.YEAR:
        return PartialDate(day.year)
    if precision is Precision.MONTH:
        return PartialDate(day.year, day.month)
    return PartialDate(day.year, day.month, day.day)


def days(value: PartialDate) -> tuple[datetime.date, datetime.date]:
    return datetime.date(*value.first_day), datetime.date(*value.last_day)


@pytest.mark.parametrize(
    ("text", "precision"),
    [("2009", Precision.YEAR), ("2009-06", Precision.MONTH), ("2009-06-15", Precision.DAY),
     ("0044", Precision.YEAR), ("-0044", Precision.YEAR), ("12020-02", Precision.MONTH)],
)  # fmt: skip
def test_parse_keeps_the_precision_and_str_gives_the_text_back(
    text: str, precision: Precision
) -> None:
    value = PartialDate.parse(text)
    assert value.precision is precision
    assert str(value) == text


@pytest.mark.parametrize(
    "text", ["2009-13", "2009-02-30", "09-06", "02020", "2009-6", "2009Z", "2009-06-15T00:00"]
)
def test_parse_refuses_what_is_not_a_canonical_date(text: str) -> None:
    with pytest.raises(ValueError, match=r"date|month|day|year"):
        PartialDate.parse(text)


def test_a_day_needs_a_month() -> None:
    with pytest.raises(ValueError, match="needs a month"):
        PartialDate(2020, None, 5)


def test_bounds_of_a_month_and_of_a_leap_february() -> None:
    assert PartialDate(2020, 2).last_day == (2020, 2, 29)
    assert PartialDate(1900, 2).last_day == (1900, 2, 28)
    assert PartialDate(2020).first_day == (2020, 1, 1)
    assert PartialDate(2020).last_day == (2020, 12, 31)


def test_a_month_and_a_day_in_it_are_neither_before_nor_after() -> None:
    december, fifteenth = PartialDate.parse("2020-12"), PartialDate.parse("2020-12-15")
    assert december.before(fifteenth) is None
    assert december.after(fifteenth) is None
    assert not december < fifteenth
    assert not december > fifteenth
    assert december != fifteenth
    assert december.overlaps(fifteenth)


def test_certain_answers() -> None:
    assert PartialDate(2019, 10).before(PartialDate(2020)) is True
    assert PartialDate(2020).before(PartialDate(2019, 10)) is False
    assert PartialDate(2020, 12) < datetime.date(2021, 1, 1)
    assert datetime.date(2021, 1, 1) > PartialDate(2020, 12)
    assert PartialDate(2020, 12, 31) <= datetime.date(2020, 12, 31)
    assert PartialDate(2020, 12) <= PartialDate(2020, 12)
    assert PartialDate(2020, 12) != datetime.date(2020, 12, 1)


def test_values_of_different_precision_are_different_values() -> None:
    assert PartialDate(2020, 12) != PartialDate(2020, 12, 1)
    assert len({PartialDate(2020), PartialDate(2020), PartialDate(2020, 1)}) == 2


def test_sort_key_orders_mixed_precision_and_mixed_types() -> None:
    mixed = [datetime.date(2020, 12, 15), PartialDate(2020), "2020-12", PartialDate(2019, 10)]
    assert [str(v) for v in sorted(mixed, key=PartialDate.sort_key)] == [
        "2019-10",
        "2020",
        "2020-12",
        "2020-12-15",
    ]


@given(partial_dates())
def test_round_trip(value: PartialDate) -> None:
    assert PartialDate.parse(str(value)) == value


@given(partial_dates(), partial_dates())
def test_before_is_true_only_when_every_day_is_before_every_day(
    a: PartialDate, b: PartialDate
) -> None:
    (a_first, a_last), (b_first, b_last) = days(a), days(b)
    answer = a.before(b)
    assert (answer is True) == (a_last < b_first)
    assert (answer is False) == (a_first >= b_last)
    assert (a < b) == (answer is True)
    assert (a > b) == (b.before(a) is True)
    assert not (a < b and b < a)
    assert a.overlaps(b) == (a_first <= b_last and b_first <= a_last)


@given(partial_dates(), partial_dates(), partial_dates())
def test_certainly_before_is_transitive(a: PartialDate, b: PartialDate, c: PartialDate) -> None:
    if a < b and b < c:
        assert a < c


@given(partial_dates(), partial_dates())
def test_sort_key_agrees_with_certain_answers(a: PartialDate, b: PartialDate) -> None:
    if a < b:
        assert PartialDate.sort_key(a) < PartialDate.sort_key(b)


@given(st.dates())
def test_a_day_agrees_with_datetime_date(day: datetime.date) -> None:
    value = PartialDate.from_date(day)
    assert str(value) == day.isoformat()
    assert value.precision is Precision.DAY
    assert value.before(day) is False
    assert value <= day
    assert value >= day
