"""The versions of each Terms of Reference in order, with mandate, approval chain and state."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from capgraph.procedure._decisions import (
    Citation,
    DecisionRecord,
    citation_from_row,
    decision_rows,
    decisions_from_rows,
    first,
    local_name,
    sort_citations,
)
from capgraph.procedure._status import status
from capgraph.procedure._steps import ProcessStatus
from capgraph.query import Queryable, Value


@dataclass(frozen=True)
class ProcessRef:
    """The process a version travelled (or travels), in brief."""

    iri: str
    name: str
    status: str | None
    summary: str


@dataclass(frozen=True)
class VersionHistory:
    """One version of a Terms of Reference."""

    iri: str
    label: str | None
    work: str | None
    work_label: str | None
    previous: str | None
    version_status: str | None
    mandate: str | None
    #: "mandate", or "amendment aim" where the source gives only what a revision aims at
    mandate_kind: str | None
    mandate_citations: tuple[Citation, ...]
    decisions: tuple[DecisionRecord, ...]
    processes: tuple[ProcessRef, ...]

    __json__: ClassVar[tuple[str, ...]] = (
        "iri", "name", "label", "work", "work_label", "previous", "version_status", "mandate",
        "mandate_kind", "mandate_citations", "processes", "decisions",
    )  # fmt: skip

    @property
    def name(self) -> str:
        return local_name(self.iri) or self.iri


def history(source: Queryable) -> tuple[VersionHistory, ...]:
    """Every ToR version, grouped by work and ordered along the chain of revisions."""
    grouped: dict[str, list[Mapping[str, Value]]] = {}
    for row in source.query("history-versions"):
        grouped.setdefault(str(row["version"]), []).append(row)
    decisions: dict[str, list[DecisionRecord]] = {}
    for decision in decisions_from_rows(decision_rows(source, "trace")):
        if decision.object_iri in grouped:
            decisions.setdefault(decision.object_iri, []).append(decision)
    processes: dict[str, list[ProcessStatus]] = {}
    for process in status(source):
        if process.version is not None:
            processes.setdefault(process.version, []).append(process)
    versions = [
        _version(iri, rows, decisions.get(iri, []), processes.get(iri, []))
        for iri, rows in grouped.items()
    ]
    return _in_order(versions)


def _version(
    iri: str,
    rows: list[Mapping[str, Value]],
    decisions: list[DecisionRecord],
    processes: list[ProcessStatus],
) -> VersionHistory:
    # A stated mandate wins over an amendment aim.
    kinds = {str(r["mandateKind"]) for r in rows if r.get("mandate") is not None}
    kind = "mandate" if "mandate" in kinds else first(kinds)
    rows = [r for r in rows if r.get("mandate") is None or r.get("mandateKind") == kind]
    mandates = sorted({str(r["mandate"]) for r in rows if r.get("mandate") is not None})
    return VersionHistory(
        iri=iri,
        label=first(r.get("label") for r in rows),
        work=first(r.get("work") for r in rows),
        work_label=first(r.get("workLabel") for r in rows),
        previous=first(r.get("previous") for r in rows),
        version_status=local_name(first(r.get("versionStatus") for r in rows)),
        mandate=" / ".join(mandates) or None,
        mandate_kind=kind,
        mandate_citations=sort_citations(c for c in map(citation_from_row, rows) if c),
        decisions=tuple(decisions),
        processes=tuple(
            ProcessRef(p.iri, p.name, p.process_status, p.summary)
            for p in sorted(processes, key=lambda p: p.iri)
        ),
    )


def _in_order(versions: list[VersionHistory]) -> tuple[VersionHistory, ...]:
    """By work, then by the number of revisions back to the first version, then by IRI."""
    previous = {v.iri: v.previous for v in versions}
    return tuple(
        sorted(versions, key=lambda v: (v.work or "", revision_depth(previous, v.iri), v.iri))
    )


def revision_depth(previous: Mapping[str, str | None], iri: str) -> int:
    """How many revisions lie between ``iri`` and the first version (a cycle stops the count)."""
    hops, seen = 0, {iri}
    while (iri_ := previous.get(iri)) is not None and iri_ not in seen:
        seen.add(iri_)
        iri, hops = iri_, hops + 1
    return hops
