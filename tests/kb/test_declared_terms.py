"""Every term the data uses is declared in the ontology, with the kind it is used as."""

from __future__ import annotations

import pyoxigraph as ox

from capgraph import KnowledgeGraph

from .support import CAP, ONTOLOGY, PREFIXES, data_files

OWL = "http://www.w3.org/2002/07/owl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
BUILT_IN = (RDF, "http://www.w3.org/2000/01/rdf-schema#", OWL, "http://www.w3.org/2001/XMLSchema#")
#: Vocabularies the ontology names (rdfs:seeAlso) and may reuse terms of.
NAMED_VOCABULARIES = (
    "http://www.w3.org/ns/org#",
    "http://www.w3.org/ns/prov#",
    "http://purl.org/dc/terms/",
    "http://www.w3.org/2004/02/skos/core#",
    "https://schema.org/",
)


def _ontology() -> ox.Store:
    store = ox.Store()
    store.load(path=str(ONTOLOGY), format=ox.RdfFormat.TURTLE)
    return store


def _declared(store: ox.Store, owl_type: str) -> set[str]:
    typed = store.quads_for_pattern(None, ox.NamedNode(RDF + "type"), ox.NamedNode(owl_type))
    return {quad.subject.value for quad in typed if isinstance(quad.subject, ox.NamedNode)}


def _data() -> ox.Store:
    store = ox.Store()
    for path in data_files():
        store.load(path=str(path), format=ox.RdfFormat.TRIG)
    return store


def test_the_ontology_names_the_vocabularies_it_reuses() -> None:
    rows = _ontology().query(
        "SELECT ?v WHERE { <https://w3id.org/capgraph/ontology> "
        "<http://www.w3.org/2000/01/rdf-schema#seeAlso> ?v }"
    )
    assert {row["v"].value for row in rows} == set(NAMED_VOCABULARIES)


def test_every_class_used_in_data_is_declared() -> None:
    classes = _declared(_ontology(), OWL + "Class")
    used = {
        quad.object.value
        for quad in _data().quads_for_pattern(None, ox.NamedNode(RDF + "type"), None)
        if isinstance(quad.object, ox.NamedNode)
    }
    undeclared = {c for c in used if c not in classes and not c.startswith(BUILT_IN)}
    assert undeclared == set()
    assert all(c.startswith((CAP, *NAMED_VOCABULARIES, *BUILT_IN)) for c in used)


def test_every_predicate_used_in_data_is_declared_with_the_kind_it_is_used_as() -> None:
    ontology = _ontology()
    kinds = {
        "object": _declared(ontology, OWL + "ObjectProperty"),
        "datatype": _declared(ontology, OWL + "DatatypeProperty"),
        "annotation": _declared(ontology, OWL + "AnnotationProperty"),
    }
    # No term is declared as two kinds of property (OWL 2 DL forbids that punning).
    assert kinds["object"] & kinds["datatype"] == set()
    assert (kinds["object"] | kinds["datatype"]) & kinds["annotation"] == set()
    problems: dict[str, str] = {}
    for quad in _data():
        predicate = quad.predicate.value
        if predicate.startswith(BUILT_IN):
            continue
        literal = isinstance(quad.object, ox.Literal)
        if predicate in kinds["annotation"]:
            continue
        if predicate in kinds["object"] and literal:
            problems[predicate] = "object property with a literal value"
        elif predicate in kinds["datatype"] and not literal:
            problems[predicate] = "datatype property with an IRI value"
        elif predicate not in kinds["object"] | kinds["datatype"]:
            problems[predicate] = "not declared in the ontology"
    assert problems == {}


def test_every_cap_term_the_data_names_is_in_the_ontology(kg: KnowledgeGraph) -> None:
    # Concepts (cap:taken, cap:approved, ...) and classes are defined in the ontology graph.
    rows = kg.select(
        PREFIXES
        + """
        SELECT DISTINCT ?term WHERE {
          GRAPH ?g { ?s ?p ?term } FILTER(STRSTARTS(STR(?g), "https://w3id.org/capgraph/id/"))
          FILTER(isIRI(?term) && STRSTARTS(STR(?term), STR(cap:)))
          OPTIONAL { GRAPH <https://w3id.org/capgraph/ontology> { ?term rdfs:label ?label } }
          FILTER(!BOUND(?label))
        }"""
    )
    assert list(rows) == []


def test_an_undeclared_predicate_would_be_caught() -> None:
    # Guard against a vacuous pass: the data uses many predicates, all cap: ones declared.
    used = {quad.predicate.value for quad in _data()}
    assert CAP + "heldBy" in used
    assert CAP + "madeUpProperty" not in _declared(_ontology(), OWL + "ObjectProperty")
    assert len({p for p in used if p.startswith(CAP)}) >= 30
