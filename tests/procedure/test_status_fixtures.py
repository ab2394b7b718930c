"""Every step state of PROCEDURES.md §3, on small fixture records, asserted exactly."""

from __future__ import annotations

import pytest

from capgraph import ProcessStatus, RecordState, Severity, StepState, status
from capgraph.query import KnowledgeGraph

ID = "https://w3id.org/capgraph/id/"

# process -> [(position, state, record, skip, severity)] for every step of its route
EXPECTED: dict[str, list[tuple[int, str, str, str | None, str | None]]] = {
    # a decision dated certainly before the decision on an earlier step
    "ooo": [
        (1, "done", "taken", None, None),
        (2, "out of order", "taken", None, "warning"),
        (3, "next", "none", None, None),
    ],
    # a step skipped and a later one taken: a departure, warning while in progress ...
    "skip-open": [
        (1, "done", "taken", None, None),
        (2, "skipped", "none", "departure", "warning"),
        (3, "done", "taken", None, None),
    ],
    # ... and a violation once the process is recorded as complete
    "skip-closed": [
        (1, "done", "taken", None, None),
        (2, "skipped", "none", "departure", "violation"),
        (3, "done", "taken", None, None),
    ],
    # an optional step and a waived step passed over: allowed skips (info)
    "skip-allowed": [
        (10, "done", "taken", None, None),
        (20, "skipped", "none", "allowed", "info"),
        (30, "skipped", "none", "allowed", "info"),
        (40, "done", "taken", None, None),
    ],
    # a revision with no decision yet
    "fresh": [
        (1, "next", "none", None, None),
        (2, "pending", "none", None, None),
        (3, "pending", "none", None, None),
    ],
    # "next" covers the optional steps up to and including the first required one
    "optional-next": [
        (10, "done", "taken", None, None),
        (20, "next", "none", None, None),
        (30, "next", "none", None, None),
        (40, "pending", "none", None, None),
    ],
    # a route with a single step
    "single": [(1, "done", "taken", None, None)],
    # expected decisions never make a step done, even when dated
    "expected": [
        (1, "done", "taken", None, None),
        (2, "next", "expected", None, None),
        (3, "pending", "expected", None, None),
    ],
    # 2019-10 is not before 2019-10-15 at the coarser precision
    "mixed": [
        (1, "done", "taken", None, None),
        (2, "done", "taken", None, None),
        (3, "next", "none", None, None),
    ],
    # 2019-10-15, 2019, 2019-09-01: the coarse date in between hides the inversion
    "hidden": [
        (1, "done", "taken", None, None),
        (2, "done", "taken", None, None),
        (3, "out of order", "taken", None, "warning"),
    ],
    # undated decisions compared through their sessions' start and end dates
    "sessions": [
        (1, "done", "taken", None, None),
        (2, "done", "taken", None, None),
        (3, "out of order", "taken", None, "warning"),
    ],
    # a decision at a joint session (two sessions, one date)
    "joint": [
        (1, "done", "taken", None, None),
        (2, "done", "taken", None, None),
        (3, "out of order", "taken", None, "warning"),
    ],
}


def _rows(process: ProcessStatus) -> list[tuple[int, str, str, str | None, str | None]]:
    return [
        (
            s.position,
            s.state.value,
            s.record.value,
            s.skip,
            s.severity.label if s.severity else None,
        )
        for s in process.steps
    ]


@pytest.fixture(scope="module")
def statuses(fixture_record: KnowledgeGraph) -> dict[str, ProcessStatus]:
    return {p.name: p for p in status(fixture_record)}


def test_every_fixture_process_is_covered(statuses: dict[str, ProcessStatus]) -> None:
    assert sorted(statuses) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_states_of_every_step(name: str, statuses: dict[str, ProcessStatus]) -> None:
    assert _rows(statuses[name]) == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_one_process_alone_gives_the_same_states(
    name: str, fixture_record: KnowledgeGraph, statuses: dict[str, ProcessStatus]
) -> None:
    # bound to one process, every subquery must still group by process (no MAX over all)
    (alone,) = status(fixture_record, name)
    assert alone == statuses[name]


@pytest.mark.parametrize(
    ("name", "step", "decision", "date", "earlier_position", "earlier_date"),
    [
        ("ooo", 2, "ooo-2", "2020-01", 1, "2020-03-01"),
        # only the nearest offending predecessor is reported; step 2 (2019) is not one
        ("hidden", 3, "hidden-3", "2019-09-01", 1, "2019-10-15"),
        # the later step counts with its session's end, the earlier with its start
        ("sessions", 3, "sessions-3", "2019-09-16", 2, "2019-10"),
        ("joint", 3, "joint-3", "2020-06", 2, "2020-07"),
    ],
)
def test_out_of_order_names_the_nearest_earlier_step(
    statuses: dict[str, ProcessStatus],
    name: str,
    step: int,
    decision: str,
    date: str,
    earlier_position: int,
    earlier_date: str,
) -> None:
    found = {s.position: s for s in statuses[name].steps}[step].inversion
    assert found is not None
    assert (found.decision, found.date, found.earlier_position, found.earlier_date) == (
        ID + "decision/" + decision,
        date,
        earlier_position,
        earlier_date,
    )


def test_overlapping_session_dates_are_not_an_inversion(
    statuses: dict[str, ProcessStatus],
) -> None:
    # step 1 met 30 Sep - 1 Oct 2019, step 2 in October 2019: cannot tell, so not flagged
    steps = statuses["sessions"].steps
    assert steps[1].state is StepState.DONE
    assert steps[1].inversion is None


def test_expected_decisions_are_listed_but_do_not_move_the_frontier(
    statuses: dict[str, ProcessStatus],
) -> None:
    process = statuses["expected"]
    assert process.frontier == 1
    step3 = process.steps[2]
    assert [(d.iri, d.status, d.date) for d in step3.decisions] == [
        (ID + "decision/expected-3", "expected", "2021")
    ]
    assert step3.record is RecordState.EXPECTED
    assert step3.state is StepState.PENDING


def test_waived_step_cites_its_waiver(statuses: dict[str, ProcessStatus]) -> None:
    step30 = statuses["skip-allowed"].steps[2]
    assert step30.waived
    assert step30.required
    assert [(c.label, c.quote) for c in step30.waivers] == [("2", "the skip-allowed scenario")]
    step20 = statuses["skip-allowed"].steps[1]
    assert not step20.waived
    assert not step20.required
    assert step20.severity is Severity.INFO


def test_undated_taken_decisions_are_counted(statuses: dict[str, ProcessStatus]) -> None:
    counts = {name: p.undated for name, p in statuses.items() if p.undated}
    # single-1: its session has no date; skip-allowed-40 and expected-1: no date at all
    assert counts == {"single": 1, "skip-allowed": 1, "expected": 1}


def test_summary_says_what_is_done_next_and_irregular(statuses: dict[str, ProcessStatus]) -> None:
    assert statuses["fresh"].summary == (
        "Fixture ToR, fresh revision: in progress; 0/3 steps done; next: Alpha Committee "
        "reviewed; then: Beta Commission endorsed, then Gamma Council approved"
    )
    assert statuses["ooo"].summary.endswith(
        "step 2 out of order (dated 2020-01, before step 1's 2020-03-01)"
    )
    assert "step 2 skipped (departure)" in statuses["skip-closed"].summary


def test_states_are_the_documented_values() -> None:
    assert [s.value for s in StepState] == [
        "done", "out of order", "skipped", "next", "pending", "uncertain",
    ]  # fmt: skip
    assert [r.value for r in RecordState] == ["taken", "expected", "none"]
