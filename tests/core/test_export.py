from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

import capgraph
from capgraph.store import FORMATS, canonical_quads, export

from .conftest import MINI


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_is_deterministic(fmt: str) -> None:
    assert export(capgraph.open(MINI), fmt=fmt) == export(capgraph.open(MINI), fmt=fmt)


def test_trig_export_round_trips_to_the_same_dataset() -> None:
    kg = capgraph.open(MINI)
    data = export(kg, fmt="trig")
    assert data.startswith(b"@prefix cap: <https://w3id.org/capgraph/ontology#> .")
    store = ox.Store()
    store.load(data, format=ox.RdfFormat.TRIG)
    assert canonical_quads(store) == canonical_quads(kg.store)
    assert len(store) == len(kg.store)


def test_turtle_export_is_the_union_graph() -> None:
    kg = capgraph.open(MINI)
    graph = rdflib.Graph().parse(data=export(kg, fmt="ttl"), format="turtle")
    assert isomorphic(graph, kg.union_graph())
