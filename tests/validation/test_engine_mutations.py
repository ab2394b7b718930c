"""Hypothesis mutates a generated record (drop, duplicate or retype a value, break a date,
remove a decision), and the compiled engine must give pySHACL's results on every mutant."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import capgraph
from capgraph.namespaces import CAP, XSD

from .test_engines import both_engines

_KINDS = ("drop", "duplicate", "retype", "break-date", "remove-decision")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from benchmarks.generate import generate

    return generate(tmp_path_factory.mktemp("mutants") / "record", size=2_000, seed=5).path


def _mutate(store: ox.Store, kind: str, pick: int) -> None:
    quads = sorted(store.quads_for_pattern(None, None, None, None), key=str)
    if kind == "remove-decision":
        decisions = sorted(
            {q.subject for q in quads if q.predicate.value == CAP + "decisionStatus"}, key=str
        )
        target = decisions[pick % len(decisions)]
        for quad in quads:
            if target in (quad.subject, quad.object):
                store.remove(quad)
        return
    if kind == "break-date":
        dated = [
            q for q in quads if isinstance(q.object, ox.Literal) and "date" in q.predicate.value
        ]
        quad = dated[pick % len(dated)]
        store.remove(quad)
        broken = ox.Literal(quad.object.value + "-31", datatype=quad.object.datatype)
        store.add(ox.Quad(quad.subject, quad.predicate, broken, quad.graph_name))
        return
    quad = quads[pick % len(quads)]
    if kind == "drop":
        store.remove(quad)
    elif kind == "duplicate":
        extra = (
            ox.Literal(f"{quad.object.value} (again)")
            if isinstance(quad.object, ox.Literal)
            else ox.NamedNode(f"{quad.object.value}-again")
            if isinstance(quad.object, ox.NamedNode)
            else quad.object
        )
        store.add(ox.Quad(quad.subject, quad.predicate, extra, quad.graph_name))
    else:  # retype: an IRI becomes a string, a literal becomes an xsd:token
        value = quad.object.value
        retyped = ox.Literal(value, datatype=ox.NamedNode(XSD + "token"))
        store.remove(quad)
        store.add(ox.Quad(quad.subject, quad.predicate, retyped, quad.graph_name))


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(kind=st.sampled_from(_KINDS), pick=st.integers(min_value=0, max_value=10**6))
def test_mutants_give_pyshacls_results(generated: Path, kind: str, pick: int) -> None:
    kg = capgraph.open(generated)
    _mutate(kg.store, kind, pick)
    _reference, compiled = both_engines(kg)
    assert compiled.fallbacks == ()
