"""The values ``diff`` returns: changes to records, word diffs, triples no category explains."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Category(Enum):
    """A kind of governance record, in the order the diff reports them."""

    DECISION = "decision"
    SESSION = "session"
    DOCUMENT = "document"
    TOR = "tor"
    TOOL = "tool"
    CITATION = "citation"
    DRAFT = "draft"
    PROCESS = "process"
    CONFLICT = "conflict"
    VALIDATION = "validation"

    @property
    def heading(self) -> str:
        return _HEADINGS[self]


_HEADINGS = {
    Category.DECISION: "Decisions",
    Category.SESSION: "Sessions",
    Category.DOCUMENT: "Documents",
    Category.TOR: "ToR versions and mandates",
    Category.TOOL: "Tools",
    Category.CITATION: "Citations",
    Category.DRAFT: "Drafts accepted",
    Category.PROCESS: "Process states",
    Category.CONFLICT: "Conflicts between sources",
    Category.VALIDATION: "Validation results",
}


class Kind(Enum):
    """What happened to a record."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    #: a decision whose status went from expected to taken
    TAKEN = "taken"
    #: a draft claim whose mark disappeared while its statements stayed
    ACCEPTED = "accepted"
    #: a conflict between sources that appears, or disappears
    INTRODUCED = "introduced"
    RESOLVED = "resolved"
    #: a validation result that appears, or disappears
    APPEARED = "appeared"
    DISAPPEARED = "disappeared"


@dataclass(frozen=True)
class Word:
    """One run of a word diff: ``op`` is ``equal``, ``delete`` or ``insert``."""

    op: str
    text: str


@dataclass(frozen=True)
class FieldChange:
    """One field of a record, before and after (values as short names or lexical forms).

    For a conflict, ``old`` holds the record's values and ``new`` the other decision's.
    ``words`` is the word diff of a changed quote.
    """

    field: str
    old: tuple[str, ...]
    new: tuple[str, ...]
    words: tuple[Word, ...] = ()


@dataclass(frozen=True)
class RecordChange:
    """What changed about one record; ``other`` is the second decision of a conflict."""

    category: Category
    record: str
    kind: Kind
    label: str | None = None
    fields: tuple[FieldChange, ...] = ()
    other: str | None = None

    def sort_key(self) -> tuple[int, str, str, str]:
        order = list(Category).index(self.category)
        return (order, self.record, self.other or "", self.kind.value)


@dataclass(frozen=True)
class TripleChange:
    """A quad that no governance category explains: ``sign`` is ``+`` (added) or ``-``."""

    sign: str
    graph: str
    subject: str
    predicate: str
    object: str

    def sort_key(self) -> tuple[str, str, str, str, str]:
        return (self.graph, self.subject, self.predicate, self.object, self.sign)


@dataclass(frozen=True)
class Diff:
    """Every change between two versions of a record, in report order."""

    old: str
    new: str
    records: tuple[RecordChange, ...]
    other: tuple[TripleChange, ...]

    @property
    def changed(self) -> bool:
        return bool(self.records or self.other)

    def by_category(self) -> dict[Category, tuple[RecordChange, ...]]:
        """The record changes per category, categories with none left out."""
        groups: dict[Category, list[RecordChange]] = {}
        for change in self.records:
            groups.setdefault(change.category, []).append(change)
        return {category: tuple(changes) for category, changes in groups.items()}
