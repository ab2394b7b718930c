"""One line per process: how far it has come, what is next, and what is irregular."""

from __future__ import annotations

from collections.abc import Sequence

from capgraph.procedure._decisions import DecisionRecord
from capgraph.procedure._steps import ProcessInfo, RecordState, StepState, StepStatus

#: How the summary names an act of the process that is on no step of its route.
_OFF_ROUTE = {
    "intended": "intended, not reported as done",
    "expected": "also expected",
    "taken": "also taken, on no step of the route",
}


def summarise(
    info: ProcessInfo, steps: Sequence[StepStatus], off_route: Sequence[DecisionRecord] = ()
) -> str:
    """One line: how far the process has come, what is next, and what is irregular."""
    title = info.title
    status_word = {"inProgress": "in progress", "complete": "complete"}.get(
        info.process_status or "", info.process_status or "status not recorded"
    )
    taken = [s for s in steps if s.state in (StepState.DONE, StepState.OUT_OF_ORDER)]
    parts = [f"{title}: {status_word}; {len(taken)}/{len(steps)} steps done"]
    if taken:
        last = taken[-1]
        latest = [d for d in last.decisions if d.taken]
        where = f" ({_where(latest[-1])})" if latest and _where(latest[-1]) else ""
        parts.append(f"last: {last.what}{where}")
    upcoming = [s for s in steps if s.state in (StepState.NEXT, StepState.PENDING)]
    following = [s for s in upcoming if s.state is StepState.PENDING]
    ahead = [s for s in upcoming if s.state is StepState.NEXT]
    if ahead:
        parts.append("next: " + ", ".join(_upcoming(s) for s in ahead))
    if following:
        parts.append("then: " + ", then ".join(_upcoming(s) for s in following))
    for s in steps:
        if s.state is StepState.OUT_OF_ORDER and s.inversion is not None:
            parts.append(
                f"step {s.position} out of order (dated {s.inversion.date}, before step "
                f"{s.inversion.earlier_position}'s {s.inversion.earlier_date})"
            )
        elif s.state is StepState.UNCERTAIN:
            parts.append(f"step {s.position} uncertain")
        elif s.state is StepState.SKIPPED:
            parts.append(f"step {s.position} skipped ({s.skip})")
    for decision in off_route:
        where = f" ({_where(decision)})" if _where(decision) else ""
        kind = _OFF_ROUTE.get(decision.status or "", decision.status or "status not recorded")
        parts.append(f"{kind}: {decision.what}{where}")
    return "; ".join(parts)


def _where(decision: DecisionRecord) -> str:
    bits = [b for b in (decision.session_names, decision.when) if b]
    return ", ".join(bits)


def _upcoming(step: StepStatus) -> str:
    what = step.label or step.what
    return what + (" (expected)" if step.record is RecordState.EXPECTED else "")
