"""Each view's graph, exactly, on the bundled record: nodes, edges, states, dates, labels."""

from __future__ import annotations

import networkx as nx
import pytest

from capgraph import views
from capgraph.procedure import status
from capgraph.query import KnowledgeGraph

ID = "https://w3id.org/capgraph/id/"


def short(iri: str) -> str:
    return iri.removeprefix(ID)


def nodes(graph: nx.DiGraph, *keys: str) -> dict[str, tuple[object, ...]]:
    return {short(n): tuple(a.get(k) for k in keys) for n, a in graph.nodes(data=True)}


def edges(graph: nx.DiGraph) -> set[tuple[str, str, str]]:
    return {(short(u), short(v), a["type"]) for u, v, a in graph.edges(data=True)}


def test_approvals_nodes_states_and_dates(record: KnowledgeGraph) -> None:
    graph = views.approvals(record)
    assert nodes(graph, "type", "state", "record", "date", "label") == {
        "decision/council-113-114-adopted-tor-2009": (
            "decision", "done", "taken", "2009-06",
            "113th/114th Council Sessions, Jun 2009: adopted"),
        "decision/cap-group-16-reviewed-tor-2020": (
            "decision", "done", "taken", "2019-09-30/2019-10-01",
            "16th CAP Group Meeting, 30 Sep\u20131 Oct 2019: reviewed"),
        # Presentations to the EC and the PTC (para 4): in the lane of the body they went to.
        # The intended submission to the Policy Commission is on no step, so not in this view.
        "presentation/ec-39-tor-2020": (
            "decision", "done", "taken", "2019-10",
            "39th EC Session, Oct 2019: presented for approval"),
        "presentation/ptc-227-228-tor-2020": (
            "decision", "done", "taken", "2020-07",
            "227th/228th PTC Sessions, Jul 2020: presented for approval"),
        "decision/council-137-approved-tor-2020": (
            "decision", "done", "taken", "2020-12",
            "137th Council Session, Dec 2020: approved"),
        "decision/cap-group-19-approved-tor-cap19": (
            "decision", "done", "taken", None, "19th CAP Group Meeting, undated: approved"),
        "decision/ptc-endorsement-tor-cap19": (
            "decision", "next", "expected", None, "PTC: endorsed (expected)"),
        "decision/council-final-approval-tor-cap19": (
            "decision", "pending", "expected", None, "Council: approved (expected)"),
    }  # fmt: skip


def test_approvals_edges_follow_the_routes(record: KnowledgeGraph) -> None:
    graph = views.approvals(record)
    route = {(short(u), short(v), a["state"]) for u, v, a in graph.edges(data=True)}
    assert route == {
        ("decision/cap-group-16-reviewed-tor-2020", "presentation/ec-39-tor-2020",
         "travelled"),
        ("presentation/ec-39-tor-2020", "presentation/ptc-227-228-tor-2020",
         "travelled"),
        ("presentation/ptc-227-228-tor-2020", "decision/council-137-approved-tor-2020",
         "travelled"),
        ("decision/cap-group-19-approved-tor-cap19", "decision/ptc-endorsement-tor-cap19",
         "expected"),
        ("decision/ptc-endorsement-tor-cap19", "decision/council-final-approval-tor-cap19",
         "expected"),
    }  # fmt: skip
    assert {a["type"] for _u, _v, a in graph.edges(data=True)} == {"route"}


def test_approvals_lanes_processes_and_bodies(record: KnowledgeGraph) -> None:
    graph = views.approvals(record)
    assert [name for _body, name in graph.graph["lanes"]] == [
        "CAP Group", "EC", "PTC", "Council"]  # fmt: skip
    assert [(short(p), s) for p, _label, s in graph.graph["processes"]] == [
        ("process/tor-adoption-2009", "complete"),
        ("process/tor-review-2019", "complete"),
        ("process/tor-revision-cap19", "in progress"),
    ]
    for _node, attrs in graph.nodes(data=True):
        assert attrs["lane"] == attrs["body"]
        assert attrs["undated"] is (attrs["date"] is None)


