"""The interactive page and the Mermaid text: one offline file, stable, readable."""

from __future__ import annotations

import json
import re

import pytest

from capgraph import views
from capgraph.query import KnowledgeGraph
from capgraph.views import _html as html
from capgraph.views import _mermaid as mermaid


@pytest.mark.parametrize("view", views.VIEWS)
def test_html_is_one_offline_file(record: KnowledgeGraph, view: str) -> None:
    graph = views.build(record, view, item="ipr-handbook" if view == "provenance" else None)
    page = html.render(graph)
    assert page.startswith("<!DOCTYPE html>")
    linked = re.findall(r"<(?:script|link|img|iframe)[^>]+(?:src|href)\s*=\s*\"([^\"]*)\"", page,
                        re.IGNORECASE)  # fmt: skip
    assert linked == ["data:,"]  # only the empty favicon, so the browser asks for none
    assert "@import" not in page
    assert re.search(r"url\(\s*['\"]?(https?:)?//", page) is None
    assert "vis-network" in page
    assert "new vis.Network" in page
    assert html.render(graph) == page  # deterministic


def test_html_data_carries_what_the_filters_and_hovers_need(record: KnowledgeGraph) -> None:
    page = html.render(views.approvals(record))
    found = re.search(r'<script type="application/json" id="capgraph-data">(.*?)</script>',
                      page, re.DOTALL)  # fmt: skip
    assert found is not None
    data = json.loads(found.group(1))
    decisions = [n for n in data["nodes"] if not n.get("lane")]
    assert len(decisions) == 8  # the intended submission to the Policy Commission is on no step
    assert sorted({n["state"] for n in decisions}) == data["states"] == ["done", "next", "pending"]
    assert [name for _iri, name in data["bodies"]] == [
        "CAP Group", "Council", "EC", "PTC"]  # fmt: skip
    council = next(n for n in decisions if n["id"].endswith("council-137-approved-tor-2020"))
    assert council["label"] == "137th Council Session\nDec 2020 · approved"
    assert 'para 5: "The revised mandate of the CAP Group was approved' in council["title"]
    assert council["body"].endswith("/body/council")
    assert len(data["edges"]) == 5
    assert sum(e["dashes"] for e in data["edges"]) == 2  # the route still to travel


def test_a_label_cannot_close_the_script() -> None:
    import networkx as nx

    graph = nx.DiGraph(view="provenance", title="t", roots=("a",))
    graph.add_node("a", type="tool", label="</script><script>alert(1)</script>", state=None)
    page = html.render(graph)
    assert page.lower().count("</script") == 3  # the page's own three scripts, no more
    found = re.search(r'id="capgraph-data">(.*?)</script>', page, re.DOTALL)
    assert found is not None
    assert json.loads(found.group(1))["nodes"][0]["title"].startswith("</script><script>")


def test_mermaid(record: KnowledgeGraph) -> None:
    text = mermaid.render(views.approvals(record))
    lines = text.splitlines()
    assert lines[0] == "flowchart LR"
    assert sum(1 for line in lines if line.strip().startswith("subgraph")) == 4  # one per body
    assert '    n5("137th Council Session<br/>Dec 2020 · approved")' in lines
    assert '    n3("39th EC Session<br/>Oct 2019 · presented for approval")' in lines
    assert "  n7 -.-> n8" in lines  # a route still to travel is dashed
    assert "  class n7 next" in lines
    assert "  class n8 pending" in lines
    assert mermaid.render(views.approvals(record)) == text
    assert "https://" not in text


@pytest.mark.parametrize("view", ["history", "provenance", "overview"])
def test_mermaid_of_the_other_views(record: KnowledgeGraph, view: str) -> None:
    graph = views.build(record, view, item="ipr-handbook" if view == "provenance" else None)
    text = mermaid.render(graph)
    assert text.startswith("flowchart LR\n")
    assert len([ln for ln in text.splitlines() if re.match(r"\s+n\d+[\[(>]", ln)]) == len(graph)
    assert len([ln for ln in text.splitlines() if "-->" in ln or "-.->" in ln]) == len(graph.edges)
    assert '"' not in re.sub(r'"[^"\n]*"', "", text)  # every quote is paired
