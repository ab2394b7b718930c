"""Conflicts between sources, and which ones a change introduces or resolves.

``conflict_changes`` takes two lists of ``Conflict`` and nothing else, so any detector can
feed it. Until a ``sources`` stage provides one, ``find_conflicts`` is the detector: two
decision nodes that one another's sources call the same decision (``cap:sameDecisionAs``)
but that disagree on a field both state (which body, session, action, object, date or
status).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from capgraph.query import Queryable
from capgraph.review._facts import Facts
from capgraph.review._model import Category, FieldChange, Kind, RecordChange

#: The fields of a decision on which two sources may disagree.
CONFLICT_FIELDS = ("body", "session", "action", "object", "date", "status")


@dataclass(frozen=True, order=True)
class Conflict:
    """Two records that should agree on ``field`` and do not."""

    record: str
    other: str
    field: str
    values: tuple[str, ...]
    other_values: tuple[str, ...]


def find_conflicts(source: Queryable, facts: Facts) -> tuple[Conflict, ...]:
    """Same-decision pairs whose stated values of a field differ."""
    found = []
    for row in source.query("diff-same-decisions"):
        a, b = str(row["a"]), str(row["b"])
        for field in CONFLICT_FIELDS:
            left = tuple(sorted(v.shown for v in facts.values(Category.DECISION, a, field)))
            right = tuple(sorted(v.shown for v in facts.values(Category.DECISION, b, field)))
            if left and right and left != right:
                found.append(Conflict(a, b, field, left, right))
    return tuple(sorted(found))


def conflict_changes(
    old: Iterable[Conflict], new: Iterable[Conflict], labels: Mapping[str, str] | None = None
) -> list[RecordChange]:
    """Conflicts in ``new`` but not ``old`` (introduced) and the reverse (resolved).

    A conflict is the same one while the same two records disagree on the same field,
    whatever the values.
    """
    before = {(c.record, c.other, c.field): c for c in old}
    after = {(c.record, c.other, c.field): c for c in new}
    changes = []
    for kind, mine, theirs in ((Kind.INTRODUCED, after, before), (Kind.RESOLVED, before, after)):
        for key in sorted(set(mine) - set(theirs)):
            c = mine[key]
            field = FieldChange(c.field, c.values, c.other_values)
            label = (labels or {}).get(c.record)
            changes.append(
                RecordChange(Category.CONFLICT, c.record, kind, label, (field,), c.other)
            )
    return changes
