"""Decisions as values: who decided what, at which session, when, and which passage says so.

Status, trace and history all show decisions the same way; the rows come from the
``status-decisions`` and ``trace-decisions`` queries, which share their columns, and from
their ``-decision-citations`` companions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import ClassVar

from capgraph._json import member
from capgraph.namespaces import shorten
from capgraph.query import Queryable, Value


@dataclass(frozen=True)
class Citation:
    """A passage that states a fact, with the exact quote."""

    passage: str
    label: str | None
    quote: str
    claim: str | None = None
    #: The verb this passage uses for the decision, set where the passages of one decision
    #: use different verbs (the summary's "endorsed", para 10's "approved").
    verb: str | None = None

    @property
    def name(self) -> str:
        """``para 10``, or ``summary (endorsed)`` where the citation carries its own verb."""
        name = passage_name(self.label, self.passage)
        return f"{name} ({self.verb})" if self.verb else name

    __json__: ClassVar[tuple[str, ...]] = ("passage", "label", "quote", "verb")

    def __str__(self) -> str:
        return f'{self.name}: "{self.quote}"'


@dataclass(frozen=True)
class SessionRef:
    """A session at which a decision was taken, with the dates the record gives it."""

    iri: str
    #: In JSON, the session's name: its label, else its ordinal, else its short IRI.
    label: str | None = field(metadata=member(source="name"))
    ordinal: int | None
    date: str | None
    start: str | None
    end: str | None

    @property
    def name(self) -> str:
        if self.label:
            return self.label
        if self.ordinal is not None:
            return f"{ordinal(self.ordinal)} session"
        return shorten(self.iri)

    @property
    def when(self) -> str | None:
        """The session's date as the record gives it: one date, or start/end."""
        if self.date:
            return self.date
        if self.start and self.end:
            return self.start if self.start == self.end else f"{self.start}/{self.end}"
        return self.start or self.end


@dataclass(frozen=True)
class DecisionRecord:
    """One decision: a body, at one (or a joint) session, taking one action on one thing.

    A presentation is recorded the same way, with the body it went to as ``recipient`` and no
    deciding ``body``.
    """

    iri: str
    status: str | None
    body: str | None
    body_label: str | None
    action: str | None = field(metadata=member(convert=lambda iri: local_name(iri)))
    action_label: str | None
    object_iri: str | None = field(metadata=member(key="object"))
    object_label: str | None
    date: str | None
    sessions: tuple[SessionRef, ...]
    citations: tuple[Citation, ...]
    process: str | None = None
    step: str | None = None
    position: int | None = None
    recipient: str | None = None
    recipient_label: str | None = None

    __json__: ClassVar[tuple[str, ...]] = (
        "iri", "status", "body", "body_label", "recipient", "recipient_label", "action",
        "action_label", "object_iri", "object_label", "date", "when", "sessions", "citations",
    )  # fmt: skip

    @property
    def taken(self) -> bool:
        return self.status == "taken"

    @property
    def when(self) -> str | None:
        """The decision's own date, else its sessions' dates; ``None`` when the record has none."""
        if self.date:
            return self.date
        dates = sorted({w for w in (s.when for s in self.sessions) if w})
        return ", ".join(dates) or None

    @property
    def place(self) -> str | None:
        """The body at whose session it happened: the one that decided, else the recipient."""
        return self.body or self.recipient

    @property
    def place_label(self) -> str | None:
        return self.body_label if self.body else self.recipient_label

    @property
    def what(self) -> str:
        """``Council approved``, or ``presented for approval to Enforcement Committee``."""
        what = self.action_label or (local_name(self.action) if self.action else "?")
        if self.recipient and not self.body:
            return f"{what} to {self.recipient_label or shorten(self.recipient)}"
        who = self.body_label or (shorten(self.body) if self.body else "?")
        return f"{who} {what}"

    @property
    def session_names(self) -> str:
        return " / ".join(s.name for s in self.sessions)

    @property
    def headline(self) -> str:
        """``Council approved · 137th session · 2020-12``."""
        parts = [self.what]
        if self.sessions:
            parts.append(self.session_names)
        if self.status and self.status != "taken":
            parts.append(f"{self.when}, {self.status}" if self.when else self.status)
        else:
            parts.append(self.when or "no date")
        return " · ".join(parts)


def decision_rows(
    source: Queryable, prefix: str, params: Mapping[str, object] | None = None
) -> list[Mapping[str, Value]]:
    """The rows of ``PREFIX-decisions`` (facts), then of ``PREFIX-decision-citations``.

    ``prefix`` is ``status`` (decisions by process) or ``trace`` (by object). Two queries,
    not one: the 27 columns of one were over Virtuoso's limit of 20 DISTINCT keys.
    """
    facts = source.query(f"{prefix}-decisions", params or {})
    return [*facts, *source.query(f"{prefix}-decision-citations", params or {})]


