"""A generated record in which every claim violates a shape: the validation that finds everything.

Every claim's quote (``prov:value``) is emptied, so each claim breaks ``capsh:Claim-quote``
(``sh:minLength 1``) once; nothing else changes: the same files, subjects and triples, so
the work of validating it is the work of validating the unbroken record. Synthetic, like
the record itself.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

#: the quote line of a claim description, as ``benchmarks.trig.Paragraph.trig`` writes it
_QUOTE = re.compile(r'^(    prov:value )"(?:[^"\\]|\\.)*"( \.)$', re.MULTILINE)
SHAPE = "https://w3id.org/capgraph/shapes#Claim-quote"
MARKER = "everything.json"


def break_every_claim(project: Path) -> int:
    """Empty every claim's quote in ``project``'s data files; returns how many were emptied."""
    emptied = 0
    for path in sorted((project / "data").rglob("*.trig")):
        text = path.read_text(encoding="utf-8")
        new, count = _QUOTE.subn(r'\1""\2', text)
        if count:
            path.write_text(new, encoding="utf-8")
            emptied += count
    (project / MARKER).write_text(
        json.dumps({"claims_emptied": emptied, "shape": SHAPE}, indent=1) + "\n", encoding="utf-8"
    )
    return emptied


def emptied(project: Path) -> int | None:
    """How many claims :func:`break_every_claim` emptied in ``project`` (None: not broken)."""
    marker = project / MARKER
    if not marker.is_file():
        return None
    return int(json.loads(marker.read_text(encoding="utf-8"))["claims_emptied"])
