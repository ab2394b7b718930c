"""A property shape with an ``sh:property`` of its own compiles, and agrees with pySHACL.

The nested property shape's focus nodes are the outer shape's value nodes (SHACL
4.7.2): here, the parts of each item. The shapes and data are synthetic.
"""

from __future__ import annotations

from pathlib import Path

import capgraph
from capgraph.validation import validate

_DATA = """\
@prefix ex: <https://example.org/nested/> .
ex:a a ex:Item ; ex:part ex:p1 , ex:p2 .
ex:p1 ex:weight 3 .
ex:p2 ex:weight "heavy" .
ex:b a ex:Item ; ex:part ex:p3 .
ex:p3 ex:colour "red" .
ex:c a ex:Item ; ex:part [ ex:weight 1 , 2 ] .
"""
_SHAPES = """\
@prefix ex: <https://example.org/nested/> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:ItemShape a sh:NodeShape ;
    sh:targetClass ex:Item ;
    sh:property ex:ItemShape-part .
ex:ItemShape-part sh:path ex:part ;
    sh:minCount 1 ;
    sh:property ex:PartShape-weight .
ex:PartShape-weight sh:path ex:weight ;
    sh:minCount 1 ;
    sh:maxCount 1 ;
    sh:datatype xsd:integer .
"""


def _keys(report: capgraph.ValidationReport) -> set[tuple[str, str, str | None, str | None]]:
    return {(r.focus, r.constraint, r.path, r.value) for r in report.results}


def test_a_nested_property_shape_compiles_and_matches_pyshacl(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "shapes").mkdir()
    (tmp_path / "data" / "items.ttl").write_text(_DATA, encoding="utf-8")
    (tmp_path / "shapes" / "items.ttl").write_text(_SHAPES, encoding="utf-8")
    kg = capgraph.open(tmp_path)
    compiled = validate(kg)
    assert compiled.fallbacks == ()
    reference = validate(kg, engine="pyshacl")
    assert _keys(compiled) == _keys(reference)
    found = {(focus.rsplit("/", 1)[-1], constraint) for focus, constraint, _, _ in _keys(compiled)}
    assert ("p2", "sh:DatatypeConstraintComponent") in found
    assert ("p3", "sh:MinCountConstraintComponent") in found
    assert {r.shape for r in compiled.results} == {"https://example.org/nested/PartShape-weight"}
