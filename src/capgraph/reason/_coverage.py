"""What of ontology + data an OWL 2 DL reasoner cannot see as the ontology means it.

HermiT reads RDF through the OWL API, which never refuses a triple: a property
nobody declared becomes whatever its use suggests (an annotation, which no
axiom touches), and a value of a datatype outside the OWL 2 datatype map is
dropped under ``--ignoreUnsupportedDatatypes``. Both leave a "consistent"
verdict that did not look at everything. This module finds those terms, so the
verdict can say what it did not cover. It reads an rdflib Graph and imports
no reasoner.
"""

from __future__ import annotations

import enum
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from capgraph.namespaces import OWL, RDF, RDFS, XSD, shorten

if TYPE_CHECKING:
    import rdflib

__all__ = ["OWL2_DATATYPES", "DatatypeGap", "GapKind", "VocabularyGap", "datatype_gaps",
           "vocabulary_gaps"]  # fmt: skip

#: The OWL 2 datatype map (OWL 2 Structural Specification, section 4), plus rdfs:Literal.
OWL2_DATATYPES: frozenset[str] = frozenset(
    [OWL + "real", OWL + "rational", RDF + "PlainLiteral", RDF + "XMLLiteral",
     RDF + "langString", RDFS + "Literal"]
    + [XSD + name for name in (
        "decimal", "integer", "nonNegativeInteger", "nonPositiveInteger", "positiveInteger",
        "negativeInteger", "long", "int", "short", "byte", "unsignedLong", "unsignedInt",
        "unsignedShort", "unsignedByte", "double", "float", "string", "normalizedString",
        "token", "language", "Name", "NCName", "NMTOKEN", "boolean", "hexBinary",
        "base64Binary", "anyURI", "dateTime", "dateTimeStamp")]
)  # fmt: skip

_RESERVED = (OWL, RDF, RDFS, XSD)
_KINDS = {
    OWL + "ObjectProperty": "object",
    OWL + "DatatypeProperty": "data",
    OWL + "AnnotationProperty": "annotation",
}


class GapKind(enum.Enum):
    """How a property escapes the reasoner."""

    UNDECLARED = "undeclared"
    MIXED_VALUES = "mixed values"
    WRONG_VALUES = "wrong values"
    PUNNED = "declared twice"


@dataclass(frozen=True)
class VocabularyGap:
    """A property whose triples HermiT may not read as the ontology means them."""

    kind: GapKind
    #: The property IRI.
    term: str
    #: How many triples use it (for WRONG_VALUES: how many have the wrong kind of value).
    triples: int
    #: The first IRI subject (sorted) that uses it, to look it up; "" if only blank nodes do.
    example: str

    __json__: ClassVar[tuple[str, ...]] = ("kind", "term", "triples", "example", "message")

    def message(self) -> str:
        term = shorten(self.term)
        plural = "s" if self.triples != 1 else ""
        where = f"{self.triples} triple{plural}"
        if self.example:
            where += f", e.g. {shorten(self.example)}"
        if self.kind is GapKind.UNDECLARED:
            return (
                f"{term} is used ({where}) but the ontology does not declare it an "
                "owl:ObjectProperty, owl:DatatypeProperty or owl:AnnotationProperty; "
                "the OWL API guesses, and HermiT may ignore its axioms"
            )
        if self.kind is GapKind.MIXED_VALUES:
            return (
                f"{term} is undeclared and has both resources and literals as values "
                f"({where}); OWL 2 DL needs one kind, so HermiT ignores some of these triples"
            )
        if self.kind is GapKind.WRONG_VALUES:
            return (
                f"{term} is declared with one kind of value but has the other ({where}); "
                "HermiT cannot reason with those triples"
            )
        return (
            f"{term} is declared as more than one of object, datatype and annotation "
            f"property ({where}), which OWL 2 DL forbids"
        )


@dataclass(frozen=True)
class DatatypeGap:
    """Values of a datatype outside the OWL 2 datatype map, on datatype properties."""

    #: The datatype IRI, e.g. ``xsd:gYear``'s.
    datatype: str
    #: How many such values there are.
    values: int
    #: The properties that carry them, sorted.
    properties: tuple[str, ...]

    __json__: ClassVar[tuple[str, ...]] = ("datatype", "values", "properties", "message")

    def message(self) -> str:
        props = ", ".join(shorten(p) for p in self.properties)
        return (
            f"{self.values} {shorten(self.datatype)} value{'s' if self.values != 1 else ''} "
            f"({props}): not in the OWL 2 datatype map, ignored by HermiT"
        )


def _declared_kinds(graph: rdflib.Graph) -> dict[str, set[str]]:
    import rdflib

    kinds: dict[str, set[str]] = defaultdict(set)
    for declaration, kind in _KINDS.items():
        for prop in graph.subjects(rdflib.RDF.type, rdflib.URIRef(declaration)):
            kinds[str(prop)].add(kind)
    return kinds


def vocabulary_gaps(graph: rdflib.Graph) -> tuple[VocabularyGap, ...]:
    """Properties outside OWL/RDF(S) that are undeclared, punned or given the wrong values."""
    import rdflib

    declared = _declared_kinds(graph)
    literal_uses: Counter[str] = Counter()
    resource_uses: Counter[str] = Counter()
    used: set[str] = set()
    example: dict[str, str] = {}
    for s, p, o in graph:
        prop = str(p)
        if prop.startswith(_RESERVED):
            continue
        used.add(prop)
        if isinstance(s, rdflib.URIRef):
            example[prop] = min(example.get(prop, str(s)), str(s))
        if isinstance(o, rdflib.Literal):
            literal_uses[prop] += 1
        else:
            resource_uses[prop] += 1
    gaps: list[VocabularyGap] = []
    for prop in sorted(used):
        kinds = declared.get(prop, set())
        literals, resources = literal_uses[prop], resource_uses[prop]
        if len(kinds) > 1:
            gap = VocabularyGap(GapKind.PUNNED, prop, literals + resources, example.get(prop, ""))
        elif not kinds:
            kind = GapKind.MIXED_VALUES if literals and resources else GapKind.UNDECLARED
            gap = VocabularyGap(kind, prop, literals + resources, example.get(prop, ""))
        elif kinds == {"object"} and literals:
            gap = VocabularyGap(GapKind.WRONG_VALUES, prop, literals, example.get(prop, ""))
        elif kinds == {"data"} and resources:
            gap = VocabularyGap(GapKind.WRONG_VALUES, prop, resources, example.get(prop, ""))
        else:
            continue
        gaps.append(gap)
    return tuple(gaps)


def datatype_gaps(graph: rdflib.Graph) -> tuple[DatatypeGap, ...]:
    """Per datatype outside the OWL 2 map: how many values datatype properties give it."""
    import rdflib

    data_props = {p for p, kinds in _declared_kinds(graph).items() if "data" in kinds}
    values: Counter[str] = Counter()
    props: dict[str, set[str]] = defaultdict(set)
    for _, p, o in graph:
        if not isinstance(o, rdflib.Literal) or o.datatype is None or str(p) not in data_props:
            continue
        datatype = str(o.datatype)
        if datatype not in OWL2_DATATYPES:
            values[datatype] += 1
            props[datatype].add(str(p))
    return tuple(
        DatatypeGap(datatype, values[datatype], tuple(sorted(props[datatype])))
        for datatype in sorted(values)
    )
