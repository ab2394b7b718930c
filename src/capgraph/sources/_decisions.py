"""Decisions, by the grammar of the sentence that states them.

Taken (the text says it happened): "X was approved by the 137th Session of ...", "X,
endorsed by the 40th Enforcement Committee", "X were adopted at the 113th/114th Council
Sessions", "During the 19th CAP Meeting, delegates approved X", "the 86th Session of ...
approved X", "the priorities set by the 139th/140th Sessions ... in relation to A and B".
Expected (the text says it is to happen): "X would be submitted to the PTC for
endorsement", "The PTC is invited to: - discuss and endorse X". The body a document is
presented or submitted *to* is a recipient, never the decider of the presentation: "were
presented to the 39th Session ... for approval" says nothing of what that session decided,
so it drafts no decision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from capgraph.sources._lexicon import Lexicon
from capgraph.sources._nlp import Sentence, SessionMention
from capgraph.sources._objects import Resolved, TorHint, resolve_object, resolve_priority
from capgraph.sources._sessions import session_iris

_VERB = r"(adopted|approved|endorsed|reviewed)"
_NOUN_ACTION = {
    "endorsement": "endorsed",
    "approval": "approved",
    "adoption": "adopted",
    "review": "reviewed",
}
_INFINITIVE = {
    "endorse": "endorsed",
    "approve": "approved",
    "adopt": "adopted",
    "review": "reviewed",
}
_AGENT = re.compile(rf"(?:\b(?:was|were)\s+(?:\w+ly\s+)?|,\s*){_VERB}\s+(?:by|at)\s+$")
_DURING = re.compile(r"\b(?:During|At)\s+$")
_DURING_ACTIVE = re.compile(
    rf"^,\s*(?:the\s+)?(?:delegates|participants|members|group|committee)\s+{_VERB}\s+"
    r"(the\s+[^,;.]+?)(?=\s+(?:of which|which|that)\b|[,;.]|$)"
)
_DURING_PASSIVE = re.compile(rf"^,\s*(the\s+[^,;]+?)\s+(?:was|were)\s+{_VERB}\b")
_ACTIVE = re.compile(rf"^,?\s*{_VERB}\s+((?:the|its)\s+[^,;]+?)(?=[,;]|\.(?:\s|$)|$)")
_EXPECTED = re.compile(r"\b(?:would|will|is to|are to)\s+be\s+submitted\s+to\b")
_FOR = re.compile(
    r"^(?:\s*\([^)]*\))?\s+for\s+(?:final\s+|further\s+)?(endorsement|approval|adoption|review)\b"
)
_INVITED = re.compile(
    r"^\s+is invited to:?\s*-?\s*(?:\w+\s+and\s+)?(endorse|approve|adopt|review)\s+(the\s+.+?)"
    r"(?=\s+\([A-Z]{2}\d{4}|\s+and of\b|[,;]|\.(?:\s|$)|$)"
)
_PRIORITIES = re.compile(r"\bpriorities set by\s+$")
_RELATION = re.compile(r"^\s+in relation to\s+(.+?)(?=[,;]|\.(?:\s|$)|$)")
_PRESENTED = re.compile(r"\b(?:presented|submitted)\s+to\b")


@dataclass(frozen=True)
class DecisionFact:
    """One drafted decision: decider, sessions, action as worded, object, status, quote."""

    body: str
    sessions: tuple[str, ...]
    action: str
    obj: Resolved
    status: str
    quote_start: int
    quote_end: int
    date: str | None


def _date(mentions: list[SessionMention]) -> str | None:
    """The decision's date: the one single date all its sessions share, if the text gives it."""
    dates = {m.date.start if m.date and not m.date.is_range else None for m in mentions}
    return next(iter(dates)) if len(dates) == 1 else None


def _fact(
    mentions: list[SessionMention],
    action: str,
    obj: Resolved | None,
    status: str,
    span: tuple[int, int],
) -> DecisionFact | None:
    if obj is None or mentions[0].body is None:
        return None
    sessions = tuple(iri for m in mentions for iri in session_iris(m))
    return DecisionFact(mentions[0].body, sessions, action, obj, status, *span, _date(mentions))


