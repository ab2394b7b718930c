"""Output formats and result kinds: the two keys of the renderer registry."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from capgraph._severity import Severity

__all__ = ["Format", "Kind", "RenderOptions"]


class Format(enum.StrEnum):
    """A format a result can be written in; ``--format`` takes these names."""

    TABLE = "table"
    TREE = "tree"
    TEXT = "text"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"
    JUNIT = "junit"
    SARIF = "sarif"
    MERMAID = "mermaid"
    TTL = "ttl"
    MARKDOWN = "markdown"

    @property
    def media_type(self) -> str:
        """The media type of a file in this format (``text/plain`` for terminal text)."""
        return _MEDIA_TYPES[self]

    @property
    def extension(self) -> str:
        """The usual file extension, without the dot."""
        return _EXTENSIONS[self]

    @classmethod
    def from_extension(cls, extension: str) -> Format:
        """``"csv"`` or ``".sarif"`` → the format; ValueError naming the known ones."""
        wanted = extension.lower().lstrip(".")
        for fmt in cls:
            if _EXTENSIONS[fmt] == wanted and fmt not in (cls.TABLE, cls.TREE):
                return fmt
        known = ", ".join(sorted({_EXTENSIONS[f] for f in cls}))
        raise ValueError(f"unknown extension {extension!r}; expected one of {known}")


_MEDIA_TYPES = {
    Format.TABLE: "text/plain",
    Format.TREE: "text/plain",
    Format.TEXT: "text/plain",
    Format.CSV: "text/csv",
    Format.TSV: "text/tab-separated-values",
    Format.JSON: "application/json",
    Format.JUNIT: "application/xml",
    Format.SARIF: "application/sarif+json",
    Format.MERMAID: "text/vnd.mermaid",
    Format.TTL: "text/turtle",
    Format.MARKDOWN: "text/markdown",
}

_EXTENSIONS = {
    Format.TABLE: "txt",
    Format.TREE: "txt",
    Format.TEXT: "txt",
    Format.CSV: "csv",
    Format.TSV: "tsv",
    Format.JSON: "json",
    Format.JUNIT: "xml",
    Format.SARIF: "sarif",
    Format.MERMAID: "mmd",
    Format.TTL: "ttl",
    Format.MARKDOWN: "md",
}


class Kind(enum.StrEnum):
    """What is rendered: the result of one library call."""

    ROWS = "rows"  # Rows of a query
    QUERIES = "queries"  # a QueryLibrary (query --list)
    INFO = "info"  # ProjectInfo
    VALIDATION = "validation"  # ValidationReport
    STATUS = "status"  # a sequence of ProcessStatus
    TRACE = "trace"  # the root TraceNode
    HISTORY = "history"  # a sequence of VersionHistory
    STATUS_AS_OF = "status-as-of"  # StatusAsOf (status --as-of)
    TRACE_AS_OF = "trace-as-of"  # TraceAsOf (trace --as-of)
    HISTORY_AS_OF = "history-as-of"  # HistoryAsOf (history --as-of)
    REASON = "reason"  # ConsistencyResult
    PUBLISH = "publish"  # PublishSummary
    EXTRACTION = "extraction"  # an Extraction (capgraph extract's report)
    SOURCES = "sources"  # a list of SourceSummary
    CONFLICTS = "conflicts"  # a list of Conflict


@dataclass(frozen=True)
class RenderOptions:
    """What some renderers need besides the result; each ignores what it does not use."""

    #: The title of a rows table (the query's name).
    title: str | None = None
    #: The level a validation run is judged at (JSON ``fail_on``, JUnit failures).
    fail_on: Severity = Severity.VIOLATION
    #: Terminal width for tables and trees; ``None``: the terminal's, at least 80.
    width: int | None = None
    #: IRI → the file and line that describe it, for text that points into the sources.
    locate: Callable[[str], object | None] | None = None
    #: SARIF: the records project's folder relative to the repository root.
    root: str = ""
