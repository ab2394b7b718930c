"""Remove each decision of each completed approval chain, one at a time, with all of its
triples (as subject or object, in every graph): validation must fail and name the step."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

import capgraph
from capgraph import Severity
from capgraph.validation import validate

_CHAIN_DECISIONS = """
PREFIX cap: <https://w3id.org/capgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?decision ?process ?step ?body ?action WHERE {
  ?process cap:processStatus cap:complete .
  ?decision cap:inProcess ?process ; cap:actualises ?step ; cap:decisionStatus cap:taken .
  ?step cap:body/rdfs:label ?body ; cap:action/rdfs:label ?action .
} ORDER BY ?decision
"""


def _chain_decisions() -> list[tuple[str, str, str, str, str]]:
    rows = capgraph.open().select(_CHAIN_DECISIONS)
    return [
        (str(r["decision"]), str(r["process"]), str(r["step"]), str(r["body"]), str(r["action"]))
        for r in rows
    ]


CHAIN_DECISIONS = _chain_decisions()


def test_both_completed_chains_are_covered() -> None:
    processes = {process.rsplit("/", 1)[-1] for _, process, *_ in CHAIN_DECISIONS}
    assert processes == {"tor-adoption-2009", "tor-review-2019"}
    assert len(CHAIN_DECISIONS) == 6


@pytest.mark.parametrize(
    ("decision", "process", "step", "body", "action"),
    CHAIN_DECISIONS,
    ids=[d.rsplit("/", 1)[-1] for d, *_ in CHAIN_DECISIONS],
)
def test_removing_a_decision_is_detected(
    decision: str, process: str, step: str, body: str, action: str
) -> None:
    kg = capgraph.open()
    node = ox.NamedNode(decision)
    quads = list(kg.store.quads_for_pattern(node, None, None, None))
    quads += list(kg.store.quads_for_pattern(None, None, node, None))
    assert quads
    for quad in quads:
        kg.store.remove(quad)

    report = validate(kg)

    assert not report.conforms_at(Severity.VIOLATION)
    missing = [
        r
        for r in report.results
        if r.severity is Severity.VIOLATION
        and r.shape == "capsh:ApprovalComplete"
        and r.focus == process
        and r.value == step
    ]
    assert len(missing) == 1
    assert missing[0].message.startswith("Missing ")
    assert f"by the {body} ({action})" in missing[0].message
