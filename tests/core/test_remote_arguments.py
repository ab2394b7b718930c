"""``capgraph.remote`` takes the arguments docs/remote.md documents, against a real Oxigraph."""

from __future__ import annotations

import datetime

import pytest

import capgraph
from conftest_servers import oxigraph_server

from .conftest import MINI

pytestmark = pytest.mark.server


def test_default_graph_uris_pick_the_graphs_a_store_answers_over() -> None:
    kg = capgraph.open(MINI)
    with oxigraph_server(union_default_graph=False) as server:
        capgraph.publish(kg, endpoint_url=server.query_url)
        with pytest.raises(capgraph.EndpointError, match="not the union of its named graphs"):
            capgraph.remote(server.query_url, project_dir=MINI).query("meetings")
        graphs = [g for g in kg.graph_names() if g.startswith("https://example.org/rec/")]
        answered = capgraph.remote(
            server.query_url, project_dir=MINI, timeout=10.0, default_graph_uris=graphs
        ).query("meetings")
    assert answered == kg.query("meetings")
    assert answered.column("date")[:2] == [
        capgraph.PartialDate(2019, 10),
        datetime.date(2020, 12, 3),
    ]


def test_one_string_is_not_taken_for_a_list_of_graphs() -> None:
    with pytest.raises(capgraph.ParameterError, match="several IRIs"):
        capgraph.remote(
            "http://127.0.0.1:9/query", default_graph_uris="https://example.org/rec/graph-a"
        )