def test_approvals_of_one_item(record: KnowledgeGraph) -> None:
    graph = views.approvals(record, "cap19")
    assert sorted(short(n) for n in graph) == [
        "decision/cap-group-19-approved-tor-cap19",
        "decision/council-final-approval-tor-cap19",
        "decision/ptc-endorsement-tor-cap19",
    ]
    assert [name for _body, name in graph.graph["lanes"]] == ["CAP Group", "PTC", "Council"]


def test_approvals_states_agree_with_status(fixture_record: KnowledgeGraph) -> None:
    """Every state the rules know (fixtures of tests/procedure): one source of truth."""
    graph = views.approvals(fixture_record)
    expected = {}
    for process in status(fixture_record):
        for step in process.steps:
            keys = [d.iri for d in step.decisions] or [f"{step.iri}|{process.iri}"]
            for key in keys:
                expected[key] = step.state.value
    assert {n: a["state"] for n, a in graph.nodes(data=True)} == expected
    assert {"done", "out of order", "skipped", "next", "pending"} <= set(expected.values())
    placeholders = [a for _n, a in graph.nodes(data=True) if a["type"] == "step"]
    assert placeholders
    assert all(a["record"] == "none" for a in placeholders)


def test_history(record: KnowledgeGraph) -> None:
    graph = views.history(record)
    assert [short(v) for v in graph.graph["versions"]] == [
        "tor/cap-group/2009", "tor/cap-group/2020", "tor/cap-group/cap19"]  # fmt: skip
    versions = {short(n): (a["state"], a["date"]) for n, a in graph.nodes(data=True)
                if a["type"] == "version"}  # fmt: skip
    assert versions == {
        "tor/cap-group/2009": ("superseded", "2009-06"),
        "tor/cap-group/2020": ("in force", "2020-12"),
        "tor/cap-group/cap19": ("proposed", None),
    }
    mandates = {short(n): a["label"] for n, a in graph.nodes(data=True) if a["type"] == "mandate"}
    assert mandates == {
        "tor/cap-group/2009#mandate": "\u201conly allow for an exchange of practices, "
        "experiences and views on the subject of counterfeiting and piracy\u201d",
        "tor/cap-group/2020#mandate": "\u201callowing the Secretariat on the basis of the IPR "
        "Strategy 2020, endorsed by the 40th Enforcement Committee (EC), to develop tools to "
        "better support Members in addressing emerging trends in counterfeiting and piracy\u201d",
        "tor/cap-group/cap19#mandate": "Amendment aim: \u201ctake into consideration the "
        "Strategic Plan Work Programmes relating to the CAP Group and the extraordinary means "
        "of operation\u201d",
    }
    decisions = {short(n): a["state"] for n, a in graph.nodes(data=True)
                 if a["type"] == "decision"}  # fmt: skip
    assert decisions == {
        "decision/council-113-114-adopted-tor-2009": "taken",
        "decision/cap-group-16-reviewed-tor-2020": "taken",
        "presentation/ec-39-tor-2020": "taken",
        "presentation/ptc-227-228-tor-2020": "taken",
        "presentation/pc-83-tor-2020": "intended",
        "decision/council-137-approved-tor-2020": "taken",
        "decision/cap-group-19-approved-tor-cap19": "taken",
        "decision/ptc-endorsement-tor-cap19": "expected",
        "decision/council-final-approval-tor-cap19": "expected",
    }
    on = "decision on"
    assert edges(graph) == {
        ("tor/cap-group/2020", "tor/cap-group/2009", "revision of"),
        ("tor/cap-group/cap19", "tor/cap-group/2020", "revision of"),
        ("tor/cap-group/2009", "tor/cap-group/2009#mandate", "mandate"),
        ("tor/cap-group/2020", "tor/cap-group/2020#mandate", "mandate"),
        ("tor/cap-group/cap19", "tor/cap-group/cap19#mandate", "mandate"),
        ("decision/council-113-114-adopted-tor-2009", "tor/cap-group/2009", on),
        ("decision/cap-group-16-reviewed-tor-2020", "tor/cap-group/2020", on),
        ("presentation/ec-39-tor-2020", "tor/cap-group/2020", on),
        ("presentation/ptc-227-228-tor-2020", "tor/cap-group/2020", on),
        ("presentation/pc-83-tor-2020", "tor/cap-group/2020", on),
        ("decision/council-137-approved-tor-2020", "tor/cap-group/2020", on),
        ("decision/cap-group-19-approved-tor-cap19", "tor/cap-group/cap19", on),
        ("decision/ptc-endorsement-tor-cap19", "tor/cap-group/cap19", on),
        ("decision/council-final-approval-tor-cap19", "tor/cap-group/cap19", on),
    }
    expected = [(short(u), a["state"]) for u, _v, a in graph.edges(data=True)
                if a.get("state") == "expected"]  # fmt: skip
    # An edge from a decision not taken is open ("expected", drawn dashed); the node of the
    # intended submission to the Policy Commission says "intended".
    assert sorted(expected) == [("decision/council-final-approval-tor-cap19", "expected"),
                                ("decision/ptc-endorsement-tor-cap19", "expected"),
                                ("presentation/pc-83-tor-2020", "expected")]  # fmt: skip


