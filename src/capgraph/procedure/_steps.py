"""The values ``status`` returns: step and record states, steps, processes."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import ClassVar

from capgraph._json import member
from capgraph._severity import Severity
from capgraph.namespaces import shorten
from capgraph.procedure._decisions import Citation, DecisionRecord, local_name


class StepState(Enum):
    DONE = "done"
    OUT_OF_ORDER = "out of order"
    SKIPPED = "skipped"
    NEXT = "next"
    PENDING = "pending"
    #: Only with ``--as-of``: a decision on the step may or may not have come by DATE.
    UNCERTAIN = "uncertain"


class RecordState(Enum):
    """What the record holds for a step (the UK model's "current state")."""

    TAKEN = "taken"
    EXPECTED = "expected"
    NONE = "none"


@dataclass(frozen=True)
class Inversion:
    """A decision dated certainly before a taken decision on an earlier step."""

    decision: str
    date: str
    earlier_decision: str
    earlier_step: str
    earlier_position: int
    earlier_date: str


@dataclass(frozen=True)
class StepStatus:
    """One step of a route, as travelled by one process."""

    iri: str
    position: int
    label: str | None
    body: str | None
    body_label: str | None
    action: str | None = field(metadata=member(convert=local_name))
    action_label: str | None
    required: bool
    state: StepState
    record: RecordState
    decisions: tuple[DecisionRecord, ...]
    waivers: tuple[Citation, ...] = ()
    waived: bool = False
    skip: str | None = None
    severity: Severity | None = None
    inversion: Inversion | None = field(default=None, metadata=member(key="outOfOrder"))
    #: The body a text goes to, for a step that is a presentation or submission (no ``body``).
    recipient: str | None = None
    recipient_label: str | None = None
    #: Why the step is required: "sourceRule" or "recordAssumption" (``None`` if not stated).
    requirement_basis: str | None = None

    __json__: ClassVar[tuple[str, ...]] = (
        "iri", "position", "label", "body", "body_label", "recipient", "recipient_label",
        "action", "action_label", "required", "requirement_basis", "state", "record", "skip",
        "waived", "severity", "inversion", "waivers", "decisions",
    )  # fmt: skip

    @property
    def place(self) -> str | None:
        """The body at which the step happens: the one that acts, else the one a text goes to."""
        return self.body or self.recipient

    @property
    def place_label(self) -> str | None:
        return self.body_label if self.body else self.recipient_label

    @property
    def what(self) -> str:
        """``Council approved``, or ``presented for approval to Enforcement Committee``."""
        action = self.action_label or local_name(self.action) or "?"
        if self.recipient and not self.body:
            return f"{action} to {self.recipient_label or shorten(self.recipient)}"
        body = self.body_label or (shorten(self.body) if self.body else "?")
        return f"{body} {action}"


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

    __json__: ClassVar[tuple[str, ...]] = (
        "iri", "name", "label", "route", "route_label", "version", "version_label",
        "process_status", "version_status",
    )  # fmt: skip

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


@dataclass(frozen=True)
class ProcessStatus(ProcessInfo):
    """One process (a revision travelling its route) and the state of each step."""

    frontier: int
    steps: tuple[StepStatus, ...]
    undated: int = field(metadata=member(key="undatedDecisions"))
    summary: str
    #: Acts of the process on no step of its route, such as a submission the source states
    #: only as intended.
    off_route: tuple[DecisionRecord, ...] = ()

    __json__: ClassVar[tuple[str, ...]] = (
        *ProcessInfo.__json__, "frontier", "undated", "summary", "steps", "off_route",
    )  # fmt: skip

    def states(self) -> tuple[tuple[int, str], ...]:
        """``((1, "done"), (2, "next"), …)``: the states in route order, for quick checks."""
        return tuple((s.position, s.state.value) for s in self.steps)
