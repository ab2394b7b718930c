"""``sources``: each source of the record with its title, date, passages, claims and drafts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from capgraph.query import Queryable


@dataclass(frozen=True)
class SourceSummary:
    document: str
    title: str | None
    date: str | None
    passages: int
    claims: int
    drafts: int


def sources(record: Queryable) -> list[SourceSummary]:
    """The sources, sorted by document IRI (one SPARQL query, so ``--endpoint`` works)."""
    found = []
    for row in record.query("sources-summary", drafts=True):
        title, date = row.get("title"), row.get("date")
        found.append(
            SourceSummary(
                document=str(row["document"]),
                title=None if title is None else str(title),
                date=None if date is None else str(date),
                passages=int(str(row["passages"])),
                claims=int(str(row["claims"])),
                drafts=int(str(row["drafts"])),
            )
        )
    return found
