"""SHACL-SPARQL constraints run once over all focus nodes give exactly pySHACL's results.

``capgraph.validation._validate`` takes the ``sh:sparql`` constraints that qualify out of
the shapes and runs each as one query in the store (``capgraph.validation._sparql_constraints``).
Here every broken-record case, and a generated record with planted defects, is
checked both ways: the split, and pySHACL alone with every shape.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import rdflib

import capgraph
from capgraph.namespaces import SH
from capgraph.validation import ValidationResult
from capgraph.validation import _sparql_constraints as shacl_sparql
from capgraph.validation import _validate as validation
from capgraph.validation._pyshacl import pyshacl_results
from capgraph.validation._select import store_select
from capgraph.validation._shacl import set_results
from capgraph.validation._target import labels

from .support import CASES, apply_case, copy_bundled
from .test_cases import CASE_NAMES

_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex:prefixes sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/" ] .
"""


def _placed(kg: capgraph.KnowledgeGraph, result: ValidationResult) -> ValidationResult:
    """``result`` with its focus node's label and the line where it is written, as validate has."""
    found = labels(store_select(kg.store), [result.focus])
    return dataclasses.replace(
        result, label=found.get(result.focus), location=kg.locate(result.focus)
    )


def _pyshacl(kg: capgraph.KnowledgeGraph, shapes: rdflib.Graph, files: tuple[Path, ...]) -> set:
    """pySHACL's results for ``shapes`` on the record, placed as validate places them."""
    found = pyshacl_results(kg.union_graph(), shapes, project=kg.project, shape_files=files)
    return {_placed(kg, r) for r in found}


def _both_ways(kg: capgraph.KnowledgeGraph) -> tuple[set[object], set[object]]:
    files, _checks = validation._rule_files(kg.project, None, None)
    key = tuple((p, p.stat().st_mtime_ns) for p in files)
    core, constraints = validation._split_shapes(key)
    split = _pyshacl(kg, core, files)
    split |= {_placed(kg, r) for r in set_results(kg.store, constraints)}
    whole = _pyshacl(kg, validation._load_shapes(key), files)
    return split, whole


@pytest.mark.parametrize("name", CASE_NAMES)
def test_same_results_as_pyshacl_alone(name: str, tmp_path: Path) -> None:
    project = copy_bundled(tmp_path)
    apply_case(CASES / name, project)
    split, whole = _both_ways(capgraph.open(project))
    assert split == whole
    assert whole  # every case breaks something


def test_same_results_on_a_generated_record(tmp_path: Path) -> None:
    from benchmarks.generate import generate

    record = generate(tmp_path / "record", size=3_000, seed=3, defect_rate=0.2)
    split, whole = _both_ways(capgraph.open(record.path))
    assert split == whole
    assert len(whole) >= 3


def test_every_bundled_sparql_constraint_runs_in_the_store() -> None:
    kg = capgraph.open()
    files, _checks = validation._rule_files(kg.project, None, None)
    core, constraints = validation._split_shapes(tuple((p, p.stat().st_mtime_ns) for p in files))
    assert len(constraints) == 19
    assert not list(core.objects(None, rdflib.URIRef(SH + "sparql")))


def _constraint(select: str, extra: str = "") -> str:
    return (
        _SHAPES
        + 'ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:message "m" ; '
        + f'sh:prefixes ex:prefixes ; sh:select """{select}""" ] .\n'
        + extra
    )


@pytest.mark.parametrize(
    ("select", "extra", "taken"),
    [
        ("SELECT $this WHERE { $this ex:p ?value }", "", True),
        ("SELECT ?value WHERE { $this ex:p ?value }", "", True),
        ("SELECT * WHERE { $this ex:p ?value }", "", True),
        (
            "SELECT $this (COUNT(?v) AS ?n) WHERE { $this ex:p ?v } GROUP BY $this",
            "",
            True,
        ),
        # per focus node, an aggregate without GROUP BY $this means something else
        ("SELECT (COUNT(?v) AS ?n) WHERE { $this ex:p ?v }", "", False),
        ("SELECT $this ?v WHERE { $this ex:p ?v } LIMIT 1", "", False),
        # a sub-SELECT must project $this (SHACL 5.3.1), and group by it if it aggregates
        ("SELECT $this WHERE { { SELECT ?v WHERE { ?v ex:p ?w } } $this ex:p ?v }", "", False),
        ("SELECT $this WHERE { { SELECT $this ?v WHERE { $this ex:p ?v } } }", "", True),
        (
            "SELECT $this ?n WHERE { { SELECT $this (COUNT(?v) AS ?n) WHERE { $this ex:p ?v }"
            " GROUP BY $this } FILTER(?n > 1) }",
            "",
            True,
        ),
        (
            "SELECT $this ?n WHERE { { SELECT $this (COUNT(?v) AS ?n) WHERE { $this ex:p ?v } } }",
            "",
            False,
        ),
        (
            "SELECT $this (MIN(?n) AS ?m) WHERE { { SELECT $this ?v (COUNT(?w) AS ?n)"
            " WHERE { $this ex:p ?v . ?v ex:q ?w } GROUP BY $this ?v } } GROUP BY $this",
            "",
            True,
        ),
        (
            "SELECT (MIN(?n) AS ?m) WHERE { { SELECT $this (COUNT(?w) AS ?n)"
            " WHERE { $this ex:p ?w } GROUP BY $this } }",
            "",
            False,
        ),
        ("SELECT $this WHERE { $this ex:p $currentShape }", "", False),
        ("SELECT $this ?failure WHERE { $this ex:p ?v BIND(true AS ?failure) }", "", False),
        ("SELECT $this WHERE { $this ex:p ?v . MINUS { ?v ex:q ?w } }", "", False),
        ("SELECT $this WHERE { $this ex:p ?v", "", False),  # does not parse
        ("SELECT $this WHERE { $this ex:p ?v }", "ex:T sh:node ex:S .", False),  # nested
        ("SELECT $this WHERE { $this ex:p ?v }", "ex:S sh:deactivated true .", False),
    ],
)
def test_which_constraints_run_in_the_store(select: str, extra: str, taken: bool) -> None:
    shapes = rdflib.Graph().parse(data=_constraint(select, extra), format="turtle")
    remaining, constraints = shacl_sparql.split(shapes)
    assert bool(constraints) is taken
    assert len(list(remaining.objects(None, rdflib.URIRef(SH + "sparql")))) == (not taken)


def test_rows_follow_pyshacl() -> None:
    """Value defaults to the focus node; messages fill {?var} and {$var} with lexical forms."""
    import pyoxigraph as ox

    shapes = rdflib.Graph().parse(
        data=_constraint(
            "SELECT ?n WHERE { $this ex:p ?n . OPTIONAL { $this ex:q ?path } }"
        ).replace('sh:message "m"', 'sh:message "{$this} has {?n}, {?missing}"'),
        format="turtle",
    )
    _remaining, (constraint,) = shacl_sparql.split(shapes)
    store = ox.Store()
    store.load(
        b"<http://example.org/a> a <http://example.org/C> ; <http://example.org/p> 3 .",
        format=ox.RdfFormat.TURTLE,
    )
    (row,) = shacl_sparql.run(store, constraint)
    assert row.focus == row.value == ox.NamedNode("http://example.org/a")
    assert row.path is None
    assert row.messages == ("http://example.org/a has 3, {?missing}",)