def decisions_from_rows(rows: Iterable[Mapping[str, Value]]) -> tuple[DecisionRecord, ...]:
    """Group the rows of :func:`decision_rows` into one record per decision.

    Sorted by route position, then by date (earliest possible), then by IRI, so that
    the order never depends on the engine.
    """
    grouped: dict[str, list[Mapping[str, Value]]] = {}
    for row in rows:
        grouped.setdefault(str(row["decision"]), []).append(row)
    records = [_decision(iri, group) for iri, group in grouped.items()]
    return tuple(sorted(records, key=decision_sort_key))


def decision_sort_key(record: DecisionRecord) -> tuple[int, str, str]:
    position = record.position if record.position is not None else 1 << 30
    return (position, record.when or "9999", record.iri)


def _decision(iri: str, rows: list[Mapping[str, Value]]) -> DecisionRecord:
    sessions: dict[str, SessionRef] = {}
    citations: dict[tuple[str, str], Citation] = {}
    for row in rows:
        session = as_text(row.get("session"))
        if session and session not in sessions:
            sessions[session] = SessionRef(
                iri=session,
                label=first(r.get("sessionLabel") for r in rows if r.get("session") == session),
                ordinal=as_int(row.get("sessionOrdinal")),
                date=as_text(row.get("sessionDate")),
                start=as_text(row.get("sessionStart")),
                end=as_text(row.get("sessionEnd")),
            )
        citation = citation_from_row(row)
        if citation is not None:
            known = citations.setdefault((citation.passage, citation.quote), citation)
            verb = as_text(row.get("claimActionLabel"))
            if verb and not known.verb:
                citations[(citation.passage, citation.quote)] = replace(known, verb=verb)
    # A citation shows its own verb only where the passages of the decision differ in verb.
    if len({c.verb for c in citations.values() if c.verb}) < 2:
        citations = {key: replace(c, verb=None) for key, c in citations.items()}
    return DecisionRecord(
        iri=iri,
        status=local_name(first(r.get("status") for r in rows)),
        body=first(r.get("body") for r in rows),
        body_label=first(r.get("bodyLabel") for r in rows),
        action=first(r.get("action") for r in rows),
        action_label=first(r.get("actionLabel") for r in rows),
        object_iri=first(r.get("object") for r in rows),
        object_label=first(r.get("objectLabel") for r in rows),
        date=first(r.get("date") for r in rows),
        sessions=tuple(sorted(sessions.values(), key=lambda s: (s.ordinal or 0, s.iri))),
        citations=sort_citations(citations.values()),
        process=first(r.get("process") for r in rows),
        step=first(r.get("step") for r in rows),
        position=as_int(first(r.get("pos") for r in rows)),
        recipient=first(r.get("recipient") for r in rows),
        recipient_label=first(r.get("recipientLabel") for r in rows),
    )


def citation_from_row(
    row: Mapping[str, Value], *, passage: str = "passage", label: str = "passageLabel",
    quote: str = "quote", claim: str = "claim",
) -> Citation | None:  # fmt: skip
    """The citation in one row, or ``None`` when the row has none."""
    passage_iri = as_text(row.get(passage))
    text = as_text(row.get(quote))
    if passage_iri is None or text is None:
        return None
    return Citation(passage_iri, as_text(row.get(label)), text, as_text(row.get(claim)))


def sort_citations(citations: Iterable[Citation]) -> tuple[Citation, ...]:
    """Citations in reading order: summary first, then paragraphs by number, then footnotes."""
    return tuple(sorted(citations, key=lambda c: (_passage_key(c.label), c.passage, c.quote)))


def _passage_key(label: str | None) -> tuple[int, int, str]:
    if label is None:
        return (3, 0, "")
    if label == "summary":
        return (0, 0, label)
    match = re.fullmatch(r"(\D*?)\s*(\d+)", label)
    if match and not match.group(1):
        return (1, int(match.group(2)), label)
    if match:
        return (2, int(match.group(2)), match.group(1))
    return (3, 0, label)


def passage_name(label: str | None, iri: str) -> str:
    """``para 5``, ``summary``, ``footnote 1``."""
    if label is None:
        return shorten(iri)
    return f"para {label}" if label.isdigit() else label


def first(values: Iterable[Value]) -> str | None:
    """The smallest non-empty value as text: a stable pick when a term has several labels."""
    texts = sorted(str(v) for v in values if v is not None and v != "")
    return texts[0] if texts else None


def local_name(iri: str | None) -> str | None:
    """The part of an IRI after its last ``#`` or ``/``."""
    if iri is None:
        return None
    return re.split(r"[#/]", iri.rstrip("/"))[-1]


def ordinal(number: int) -> str:
    """``1st``, ``2nd``, ``113th``."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def as_text(value: Value) -> str | None:
    """A row value as text, ``None`` kept."""
    return None if value is None else str(value)


def as_int(value: Value | str) -> int | None:
    """A row value as an integer, ``None`` when it is not one."""
    if not isinstance(value, int | float | Decimal | str) or isinstance(value, bool):
        return None  # unbound, a boolean or a date
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
