"""Run one W3C test through an engine: capgraph's (compiled, with its fallback) or pySHACL."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
import rdflib

from capgraph.validation._pyshacl import pyshacl_results
from capgraph.validation._shacl import Engine, shape_results, split

from .suite import Case, Key, keys


@dataclass(frozen=True)
class Run:
    """An engine's keys for a test, and the shapes the compiled engine left to pySHACL."""

    keys: frozenset[Key]
    fallbacks: tuple[str, ...] = ()


def _rdflib(case: Case, path: object) -> rdflib.Graph:
    assert isinstance(path, type(case.data))
    return rdflib.Graph().parse(path, format="turtle", publicID=path.as_uri())


def run_capgraph(case: Case) -> Run:
    store = ox.Store()
    store.load(path=str(case.data), format=ox.RdfFormat.TURTLE, base_iri=case.data.as_uri())
    core, constraints = split(_rdflib(case, case.shapes))
    found = shape_results(
        core, constraints, store, data=lambda: _rdflib(case, case.data), engine=Engine.COMPILED
    )
    return Run(keys(found.results), tuple(f"{f.shape}: {f.reason}" for f in found.fallbacks))


def run_pyshacl(case: Case) -> Run:
    return Run(keys(pyshacl_results(_rdflib(case, case.data), _rdflib(case, case.shapes))))
