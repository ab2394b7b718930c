"""Drafts accepted: a claim whose draft mark disappears while the rest of its graph stays.

The mark is whatever ``diff-drafts`` finds: a property of the claim, inside its own graph,
whose object is an IRI ending in ``draft`` (``cap:reviewStatus cap:draft`` is the term
expected from ``capgraph extract``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from capgraph.namespaces import shorten
from capgraph.query import Queryable
from capgraph.review._facts import TripleKey
from capgraph.review._model import Category, FieldChange, Kind, RecordChange
from capgraph.review._quads import QuadText

Marks = Mapping[str, frozenset[TripleKey]]


def read_marks(source: Queryable) -> Marks:
    """Claim -> the triples that mark it as a draft."""
    marks: dict[str, set[TripleKey]] = defaultdict(set)
    for row in source.query("diff-drafts", drafts=True):
        claim = str(row["claim"])
        marks[claim].add((claim, str(row["predicate"]), str(row["mark"])))
    return {claim: frozenset(found) for claim, found in marks.items()}


def accepted_drafts(
    old_marks: Marks,
    new_marks: Marks,
    old_graphs: Mapping[str, frozenset[QuadText]],
    new_graphs: Mapping[str, frozenset[QuadText]],
    labels: Mapping[str, str],
) -> tuple[list[RecordChange], set[TripleKey]]:
    """The drafts accepted, and the mark triples they explain."""
    changes: list[RecordChange] = []
    explained: set[TripleKey] = set()
    for claim in sorted(old_marks):
        if claim in new_marks or claim not in new_graphs:
            continue
        kept = {q for q in old_graphs.get(claim, frozenset()) if q.key not in old_marks[claim]}
        if kept != set(new_graphs[claim]):
            continue  # not only the mark changed: the citation and its triples say what did
        explained |= old_marks[claim]
        marks = tuple(sorted(f"{shorten(p)} {shorten(o)}" for _, p, o in old_marks[claim]))
        changes.append(
            RecordChange(
                Category.DRAFT,
                claim,
                Kind.ACCEPTED,
                labels.get(claim),
                (FieldChange("draft mark", marks, ()),),
            )
        )
    return changes, explained
