"""What a decision is about: a phrase of the text -> the IRI of a document, ToR or priority.

An IRI the record already has is reused (by title, label or alternative label); a new one
follows the patterns of docs/model.md. "The ToR", "the revised mandate of the CAP Group"
name the *work* (``id:tor/cap-group``): which version is meant is what review decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from capgraph.namespaces import CAP, DCTERMS, ID
from capgraph.sources._lexicon import Lexicon, normal
from capgraph.sources._model import A, Literal, Triple, slug

_CODE = re.compile(r"^\s*\(([A-Z]{2}\d{4}[A-Za-z]{0,3})\)")
_TRAILING_CODE = re.compile(r"\s*\([A-Z]{2}\d{4}[A-Za-z]{0,3}\)$")
_TOR = re.compile(r"\b(ToR|Terms of Reference|mandate)\b")
_KINDS = (
    ("Strategic Plan", "StrategicPlan"),
    ("Implementation Plan", "ImplementationPlan"),
    ("Strategy", "Strategy"),
    ("Report", "MeetingReport"),
)


@dataclass
class Resolved:
    """An object's IRI, the triples that declare it when it is new, its code if any."""

    iri: str
    declare: list[Triple] = field(default_factory=list)
    code: str | None = None


def strip_article(phrase: str) -> str:
    return re.sub(r"^(the|its|a|an)\s+", "", phrase.strip(" ,.;:"), flags=re.IGNORECASE)


@dataclass(frozen=True)
class TorHint:
    """The ToR a document is about, from its title: the body, and the title as written."""

    body: str
    title: str


def resolve_object(
    phrase: str, after: str, lexicon: Lexicon, tor: TorHint | None
) -> Resolved | None:
    """The thing ``phrase`` names; ``after`` is the text that follows it (for a code)."""
    name = strip_article(phrase)
    if inner := _TRAILING_CODE.search(name):
        name, after = name[: inner.start()], inner.group(0)
    if not name:
        return None
    code = _CODE.match(after)
    if code is not None:
        iri = f"{ID}document/{code.group(1)}"
        declare: list[Triple] = []
        if iri not in lexicon.declared:
            declare = [
                (iri, A, CAP + _kind(name)),
                (iri, DCTERMS + "title", Literal(name)),
                (iri, DCTERMS + "identifier", Literal(code.group(1))),
            ]
        return Resolved(iri, declare, code.group(1))
    if _TOR.search(name):
        body = _body_in(name, lexicon) or (tor.body if tor else None)
        if body is None:
            return None
        iri = f"{ID}tor/{body.rsplit('/', 1)[1]}"
        if iri in lexicon.declared:
            return Resolved(iri)
        # A new work takes its title from the words that name it in full, else the title
        # of the document about it ("Terms of Reference (ToR) of the CAP Group").
        title = name if name.startswith("Terms of Reference") else (tor.title if tor else None)
        work: list[Triple] = [(iri, A, CAP + "TermsOfReference")]
        if title:
            work.append((iri, DCTERMS + "title", Literal(title)))
        return Resolved(iri, work)
    if normal(name) in lexicon.documents:
        return Resolved(lexicon.documents[normal(name)])
    iri = f"{ID}document/{slug(name)}"
    if iri in lexicon.declared:
        return Resolved(iri)
    return Resolved(iri, [(iri, A, CAP + _kind(name)), (iri, DCTERMS + "title", Literal(name))])


def resolve_priority(phrase: str, lexicon: Lexicon) -> Resolved:
    name = strip_article(phrase)
    if normal(name) in lexicon.priorities:
        return Resolved(lexicon.priorities[normal(name)])
    iri = f"{ID}priority/{slug(name)}"
    if iri in lexicon.declared:
        return Resolved(iri)
    from capgraph.namespaces import RDFS

    return Resolved(iri, [(iri, A, CAP + "Priority"), (iri, RDFS + "label", Literal(name))])


def _kind(name: str) -> str:
    return next((kind for word, kind in _KINDS if word.lower() in name.lower()), "Document")


def _body_in(name: str, lexicon: Lexicon) -> str | None:
    match = re.search(r"\b(?:of|for) the (.+)$", name)
    if match is None:
        return None
    return lexicon.bodies.get(normal(match.group(1)))


def tor_hint(title: str | None, lexicon: Lexicon) -> TorHint | None:
    """The ToR a document's title names ("Terms of Reference (ToR) of the CAP Group")."""
    if not title or not _TOR.search(title):
        return None
    body = _body_in(title, lexicon)
    return None if body is None else TorHint(body, title)
