"""Remove each taken decision (or presentation) of every process, complete or in progress, one
at a time, with all of its triples (as subject or object, in every graph): validation must fail
and name the step that is missing."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

import capgraph
from capgraph import Severity
from capgraph.validation import validate

_TAKEN_ACTS = """
PREFIX cap: <https://w3id.org/capgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?decision ?process ?status ?step ?body ?action ?prep WHERE {
  ?process cap:processStatus ?status .
  ?decision cap:inProcess ?process ; cap:actualises ?step ; cap:decisionStatus cap:taken .
  ?step cap:body|cap:presentedTo ?stepBody ; cap:action/rdfs:label ?action .
  ?stepBody rdfs:label ?body .
  BIND(IF(EXISTS { ?step cap:presentedTo ?any }, "to", "by") AS ?prep)
} ORDER BY ?decision
"""

#: The shape that reports a missing step: of a complete process, or the lost only taken step
#: of a process in progress.
_SHAPES = {"complete": "capsh:ApprovalComplete", "inProgress": "capsh:ProcessBegun"}


def _taken_acts() -> list[tuple[str, ...]]:
    rows = capgraph.open().select(_TAKEN_ACTS)
    return [
        (
            str(r["decision"]),
            str(r["process"]),
            str(r["status"]).rsplit("#", 1)[-1],
            str(r["step"]),
            str(r["body"]),
            str(r["action"]),
            str(r["prep"]),
        )
        for r in rows
    ]


TAKEN_ACTS = _taken_acts()


def test_every_process_is_covered() -> None:
    processes = {process.rsplit("/", 1)[-1] for _, process, *_ in TAKEN_ACTS}
    assert processes == {"tor-adoption-2009", "tor-review-2019", "tor-revision-cap19"}
    # 2009: adopted; 2019-2020: reviewed, presented to the EC, to the PTC, approved by the
    # Council (the submission to the Policy Commission is intended, not taken); the 19th
    # meeting's revision: approved.
    assert len(TAKEN_ACTS) == 6
    assert {status for _, _, status, *_ in TAKEN_ACTS} == {"complete", "inProgress"}


@pytest.mark.parametrize(
    ("decision", "process", "status", "step", "body", "action", "prep"),
    TAKEN_ACTS,
    ids=[d.rsplit("/", 1)[-1] for d, *_ in TAKEN_ACTS],
)
def test_removing_a_taken_act_is_detected(
    decision: str, process: str, status: str, step: str, body: str, action: str, prep: str
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
        and r.shape == _SHAPES[status]
        and r.focus == process
        and r.value == step
    ]
    assert len(missing) == 1
    # "Missing …" (complete) or "… none of its decisions is taken: missing …" (in progress).
    assert "issing " in missing[0].message
    assert f"{prep} the {body} ({action})" in missing[0].message