def test_provenance_of_the_handbook(record: KnowledgeGraph) -> None:
    graph = views.provenance(record, "ipr-handbook")
    assert nx.is_tree(graph.to_undirected())
    assert nx.is_directed_acyclic_graph(graph)
    assert nodes(graph, "type", "state") == {
        "tool/ipr-handbook": ("tool", "developed"),
        "activity/develop-ipr-handbook": ("activity", None),
        "body/secretariat": ("body", None),
        "document/ipr-strategy-2020": ("strategy", None),
        "decision/ec-40-endorsed-ipr-strategy-2020": ("decision", "taken"),
        "tor/cap-group/2020": ("ToR version", None),
        "decision/cap-group-16-reviewed-tor-2020": ("decision", "taken"),
        "presentation/ec-39-tor-2020": ("decision", "taken"),
        "presentation/ptc-227-228-tor-2020": ("decision", "taken"),
        "presentation/pc-83-tor-2020": ("decision", "intended"),
        "decision/council-137-approved-tor-2020": ("decision", "taken"),
        "tor/cap-group/2009": ("ToR version", None),
        "decision/council-113-114-adopted-tor-2009": ("decision", "taken"),
    }
    d = "decision"
    assert edges(graph) == {
        ("tool/ipr-handbook", "activity/develop-ipr-handbook", "generated by"),
        ("activity/develop-ipr-handbook", "body/secretariat", "carried out by"),
        ("activity/develop-ipr-handbook", "document/ipr-strategy-2020", "plan"),
        ("activity/develop-ipr-handbook", "tor/cap-group/2020", "under mandate"),
        ("document/ipr-strategy-2020", "decision/ec-40-endorsed-ipr-strategy-2020", d),
        ("tor/cap-group/2020", "decision/cap-group-16-reviewed-tor-2020", d),
        ("tor/cap-group/2020", "presentation/ec-39-tor-2020", d),
        ("tor/cap-group/2020", "presentation/ptc-227-228-tor-2020", d),
        ("tor/cap-group/2020", "presentation/pc-83-tor-2020", d),
        ("tor/cap-group/2020", "decision/council-137-approved-tor-2020", d),
        ("tor/cap-group/2020", "tor/cap-group/2009", "revision of"),
        ("tor/cap-group/2009", "decision/council-113-114-adopted-tor-2009", d),
    }
    # From the tool to the Council's approval of the mandate.
    assert nx.has_path(
        graph, f"{ID}tool/ipr-handbook", f"{ID}decision/council-137-approved-tor-2020"
    )


