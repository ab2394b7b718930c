"""Query rows hold values a Python user can compute with, and every writer still reads them."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import pyoxigraph as ox
import pytest

import capgraph
from capgraph.query import Rows, term_to_python
from capgraph.render import Format, Kind, render

from .conftest import MINI

XSD = "http://www.w3.org/2001/XMLSchema#"


def literal(text: str, datatype: str) -> ox.Literal:
    return ox.Literal(text, datatype=ox.NamedNode(XSD + datatype))


@pytest.mark.parametrize(
    ("text", "datatype", "expected"),
    [
        ("2020-12-03", "date", datetime.date(2020, 12, 3)),
        ("2020-12", "gYearMonth", capgraph.PartialDate(2020, 12)),
        ("2020", "gYear", capgraph.PartialDate(2020)),
        ("42", "integer", 42),
        ("-7", "int", -7),
        ("true", "boolean", True),
        ("0", "boolean", False),
        ("1.50", "decimal", Decimal("1.50")),
        ("2.5", "double", 2.5),
    ],
)
def test_typed_literals_become_python_values(text: str, datatype: str, expected: object) -> None:
    value = term_to_python(literal(text, datatype))
    assert value == expected
    assert type(value) is type(expected)
    assert str(value).lower() == text.lower() or datatype in ("double", "boolean")


@pytest.mark.parametrize(
    ("text", "datatype"),
    [("2020-12-03Z", "date"), ("2020-12+01:00", "gYearMonth"), ("2020Z", "gYear"),
     ("20201203", "date"), ("not a number", "integer")],
)  # fmt: skip
def test_what_a_python_value_cannot_hold_keeps_its_lexical_form(text: str, datatype: str) -> None:
    assert term_to_python(literal(text, datatype)) == text


def test_the_mini_record_rows_are_typed() -> None:
    rows = capgraph.open(MINI).query("meetings")
    assert rows.column("date") == [
        capgraph.PartialDate(2019, 10),
        datetime.date(2020, 12, 3),
        None,
    ]
    assert [type(v) for v in rows.column("ordinal")] == [int, int, int]


def test_rows_writers_give_dates_in_their_lexical_form() -> None:
    rows = capgraph.open(MINI).query("meetings")
    as_json = json.loads(render(Kind.ROWS, Format.JSON, rows))
    assert [row["date"] for row in as_json] == ["2019-10", "2020-12-03", None]
    assert render(Kind.ROWS, Format.CSV, rows).splitlines()[1:3] == [
        "https://example.org/rec/m1,1,2019-10",
        "https://example.org/rec/m2,2,2020-12-03",
    ]
    assert "2019-10" in render(Kind.ROWS, Format.TABLE, rows)


def test_rows_json_is_a_bare_array_and_keeps_non_ascii_text() -> None:
    rows = Rows(["label"], [{"label": "Conseil de coopération douanière"}])
    text = render(Kind.ROWS, Format.JSON, rows)
    assert text.startswith("[")
    assert text.endswith("]\n")
    assert "coopération" in text


def test_optional_integers_stay_integers_in_a_dataframe() -> None:
    rows = Rows(
        ["n", "flag", "when"],
        [
            {"n": 1, "flag": True, "when": capgraph.PartialDate(2020)},
            {"n": None, "flag": None, "when": None},
            {"n": 3, "flag": False, "when": datetime.date(2020, 1, 2)},
        ],
    )
    frame = rows.to_dataframe()
    assert str(frame["n"].dtype) == "Int64"
    assert frame["n"].tolist()[0] == 1
    assert frame["n"].isna().tolist() == [False, True, False]
    assert str(frame["flag"].dtype) == "boolean"
    assert frame["when"].tolist()[0] == capgraph.PartialDate(2020)


def test_complete_integer_columns_are_plain_int64() -> None:
    frame = capgraph.open(MINI).query("meetings").to_dataframe()
    assert str(frame["ordinal"].dtype) == "int64"
    assert frame["ordinal"].tolist() == [1, 2, 3]
