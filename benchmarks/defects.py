"""Plant known defects in a generated record, and say which validation results they imply.

Three kinds, each a known fraction (the defect rate) of its candidates:

- ``missing-step``: a taken decision on a required step is left out of a complete process
  (the source still reports it; the record does not cite it). Implies one Violation of
  ``capsh:ApprovalComplete`` on the process, value the step.
- ``out-of-order``: a decision on a later step is recorded at an earlier meeting of its body,
  dated before every earlier step of the process. Implies one Violation of
  ``capsh:DecisionOrder`` per earlier decision that has a date, focus the moved decision.
- ``tool-without-plan``: a tool's development activity names no plan. Implies a Violation of
  ``capsh:Tool-plan`` on the tool and of ``capsh:ToolDevelopment-association`` on the activity.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass

from benchmarks.groups import decision_text
from benchmarks.record import Builder, Decision, Process
from benchmarks.schedule import Session, certainly_before
from benchmarks.trig import CLAIM_TRIPLES

ID = "https://w3id.org/capgraph/id/"
SHAPES = "https://w3id.org/capgraph/shapes#"


@dataclass(frozen=True)
class Expected:
    """A validation result that a planted defect (or an open process) must produce."""

    severity: str
    focus: str
    value: str | None
    shape: str


@dataclass(frozen=True)
class Defect:
    kind: str
    subject: str
    detail: str
    expected: tuple[Expected, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "subject": self.subject,
            "detail": self.detail,
            "expected": [asdict(e) for e in self.expected],
        }


def how_many(rate: float, candidates: int) -> int:
    """round(rate * candidates), at least one when the rate is positive and there is a candidate."""
    if rate <= 0 or candidates == 0:
        return 0
    return min(candidates, max(1, round(rate * candidates)))


def plant(b: Builder, rate: float) -> list[Defect]:
    """Plant the defects in ``b`` (mutating its paragraphs) and return them, in a stable order."""
    rng = random.Random(f"{b.seed}/defects")
    eligible = [p for p in b.processes if p.complete and len(p.taken()) >= 2]
    n = how_many(rate, len(eligible))
    chosen = rng.sample(eligible, min(len(eligible), 2 * n))
    defects = [_missing_step(b, p, rng) for p in chosen[:n]]
    for process in chosen[n:]:
        found = _out_of_order(b, process, rng)
        if found is not None:
            defects.append(found)
    tools = how_many(rate, len(b.tools))
    for index in sorted(rng.sample(range(len(b.tools)), tools)):
        defects.append(_without_plan(b, index))
    return defects


def awaited(b: Builder) -> list[Expected]:
    """The Info results of open processes: every step after the last one taken."""
    found = []
    for process in b.processes:
        if process.complete:
            continue
        last = max(d.step.position for d in process.taken())
        for step in process.steps[last:]:
            value = f"{ID}route/{process.slug}/step/{step.position}"
            found.append(Expected("Info", ID + process.iri, value, SHAPES + "ApprovalAwaited"))
    return found


def _missing_step(b: Builder, process: Process, rng: random.Random) -> Defect:
    decision = rng.choice([d for d in process.taken() if d.step.required])
    paragraph = decision.paragraph
    assert paragraph is not None
    paragraph.cited = False
    b.triples -= CLAIM_TRIPLES + len(paragraph.facts)
    step = f"{ID}route/{process.slug}/step/{decision.step.position}"
    expected = Expected("Violation", ID + process.iri, step, SHAPES + "ApprovalComplete")
    detail = f"decision {ID}{decision.iri} left out (step {decision.step.position})"
    return Defect("missing-step", ID + process.iri, detail, (expected,))


def _out_of_order(b: Builder, process: Process, rng: random.Random) -> Defect | None:
    taken = process.taken()
    first_year = taken[0].sessions[0].day.year
    later = [d for d in taken[1:] if d.step.position > taken[0].step.position]
    rng.shuffle(later)
    for decision in later:
        meeting = _earlier_meeting(b, decision, first_year)
        if not meeting:
            continue
        earlier = [e for e in taken if e.step.position < decision.step.position]
        flagged = [
            e for e in earlier
            if certainly_before(meeting[0].latest(), e.sessions[0].earliest())
        ]  # fmt: skip
        if not flagged:
            continue
        _move(b, process, decision, meeting)
        expected = tuple(
            Expected("Violation", ID + decision.iri, ID + e.iri, SHAPES + "DecisionOrder")
            for e in flagged
        )
        detail = f"recorded at {ID}{meeting[0].iri} ({meeting[0].latest()})"
        return Defect("out-of-order", ID + decision.iri, detail, expected)
    return None


def _earlier_meeting(b: Builder, decision: Decision, first_year: int) -> tuple[Session, ...]:
    """A dated meeting of the decision's body in a year before the process began."""
    body = decision.step.body
    for year in range(first_year - 1, body.first_year - 1, -1):
        meeting = b.calendar.meeting_in(body, year)
        if meeting and meeting[0].day.year == year and meeting[0].latest() is not None:
            return meeting
    return ()


def _move(b: Builder, process: Process, decision: Decision, meeting: tuple[Session, ...]) -> None:
    paragraph = decision.paragraph
    assert paragraph is not None
    before = len(paragraph.facts)
    decision.sessions = meeting
    paragraph.text, _, paragraph.facts = decision_text(process, decision)
    b.triples += len(paragraph.facts) - before


def _without_plan(b: Builder, index: int) -> Defect:
    tool, paragraph = b.tools[index]
    tool.with_plan = False
    before = len(paragraph.facts)
    paragraph.text, paragraph.facts = tool.render()
    b.triples += len(paragraph.facts) - before
    expected = (
        Expected("Violation", ID + tool.iri, None, SHAPES + "Tool-plan"),
        Expected(
            "Violation",
            ID + tool.activity,
            f"{ID}{tool.activity}/association",
            SHAPES + "ToolDevelopment-association",
        ),
    )
    return Defect("tool-without-plan", ID + tool.iri, f"{ID}{tool.activity} has no plan", expected)
