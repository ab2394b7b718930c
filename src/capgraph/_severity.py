"""The one ``Severity`` of capgraph: of validation results and of findings on procedure steps."""

from __future__ import annotations

import enum

__all__ = ["Severity"]


class Severity(enum.IntEnum):
    """How bad a result is; compares VIOLATION > WARNING > INFO."""

    INFO = 1
    WARNING = 2
    VIOLATION = 3

    @property
    def label(self) -> str:
        """The lower-case name used in reports and on the command line."""
        return self.name.lower()

    @classmethod
    def parse(cls, name: str) -> Severity:
        """``"violation"`` / ``"sh:Violation"`` / a SHACL severity IRI → the member."""
        key = name.rsplit("#", 1)[-1].rsplit(":", 1)[-1].upper()
        try:
            return cls[key]
        except KeyError:
            choices = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {name!r}; expected one of {choices}") from None