def test_provenance_of_a_tool_in_development(record: KnowledgeGraph) -> None:
    graph = views.provenance(record, "e-commerce-case-studies")
    assert graph.nodes[f"{ID}tool/e-commerce-case-studies"]["state"] == "in development"
    assert {short(v) for _u, v, a in graph.edges(data=True) if a["type"] == "plan"} == {
        "priority/e-commerce", "priority/green-customs"}  # fmt: skip
    assert {short(n) for n, a in graph.nodes(data=True) if a["type"] == "decision"} == {
        "decision/council-139-140-set-priority-e-commerce",
        "decision/council-139-140-set-priority-green-customs",
    }


def test_provenance_of_every_tool_shares_nodes(record: KnowledgeGraph) -> None:
    graph = views.provenance(record)
    tools = sorted(short(n) for n, a in graph.nodes(data=True) if a["type"] == "tool")
    assert tools == [
        "tool/clikc-covid-19-module", "tool/covid-19-checklist", "tool/e-commerce-case-studies",
        "tool/ipr-cencomm", "tool/ipr-handbook", "tool/ipr-self-assessment-tool",
        "tool/storage-destruction-guidelines",
    ]  # fmt: skip
    mandate = f"{ID}tor/cap-group/2020"
    assert graph.in_degree(mandate) == 5  # the five tools developed under the 2020 mandate
    assert sorted(short(n) for n in graph.graph["roots"]) == tools


def test_overview(record: KnowledgeGraph) -> None:
    graph = views.overview(record)
    assert nodes(graph, "type", "short", "sessions", "decisions", "expected") == {
        "body/wco": ("organisation", "WCO", 0, 0, 0),
        "body/cap-group": ("body", "CAP Group", 4, 2, 0),
        # Decisions taken or expected by each body: a text presented or submitted to a body is
        # no decision of it (para 4), so the EC has one (the 40th's endorsement), the Policy
        # Commission two (the 86th's approvals) and the PTC three, all expected.
        "body/enforcement-committee": ("body", "EC", 2, 1, 0),
        "body/ptc": ("body", "PTC", 2, 3, 3),
        "body/policy-commission": ("body", "Policy Commission", 2, 2, 0),
        "body/council": ("body", "Council", 5, 7, 1),
        "body/secretariat": ("body", "Secretariat", 0, 0, 0),
    }
    review = "Review of the CAP Group ToR (2019-2020)"
    cap19 = "Revision of the CAP Group ToR approved at the 19th CAP Meeting"
    assert {(short(u), short(v), a["type"], a.get("routes")) for u, v, a
            in graph.edges(data=True)} == {
        ("body/cap-group", "body/wco", "part of", None),
        ("body/cap-group", "body/enforcement-committee", "route", (review,)),
        ("body/enforcement-committee", "body/ptc", "route", (review,)),
        ("body/ptc", "body/council", "route", (review, cap19)),
        ("body/cap-group", "body/ptc", "route", (cap19,)),
    }  # fmt: skip
    assert [short(n) for n in graph.graph["row"]] == [
        "body/cap-group", "body/enforcement-committee", "body/ptc", "body/council",
        "body/policy-commission", "body/secretariat", "body/wco"]  # fmt: skip


@pytest.mark.parametrize("view", views.VIEWS)
def test_labels_are_never_iris(record: KnowledgeGraph, view: str) -> None:
    graph = views.build(record, view, item="ipr-handbook" if view == "provenance" else None)
    for _node, attrs in graph.nodes(data=True):
        assert "://" not in str(attrs["label"]), attrs["label"]
        assert attrs["type"]
    for _u, _v, attrs in graph.edges(data=True):
        assert attrs["type"]


def test_unknown_view_and_item_name_the_choices(record: KnowledgeGraph) -> None:
    from capgraph.errors import ParameterError

    with pytest.raises(ParameterError, match="approvals, history, provenance, overview"):
        views.build(record, "timeline")
    with pytest.raises(ParameterError, match="ipr-handbook"):
        views.build(record, "provenance", item="no-such-tool")
    with pytest.raises(ParameterError, match="tor-revision-cap19"):
        views.build(record, "approvals", item="no-such-process")
    with pytest.raises(ParameterError, match="takes no item"):
        views.build(record, "overview", item="x")
