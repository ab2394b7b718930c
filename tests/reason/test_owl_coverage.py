"""What HermiT cannot see: vocabulary and datatype gaps (pure Python, no Java)."""

from __future__ import annotations

import rdflib

from capgraph import DatatypeGap, GapKind, VocabularyGap
from capgraph.reason._coverage import OWL2_DATATYPES, datatype_gaps, vocabulary_gaps

from .conftest import FIXTURES

EX = "https://example.org/gaps#"
XSD = "http://www.w3.org/2001/XMLSchema#"


def gaps_graph() -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(FIXTURES / "coverage_gaps.ttl")
    return graph


def test_each_kind_of_vocabulary_gap_is_found_once() -> None:
    assert vocabulary_gaps(gaps_graph()) == (
        VocabularyGap(GapKind.WRONG_VALUES, EX + "data", 1, EX + "a"),
        VocabularyGap(GapKind.MIXED_VALUES, EX + "mixed", 2, EX + "a"),
        VocabularyGap(GapKind.WRONG_VALUES, EX + "object", 1, EX + "a"),
        VocabularyGap(GapKind.UNDECLARED, EX + "onlyOnBlankNodes", 1, ""),
        VocabularyGap(GapKind.PUNNED, EX + "punned", 1, EX + "a"),
        VocabularyGap(GapKind.UNDECLARED, EX + "undeclared", 1, EX + "a"),
    )


def test_datatype_gaps_count_values_outside_the_owl2_map_on_datatype_properties() -> None:
    assert datatype_gaps(gaps_graph()) == (
        DatatypeGap(XSD + "date", 2, (EX + "data",)),
        DatatypeGap(XSD + "gYear", 1, (EX + "data",)),
        DatatypeGap(XSD + "gYearMonth", 1, (EX + "data",)),
    )


def test_owl2_datatype_map_has_what_hermit_supports_and_not_the_dates() -> None:
    assert XSD + "positiveInteger" in OWL2_DATATYPES
    assert XSD + "dateTime" in OWL2_DATATYPES
    assert not {XSD + "date", XSD + "gYear", XSD + "gYearMonth"} & OWL2_DATATYPES


def test_messages_name_the_term_and_an_example() -> None:
    undeclared = VocabularyGap(GapKind.UNDECLARED, EX + "undeclared", 3, EX + "a")
    message = undeclared.message()
    assert EX + "undeclared" in message
    assert "3 triples" in message
    assert "owl:ObjectProperty" in message
    only_blank = VocabularyGap(GapKind.UNDECLARED, EX + "b", 1, "")
    assert "(1 triple)" in only_blank.message()
    gap = DatatypeGap(XSD + "gYear", 1, ("http://purl.org/dc/terms/date",))
    assert gap.message().startswith("1 xsd:gYear value (dcterms:date)")


def test_the_bundled_ontology_declares_every_property_the_data_uses() -> None:
    import capgraph

    graph = capgraph.open().union_graph()
    assert [gap.message() for gap in vocabulary_gaps(graph)] == []
