"""The spaCy pipeline: a blank English tokenizer, rule-based sentences, bodies, sessions.

No model is downloaded: ``spacy.blank("en")`` tokenizes, the ``sentencizer`` splits
sentences by punctuation, an ``EntityRuler`` marks the bodies the lexicon names (its
``id`` is the body's IRI), and a ``Matcher`` finds session mentions such as "the 39th
Session of the Enforcement Committee", "113th/114th Council Sessions", "the 17th and
18th Meetings of the CAP Group" or "the 83rd Policy Commission".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from capgraph.errors import InputError
from capgraph.sources._dates import WrittenDate, date_after
from capgraph.sources._lexicon import Lexicon

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

_ABBREVIATION = re.compile(r"\s*\(([A-Z]{2,5})\)")
_ORDINAL = r"^\d+(st|nd|rd|th)(/\d+(st|nd|rd|th))?$"
_ORD = {"TEXT": {"REGEX": _ORDINAL}}
_AND = {"LOWER": {"IN": ["and", ","]}}
_SESSION_WORD = {"LOWER": {"IN": ["session", "sessions", "meeting", "meetings"]}}
_BODY = {"ENT_TYPE": "BODY"}
_THE = {"LOWER": "the", "OP": "?"}
_OF = {"LOWER": "of"}
_GROUP = {"LOWER": "group", "OP": "?"}

#: Session mentions, by the shape of their words; the longest match wins.
_SESSION_PATTERNS: dict[str, list[list[dict[str, Any]]]] = {
    "named": [
        [_ORD, _SESSION_WORD, _OF, _THE, _BODY],
        [_ORD, _AND, _ORD, _SESSION_WORD, _OF, _THE, _BODY],
        [_ORD, _BODY, _GROUP, _SESSION_WORD],
        [_ORD, _AND, _ORD, _BODY, _GROUP, _SESSION_WORD],
        [_ORD, _BODY],
    ],
    "elliptical": [[_ORD, _SESSION_WORD]],
}


@dataclass(frozen=True)
class SessionMention:
    """Where a sentence names sessions: offsets in the passage text, body, ordinals."""

    start: int
    end: int
    body: str | None
    ordinals: tuple[int, ...]
    joint: bool
    date: WrittenDate | None
    #: The end of the mention with its date ("... Enforcement Committee (October 2019)").
    date_end: int


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    sessions: tuple[SessionMention, ...]
    bodies: tuple[tuple[int, int, str], ...]


def pipeline(lexicon: Lexicon) -> Language:
    """A blank English pipeline with the sentencizer, the lexicon's bodies and entity merging."""
    try:
        import spacy
    except ImportError:
        raise InputError(
            "extract needs the 'extract' extra: pip install capgraph[extract]"
        ) from None
    nlp = spacy.blank("en")
    # "!" is left out: "the CLiKC! e-learning module" does not end a sentence.
    nlp.add_pipe("sentencizer", config={"punct_chars": [".", "?"]})
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    patterns = []
    for iri, names in sorted(lexicon.body_names.items()):
        for name in sorted(names):
            for variant in {name, name.replace("-", "- ")}:
                patterns.append({"label": "BODY", "pattern": variant, "id": iri})
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    nlp.add_pipe("merge_entities")
    return nlp


def sentences(nlp: Language, text: str) -> list[Sentence]:
    """The sentences of a passage, with the sessions and bodies each names."""
    from spacy.matcher import Matcher
    from spacy.util import filter_spans

    doc: Doc = nlp(text)
    matcher = Matcher(nlp.vocab)
    for name, patterns in _SESSION_PATTERNS.items():
        matcher.add(name, patterns)
    spans: list[Span] = []
    for match_id, start, end in matcher(doc):
        span = doc[start:end]
        span.label_ = nlp.vocab.strings[match_id]
        spans.append(span)
    kept = filter_spans(spans)
    found = []
    for sent in doc.sents:
        mentions: list[SessionMention] = []
        for span in kept:
            if span.start >= sent.start and span.end <= sent.end:
                mention = _mention(span, text, sent.end_char, mentions)
                if mention is not None:
                    mentions.append(mention)
        bodies = tuple(
            (ent.start_char, ent.end_char, ent.ent_id_) for ent in sent.ents if ent.label_ == "BODY"
        )
        found.append(Sentence(sent.start_char, sent.end_char, sent.text, tuple(mentions), bodies))
    return found


def _mention(
    span: Span, text: str, limit: int, before: list[SessionMention]
) -> SessionMention | None:
    body_tokens = [token for token in span if token.ent_type_ == "BODY"]
    if body_tokens:
        body: str | None = body_tokens[0].ent_id_
    elif before and span.label_ == "elliptical":
        # "as will the upcoming 19th Meeting": the body is the one this sentence just named.
        body = before[-1].body
    else:
        return None
    ordinals: list[int] = []
    joint = False
    for token in span:
        if re.match(_ORDINAL, token.text):
            parts = [int(re.match(r"\d+", p).group(0)) for p in token.text.split("/")]  # type: ignore[union-attr]
            joint = joint or len(parts) > 1
            ordinals += parts
    start = span.start_char
    if text[max(0, start - 4) : start] == "the ":
        start -= 4
    stop = span.end_char
    # "the 40th Enforcement Committee (EC)": the abbreviation belongs to the mention.
    if (abbr := _ABBREVIATION.match(text, stop, limit)) and abbr.group(1).lower() in {
        t.lower_ for t in span.doc[span.end : span.end + 3] if t.ent_type_ == "BODY"
    }:
        stop = abbr.end()
    dated = date_after(text[stop:limit])
    date, end = (None, stop) if dated is None else (dated[0], stop + dated[1])
    return SessionMention(start, stop, body, tuple(ordinals), joint, date, end)
