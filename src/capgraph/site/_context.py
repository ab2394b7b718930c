"""The contents of each page: facts with their citations, related records, results, views.

Status, trace and history are :mod:`capgraph.procedure`'s results and the pictures are
:mod:`capgraph.views`' drawings; this module only decides which one a page shows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from capgraph.namespaces import CAP, RDF
from capgraph.procedure import ProcessStatus, TraceNode, VersionHistory
from capgraph.site._record import Citation, Fact, Record, Resource
from capgraph.site._views import View


@dataclass(frozen=True)
class Statement:
    """A predicate and one value, with every citation that states it."""

    predicate: str
    object: Any
    citations: tuple[Citation, ...]
    #: Graphs that state it without a citation (a source description, an ontology file).
    uncited: tuple[str, ...]

    @property
    def draft(self) -> bool:
        """Stated only by draft claims (shown with ``--drafts`` alone)."""
        return bool(self.citations) and not self.uncited and all(c.draft for c in self.citations)


@dataclass(frozen=True)
class Referrer:
    """A record that points at this one, and how."""

    subject: str
    predicate: str
    draft: bool


@dataclass
class Results:
    """What the procedure stage says about a resource, and the views to draw."""

    status: ProcessStatus | None = None
    trace: TraceNode | None = None
    history: VersionHistory | None = None
    views: list[View] = field(default_factory=list)


def statements(facts: list[Fact]) -> list[Statement]:
    """Facts grouped by (predicate, value), types first, each with all its citations."""
    grouped: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for fact in facts:
        grouped[(fact.predicate, str(fact.object))].append(fact)
    found = [
        Statement(
            predicate=same[0].predicate,
            object=same[0].object,
            citations=tuple(sorted({f.citation for f in same if f.citation}, key=_citation_key)),
            uncited=tuple(sorted({f.graph or "" for f in same if f.citation is None})),
        )
        for same in grouped.values()
    ]
    return sorted(found, key=lambda s: (s.predicate != RDF + "type", s.predicate, str(s.object)))


def referrers(resource: Resource) -> list[Referrer]:
    """The records that point at this one, once per (record, predicate)."""
    drafts: dict[tuple[str, str], bool] = {}
    for fact in resource.incoming:
        draft = fact.citation is not None and fact.citation.draft
        key = (fact.subject, fact.predicate)
        drafts[key] = drafts.get(key, True) and draft
    return [Referrer(s, p, drafts[(s, p)]) for s, p in sorted(drafts)]


def passage_claims(record: Record, passage: str) -> list[tuple[Citation, list[Fact]]]:
    """The claims that cite a passage, each with the facts it states."""
    claims = sorted(
        (c for c in record.citations.values() if c.passage == passage), key=_citation_key
    )
    stated: dict[str, list[Fact]] = defaultdict(list)
    for resource in record.resources.values():
        for fact in resource.facts:
            if fact.citation is not None and fact.citation.passage == passage:
                stated[fact.citation.claim].append(fact)
    return [(c, sorted(stated[c.claim], key=lambda f: (f.subject, f.predicate))) for c in claims]


def passage_text(resource: Resource) -> str | None:
    return next(
        (f.object.value for f in resource.facts if f.predicate == CAP + "passageText"), None
    )


def _citation_key(citation: Citation) -> tuple[str, str]:
    return (citation.passage or "", citation.claim)
