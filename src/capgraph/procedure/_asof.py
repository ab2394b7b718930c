"""The record as it stood on a date: the steps' states, the decisions taken, the version in force.

Each decision's standing on DATE comes from ``asof-decisions`` (``_dated.py``), the
decision that puts each ToR version in force from ``asof-versions``; both are SPARQL, so a
remote endpoint gives the same answer. This module combines them with what ``status``,
``history`` and ``trace`` return. The rules:

- a step is *done* on DATE if a decision on it was certainly taken by then, *uncertain* if
  one may have been (and none certainly was); the other states follow ``status``, with the
  frontier at the highest step done on DATE;
- a ToR version *came into force* with the decision on the last required step of the route
  of the process that concerns it; it is *in force* on DATE if that decision was taken by
  then and no revision of it had come into force, *superseded* if one had, and *uncertain*
  where either of the two decisions is uncertain.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from typing import ClassVar

from capgraph._dates import PartialDate
from capgraph.procedure._dated import (
    AsOfState,
    DatedDecision,
    as_of_decision,
    classify,
    date_range,
    why_uncertain,
)
from capgraph.procedure._decisions import DecisionRecord
from capgraph.procedure._history import VersionHistory, history
from capgraph.procedure._status import _finding, status
from capgraph.procedure._steps import (
    ProcessInfo,
    ProcessStatus,
    RecordState,
    StepState,
    StepStatus,
)
from capgraph.procedure._summary import summarise
from capgraph.procedure._trace import TraceNode, trace
from capgraph.query import Queryable


@dataclass(frozen=True)
class Uncertainty:
    """A decision whose place before or after DATE the record's dates leave open."""

    decision: str
    what: str
    #: the decision's date as compared (its own, else its sessions'); None if it has none
    dated: str | None
    as_of: str
    reason: str


@dataclass(frozen=True)
class AsOf:
    """DATE as given, and the earliest and latest day it may be."""

    date: str
    earliest: str
    latest: str
    uncertain: tuple[Uncertainty, ...]


@dataclass(frozen=True)
class StatusAsOf(AsOf):
    """``status --as-of``: every process with its steps' states on DATE."""

    processes: tuple[ProcessStatus, ...]


@dataclass(frozen=True)
class VersionAsOf:
    """One ToR version on DATE: in force, superseded, not yet in force, or uncertain."""

    state: str
    #: the decision that put it in force (the last required step of its process)
    entry: str | None
    reason: str
    version: VersionHistory

    __json__: ClassVar[tuple[str, ...]] = ("state", "entry", "reason", "version")


@dataclass(frozen=True)
class HistoryAsOf(AsOf):
    """``history --as-of``: the version in force on DATE (or the two it is uncertain between)."""

    in_force: tuple[str, ...]
    certain: bool
    explanation: str
    versions: tuple[VersionAsOf, ...]


@dataclass(frozen=True)
class TraceAsOf(AsOf):
    """``trace --as-of``: the trail with each decision as it stood on DATE."""

    trail: TraceNode


def status_as_of(source: Queryable, date: PartialDate, item: str | None = None) -> StatusAsOf:
    """The processes as they stood on DATE; see the module docstring for the rules."""
    dated = classify(source, date)
    processes = tuple(_process(p, dated) for p in status(source, item))
    decisions = [d for p in processes for s in p.steps for d in s.decisions]
    decisions += [d for p in processes for d in p.off_route]
    return StatusAsOf(*date_range_of(date), _uncertain(decisions, dated, date), processes)


