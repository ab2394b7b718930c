"""Stage 4, review: what changed between two versions of a record, in governance terms.

>>> import capgraph
>>> from capgraph import review
>>> kg = capgraph.open()
>>> review.diff(kg, kg, validation=False).changed
False

``diff`` runs the same built-in queries (``diff-*``), ``status`` and ``validate`` on both
versions and compares the answers: decisions, sessions, documents, ToR versions, tools,
citations (a changed quote as a word diff), drafts accepted, process states, conflicts
between sources and validation results. Every changed quad that none of these explains is
listed as an "other change"; what only reformats (blank-node labels, order, prefixes,
whitespace, a quote rewrapped) is not a change. ``diff_sources`` takes two folders or git
revisions. The renderers (text, Markdown for a pull-request comment, JSON) are here too.

May import: the sources, validation, procedure, query and store stages and the shared
modules. The conflicts between sources are the sources stage's (``conflicts-*``).
"""

from capgraph.review._conflicts import Conflict, conflict_changes, source_conflicts
from capgraph.review._diff import ConflictFinder, diff, diff_sources
from capgraph.review._format import MARKER, SCHEMA, diff_json, diff_markdown, diff_text
from capgraph.review._model import (
    Category,
    Diff,
    FieldChange,
    Kind,
    RecordChange,
    TripleChange,
    Word,
)
from capgraph.review._revisions import materialise

__all__ = [
    "MARKER",
    "SCHEMA",
    "Category",
    "Conflict",
    "ConflictFinder",
    "Diff",
    "FieldChange",
    "Kind",
    "RecordChange",
    "TripleChange",
    "Word",
    "conflict_changes",
    "diff",
    "diff_json",
    "diff_markdown",
    "diff_sources",
    "diff_text",
    "materialise",
    "source_conflicts",
]
