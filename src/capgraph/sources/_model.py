"""The draft record as values: claims (passage, verbatim quote, triples) and what was left out."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from capgraph.namespaces import CAP, DCTERMS, ID, PROV, RDF, RDFS, XSD
from capgraph.sources._passages import Passage

#: The mark every drafted claim carries until a records keeper has reviewed it.
REVIEW_STATUS = CAP + "reviewStatus"
DRAFT = CAP + "draft"
A = RDF + "type"


@dataclass(frozen=True, order=True)
class Literal:
    """An RDF literal: its lexical form and, unless a plain string, its datatype IRI."""

    value: str
    datatype: str | None = None


Object = str | Literal
Triple = tuple[str, str, Object]


def date_literal(lexical: str) -> Literal:
    """``YYYY`` -> gYear, ``YYYY-MM`` -> gYearMonth, ``YYYY-MM-DD`` -> date."""
    kind = {4: "gYear", 7: "gYearMonth", 10: "date"}[len(lexical)]
    return Literal(lexical, XSD + kind)


def integer(value: int) -> Literal:
    return Literal(str(value), XSD + "positiveInteger")


@dataclass
class Claim:
    """One drafted claim: a named graph citing one passage with one verbatim quote."""

    passage: Passage
    quote: str
    kind: str
    triples: list[Triple] = field(default_factory=list)

    def add(self, subject: str, predicate: str, obj: Object) -> None:
        if (subject, predicate, obj) not in self.triples:
            self.triples.append((subject, predicate, obj))


@dataclass(frozen=True)
class Unextracted:
    """A sentence the extractor did not turn into claims, and why."""

    passage: str
    sentence: str
    reason: str


@dataclass
class Draft:
    """Everything ``extract`` writes: the source description, the claims, the leftovers."""

    source_id: str
    document: str
    description: list[Triple]
    passages: tuple[Passage, ...]
    claims: list[Claim]
    unextracted: list[Unextracted]

    def claim_iris(self) -> list[tuple[str, Claim]]:
        """Each claim with its IRI, numbered per passage in document order."""
        counts: dict[str, int] = {}
        named = []
        for claim in self.claims:
            segment = claim.passage.claim_segment
            counts[segment] = counts.get(segment, 0) + 1
            named.append((f"{ID}claim/{self.source_id}/{segment}/{counts[segment]}", claim))
        return named

    def graphs(self) -> list[tuple[str, list[Triple]]]:
        """Named graphs in file order: the source description, then one per claim."""
        graphs = [(f"{ID}source/{self.source_id}", self.description)]
        for iri, claim in self.claim_iris():
            own: list[Triple] = [
                (iri, A, CAP + "Claim"),
                (iri, DCTERMS + "source", self.passage_iri(claim.passage)),
                (iri, PROV + "value", Literal(claim.quote)),
                (iri, REVIEW_STATUS, DRAFT),
            ]
            graphs.append((iri, own + claim.triples))
        return graphs

    def passage_iri(self, passage: Passage) -> str:
        return f"{self.document}/{passage.segment}"


def slug(text: str, *, words: int = 8) -> str:
    """A lower-case ``[a-z0-9-]+`` slug of ``text``, at most ``words`` words long."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    parts = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(parts[:words]) or "x"


def label(subject: str, text: str) -> Triple:
    return (subject, RDFS + "label", Literal(text))