def history_as_of(source: Queryable, date: PartialDate) -> HistoryAsOf:
    """The ToR versions on DATE: which one was in force, and why where it is uncertain."""
    dated = classify(source, date)
    entries: dict[str, list[str]] = {}
    revisions: dict[str, list[str]] = {}
    for row in source.query("asof-versions"):
        entries.setdefault(str(row["version"]), [])
        if row.get("entry") is not None:
            entries[str(row["version"])].append(str(row["entry"]))
        if row.get("previous") is not None:
            revisions.setdefault(str(row["previous"]), []).append(str(row["version"]))
    summaries = {p.iri: p.summary for p in status_as_of(source, date).processes}
    versions = history(source)
    entry_state = {v.iri: _entry_state(entries.get(v.iri, []), dated) for v in versions}
    states: list[VersionAsOf] = []
    for version in versions:
        later = [entry_state[r] for r in revisions.get(version.iri, []) if r in entry_state]
        state = _version_state(entry_state[version.iri], later)
        entry = _entry(entries.get(version.iri, []), dated)
        shown = replace(
            version,
            decisions=tuple(as_of_decision(d, dated) for d in version.decisions),
            processes=tuple(
                replace(p, summary=summaries.get(p.iri, p.summary)) for p in version.processes
            ),
        )
        states.append(VersionAsOf(state, entry, "", shown))
    decisions = [d for v in states for d in v.version.decisions]
    uncertain = _uncertain(decisions, dated, date)
    reasons = {u.decision: u.reason for u in uncertain}
    states = [
        replace(
            v,
            reason=_version_reason(
                v.state,
                v.entry,
                v.version,
                [w for w in states if w.version.iri in revisions.get(v.version.iri, [])],
                reasons,
            ),
        )
        for v in states
    ]
    open_ = tuple(v.version.iri for v in states if v.state in ("in force", "uncertain"))
    certain = all(v.state != "uncertain" for v in states)
    return HistoryAsOf(
        *date_range_of(date),
        uncertain,
        in_force=open_,
        certain=certain,
        explanation=_explain(states, uncertain, date),
        versions=tuple(states),
    )


def trace_as_of(source: Queryable, tool: str, date: PartialDate) -> TraceAsOf:
    """The trail of ``tool`` with every decision on it as it stood on DATE."""
    dated = classify(source, date)
    root = _trace_node(trace(source, tool), dated)
    decisions = [n.decision for n in root.walk() if n.decision is not None and not n.repeated]
    return TraceAsOf(*date_range_of(date), _uncertain(decisions, dated, date), root)


def date_range_of(date: PartialDate) -> tuple[str, str, str]:
    return (str(date), *date_range(date))


# --- processes -----------------------------------------------------------------------------


def _process(process: ProcessStatus, dated: Mapping[str, DatedDecision]) -> ProcessStatus:
    steps = [
        replace(s, decisions=tuple(as_of_decision(d, dated) for d in s.decisions))
        for s in process.steps
    ]
    done = [s.position for s in steps if any(d.taken for d in s.decisions)]
    frontier = max(done, default=0)
    info = ProcessInfo(**{f.name: getattr(process, f.name) for f in fields(ProcessInfo)})
    if info.process_status == "complete" and any(
        s.required and s.position not in done and not s.waived for s in steps
    ):
        # Complete today, but on DATE a required step was still to come.
        info = replace(info, process_status="inProgress")
    steps = [_step(s, steps, frontier, info) for s in steps]
    off_route = tuple(as_of_decision(d, dated) for d in process.off_route)
    return replace(
        process,
        process_status=info.process_status,
        frontier=frontier,
        steps=tuple(steps),
        undated=sum(1 for s in steps for d in s.decisions if d.taken and d.when is None),
        summary=summarise(info, steps, off_route),
        off_route=off_route,
    )


def _step(
    step: StepStatus, steps: Sequence[StepStatus], frontier: int, info: ProcessInfo
) -> StepStatus:
    taken = any(d.taken for d in step.decisions)
    if taken:
        inverted = step.inversion is not None and any(
            d.iri == step.inversion.earlier_decision and d.taken for s in steps for d in s.decisions
        )
        state = StepState.OUT_OF_ORDER if inverted else StepState.DONE
    elif any(d.status == AsOfState.UNCERTAIN.value for d in step.decisions):
        state = StepState.UNCERTAIN
    elif step.position < frontier:
        state = StepState.SKIPPED
    else:
        gates = [s for s in steps if s.required and frontier < s.position < step.position]
        state = StepState.PENDING if gates else StepState.NEXT
    if taken:
        record = RecordState.TAKEN
    elif any(d.status == "expected" for d in step.decisions):
        record = RecordState.EXPECTED
    else:
        record = RecordState.NONE
    skip, severity = _finding(state, required=step.required, waived=step.waived, info=info)
    return replace(
        step,
        state=state,
        record=record,
        skip=skip,
        severity=severity,
        inversion=step.inversion if state is StepState.OUT_OF_ORDER else None,
    )


def _uncertain(
    decisions: Sequence[DecisionRecord], dated: Mapping[str, DatedDecision], date: PartialDate
) -> tuple[Uncertainty, ...]:
    found: dict[str, Uncertainty] = {}
    for decision in decisions:
        entry = dated.get(decision.iri)
        if entry is None or entry.state is not AsOfState.UNCERTAIN or decision.iri in found:
            continue
        found[decision.iri] = Uncertainty(
            decision=decision.iri,
            what=decision.what,
            dated=entry.dated,
            as_of=str(date),
            reason=why_uncertain(decision, entry, date),
        )
    return tuple(found[iri] for iri in sorted(found))


