"""Sentence coverage: every sentence of every source is a claim's basis or listed with a reason.

A source is a text file in a project's ``data/sources/``. The record describes it: a document
with ``cap:textFile`` the file, and the document's passages with their text. Then

- every passage text must stand in the file (whitespace normalised);
- the file's text outside every passage (headings, page furniture) must be listed as a
  ``cap:CoverageEntry`` of the document, except a passage's own number ("4.", or the "1" of
  footnote 1) just before it;
- every sentence of every passage must hold a claim's quote (a claim citing that passage), or
  lie inside one, or be listed as a ``cap:CoverageEntry`` of the passage.

``uncovered`` returns what breaks these rules, one line each, so a test can show them all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from capgraph.query import KnowledgeGraph

_PREFIXES = """
PREFIX cap: <https://w3id.org/capgraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""

_PASSAGES = (
    _PREFIXES
    + """
SELECT ?document ?file ?passage ?label ?text WHERE {
  ?document cap:textFile ?file .
  ?passage a cap:Passage ; dcterms:isPartOf ?document ; cap:passageText ?text .
  OPTIONAL { ?passage cap:passageLabel ?label }
}"""
)

_QUOTES = (
    _PREFIXES
    + """
SELECT DISTINCT ?passage ?quote WHERE {
  GRAPH ?claim { ?claim a cap:Claim ; dcterms:source ?passage ; prov:value ?quote }
}"""
)

_ENTRIES = (
    _PREFIXES
    + """
SELECT DISTINCT ?part ?text ?reason WHERE {
  ?entry a cap:CoverageEntry ; dcterms:isPartOf ?part ; cap:coverageText ?text .
  OPTIONAL { ?entry cap:coverageReason ?reason }
}"""
)

#: A sentence ends at ".", "?" or "!" followed by a space and a character that can open one.
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-Z0-9\u201c\"(\u2018'])")


@dataclass(frozen=True)
class Passage:
    document: str
    file: str
    iri: str
    label: str | None
    text: str


def normalise(text: str) -> str:
    return " ".join(text.split())


def sentences(text: str) -> list[str]:
    """The sentences of a passage's text, whitespace normalised."""
    return [s for s in _SENTENCE_END.split(normalise(text)) if s]


def uncovered(kg: KnowledgeGraph, project: Path) -> list[str]:
    """Every source file, outside-passage text and passage sentence that is not covered."""
    passages = [
        Passage(
            str(r["document"]),
            str(r["file"]),
            str(r["passage"]),
            None if r.get("label") is None else str(r["label"]),
            normalise(str(r["text"])),
        )
        for r in kg.select(_PASSAGES)
    ]
    quotes: dict[str, list[str]] = {}
    for row in kg.select(_QUOTES):
        quotes.setdefault(str(row["passage"]), []).append(normalise(str(row["quote"])))
    entries: dict[str, list[str]] = {}
    for row in kg.select(_ENTRIES):
        if row.get("reason") is not None:  # an entry without its reason covers nothing
            entries.setdefault(str(row["part"]), []).append(normalise(str(row["text"])))

    problems: list[str] = []
    sources = sorted((project / "data" / "sources").glob("*.txt"))
    for path in sources:
        name = f"data/sources/{path.name}"
        mine = [p for p in passages if p.file == name]
        if not mine:
            problems.append(f"{name}: no document of the record has it as cap:textFile")
            continue
        text = normalise(path.read_text(encoding="utf-8"))
        problems += _outside_passages(name, text, mine, entries)
        for passage in mine:
            problems += _passage_sentences(passage, quotes.get(passage.iri, []), entries)
    return problems


def _outside_passages(
    name: str, text: str, passages: list[Passage], entries: dict[str, list[str]]
) -> list[str]:
    problems: list[str] = []
    rest = text
    for passage in sorted(passages, key=lambda p: -len(p.text)):
        if passage.text not in rest:
            problems.append(f"{name}: the text of {passage.iri} is not in the file")
            continue
        number = re.escape((passage.label or "").removeprefix("footnote ").strip())
        anchor = rf"(?:\b{number}\.?\s*)?" if number.isdigit() else ""
        rest = re.sub(anchor + re.escape(passage.text), "\n", rest, count=1)
    documents = {p.document for p in passages}
    listed = sorted(
        (t for d in documents for t in entries.get(d, [])), key=lambda t: -len(t)
    )  # longest first, so a short entry never splits a longer one
    for entry in listed:
        rest = rest.replace(entry, "\n")
    for piece in (normalise(p) for p in rest.split("\n")):
        if piece:
            problems.append(f"{name}: text outside every passage is not listed: {piece!r}")
    return problems


def _passage_sentences(
    passage: Passage, quotes: Iterable[str], entries: dict[str, list[str]]
) -> list[str]:
    listed = set(entries.get(passage.iri, []))
    quotes = list(quotes)
    problems = []
    for sentence in sentences(passage.text):
        if sentence in listed:
            continue
        if any(q in sentence or sentence in q for q in quotes):
            continue
        problems.append(f"{passage.iri}: sentence not covered: {sentence!r}")
    return problems
