"""Cited paragraphs and their TriG: one claim graph per paragraph, as in the bundled data/."""

from __future__ import annotations

from dataclasses import dataclass, field

#: The header of every generated data file (the prefixes and base of data/*.trig).
HEADER = """@prefix cap:     <https://w3id.org/capgraph/ontology#> .
@base <https://w3id.org/capgraph/id/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix org:     <http://www.w3.org/ns/org#> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema:  <https://schema.org/> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
"""

#: Triples of the claim description (type, source, quote) and of a passage in its source graph.
CLAIM_TRIPLES = 3
PASSAGE_TRIPLES = 4


def lit(text: str) -> str:
    """A plain string literal in Turtle."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def iri(path: str) -> str:
    """A record IRI relative to the base ``id:``."""
    return f"<{path}>"


@dataclass
class Facts:
    """Triples grouped by subject, in the order they were added."""

    subjects: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def add(self, subject: str, predicate: str, *objects: str) -> Facts:
        pairs = self.subjects.setdefault(subject, [])
        pairs.extend((predicate, obj) for obj in objects)
        return self

    def remove(self, subject: str, predicate: str) -> None:
        self.subjects[subject] = [(p, o) for p, o in self.subjects[subject] if p != predicate]

    def replace(self, subject: str, predicate: str, *objects: str) -> None:
        pairs = self.subjects[subject]
        at = next((i for i, (p, _) in enumerate(pairs) if p == predicate), len(pairs))
        kept = [(p, o) for p, o in pairs if p != predicate]
        self.subjects[subject] = kept[:at] + [(predicate, o) for o in objects] + kept[at:]

    def __len__(self) -> int:
        return sum(len(pairs) for pairs in self.subjects.values())

    def turtle(self) -> str:
        blocks = []
        for subject, pairs in self.subjects.items():
            lines: list[str] = []
            for predicate, obj in pairs:
                if lines and lines[-1].startswith(f"    {predicate} "):
                    lines[-1] += f" , {obj}"
                else:
                    lines.append(f"    {predicate} {obj}")
            lines[0] = f"{iri(subject)} {lines[0].lstrip()}"
            blocks.append(" ;\n".join(lines) + " .\n")
        return "\n".join(blocks)


@dataclass
class Paragraph:
    """A numbered paragraph of a source document and the facts its claim graph holds.

    ``cited`` is False for a paragraph whose facts were left out of the record (a planted
    missing step): the source still says it, the record does not.
    """

    document: str
    kind: str
    text: str
    facts: Facts
    cited: bool = True
    number: int = 0

    @property
    def passage(self) -> str:
        return f"document/{self.document}/para/{self.number}"

    @property
    def claim(self) -> str:
        return f"claim/{self.document}/para-{self.number}/1"

    def triples(self) -> int:
        return (CLAIM_TRIPLES + len(self.facts) if self.cited else 0) + PASSAGE_TRIPLES

    def trig(self) -> str:
        claim = iri(self.claim)
        return (
            f"{claim} {{\n{claim} a cap:Claim ;\n"
            f"    dcterms:source {iri(self.passage)} ;\n"
            f"    prov:value {lit(self.text)} .\n\n{self.facts.turtle()}}}\n"
        )


@dataclass(frozen=True)
class SourceDocument:
    """A generated source document (an annual report) whose paragraphs the claims quote."""

    slug: str
    identifier: str
    title: str

    @property
    def text_file(self) -> str:
        return f"data/sources/{self.slug}.txt"

    def header_triples(self) -> int:
        return 7

    def trig(self, paragraphs: list[Paragraph]) -> str:
        graph = iri(f"source/{self.slug}")
        doc = iri(f"document/{self.slug}")
        parts = [
            f"{graph} {{\n{graph} a cap:SourceDescription ;\n"
            f"    rdfs:label {lit('Description of ' + self.title)} ;\n"
            f"    dcterms:source {doc} .\n\n"
            f"{doc} a cap:WorkingDocument ;\n    dcterms:identifier {lit(self.identifier)} ;\n"
            f"    dcterms:title {lit(self.title)} ;\n    cap:textFile {lit(self.text_file)} .\n"
        ]
        for paragraph in paragraphs:
            parts.append(
                f"\n{iri(paragraph.passage)} a cap:Passage ;\n    dcterms:isPartOf {doc} ;\n"
                f"    cap:passageLabel {lit(str(paragraph.number))} ;\n"
                f"    cap:passageText {lit(paragraph.text)} .\n"
            )
        parts.append("}\n")
        return "".join(parts)

    def text(self, paragraphs: list[Paragraph], *, seed: int) -> str:
        lines = [
            self.title,
            f"Synthetic benchmark record generated by benchmarks/generate.py (seed {seed}); "
            "not a real document.",
            "",
        ]
        for paragraph in paragraphs:
            lines += [f"{paragraph.number}. {paragraph.text}", ""]
        return "\n".join(lines)
