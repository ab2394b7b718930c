"""Conflicts between sources, and which ones a change introduces or resolves.

The conflicts are the sources stage's (:func:`capgraph.sources.conflicts`, the
``conflicts-*`` queries): pairs of claims from different documents that disagree about one
session, decision or tool. ``conflict_changes`` takes two lists of ``Conflict`` and nothing
else, so any detector can feed it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from capgraph.query import Queryable
from capgraph.review._model import Category, FieldChange, Kind, RecordChange
from capgraph.sources import conflicts

#: The word the conflicts' aspects start with, left out of the field the diff shows.
_RECORD_WORDS = ("decision ", "session ", "tool ")


@dataclass(frozen=True, order=True)
class Conflict:
    """Two records that should agree on ``field`` and do not (the same IRI twice, or two
    decisions linked by ``cap:sameDecisionAs``)."""

    record: str
    other: str
    field: str
    values: tuple[str, ...]
    other_values: tuple[str, ...]


def source_conflicts(record: Queryable) -> tuple[Conflict, ...]:
    """The sources stage's conflicts, one per pair of records and field, values merged."""
    values: dict[tuple[str, str, str], tuple[set[str], set[str]]] = defaultdict(
        lambda: (set(), set())
    )
    for found in conflicts(record):
        field = found.aspect
        for word in _RECORD_WORDS:
            field = field.removeprefix(word)
        mine, theirs = values[(found.first.record, found.second.record, field)]
        mine.add(found.first.value)
        theirs.add(found.second.value)
    return tuple(
        sorted(
            Conflict(record, other, field, tuple(sorted(mine)), tuple(sorted(theirs)))
            for (record, other, field), (mine, theirs) in values.items()
        )
    )


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
