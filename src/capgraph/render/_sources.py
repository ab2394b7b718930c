"""Text, JSON and Markdown for what the sources stage returns: an extraction, sources, conflicts."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from capgraph._json import dump_json
from capgraph.namespaces import shorten

if TYPE_CHECKING:
    from capgraph.sources._conflicts import Conflict
    from capgraph.sources._extract import Extraction
    from capgraph.sources._summary import SourceSummary


#: The ``schema`` member of each JSON document here.
EXTRACTION_SCHEMA = "https://w3id.org/capgraph/schema/extraction/1"
SOURCES_SCHEMA = "https://w3id.org/capgraph/schema/sources/1"
CONFLICTS_SCHEMA = "https://w3id.org/capgraph/schema/conflicts/1"


def _json(schema: str, body: dict[str, Any]) -> str:
    return dump_json({"schema": schema, **body})


def extraction_text(result: Extraction) -> str:
    kinds = Counter(claim.kind for claim in result.draft.claims)
    lines = [
        f"draft: {result.draft_file.as_posix()}",
        f"text: {result.text_file.as_posix()}",
        f"passages: {len(result.draft.passages)}",
        "claims: "
        + str(result.claims)
        + " ("
        + ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
        + ")",
        f"unextracted sentences: {len(result.draft.unextracted)}",
    ]
    for item in result.draft.unextracted:
        lines.append(f"  [{item.passage}] {item.reason}: {item.sentence}")
    return "\n".join(lines) + "\n"


def extraction_json(result: Extraction) -> str:
    kinds = Counter(claim.kind for claim in result.draft.claims)
    return _json(
        EXTRACTION_SCHEMA,
        {
            "draft": result.draft_file.as_posix(),
            "text": result.text_file.as_posix(),
            "source_id": result.draft.source_id,
            "passages": len(result.draft.passages),
            "claims": dict(sorted(kinds.items())),
            "unextracted": [asdict(item) for item in result.draft.unextracted],
        },
    )


def sources_text(summaries: list[SourceSummary]) -> str:
    if not summaries:
        return "No sources: the record has no cap:SourceDescription graph.\n"
    lines = []
    for s in summaries:
        lines.append(f"{shorten(s.document)}  {s.title or '(no title)'}")
        lines.append(
            f"  date: {s.date or '-'}  passages: {s.passages}  claims: {s.claims}  "
            f"drafts: {s.drafts}"
        )
    return "\n".join(lines) + "\n"


def sources_json(summaries: list[SourceSummary]) -> str:
    return _json(SOURCES_SCHEMA, {"sources": [asdict(s) for s in summaries]})


def _side(label: str, side: Any) -> list[str]:
    return [
        f"  {label}: {side.value}",
        f"    source {shorten(side.document)}, passage {side.passage}, claim {shorten(side.claim)}",
        f'    "{side.quote}"',
    ]


def conflicts_text(conflicts: list[Conflict]) -> str:
    if not conflicts:
        return "No conflicts: no two sources disagree.\n"
    lines: list[str] = []
    for c in conflicts:
        mark = " (reviewed)" if c.reviewed else ""
        lines.append(f"{c.aspect} of {shorten(c.subject)}{mark}")
        lines += _side("one source", c.first) + _side("the other", c.second)
    reviewed = sum(c.reviewed for c in conflicts)
    lines.append(f"{len(conflicts)} conflicts, {reviewed} reviewed")
    return "\n".join(lines) + "\n"


def conflicts_json(conflicts: list[Conflict]) -> str:
    return _json(CONFLICTS_SCHEMA, {"conflicts": [asdict(c) for c in conflicts]})


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def conflicts_markdown(conflicts: list[Conflict]) -> str:
    lines = [
        "| aspect | subject | one source says | where | the other says | where | reviewed |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for c in conflicts:
        lines.append(
            "| "
            + " | ".join(
                _cell(x)
                for x in (
                    c.aspect,
                    shorten(c.subject),
                    f"{c.first.value}: “{c.first.quote}”",
                    f"{shorten(c.first.document)} {c.first.passage}",
                    f"{c.second.value}: “{c.second.quote}”",
                    f"{shorten(c.second.document)} {c.second.passage}",
                    "yes" if c.reviewed else "no",
                )
            )
            + " |"
        )
    return "\n".join(lines) + "\n"
