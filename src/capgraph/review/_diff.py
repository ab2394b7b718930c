"""Compare two versions of a record in governance terms."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from capgraph.query import KnowledgeGraph, open
from capgraph.review._conflicts import Conflict, conflict_changes, source_conflicts
from capgraph.review._drafts import accepted_drafts, read_marks
from capgraph.review._facts import compare_facts, read_facts
from capgraph.review._model import Diff, RecordChange
from capgraph.review._quads import by_graph, quads_of, unexplained
from capgraph.review._revisions import materialise
from capgraph.review._states import (
    process_changes,
    process_views,
    validation_changes,
    validation_results,
)

#: Finds the conflicts between sources in one version of the record.
ConflictFinder = Callable[[KnowledgeGraph], Sequence[Conflict]]


def diff(
    old: KnowledgeGraph,
    new: KnowledgeGraph,
    *,
    old_name: str = "OLD",
    new_name: str = "NEW",
    validation: bool = True,
    conflicts: ConflictFinder = source_conflicts,
) -> Diff:
    """What changed from ``old`` to ``new``: records by category, then any other triples.

    The same built-in queries (and ``status``, ``validate``) run on both versions and
    their answers are compared; every changed quad that no reported change explains is
    listed in ``Diff.other``.
    """
    old_facts, new_facts = read_facts(old), read_facts(new)
    changes, explained = compare_facts(old_facts, new_facts)
    old_quads, new_quads = quads_of(old.store), quads_of(new.store)
    drafts, marks = accepted_drafts(
        read_marks(old), read_marks(new), by_graph(old_quads), by_graph(new_quads), new_facts.labels
    )
    changes += drafts
    explained |= marks
    changes += process_changes(process_views(old), process_views(new))
    labels = {**old_facts.labels, **new_facts.labels}
    changes += conflict_changes(conflicts(old), conflicts(new), labels)
    if validation:
        changes += validation_changes(validation_results(old), validation_results(new))
    records: tuple[RecordChange, ...] = tuple(sorted(changes, key=RecordChange.sort_key))
    return Diff(old_name, new_name, records, unexplained(old_quads, new_quads, explained))


def diff_sources(
    old: str, new: str, *, project: str | Path | None = None, validation: bool = True
) -> Diff:
    """Compare two folders or git revisions (see :func:`materialise`)."""
    with materialise(old, project=project) as old_dir, materialise(new, project=project) as new_dir:
        return diff(open(old_dir), open(new_dir), old_name=old, new_name=new, validation=validation)
