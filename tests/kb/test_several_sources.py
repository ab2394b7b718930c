"""Two sources' claims about one decision stay apart, and the model can tell they are the same."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import capgraph
from capgraph import KnowledgeGraph

from .support import ROOT, short

FIXTURE = Path(__file__).parent / "fixtures" / "second-source.trig"
EC40 = "id:decision/ec-40-endorsed-ipr-strategy-2020"
OTHER = "id:decision/fixture-ec-99-endorsed-ipr-strategy-2020"


@pytest.fixture(scope="module")
def two_sources(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeGraph:
    """The record plus a hypothetical second source that disagrees with it."""
    project = tmp_path_factory.mktemp("two-sources")
    shutil.copytree(ROOT / "ontology", project / "ontology")
    shutil.copytree(ROOT / "data", project / "data")
    shutil.copy(FIXTURE, project / "data" / "zz-second-source.trig")
    shutil.copytree(ROOT / "queries", project / "queries")
    return capgraph.open(project)


def _rows(kg: KnowledgeGraph, name: str, **params: str) -> list[tuple]:
    return [
        tuple(short(v) if isinstance(v, str) else v for v in row.values())
        for row in kg.query(name, params)
    ]


def test_each_record_keeps_its_own_source(two_sources: KnowledgeGraph) -> None:
    rows = _rows(two_sources, "cq-decision-citations")
    ours = [row for row in rows if row[0] in (EC40, OTHER)]
    assert ours == [
        (EC40, OTHER, "id:document/ptc-item-iii-k", "5",
         "the IPR Strategy 2020, endorsed by the 40th Enforcement Committee (EC)",
         "id:claim/ptc-item-iii-k/para-5/9"),
        (OTHER, EC40, "id:document/fixture-second-source", "1",
         "endorsed by the 99th Enforcement Committee", "id:claim/fixture-second-source/para-1/1"),
    ]  # fmt: skip


def test_the_disagreement_stays_visible(two_sources: KnowledgeGraph) -> None:
    rows = _rows(two_sources, "cq-plan-approvals", plan="id:document/ipr-strategy-2020")
    # Two records, each with its own session and citation: nothing merged into one fact.
    assert [(row[2], row[4], row[8]) for row in rows] == [
        (EC40, "40", "5"),
        (OTHER, "99", "1"),
    ]


def test_the_same_decision_link_is_symmetric_in_the_ontology(two_sources: KnowledgeGraph) -> None:
    rows = two_sources.select(
        "ASK { <https://w3id.org/capgraph/ontology#sameDecisionAs> a "
        "<http://www.w3.org/2002/07/owl#SymmetricProperty> }"
    )
    assert rows[0]["result"] is True


def test_the_record_alone_has_one_account(kg: KnowledgeGraph) -> None:
    rows = _rows(kg, "cq-plan-approvals", plan="id:document/ipr-strategy-2020")
    assert [(row[2], row[4]) for row in rows] == [(EC40, "40")]