def decisions(
    text: str, sentence: Sentence, lexicon: Lexicon, tor: TorHint | None
) -> tuple[list[DecisionFact], list[str]]:
    """The decisions a sentence states, and notes on what it states but cannot draft."""
    found: list[DecisionFact] = []
    notes: list[str] = []
    s0, s1 = sentence.start, sentence.end
    mentions = [m for m in sentence.sessions if m.body is not None]
    for index, m in enumerate(mentions):
        before, after = text[s0 : m.start], text[m.date_end : s1]
        if agent := _AGENT.search(before):
            subject = before[: agent.start()]
            phrase = (
                subject
                if "was" in agent.group(0) or "were" in agent.group(0)
                else _last_np(subject)
            )
            obj = resolve_object(phrase, "", lexicon, tor)
            start = s0 + (
                len(subject) - len(subject.lstrip()) if phrase is subject else subject.rfind(phrase)
            )
            fact = _fact([m], agent.group(1), obj, "taken", (start, m.date_end))
            found += [fact] if fact else []
        elif _DURING.search(before):
            active, passive = _DURING_ACTIVE.match(after), _DURING_PASSIVE.match(after)
            hit = active or passive
            if hit is not None:
                verb, phrase = (
                    (hit.group(1), hit.group(2)) if active else (hit.group(2), hit.group(1))
                )
                obj = resolve_object(phrase, "", lexicon, tor)
                start = s0 + _DURING.search(before).start()  # type: ignore[union-attr]
                fact = _fact([m], verb, obj, "taken", (start, m.date_end + hit.end()))
                found += [fact] if fact else []
        elif _PRIORITIES.search(before) and (relation := _RELATION.match(after)):
            for part in re.split(r"\s+and\s+|,\s+", relation.group(1)):
                obj = resolve_priority(part, lexicon)
                start = s0 + _PRIORITIES.search(before).start()  # type: ignore[union-attr]
                fact = _fact(
                    [m], "setPriorities", obj, "taken", (start, m.date_end + relation.end())
                )
                found += [fact] if fact else []
        found += _active(text, mentions, index, after, lexicon, tor)
    found += _expected(text, sentence, lexicon, tor, found)
    if _PRESENTED.search(sentence.text) and not _EXPECTED.search(sentence.text):
        notes.append(
            "presented or submitted to a body: the recipient is not a decider, and "
            "the text does not say what it decided"
        )
    return found, notes


def _active(
    text: str,
    mentions: list[SessionMention],
    index: int,
    after: str,
    lexicon: Lexicon,
    tor: TorHint | None,
) -> list[DecisionFact]:
    """Sessions (one, or several joined by "and") followed by an active verb and objects."""
    found: list[DecisionFact] = []
    m = mentions[index]
    if active_hit := _ACTIVE.match(after):
        deciders = [m]
        for earlier in reversed(mentions[:index]):
            if text[earlier.date_end : deciders[0].start].strip() != "and":
                break
            deciders.insert(0, earlier)
        for part in re.split(r"\s+and\s+(?=(?:its|the)\s)", active_hit.group(2)):
            obj = resolve_object(part, "", lexicon, tor)
            for decider in deciders:
                fact = _fact(
                    [decider],
                    active_hit.group(1),
                    obj,
                    "taken",
                    (deciders[0].start, m.date_end + active_hit.end()),
                )
                found += [fact] if fact else []
    return found


def _last_np(text: str) -> str:
    """The noun phrase a participle clause follows: "... on the basis of the IPR Strategy 2020"."""
    stripped = text.rstrip(" ,")
    cut = max(stripped.rfind(" the "), stripped.rfind(" of "))
    return stripped[cut + 1 :] if cut >= 0 else stripped


def _expected(
    text: str, sentence: Sentence, lexicon: Lexicon, tor: TorHint | None, taken: list[DecisionFact]
) -> list[DecisionFact]:
    s0, s1 = sentence.start, sentence.end
    found: list[DecisionFact] = []
    submitted = _EXPECTED.search(sentence.text)
    if submitted is not None:
        obj = (
            taken[-1].obj
            if taken
            else resolve_object(sentence.text[: submitted.start()], "", lexicon, tor)
        )
        for start, end, body in sentence.bodies:
            if start < s0 + submitted.end() or obj is None:
                continue
            if hit := _FOR.match(text[end:s1]):
                joined = text.rfind("and to", s0, start)
                quote_start = s0 + submitted.start() if not found or joined < 0 else joined
                found.append(
                    DecisionFact(
                        body,
                        (),
                        _NOUN_ACTION[hit.group(1)],
                        obj,
                        "expected",
                        max(quote_start, s0),
                        end + hit.end(),
                        None,
                    )
                )
    for start, end, body in sentence.bodies:
        if hit := _INVITED.match(text[end:s1]):
            after = text[end + hit.end() : s1]
            obj = resolve_object(hit.group(2), after, lexicon, tor)
            if obj is None:
                continue
            stop = end + hit.end() + (after.index(")") + 1 if obj.code else 0)
            begin = max(s0, start - 4 if text[start - 4 : start].lower() == "the " else start)
            found.append(
                DecisionFact(
                    body, (), _INFINITIVE[hit.group(1)], obj, "expected", begin, stop, None
                )
            )
    return found