# --- versions ------------------------------------------------------------------------------


def _entry_state(entries: Sequence[str], dated: Mapping[str, DatedDecision]) -> AsOfState | None:
    """How the version's coming into force stood on DATE; None if no decision is recorded."""
    states = {dated[e].state for e in entries if e in dated}
    for state in (AsOfState.TAKEN, AsOfState.UNCERTAIN, AsOfState.NOT_YET, AsOfState.NOT_TAKEN):
        if state in states:
            return state
    return None


def _entry(entries: Sequence[str], dated: Mapping[str, DatedDecision]) -> str | None:
    ranked = sorted(entries, key=lambda e: (e not in dated, e))
    return ranked[0] if ranked else None


def _version_state(entry: AsOfState | None, revisions: Sequence[AsOfState | None]) -> str:
    if entry is None:
        return "unknown"
    if entry in (AsOfState.NOT_YET, AsOfState.NOT_TAKEN):
        return "not yet in force"
    if AsOfState.TAKEN in revisions:
        return "superseded"
    if entry is AsOfState.UNCERTAIN or AsOfState.UNCERTAIN in revisions:
        return "uncertain"
    return "in force"


def _version_reason(
    state: str,
    entry: str | None,
    version: VersionHistory,
    revisions: Sequence[VersionAsOf],
    reasons: Mapping[str, str],
) -> str:
    decision = next((d for d in version.decisions if d.iri == entry), None)
    if state == "unknown" or decision is None:
        return "the record names no decision that put it in force"
    what = _named(decision)
    if state == "in force":
        return f"in force since {what}"
    if state == "superseded":
        return (
            "superseded: " + ", ".join(v.version.name for v in revisions) + " had come into force"
        )
    if state == "uncertain" and entry is not None and entry in reasons:
        return reasons[entry]
    if state == "uncertain":
        later = [v for v in revisions if v.entry in reasons]
        return "; ".join(
            f"whether {v.version.name} had come into force: {reasons[str(v.entry)]}" for v in later
        )
    if decision.status == "not yet taken":
        return f"comes into force with {what}, later than the date asked"
    return f"the decision that would put it in force is {decision.status or 'not taken'}: {what}"


def _named(decision: DecisionRecord) -> str:
    """``Council approved (137th Session, 2020-12)``."""
    where = ", ".join(x for x in (decision.session_names, decision.when) if x)
    return f"{decision.what} ({where})" if where else decision.what


def _explain(
    states: Sequence[VersionAsOf], uncertain: Sequence[Uncertainty], date: PartialDate
) -> str:
    """One line per work: the version in force on DATE, or the ones it is uncertain between."""
    by_work: dict[str, list[VersionAsOf]] = {}
    for state in states:
        by_work.setdefault(state.version.work or state.version.iri, []).append(state)
    reasons = {u.decision: u.reason for u in uncertain}
    lines = []
    for group in by_work.values():
        title = group[0].version.work_label or "Terms of Reference"
        certain = [v.version.name for v in group if v.state == "in force"]
        maybe = [v for v in group if v.state == "uncertain"]
        if maybe:
            why = sorted({reasons[v.entry] for v in maybe if v.entry in reasons})
            names = " or ".join(v.version.name for v in maybe)
            lines.append(
                f"{title}, on {date}: uncertain, {names}: " + "; ".join(why or ["see below"])
            )
        elif certain:
            lines.append(f"{title}, on {date}: {', '.join(certain)} in force")
        else:
            lines.append(
                f"{title}, on {date}: no version in force, as far as the record dates them"
            )
    return "\n".join(lines)


# --- trails --------------------------------------------------------------------------------


def _trace_node(node: TraceNode, dated: Mapping[str, DatedDecision]) -> TraceNode:
    children = tuple(_trace_node(c, dated) for c in node.children)
    if node.decision is None:
        return replace(node, children=children)
    decision = as_of_decision(node.decision, dated)
    relation = "decision" if decision.taken else f"decision ({decision.status or 'status unknown'})"
    return replace(
        node,
        decision=decision,
        status=decision.status,
        label=decision.headline,
        relation=relation,
        children=children,
    )
