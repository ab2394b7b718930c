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

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import fields

from capgraph._severity import Severity
from capgraph.errors import NothingToShow, ParameterError
from capgraph.procedure._decisions import (
    DecisionRecord,
    as_int,
    as_text,
    citation_from_row,
    decision_rows,
    decisions_from_rows,
    first,
    local_name,
    sort_citations,
)
from capgraph.procedure._steps import (
    Inversion,
    ProcessInfo,
    ProcessStatus,
    RecordState,
    StepState,
    StepStatus,
)
from capgraph.procedure._summary import summarise
from capgraph.query import Queryable, Value, expand_iri


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
        return [r for r in source.query(name, params) if r.get("process") in wanted]

    steps = _by_process(rows("status-steps"))
    decisions = _by_process(
        r for r in decision_rows(source, "status", params) if r.get("process") in wanted
    )
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
    if not processes:
        raise NothingToShow(
            "the record has no procedure processes (nothing is a cap:Process): "
            f"nothing to show for {item!r}"
        )
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


def _by_process(rows: Iterable[Mapping[str, Value]]) -> dict[str, list[Mapping[str, Value]]]:
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
    off_route = tuple(d for d in decisions if d.step is None)
    return ProcessStatus(
        **{f.name: getattr(info, f.name) for f in fields(ProcessInfo)},
        frontier=frontier,
        steps=steps,
        undated=undated,
        summary=summarise(info, steps, off_route),
        off_route=off_route,
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
        recipient=as_text(row.get("recipient")),
        recipient_label=first(r.get("recipientLabel") for r in rows),
        requirement_basis=local_name(as_text(row.get("requirementBasis"))),
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
