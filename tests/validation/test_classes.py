"""Class membership without a transitive path: the subclasses are asked of the store once.

Virtuoso 7.2 answers ``rdf:type/rdfs:subClassOf*`` wrongly once it is joined with other
patterns, so the compiled queries list a class's subclasses (``capgraph.validation._classes``).
Here, on a synthetic store: what the patterns look like, that a blank-node subclass keeps
the path, that each class is asked once, and that ``sh:class`` and ``sh:targetClass``
through a subclass still answer as the path does.
"""

from __future__ import annotations

import pyoxigraph as ox
import rdflib

from capgraph.validation._classes import PATHS, Classes
from capgraph.validation._engine import evaluate
from capgraph.validation._select import Answer, store_select

_DATA = """\
@prefix ex: <https://example.org/classes/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:Report rdfs:subClassOf ex:Document .
ex:Minutes rdfs:subClassOf ex:Report .
_:anonymous rdfs:subClassOf ex:Thing .
ex:r1 a ex:Minutes ; ex:partOf ex:d1 ; ex:date "2020-01"^^xsd:gYearMonth .
ex:r2 a ex:Report ; ex:partOf ex:nothing ; ex:date "2020" .
ex:d1 a ex:Document .
"""
_SHAPES = """\
@prefix ex: <https://example.org/classes/> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:DocumentShape a sh:NodeShape ;
    sh:targetClass ex:Document ;
    sh:property [ sh:path ex:partOf ; sh:class ex:Document ] ;
    sh:property [ sh:path ex:date ; sh:datatype xsd:gYearMonth ] .
"""
EX = "https://example.org/classes/"


def _store() -> ox.Store:
    store = ox.Store()
    store.load(_DATA.encode(), ox.RdfFormat.TURTLE)
    return store


def test_a_class_without_subclasses_is_a_plain_type() -> None:
    pattern = Classes(store_select(_store())).instances("?x", f"<{EX}Minutes>", via="?c")
    assert pattern == f"?x <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{EX}Minutes> ."


def test_subclasses_are_listed_in_order() -> None:
    pattern = Classes(store_select(_store())).instances("?x", f"<{EX}Document>", via="?c")
    assert pattern == (
        f"VALUES ?c {{ <{EX}Document> <{EX}Minutes> <{EX}Report> }}"
        " ?x <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> ?c ."
    )


def test_a_blank_node_subclass_keeps_the_path() -> None:
    classes = Classes(store_select(_store()))
    assert classes.instances("?x", f"<{EX}Thing>", via="?c") == PATHS.instances(
        "?x", f"<{EX}Thing>", via="?c"
    )


def test_each_class_is_asked_once() -> None:
    asked: list[str] = []
    answer = store_select(_store())

    def select(text: str) -> Answer:
        asked.append(text)
        return answer(text)

    classes = Classes(select)
    for _ in range(3):
        classes.instances("?x", f"<{EX}Document>", via="?c")
    assert len(asked) == 1


def test_class_and_target_through_subclasses_answer_as_the_path() -> None:
    shapes = rdflib.Graph().parse(data=_SHAPES, format="turtle")
    select = store_select(_store())
    listed = evaluate(shapes, select, classes=Classes(select)).hits
    as_paths = evaluate(shapes, select, classes=PATHS).hits
    found = {(h.component, h.focus.value, getattr(h.value, "value", None)) for h in listed}
    assert found == {
        ("ClassConstraintComponent", EX + "r2", EX + "nothing"),
        ("DatatypeConstraintComponent", EX + "r2", "2020"),
    }
    assert {(h.component, h.focus, h.value) for h in as_paths} == {
        (h.component, h.focus, h.value) for h in listed
    }
