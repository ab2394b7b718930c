"""``status`` on the bundled record: the three processes the source describes."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from capgraph.cli import main
from capgraph.errors import ParameterError
from capgraph.procedure import ProcessStatus, status
from capgraph.query import KnowledgeGraph

ID = "https://w3id.org/capgraph/id/"


@pytest.fixture(scope="module")
def statuses(record: KnowledgeGraph) -> dict[str, ProcessStatus]:
    return {p.name: p for p in status(record)}


def test_the_three_processes(statuses: dict[str, ProcessStatus]) -> None:
    assert {name: (p.process_status, p.version) for name, p in statuses.items()} == {
        "tor-adoption-2009": ("complete", ID + "tor/cap-group/2009"),
        "tor-review-2019": ("complete", ID + "tor/cap-group/2020"),
        "tor-revision-cap19": ("inProgress", ID + "tor/cap-group/cap19"),
    }


def test_2009_adoption_single_step_done(statuses: dict[str, ProcessStatus]) -> None:
    process = statuses["tor-adoption-2009"]
    assert process.states() == ((1, "done"),)
    (decision,) = process.steps[0].decisions
    assert (decision.body, decision.when, decision.status) == (
        ID + "body/council", "2009-06", "taken",
    )  # fmt: skip
    assert [s.iri for s in decision.sessions] == [
        ID + "body/council/session/113",
        ID + "body/council/session/114",
    ]
    assert [c.label for c in decision.citations] == ["3"]


def test_2019_review_as_the_source_reads_it(statuses: dict[str, ProcessStatus]) -> None:
    """Para 4: reviewed by the CAP Group, then presented to the EC and to the PTC (recipients,
    not deciding bodies) "for approval and further submission to" the Policy Commission, an
    intention on no step of the route; para 5: approved by the Council."""
    process = statuses["tor-review-2019"]
    assert process.states() == tuple((n, "done") for n in range(1, 5))
    assert all(s.record.value == "taken" and s.severity is None for s in process.steps)
    chain = [(s.position, d.body, d.recipient, [x.iri for x in d.sessions], d.when)
             for s in process.steps for d in s.decisions]  # fmt: skip
    assert chain == [
        (1, ID + "body/cap-group", None, [ID + "body/cap-group/session/16"],
         "2019-09-30/2019-10-01"),
        (2, None, ID + "body/enforcement-committee",
         [ID + "body/enforcement-committee/session/39"], "2019-10"),
        (3, None, ID + "body/ptc", [ID + "body/ptc/session/227", ID + "body/ptc/session/228"],
         "2020-07"),
        (4, ID + "body/council", None, [ID + "body/council/session/137"], "2020-12"),
    ]  # fmt: skip
    assert [(s.body, s.recipient) for s in process.steps] == [
        (ID + "body/cap-group", None), (None, ID + "body/enforcement-committee"),
        (None, ID + "body/ptc"), (ID + "body/council", None),
    ]  # fmt: skip
    # No source states a rule: every step is required by the record's own assumption.
    assert {s.requirement_basis for s in process.steps} == {"recordAssumption"}
    # in order: no decision is dated certainly before one on an earlier step
    assert all(s.inversion is None for s in process.steps)
    assert [sorted({c.label for d in s.decisions for c in d.citations}) for s in process.steps] == [
        ["4"], ["4"], ["4"], ["5"],
    ]  # fmt: skip
    (intended,) = process.off_route
    assert (intended.recipient, intended.status, intended.when, intended.step) == (
        ID + "body/policy-commission", "intended", "2020-12", None,
    )  # fmt: skip
    assert process.summary == (
        "Review of the CAP Group ToR, 2019-2020: complete; 4/4 steps done; last: Customs "
        "Co-operation Council approved (137th Session of the Customs Co-operation Council, "
        "2020-12); intended, not reported as done: submitted to Policy Commission (83rd Policy "
        "Commission, 2020-12)"
    )


def test_cap19_revision_cap_done_ptc_next_council_pending(
    statuses: dict[str, ProcessStatus],
) -> None:
    process = statuses["tor-revision-cap19"]
    assert [(s.position, s.body, s.state.value, s.record.value) for s in process.steps] == [
        (1, ID + "body/cap-group", "done", "taken"),
        (2, ID + "body/ptc", "next", "expected"),
        (3, ID + "body/council", "pending", "expected"),
    ]
    cap = process.steps[0].decisions[0]
    # para 10 says "approved", the summary "endorsed": one decision, both passages cited
    assert cap.when is None
    assert [c.label for c in cap.citations] == ["summary", "10"]
    assert [s.ordinal for s in cap.sessions] == [19]
    assert process.undated == 1  # the source gives the 19th meeting no date
    assert process.summary == (
        "Revision of the CAP Group ToR approved at the 19th CAP Meeting: in progress; "
        "1/3 steps done; last: Counterfeiting and Piracy (CAP) Group approved (19th CAP "
        "Meeting); next: PTC endorses (expected); then: Council gives final approval (expected)"
    )


@pytest.mark.parametrize(
    "item",
    [
        "tor-revision-cap19",
        "cap19",
        ID + "process/tor-revision-cap19",
        ID + "tor/cap-group/cap19",
        "id:process/tor-revision-cap19",
        "id:tor/cap-group/cap19",
    ],
)
def test_item_by_iri_or_short_name(record: KnowledgeGraph, item: str) -> None:
    assert [p.name for p in status(record, item)] == ["tor-revision-cap19"]


def test_unknown_item_lists_the_known_ones(record: KnowledgeGraph) -> None:
    with pytest.raises(ParameterError) as error:
        status(record, "tor-revision-2030")
    message = str(error.value)
    assert "'tor-revision-2030'" in message
    for known in ("tor-adoption-2009 (2009)", "tor-review-2019 (2020)", "tor-revision-cap19"):
        assert known in message


def test_readme_shows_the_exact_2019_review_status(
    record: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The README's ``COLUMNS=100 capgraph status tor-review-2019`` block is the real output."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    command = "$ COLUMNS=100 capgraph status tor-review-2019\n"
    block = readme[readme.index(command) + len(command) :].split("\n```", 1)[0]
    monkeypatch.setenv("COLUMNS", "100")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["status", "tor-review-2019"]) == 0
    lines = [line.rstrip() for line in out.getvalue().rstrip("\n").splitlines()]
    assert lines == block.splitlines()
    assert "│ done  │ taken  │ presented for approval to" in block
    assert "intended, not reported as" in block
