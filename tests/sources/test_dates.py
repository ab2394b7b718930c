"""Dates at the written precision; a range only where its form is unambiguous."""

from __future__ import annotations

import pytest

from capgraph.sources._dates import date_after


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        (" (October 2019) and", "2019-10", None),
        (" in June 2009, and", "2009-06", None),
        (" (2019)", "2019", None),
        (" (14 March 2021)", "2021-03-14", None),
        (", held on 30 September and 1 October 2019, the", "2019-09-30", "2019-10-01"),
        (" on 16 and 17 November 2022", "2022-11-16", "2022-11-17"),
        (" from 31 October to 14 November 2022.", "2022-10-31", "2022-11-14"),
    ],
)
def test_a_written_date_keeps_its_precision(text: str, start: str, end: str | None) -> None:
    found = date_after(text)
    assert found is not None
    assert (found[0].start, found[0].end) == (start, end)


@pytest.mark.parametrize(
    "text",
    [
        " on 3 and 10 May 2022",  # two days, not a range
        " in 2009 the Group",  # a bare year outside parentheses is not the session's date
        " (2022/2023)",  # a financial year
        " (31 February 2021)",  # no such day
        " from 14 November to 31 October 2022",  # ends before it starts
        " and the PTC",
    ],
)
def test_no_date_is_read_where_the_text_gives_none(text: str) -> None:
    assert date_after(text) is None
