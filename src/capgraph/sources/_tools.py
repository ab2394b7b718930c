"""Tools: the list a sentence introduces ("to develop tools ..., namely: A, B, C"), with status,
the agent that develops them and the plan the text names ("on the basis of the IPR Strategy
2020", "In line with the priorities set by ...").

The status comes from the verb: "is working to develop", "is developing", "are being
developed" -> in development; a tool list in a sentence whose main clause is in the past
("was approved ..., allowing the Secretariat ... to develop tools ..., namely: ...") ->
developed. Without an agent and a plan the tools are left out, since a tool's record needs
the development activity that generated it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from capgraph.sources._lexicon import Lexicon, normal
from capgraph.sources._model import slug
from capgraph.sources._nlp import Sentence

_LIST = re.compile(r"\bdevelop(?:ed|ing)?\s+(?:\w+\s+){0,3}?tools\b[^:]*?:\s*")
_IN_DEVELOPMENT = re.compile(r"\b(?:is|are)\s+(?:working to develop|developing|being developed)\b")
_PAST = re.compile(
    r"\b(?:was|were|has been|have been|had been)\s+\w+ed\b|\b(?:has|have) developed\b"
)
_BASIS = re.compile(r"\b[Oo]n the basis of\s+(the\s+[A-Z][^,;]*?)(?=,|;|\s+to\s+develop\b)")
_ALLOWING = re.compile(r"\b(?:allowing|enabling|permitting|for)\s+the\s+$")
_SUBJECT = re.compile(r"\s+(?:is|are|has|have)\b")
_PARTS = re.compile(r",\s+and\s+the\s+|,\s+the\s+|\s+and\s+the\s+")


@dataclass(frozen=True)
class ToolFact:
    iri: str
    label: str
    title: str | None
    status: str
    start: int
    end: int
    known: bool


@dataclass(frozen=True)
class ToolList:
    """The tools of one sentence, with what generated them."""

    tools: tuple[ToolFact, ...]
    agent: str
    plan_phrase: str | None
    uses_priorities: bool
    intro_start: int
    intro_end: int


def tool_list(
    text: str, sentence: Sentence, lexicon: Lexicon
) -> tuple[ToolList | None, str | None]:
    """The sentence's tool list, or why it has none that can be drafted."""
    intro = _LIST.search(sentence.text)
    if intro is None:
        return None, None
    head = sentence.text[: intro.end()]
    status = "inDevelopment" if _IN_DEVELOPMENT.search(head) else None
    if status is None and _PAST.search(head):
        status = "developed"
    develop_at = sentence.start + intro.start()
    agents = [
        body
        for start, end, body in sentence.bodies
        if start < develop_at
        and (_ALLOWING.search(text[sentence.start : start]) or _SUBJECT.match(text, end))
    ]
    basis = _BASIS.search(sentence.text)
    priorities = "priorities set by" in sentence.text[: intro.start()]
    if status is None or not agents or (basis is None and not priorities):
        return None, "a list of tools without a status, an agent or a plan the text gives"
    facts = []
    offset = sentence.start + intro.end()
    items = _split(sentence.text[intro.end() :])
    for start, item in items:
        cleaned = re.sub(r"\s*\([^)]*\)\s*$", "", item)
        cleaned = re.sub(r"\s+and its new features and improvements$", "", cleaned)
        cleaned = re.sub(r"^the\s+", "", cleaned).strip()
        if not cleaned:
            continue
        label, _, written_title = cleaned.partition(" on “")
        title = written_title.strip("”") or None
        iri = lexicon.tools.get(normal(cleaned)) or lexicon.tools.get(normal(label))
        if iri is None and title:
            iri = lexicon.tools.get(normal(title))
        known = iri is not None
        facts.append(
            ToolFact(
                iri or f"https://w3id.org/capgraph/id/tool/{slug(label, words=6)}",
                label if title else cleaned,
                title,
                status,
                offset + start,
                offset + start + len(item),
                known,
            )
        )
    return ToolList(
        tuple(facts),
        agents[-1],
        basis.group(1) if basis else None,
        priorities,
        develop_at,
        sentence.start + intro.end(),
    ), None


def _split(text: str) -> list[tuple[int, str]]:
    """Items of a list "the A, the B (x, the y), and the C, etc.", outside parentheses."""
    text = re.sub(r",?\s+etc\.?$", "", text.rstrip(". "))
    items: list[tuple[int, str]] = []
    depth, start, index = 0, 0, 0
    while index < len(text):
        char = text[index]
        depth += char == "("
        depth -= char == ")"
        match = _PARTS.match(text, index) if depth == 0 else None
        if match is not None:
            items.append((start, text[start:index]))
            start = index = match.end() - len("the ")
            continue
        index += 1
    items.append((start, text[start:]))
    return [(s, item.strip()) for s, item in items if item.strip()]
