"""What extract links to: the names of the record's bodies, documents, tools and decisions.

The record is asked through SPARQL (``sources-lexicon``, ``sources-decisions``), so the
names come from any records project. A project that has not recorded a body yet can
still be read: the WCO bodies below are known by their usual names, and a draft that
names one of them declares it, citing the passage where the text names it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from capgraph.namespaces import CAP, ID

if TYPE_CHECKING:
    from capgraph.query import Queryable

#: WCO bodies by slug: label, other names, classification.
KNOWN_BODIES: Mapping[str, tuple[str, tuple[str, ...], str]] = {
    "council": ("Customs Co-operation Council", ("Council",), "councilBody"),
    "policy-commission": ("Policy Commission", (), "committee"),
    "ptc": ("Permanent Technical Committee", ("PTC",), "committee"),
    "enforcement-committee": ("Enforcement Committee", ("EC",), "committee"),
    "cap-group": ("Counterfeiting and Piracy (CAP) Group", ("CAP Group", "CAP"), "workingGroup"),
    "secretariat": ("Secretariat", (), "secretariatBody"),
    "wco": ("World Customs Organization", ("WCO",), ""),
}


_TABLES = {"tor": "tors", "document": "documents", "tool": "tools", "priority": "priorities"}


def normal(name: str) -> str:
    """A name as compared: case, quotes, broken hyphens and a leading article ignored."""
    text = name.replace("- ", "-").replace("“", "").replace("”", "").replace('"', "")
    text = " ".join(text.split()).strip(" ,.;:").lower()
    return re.sub(r"^(the|its|a|an)\s+", "", text)


@dataclass(frozen=True)
class KnownDecision:
    iri: str
    body: str
    action: str
    obj: str
    sessions: frozenset[str]
    date: str | None
    status: str | None = None
    #: The work the object is a version of (a ToR version's ToR), if any.
    work: str | None = None


@dataclass
class Lexicon:
    """Names to IRIs, by kind; ``declared`` holds the IRIs the record already describes."""

    bodies: dict[str, str] = field(default_factory=dict)
    body_names: dict[str, set[str]] = field(default_factory=dict)
    classification: dict[str, str] = field(default_factory=dict)
    documents: dict[str, str] = field(default_factory=dict)
    tors: dict[str, str] = field(default_factory=dict)
    tools: dict[str, str] = field(default_factory=dict)
    priorities: dict[str, str] = field(default_factory=dict)
    declared: set[str] = field(default_factory=set)
    decisions: list[KnownDecision] = field(default_factory=list)

    def add_body(self, iri: str, name: str, classification: str | None = None) -> None:
        self.bodies.setdefault(normal(name), iri)
        self.body_names.setdefault(iri, set()).add(name)
        if classification:
            self.classification.setdefault(iri, classification)


def build_lexicon(record: Queryable | None, *, source_id: str = "") -> Lexicon:
    """The lexicon of ``record`` (``None``: only the known WCO bodies).

    Names stated only by an earlier draft of ``source_id`` are passed over: a draft is
    written again from scratch, so it must declare what it names.
    """
    lexicon = Lexicon()
    own = (f"{ID}claim/{source_id}/", f"{ID}source/{source_id}")
    if record is not None:
        for row in record.query("sources-lexicon", drafts=True):
            if source_id and str(row["graph"]).startswith(own):
                continue
            iri, kind, name = str(row["iri"]), str(row["kind"]), str(row["name"])
            lexicon.declared.add(iri)
            if kind == "body":
                classification = row.get("classification")
                lexicon.add_body(iri, name, None if classification is None else str(classification))
            else:
                table = getattr(lexicon, _TABLES[kind])
                table.setdefault(normal(name), iri)
        lexicon.decisions = _decisions(record)
    for slug, (name, aliases, classification) in KNOWN_BODIES.items():
        iri = f"{ID}body/{slug}"
        for each in (name, *aliases):
            if normal(each) not in lexicon.bodies:
                lexicon.add_body(iri, each, CAP + classification if classification else None)
    return lexicon


def _decisions(record: Queryable) -> list[KnownDecision]:
    found: dict[str, KnownDecision] = {}
    for row in record.query("sources-decisions", drafts=True):
        iri = str(row["decision"])
        session = row.get("session")
        date = row.get("date")
        work = row.get("work")
        known = found.get(iri)
        sessions = set() if known is None else set(known.sessions)
        if session is not None:
            sessions.add(str(session))
        found[iri] = KnownDecision(
            iri=iri,
            body=str(row["body"]),
            action=str(row["action"]),
            obj=str(row["object"]),
            sessions=frozenset(sessions),
            date=None if date is None else str(date),
            work=None if work is None else str(work),
            status=None if row.get("status") is None else str(row["status"]),
        )
    return list(found.values())
