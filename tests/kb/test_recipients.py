"""A body the source only says something was presented or submitted to decided nothing."""

from __future__ import annotations

import re

from capgraph import KnowledgeGraph

from .support import ID, PREFIXES

#: "presented to", "submitted to", "submission to": the words of a text going to a body.
_TO_A_BODY = re.compile(r"\b(presented|submitted|submission)\s+to\b")
#: The act an expected decision's body is to take: "for endorsement", "is invited to".
_ITS_OWN_ACT = re.compile(r"\bfor\s+(final\s+)?(approval|endorsement)\b|\bis invited to\b")


def _claims_stating(kg: KnowledgeGraph, predicate: str) -> list[dict[str, str]]:
    rows = kg.select(
        PREFIXES
        + """
        SELECT DISTINCT ?act ?body ?status ?quote WHERE {
          GRAPH ?claim { ?act """
        + predicate
        + """ ?body . ?claim prov:value ?quote }
          OPTIONAL { ?act cap:decisionStatus ?status }
        } ORDER BY ?act ?quote"""
    )
    return [{k: str(v) for k, v in row.items() if v is not None} for row in rows]


def test_no_taken_decision_rests_on_words_of_presentation(kg: KnowledgeGraph) -> None:
    """A taken decision's body decided: no claim stating it says only that a text went to it."""
    rows = _claims_stating(kg, "cap:decidedBy")
    taken = [r for r in rows if r.get("status", "").endswith("#taken")]
    assert len(taken) >= 10
    wrong = [(r["act"], r["quote"]) for r in taken if _TO_A_BODY.search(r["quote"])]
    assert wrong == []


def test_an_expected_decision_names_its_bodys_own_act(kg: KnowledgeGraph) -> None:
    """ "would be submitted to the PTC for endorsement": the PTC is to endorse, so it decides."""
    rows = _claims_stating(kg, "cap:decidedBy")
    expected = [r for r in rows if r.get("status", "").endswith("#expected")]
    assert len(expected) >= 4
    wrong = [(r["act"], r["quote"]) for r in expected if not _ITS_OWN_ACT.search(r["quote"])]
    assert wrong == []


def test_para_4_records_recipients_and_an_intended_submission(kg: KnowledgeGraph) -> None:
    # Route steps name recipients too; the acts are the ones with a status.
    rows = [r for r in _claims_stating(kg, "cap:presentedTo") if "status" in r]
    found = {(r["act"].removeprefix(ID), r["body"].removeprefix(ID), r["status"].split("#")[1])
             for r in rows}  # fmt: skip
    assert found == {
        ("presentation/ec-39-tor-2020", "body/enforcement-committee", "taken"),
        ("presentation/ptc-227-228-tor-2020", "body/ptc", "taken"),
        ("presentation/pc-83-tor-2020", "body/policy-commission", "intended"),
    }
    # Every claim of a presentation says the text went to the body, in the source's words.
    assert all(_TO_A_BODY.search(r["quote"]) for r in rows)
    # None of the three recipients is a deciding body of the same act.
    decided = kg.select(
        PREFIXES + "SELECT ?act WHERE { ?act cap:presentedTo ?body ; cap:decidedBy ?any }"
    )
    assert list(decided) == []
