"""Every date in the record has exactly the value and the precision the source gives."""

from __future__ import annotations

from capgraph import KnowledgeGraph

from .support import ID, PREFIXES, short

XSD = "http://www.w3.org/2001/XMLSchema#"
DATE, YEAR_MONTH, YEAR = XSD + "date", XSD + "gYearMonth", XSD + "gYear"

#: (record, property) -> (lexical form, datatype). Nothing else in the record carries a date.
EXPECTED = {
    # Sessions (para 3, 4, 5, 8).
    ("id:body/council/session/113", "dcterms:date"): ("2009-06", YEAR_MONTH),
    ("id:body/council/session/114", "dcterms:date"): ("2009-06", YEAR_MONTH),
    ("id:body/cap-group/session/16", "schema:startDate"): ("2019-09-30", DATE),
    ("id:body/cap-group/session/16", "schema:endDate"): ("2019-10-01", DATE),
    ("id:body/enforcement-committee/session/39", "dcterms:date"): ("2019-10", YEAR_MONTH),
    ("id:body/ptc/session/227", "dcterms:date"): ("2020-07", YEAR_MONTH),
    ("id:body/ptc/session/228", "dcterms:date"): ("2020-07", YEAR_MONTH),
    ("id:body/policy-commission/session/83", "dcterms:date"): ("2020-12", YEAR_MONTH),
    ("id:body/council/session/137", "dcterms:date"): ("2020-12", YEAR_MONTH),
    ("id:body/council/session/139", "dcterms:date"): ("2022-06", YEAR_MONTH),
    ("id:body/council/session/140", "dcterms:date"): ("2022-06", YEAR_MONTH),
    # The CAP Group's inauguration: "during the same year" as June 2009.
    ("id:event/cap-group-inauguration", "dcterms:date"): ("2009", YEAR),
    # Decisions carry their session's single date (the 16th CAP meeting's has a range: none).
    ("id:decision/council-113-114-adopted-tor-2009", "dcterms:date"): ("2009-06", YEAR_MONTH),
    ("id:presentation/ec-39-tor-2020", "dcterms:date"): ("2019-10", YEAR_MONTH),
    ("id:presentation/ptc-227-228-tor-2020", "dcterms:date"): ("2020-07", YEAR_MONTH),
    ("id:presentation/pc-83-tor-2020", "dcterms:date"): ("2020-12", YEAR_MONTH),
    ("id:decision/council-137-approved-tor-2020", "dcterms:date"): ("2020-12", YEAR_MONTH),
    ("id:decision/council-139-140-set-priority-e-commerce", "dcterms:date"): (
        "2022-06",
        YEAR_MONTH,
    ),
    ("id:decision/council-139-140-set-priority-green-customs", "dcterms:date"): (
        "2022-06",
        YEAR_MONTH,
    ),
    ("id:decision/council-139-140-approved-strategic-plan-2022-2025", "dcterms:date"): (
        "2022-06",
        YEAR_MONTH,
    ),
    ("id:decision/council-139-140-approved-implementation-plan-2022-2023", "dcterms:date"): (
        "2022-06",
        YEAR_MONTH,
    ),
}

#: Records the source names without a date: they must carry none.
UNDATED = [
    "id:body/enforcement-committee/session/40",
    "id:body/policy-commission/session/86",
    "id:body/cap-group/session/17",
    "id:body/cap-group/session/18",
    "id:body/cap-group/session/19",
    "id:decision/cap-group-16-reviewed-tor-2020",
    "id:decision/ec-40-endorsed-ipr-strategy-2020",
    "id:decision/pc-86-approved-strategic-plan-2022-2025",
    "id:decision/pc-86-approved-implementation-plan-2022-2023",
    "id:decision/cap-group-19-approved-tor-cap19",
    "id:decision/ptc-endorsement-tor-cap19",
    "id:decision/council-final-approval-tor-cap19",
    "id:decision/ptc-endorsement-tr0077ea",
    "id:decision/ptc-discussion-tr0077ea",
]

_DATE_QUERY = (
    PREFIXES
    + """
SELECT ?s ?p ?value (DATATYPE(?value) AS ?type) WHERE {
  ?s ?p ?value
  FILTER(isLiteral(?value) && DATATYPE(?value) IN
         (xsd:date, xsd:dateTime, xsd:gYear, xsd:gYearMonth, xsd:gMonthDay, xsd:gMonth, xsd:gDay))
}"""
)

_PREDICATES = {
    "http://purl.org/dc/terms/date": "dcterms:date",
    "https://schema.org/startDate": "schema:startDate",
    "https://schema.org/endDate": "schema:endDate",
}


def _found(kg: KnowledgeGraph) -> dict[tuple[str, str], tuple[str, str]]:
    found: dict[tuple[str, str], tuple[str, str]] = {}
    for row in kg.select(_DATE_QUERY):
        key = (short(str(row["s"])), _PREDICATES.get(str(row["p"]), str(row["p"])))
        assert key not in found, f"two dates for {key}"
        found[key] = (str(row["value"]), str(row["type"]))
    return found


def test_every_date_has_the_source_value_and_precision(kg: KnowledgeGraph) -> None:
    assert _found(kg) == EXPECTED


def test_records_the_source_leaves_undated_have_no_date(kg: KnowledgeGraph) -> None:
    dated = {subject for subject, _ in _found(kg)}
    for record in UNDATED:
        assert record not in dated
        rows = kg.select(f"ASK {{ <{ID}{record[3:]}> ?p ?o }}")
        assert rows[0]["result"] is True, f"{record} is not in the record at all"


def test_no_date_is_stored_as_a_plain_string(kg: KnowledgeGraph) -> None:
    rows = kg.select(
        PREFIXES
        + """
        SELECT ?s ?p ?value WHERE {
          VALUES ?p { dcterms:date schema:startDate schema:endDate }
          ?s ?p ?value FILTER(!isLiteral(?value) || DATATYPE(?value) = xsd:string)
        }"""
    )
    assert list(rows) == []
