"""Where each procedure process stands: the state of every step of its route.

The states follow PROCEDURES.md §3. F is the highest position in the process that has a
taken decision (0 if none):

- *done*: a taken decision of the process actualises the step;
- *out of order*: done, but one of its decisions is dated certainly before a taken decision
  on an earlier step (overrides done);
- *skipped*: not done and before F; *allowed* when the step is optional or waived, else a
  *departure* (a warning while the process is in progress, a violation once it is complete);
- *next*: not done, after F, and no required step lies strictly between F and it;
- *pending*: not done, after F, and not next.

The *record* column says what the record holds for the step whatever its state: a taken
decision, only expected ones, or none. An expected decision never makes a step done. Nothing
depends on the clock. Every answer comes from the ``status-*`` queries, so an embedded graph
and a remote endpoint give the same result.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from enum import Enum

from capgraph.decisions import (
    Citation,
    DecisionRecord,
    as_int,
    as_text,
    citation_from_row,
    decisions_from_rows,
    first,
    local_name,
    sort_citations,
)
from capgraph.errors import ParameterError
from capgraph.namespaces import shorten
from capgraph.queries import expand_iri
from capgraph.rows import Queryable, Rows, Value


class StepState(Enum):
    DONE = "done"
    OUT_OF_ORDER = "out of order"
    SKIPPED = "skipped"
    NEXT = "next"
    PENDING = "pending"


class RecordState(Enum):
    """What the record holds for a step (the UK model's "current state")."""

    TAKEN = "taken"
    EXPECTED = "expected"
    NONE = "none"


class Severity(Enum):
    """How a finding on a step would be reported by the checks (SHACL severities)."""

    INFO = "info"
    WARNING = "warning"
    VIOLATION = "violation"


@dataclass(frozen=True)
class Inversion:
    """A decision dated certainly before a taken decision on an earlier step."""

    decision: str
    date: str
    earlier_decision: str
    earlier_step: str
    earlier_position: int
    earlier_date: str

    def as_dict(self) -> dict[str, object]:
        return {
            "decision": self.decision,
            "date": self.date,
            "earlierDecision": self.earlier_decision,
            "earlierStep": self.earlier_step,
            "earlierPosition": self.earlier_position,
            "earlierDate": self.earlier_date,
        }


@dataclass(frozen=True)
class StepStatus:
    """One step of a route, as travelled by one process."""

    iri: str
    position: int
    label: str | None
    body: str | None
    body_label: str | None
    action: str | None
    action_label: str | None
    required: bool
    state: StepState
    record: RecordState
    decisions: tuple[DecisionRecord, ...]
    waivers: tuple[Citation, ...] = ()
    waived: bool = False
    skip: str | None = None
    severity: Severity | None = None
    inversion: Inversion | None = None

    @property
    def what(self) -> str:
        """``Council approved``."""
        body = self.body_label or (shorten(self.body) if self.body else "?")
        action = self.action_label or local_name(self.action) or "?"
        return f"{body} {action}"

    def as_dict(self) -> dict[str, object]:
        return {
            "iri": self.iri,
            "position": self.position,
            "label": self.label,
            "body": self.body,
            "bodyLabel": self.body_label,
            "action": local_name(self.action),
            "actionLabel": self.action_label,
            "required": self.required,
            "state": self.state.value,
            "record": self.record.value,
            "skip": self.skip,
            "waived": self.waived,
            "severity": self.severity.value if self.severity else None,
            "outOfOrder": self.inversion.as_dict() if self.inversion else None,
            "waivers": [c.as_dict() for c in self.waivers],
            "decisions": [d.as_dict() for d in self.decisions],
        }


@dataclass(frozen=True)
class ProcessInfo:
    """What a process is (a row of ``status-processes``), before its steps are looked at."""

    iri: str
    label: str | None
    route: str | None
    route_label: str | None
    version: str | None
    version_label: str | None
    process_status: str | None
    version_status: str | None

    @property
    def name(self) -> str:
        """The short name: the last path segment of the process IRI."""
        return local_name(self.iri) or self.iri

    @property
    def version_name(self) -> str | None:
        return local_name(self.version)

    @property
    def title(self) -> str:
        return self.label or self.version_label or self.name

    def as_dict(self) -> dict[str, object]:
        return {
            "iri": self.iri,
            "name": self.name,
            "label": self.label,
            "route": self.route,
            "routeLabel": self.route_label,
            "version": self.version,
            "versionLabel": self.version_label,
            "processStatus": self.process_status,
            "versionStatus": self.version_status,
        }


@dataclass(frozen=True)
class ProcessStatus(ProcessInfo):
    """One process (a revision travelling its route) and the state of each step."""

    frontier: int
    steps: tuple[StepStatus, ...]
    undated: int
    summary: str

    def states(self) -> tuple[tuple[int, str], ...]:
        """``((1, "done"), (2, "next"), …)``: the states in route order, for quick checks."""
        return tuple((s.position, s.state.value) for s in self.steps)

    def as_dict(self) -> dict[str, object]:
        return {
            **super().as_dict(),
            "frontier": self.frontier,
            "undatedDecisions": self.undated,
            "summary": self.summary,
            "steps": [s.as_dict() for s in self.steps],
        }


def status(source: Queryable, item: str | None = None) -> tuple[ProcessStatus, ...]:
    """The status of every process, or of those ``item`` names.

    ``item`` is a process or ToR version, as a full IRI, a prefixed name (``id:…``) or a
    short name: the last path segment of the process IRI (``tor-revision-cap19``) or of
    the version it concerns (``cap19``).
    """
    processes = list_processes(source)
    chosen = resolve_item(processes, item) if item is not None else processes
    if len(chosen) == 1:
        params: dict[str, object] = {"process": chosen[0].iri}
    else:
        params = {}
    wanted = {p.iri for p in chosen}

    def rows(name: str) -> list[Mapping[str, Value]]:
        return [r for r in source.query(name, **params) if r.get("process") in wanted]

    steps = _by_process(rows("status-steps"))
    decisions = _by_process(rows("status-decisions"))
    inversions = _by_process(rows("status-inversions"))
    waivers = _by_process(rows("status-waivers"))
    return tuple(
        _process_status(
            info,
            steps.get(info.iri, []),
            decisions_from_rows(decisions.get(info.iri, [])),
            inversions.get(info.iri, []),
            waivers.get(info.iri, []),
        )
        for info in chosen
    )


def list_processes(source: Queryable) -> tuple[ProcessInfo, ...]:
    """Every process in the record, sorted by IRI."""
    grouped = _by_process(source.query("status-processes"))
    return tuple(
        ProcessInfo(
            iri=iri,
            label=first(r.get("processLabel") for r in group),
            route=first(r.get("route") for r in group),
            route_label=first(r.get("routeLabel") for r in group),
            version=first(r.get("version") for r in group),
            version_label=first(r.get("versionLabel") for r in group),
            process_status=local_name(first(r.get("processStatus") for r in group)),
            version_status=local_name(first(r.get("versionStatus") for r in group)),
        )
        for iri, group in sorted(grouped.items())
    )


def resolve_item(processes: Sequence[ProcessInfo], item: str) -> list[ProcessInfo]:
    """The processes an ITEM names; raises ``ParameterError`` listing the known names."""
    full = expand_iri(item)
    found = [p for p in processes if full in (p.iri, p.version) or item in (p.name, p.version_name)]
    if not found:
        known = ", ".join(
            f"{p.name} ({p.version_name})" if p.version_name else p.name for p in processes
        )
        raise ParameterError(
            f"unknown process or ToR version {item!r}; known processes (versions): "
            f"{known or '(none)'}"
        )
    return found


def _by_process(rows: Rows | list[Mapping[str, Value]]) -> dict[str, list[Mapping[str, Value]]]:
    grouped: dict[str, list[Mapping[str, Value]]] = {}
    for row in rows:
        grouped.setdefault(str(row["process"]), []).append(row)
    return grouped


def _process_status(
    info: ProcessInfo,
    step_rows: list[Mapping[str, Value]],
    decisions: tuple[DecisionRecord, ...],
    inversion_rows: list[Mapping[str, Value]],
    waiver_rows: list[Mapping[str, Value]],
) -> ProcessStatus:
    nearest = _nearest_inversions(inversion_rows)
    by_step: dict[str, list[Mapping[str, Value]]] = {}
    for row in step_rows:
        by_step.setdefault(str(row["step"]), []).append(row)
    steps = tuple(
        sorted(
            (
                _step_status(rows, info, decisions, nearest, waiver_rows)
                for rows in by_step.values()
            ),
            key=lambda s: (s.position, s.iri),
        )
    )
    frontier = max((as_int(r["frontier"]) or 0 for r in step_rows), default=0)
    undated = sum(1 for d in decisions if d.taken and d.when is None)
    return ProcessStatus(
        **{f.name: getattr(info, f.name) for f in fields(ProcessInfo)},
        frontier=frontier,
        steps=steps,
        undated=undated,
        summary=summarise(info, steps),
    )


def _nearest_inversions(rows: list[Mapping[str, Value]]) -> dict[str, Inversion]:
    """Per step, the inversion with the nearest earlier step (highest earlier position)."""
    nearest: dict[str, Inversion] = {}
    for row in sorted(
        rows, key=lambda r: ((as_int(r["prevPos"]) or 0), str(r["later"]), str(r["earlier"]))
    ):
        nearest[str(row["laterStep"])] = Inversion(
            decision=str(row["later"]),
            date=str(row["laterDate"]),
            earlier_decision=str(row["earlier"]),
            earlier_step=str(row["earlierStep"]),
            earlier_position=as_int(row["prevPos"]) or 0,
            earlier_date=str(row["earlierDate"]),
        )
    return nearest


def _step_status(
    rows: list[Mapping[str, Value]],
    info: ProcessInfo,
    decisions: tuple[DecisionRecord, ...],
    inversions: dict[str, Inversion],
    waiver_rows: list[Mapping[str, Value]],
) -> StepStatus:
    row = rows[0]  # rows of one step differ only in the labels of its body and action
    step = str(row["step"])
    mine = tuple(d for d in decisions if d.step == step)
    waivers = sort_citations(
        c for c in (citation_from_row(w) for w in waiver_rows if w["step"] == step) if c
    )
    waived = (as_int(row["nWaivers"]) or 0) > 0
    required = row.get("required") is not False
    state = StepState(str(row["state"]))
    inversion = inversions.get(step)
    if state is StepState.DONE and inversion is not None:
        state = StepState.OUT_OF_ORDER
    if (as_int(row["nTaken"]) or 0) > 0:
        record = RecordState.TAKEN
    elif (as_int(row["nExpected"]) or 0) > 0:
        record = RecordState.EXPECTED
    else:
        record = RecordState.NONE
    skip, severity = _finding(state, required=required, waived=waived, info=info)
    return StepStatus(
        iri=step,
        position=as_int(row["pos"]) or 0,
        label=first(r.get("stepLabel") for r in rows),
        body=as_text(row.get("body")),
        body_label=first(r.get("bodyLabel") for r in rows),
        action=as_text(row.get("action")),
        action_label=first(r.get("actionLabel") for r in rows),
        required=required,
        state=state,
        record=record,
        decisions=mine,
        waivers=waivers,
        waived=waived,
        skip=skip,
        severity=severity,
        inversion=inversion,
    )


def _finding(
    state: StepState, *, required: bool, waived: bool, info: ProcessInfo
) -> tuple[str | None, Severity | None]:
    """The kind of skip and the severity the checks give the step (PROCEDURES.md §3, Checks)."""
    complete = info.process_status == "complete"
    if state is StepState.OUT_OF_ORDER:
        return None, Severity.WARNING
    if state is StepState.SKIPPED:
        if not required or waived:
            return "allowed", Severity.INFO
        return "departure", Severity.VIOLATION if complete else Severity.WARNING
    if state in (StepState.NEXT, StepState.PENDING) and complete and required and not waived:
        return None, Severity.VIOLATION  # a required step missing from a complete process
    return None, None


def summarise(info: ProcessInfo, steps: Sequence[StepStatus]) -> str:
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
        elif s.state is StepState.SKIPPED:
            parts.append(f"step {s.position} skipped ({s.skip})")
    return "; ".join(parts)


def _where(decision: DecisionRecord) -> str:
    bits = [b for b in (decision.session_names, decision.when) if b]
    return ", ".join(bits)


def _upcoming(step: StepStatus) -> str:
    what = step.label or step.what
    return what + (" (expected)" if step.record is RecordState.EXPECTED else "")
