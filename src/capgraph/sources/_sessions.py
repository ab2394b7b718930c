"""Session claims: body, ordinal, joint sessions, dates at the written precision, meeting mode."""

from __future__ import annotations

import re

from capgraph.namespaces import CAP, DCTERMS, ORG, RDFS, SCHEMA
from capgraph.sources._lexicon import KNOWN_BODIES, Lexicon
from capgraph.sources._model import A, Claim, Literal, date_literal, integer
from capgraph.sources._nlp import Sentence, SessionMention
from capgraph.sources._passages import Passage


def session_iri(body: str, ordinal: int) -> str:
    return f"{body}/session/{ordinal}"


def session_iris(mention: SessionMention) -> list[str]:
    assert mention.body is not None
    return [session_iri(mention.body, n) for n in mention.ordinals]


def session_claims(passage: Passage, sentence: Sentence, lexicon: Lexicon) -> list[Claim]:
    """One claim per session mention ("the 39th Session of ... (October 2019)")."""
    claims = []
    for mention in sentence.sessions:
        if mention.body is None:
            continue
        quote = passage.text[mention.start : mention.date_end]
        claim = Claim(passage, quote, "session")
        iris = session_iris(mention)
        for iri, ordinal in zip(iris, mention.ordinals, strict=True):
            claim.add(iri, A, CAP + "Session")
            claim.add(iri, CAP + "heldBy", mention.body)
            claim.add(iri, CAP + "ordinal", integer(ordinal))
            if mention.date is not None:
                if mention.date.end is None:
                    claim.add(iri, DCTERMS + "date", date_literal(mention.date.start))
                else:
                    claim.add(iri, SCHEMA + "startDate", date_literal(mention.date.start))
                    claim.add(iri, SCHEMA + "endDate", date_literal(mention.date.end))
            if mention.joint:
                for other in iris:
                    if other != iri:
                        claim.add(iri, CAP + "heldJointlyWith", other)
        claims.append(claim)
    return claims


_MODES = {
    "virtual or hybrid": "virtualOrHybrid",
    "hybrid or virtual": "virtualOrHybrid",
    "virtual": "virtual",
    "hybrid": "hybrid",
    "in-person": "inPerson",
    "face-to-face": "inPerson",
}
_MODE = re.compile(
    r"\b(was|were|will be|are to be|is to be)\s+held\s+(?:in\s+(?:a\s+)?)?"
    r"(virtual or hybrid|hybrid or virtual|virtual|hybrid|in-person|face-to-face)\s+(?:mode|format)"
    r"|\b(was|were|will be)\s+held\s+(in person|virtually)\b"
)
_AS_WILL = re.compile(r"^,?\s+as will\b")


def mode_claims(passage: Passage, sentence: Sentence) -> list[Claim]:
    """Meeting modes: "the 17th and 18th Meetings ... were held in virtual or hybrid mode"."""
    match = _MODE.search(sentence.text)
    if match is None:
        return []
    verb = match.group(1) or match.group(3)
    words = (match.group(2) or match.group(4)).lower()
    mode = CAP + _MODES.get(words, "inPerson" if words == "in person" else "virtual")
    at = sentence.start + match.start()
    end = sentence.start + match.end()
    planned = verb != "was" and verb != "were"
    before = [m for m in sentence.sessions if m.body is not None and m.date_end <= at]
    claims = []
    if before:
        quote_start = sentence.start
        claim = Claim(passage, passage.text[quote_start:end], "mode")
        for mention in before:
            for iri in session_iris(mention):
                claim.add(iri, CAP + ("plannedMeetingMode" if planned else "meetingMode"), mode)
        claims.append(claim)
    after = [m for m in sentence.sessions if m.body is not None and m.start >= end]
    if after and not planned and _AS_WILL.match(passage.text[end : after[0].start]):
        # "..., as will the upcoming 19th Meeting": the same mode, planned.
        claim = Claim(passage, passage.text[at : after[0].end], "mode")
        for iri in session_iris(after[0]):
            claim.add(iri, CAP + "plannedMeetingMode", mode)
        claims.append(claim)
    return claims


def body_claims(mentions: list[tuple[Passage, int, int, str]], lexicon: Lexicon) -> list[Claim]:
    """Declare each body the record does not hold yet, citing where the text names it: its
    first mention by full name, else its first mention. The label is the name as written."""
    claims = []
    for iri in sorted({m[3] for m in mentions} - lexicon.declared):
        known = KNOWN_BODIES.get(iri.rsplit("/", 1)[1])
        if known is None:
            continue
        own = [m for m in mentions if m[3] == iri]
        full = [m for m in own if _plain(m[0].text[m[1] : m[2]]) == known[0].lower()]
        passage, start, end, _ = (full or own)[0]
        name = passage.text[start:end]
        claim = Claim(passage, name, "body")
        claim.add(iri, A, ORG + "FormalOrganization" if known[2] == "" else CAP + "Body")
        claim.add(iri, RDFS + "label", Literal(" ".join(name.replace("- ", "-").split())))
        if known[2]:
            claim.add(iri, ORG + "classification", CAP + known[2])
        claims.append(claim)
    return claims


def _plain(name: str) -> str:
    return " ".join(name.replace("- ", "-").split()).lower()
