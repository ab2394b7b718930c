"""The ontology documents every term, and carries the axioms that catch wrong records."""

from __future__ import annotations

import itertools

import rdflib
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from .support import CAP, ONTOLOGY

CAPNS = rdflib.Namespace(CAP)
ONTOLOGY_IRI = rdflib.URIRef("https://w3id.org/capgraph/ontology")

#: The model contract (docs/model.md) fixes these names; other modules code against them.
SCHEMES = {
    "ActionScheme": {
        "adopted", "reviewed", "presentedForApproval", "submitted", "approved", "endorsed",
        "setPriorities", "discussed",
    },
    "DecisionStatusScheme": {"taken", "expected", "intended"},
    "ProcessStatusScheme": {"inProgress", "complete", "abandoned"},
    "VersionStatusScheme": {"inForce", "superseded", "proposed"},
    "ToolStatusScheme": {"developed", "inDevelopment"},
    "MeetingModeScheme": {"inPerson", "virtual", "hybrid", "virtualOrHybrid"},
    "BodyTypeScheme": {"councilBody", "committee", "workingGroup", "secretariatBody"},
    "RequirementBasisScheme": {"sourceRule", "recordAssumption"},
    "CoverageReasonScheme": {"heading", "pageFurniture", "repetition"},
}  # fmt: skip

FUNCTIONAL = {
    "heldBy", "ordinal", "decidedBy", "action", "decisionStatus", "processStatus",
    "followsRoute", "position", "inRoute", "requirementBasis",
}  # fmt: skip

DISJOINT_PAIRS = [
    ("Body", "Session"), ("Session", "Decision"), ("Decision", "Route"), ("Route", "RouteStep"),
    ("RouteStep", "Process"), ("Document", "Decision"), ("Tool", "Session"), ("Body", "Document"),
    ("Decision", "ToolDevelopment"), ("Claim", "Passage"), ("Tool", "Body"),
]  # fmt: skip


def _graph() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY, format="turtle")


def test_every_cap_class_and_property_has_a_label_and_a_comment() -> None:
    graph = _graph()
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    terms = {s for kind in kinds for s in graph.subjects(RDF.type, kind) if str(s).startswith(CAP)}
    assert len(terms) == 78
    for term in terms:
        assert graph.value(term, RDFS.label) is not None, term
        assert graph.value(term, RDFS.comment) or graph.value(term, SKOS.definition), term
        assert graph.value(term, RDFS.isDefinedBy) == ONTOLOGY_IRI, term


def test_no_cap_term_is_used_without_being_declared() -> None:
    graph = _graph()
    declared = {s for s in graph.subjects() if isinstance(s, rdflib.URIRef)}
    used = {t for triple in graph for t in triple if isinstance(t, rdflib.URIRef)}
    assert {t for t in used if str(t).startswith(CAP)} - declared == set()


def test_the_controlled_lists_are_skos_schemes_with_documented_concepts() -> None:
    graph = _graph()
    for scheme, names in SCHEMES.items():
        assert (CAPNS[scheme], RDF.type, SKOS.ConceptScheme) in graph
        members = set(graph.subjects(SKOS.inScheme, CAPNS[scheme]))
        assert members == {CAPNS[name] for name in names}, scheme
        for concept in members:
            assert (concept, RDF.type, SKOS.Concept) in graph
            assert graph.value(concept, SKOS.prefLabel) is not None, concept
            assert graph.value(concept, RDFS.label) is not None, concept
            assert graph.value(concept, SKOS.definition) is not None, concept


def test_concepts_within_each_scheme_are_pairwise_different() -> None:
    graph = _graph()
    different: set[frozenset[rdflib.term.Node]] = set()
    for node in graph.subjects(RDF.type, OWL.AllDifferent):
        members = list(Collection(graph, graph.value(node, OWL.distinctMembers)))
        different |= {frozenset(pair) for pair in itertools.combinations(members, 2)}
    for scheme, names in SCHEMES.items():
        for a, b in itertools.combinations(sorted(names), 2):
            assert frozenset((CAPNS[a], CAPNS[b])) in different, (scheme, a, b)


def test_virtual_or_hybrid_is_broader_than_virtual_and_hybrid() -> None:
    graph = _graph()
    assert set(graph.objects(CAPNS.virtualOrHybrid, SKOS.narrower)) == {CAPNS.virtual, CAPNS.hybrid}


def test_the_properties_that_must_be_single_valued_are_functional() -> None:
    graph = _graph()
    functional = {s for s in graph.subjects(RDF.type, OWL.FunctionalProperty)}
    assert {CAPNS[name] for name in FUNCTIONAL} <= functional


def test_key_classes_are_pairwise_disjoint() -> None:
    graph = _graph()
    disjoint: set[frozenset[rdflib.term.Node]] = set()
    for node in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(Collection(graph, graph.value(node, OWL.members)))
        disjoint |= {frozenset(pair) for pair in itertools.combinations(members, 2)}
    for a, b in DISJOINT_PAIRS:
        assert frozenset((CAPNS[a], CAPNS[b])) in disjoint, (a, b)
    # A handbook is both a tool and a document: those two are deliberately not disjoint.
    assert frozenset((CAPNS.Tool, CAPNS.Document)) not in disjoint


def test_the_ontology_imports_nothing() -> None:
    graph = _graph()
    assert list(graph.objects(ONTOLOGY_IRI, OWL.imports)) == []
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in graph
