"""The overview of a generated record whose bodies have parents drawn above the row: a
route between a body in the row and one above it is drawn as an arc (it once raised)."""

from __future__ import annotations

from pathlib import Path

from benchmarks.generate import generate

import capgraph
from capgraph import views


def test_overview_of_a_generated_record_draws_routes_to_parent_bodies(tmp_path: Path) -> None:
    generate(tmp_path / "record", size=10_000, seed=7, defect_rate=0.0)
    graph = views.overview(capgraph.open(tmp_path / "record"))
    above = {u for u, v, a in graph.edges(data=True) if a["type"] == "part of"} | {
        v for u, v, a in graph.edges(data=True) if a["type"] == "part of"
    }
    routed = {n for u, v, a in graph.edges(data=True) if a.get("routes") for n in (u, v)}
    assert routed & above  # the case that raised: a route that ends at a parent body
    svg = views.render(graph, "svg")
    assert svg.startswith(b"<?xml")
