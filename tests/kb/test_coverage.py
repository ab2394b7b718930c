"""Every sentence of every source is the basis of a claim, or listed with its reason."""

from __future__ import annotations

import shutil
from pathlib import Path

import capgraph

from .coverage import sentences, uncovered
from .support import ROOT

FIXTURE = Path(__file__).parent / "fixtures" / "coverage"

#: Covers the fixture's heading and its uncovered sentence (a synthetic entry, for the test).
_ENTRIES = """
@prefix cap:     <https://w3id.org/capgraph/ontology#> .
@base <https://w3id.org/capgraph/id/> .
@prefix dcterms: <http://purl.org/dc/terms/> .

<source/synthetic-coverage> {
<source/synthetic-coverage> a cap:SourceDescription ; dcterms:source <document/synthetic> .
<coverage/synthetic/1> a cap:CoverageEntry ;
    dcterms:isPartOf <document/synthetic> ;
    cap:coverageText "SYNTHETIC TEST SOURCE" ; cap:coverageReason cap:heading .
<coverage/synthetic/2> a cap:CoverageEntry ;
    dcterms:isPartOf <document/synthetic/para/1> ;
    cap:coverageText "The Board adopted a plan." ; cap:coverageReason cap:repetition .
}
"""


def test_every_sentence_of_the_bundled_sources_is_covered() -> None:
    assert uncovered(capgraph.open(ROOT), ROOT) == []


def test_the_bundled_source_is_split_into_its_sentences() -> None:
    kg = capgraph.open(ROOT)
    text = kg.select(
        "PREFIX cap: <https://w3id.org/capgraph/ontology#> SELECT ?t WHERE {"
        " <https://w3id.org/capgraph/id/document/ptc-item-iii-k/para/3> cap:passageText ?t }"
    )[0]["t"]
    assert [s.split()[:3] for s in sentences(str(text))] == [
        ["The", "Terms", "of"],
        ["The", "ToR", "were"],
        ["This", "mandate", "was"],
    ]


def test_an_uncovered_sentence_and_heading_are_reported() -> None:
    problems = uncovered(capgraph.open(FIXTURE), FIXTURE)
    assert problems == [
        "data/sources/synthetic.txt: text outside every passage is not listed: "
        "'SYNTHETIC TEST SOURCE'",
        "https://w3id.org/capgraph/id/document/synthetic/para/1: sentence not covered: "
        "'The Board adopted a plan.'",
    ]


def test_coverage_entries_with_a_reason_cover_them(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    (project / "data" / "coverage.trig").write_text(_ENTRIES, encoding="utf-8")
    assert uncovered(capgraph.open(project), project) == []


def test_a_source_file_no_document_describes_is_reported(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    (project / "data" / "sources" / "second.txt").write_text("A new source.\n", encoding="utf-8")
    problems = uncovered(capgraph.open(project), project)
    assert "data/sources/second.txt: no document of the record has it as cap:textFile" in problems
