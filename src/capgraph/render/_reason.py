"""The verdict of ``capgraph reason``, as text or JSON."""

from __future__ import annotations

from collections.abc import Callable

from capgraph._json import dump_json, to_json
from capgraph.reason import ConsistencyResult

#: The ``schema`` member of ``reason --format json``; bump the number on an incompatible change.
REASON_SCHEMA = "https://w3id.org/capgraph/schema/reason/1"


def reason_json(result: ConsistencyResult) -> str:
    return dump_json({"schema": REASON_SCHEMA, **to_json(result)})


def reason_text(
    result: ConsistencyResult, *, locate: Callable[[str], object | None] | None = None
) -> str:
    """The verdict, the explanation, then what the reasoner could not see.

    ``locate`` maps an IRI to the file and line that describe it, so each vocabulary
    gap points at an example in the sources.
    """
    lines = [result.summary()]
    if result.explanation:
        lines.append(result.explanation)
    gaps = [
        f"owl:imports <{iri}>: not fetched, its axioms are not reasoned with"
        for iri in result.skipped_imports
    ]
    gaps.extend(gap.message() for gap in result.ignored_values)
    for gap in result.vocabulary_gaps:
        where = locate(gap.example) if locate is not None and gap.example else None
        gaps.append(f"{where}: {gap.message()}" if where else gap.message())
    if gaps:
        lines.append("not reasoned about:")
        lines.extend(f"  - {gap}" for gap in gaps)
    return "\n".join(lines) + "\n"
