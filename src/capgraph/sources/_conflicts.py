"""``conflicts``: where two sources disagree about one thing, each side with its citation.

Computed by the ``conflicts-*`` queries, so it runs against a remote endpoint too. One
thing is one IRI, or two decisions linked by ``cap:sameDecisionAs``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from capgraph.namespaces import shorten

if TYPE_CHECKING:
    from capgraph.query import Queryable

#: The queries, in the order their conflicts are listed.
CONFLICT_QUERIES = ("conflicts-sessions", "conflicts-decisions", "conflicts-tools")


@dataclass(frozen=True)
class Side:
    """What one source says: the value, the claim, its document, passage and quote.

    ``record`` is the IRI the claim states the value of: the conflict's subject, or for a
    decision the one that ``cap:sameDecisionAs`` links to it.
    """

    value: str
    claim: str
    document: str
    passage: str
    quote: str
    record: str


@dataclass(frozen=True)
class Conflict:
    aspect: str
    subject: str
    first: Side
    second: Side
    reviewed: bool


def _value(value: object) -> str:
    text = str(value)
    return shorten(text) if text.startswith("http") else text


def conflicts(record: Queryable) -> list[Conflict]:
    """Every disagreement between two sources, reviewed ones included (``reviewed`` True)."""
    found: list[Conflict] = []
    for name in CONFLICT_QUERIES:
        for row in record.query(name, drafts=True):
            sides = [
                Side(
                    value=_value(row[f"value{n}"]),
                    claim=str(row[f"claim{n}"]),
                    document=str(row[f"document{n}"]),
                    passage=str(row[f"label{n}"]),
                    quote=str(row[f"quote{n}"]),
                    record=str(row.get("other") if n == 2 and row.get("other") else row["subject"]),
                )
                for n in (1, 2)
            ]
            reviewed = row["reviewed"]
            found.append(
                Conflict(
                    aspect=str(row["aspect"]),
                    subject=str(row["subject"]),
                    first=sides[0],
                    second=sides[1],
                    reviewed=reviewed is True or str(reviewed).lower() == "true",
                )
            )
    return found
