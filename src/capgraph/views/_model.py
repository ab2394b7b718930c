"""The four governance views as networkx graphs, built from the library's answers.

Every node carries ``type``, ``label`` (readable, never an IRI), ``iri``, ``body``,
``body_label``, ``date`` (the lexical date at the record's precision, ``start/end`` for a
meeting over several days, ``None`` when the record has none) and ``state``; some views add
more. Every edge carries ``type``. The states come from
:mod:`capgraph.procedure`, so a view never disagrees with ``status``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from capgraph.procedure._decisions import DecisionRecord, first, local_name
from capgraph.query import Queryable, Value
from capgraph.views._labels import (
    body_name,
    date_sort_key,
    decision_action,
    decision_label,
    decision_session,
    decision_when,
    decision_where,
)

if TYPE_CHECKING:
    import networkx as nx

    from capgraph.procedure import ProcessStatus, TraceNode


@dataclass(frozen=True)
class BodyInfo:
    """A body (or organisation) with its place in the hierarchy and its counts."""

    iri: str
    label: str
    short: str
    kind: str
    classification: str | None
    parents: tuple[str, ...]
    sessions: int
    decisions: int
    taken: int
    expected: int
    #: Texts presented or submitted to the body: received, not decided by it.
    presented_to: int = 0


def words(value: str | None) -> str | None:
    """``inForce`` → ``in force``: a state as people say it."""
    if value is None:
        return None
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", value).lower()


def bodies(source: Queryable) -> dict[str, BodyInfo]:
    """Every body and organisation in the record (``view-bodies``), keyed by IRI."""
    grouped: dict[str, list[Mapping[str, Value]]] = {}
    for row in source.query("view-bodies"):
        grouped.setdefault(str(row["body"]), []).append(row)
    found: dict[str, BodyInfo] = {}
    for iri, rows in sorted(grouped.items()):
        label = first(r.get("label") for r in rows) or local_name(iri) or iri
        shorts = sorted({str(r["short"]) for r in rows if r.get("short")},
                        key=lambda s: (len(s), s))  # fmt: skip
        found[iri] = BodyInfo(
            iri=iri,
            label=label,
            short=shorts[0] if shorts else label,
            kind=str(rows[0].get("kind") or "body"),
            classification=words(local_name(first(r.get("classificationLabel") for r in rows))),
            parents=tuple(sorted({str(r["parent"]) for r in rows if r.get("parent")})),
            sessions=_count(rows, "sessions"),
            decisions=_count(rows, "decisions"),
            taken=_count(rows, "taken"),
            expected=_count(rows, "expected"),
            presented_to=_count(rows, "presentedTo"),
        )
    return found


def _count(rows: list[Mapping[str, Value]], key: str) -> int:
    value = rows[0].get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def short_names(info: Mapping[str, BodyInfo]) -> dict[str, str]:
    return {iri: body.short for iri, body in info.items()}


def _digraph(view: str, title: str) -> nx.DiGraph:
    import networkx as nx

    graph = nx.DiGraph()
    graph.graph.update(view=view, title=title)
    return graph


def _decision_attrs(decision: DecisionRecord, short: dict[str, str]) -> dict[str, object]:
    return {
        "type": "decision",
        "label": decision_label(decision, short),
        "where": decision_where(decision, short),
        "session": decision_session(decision, short),
        "when": decision_when(decision),
        "action": decision_action(decision),
        "iri": decision.iri,
        # A presentation sits in the lane of the body it went to, whose session received it.
        "body": decision.place,
        "body_label": body_name(decision.place, decision.place_label, short),
        "date": decision.when,
        "record": decision.status,
        "details": _decision_details(decision),
    }


def _decision_details(decision: DecisionRecord) -> tuple[str, ...]:
    if decision.recipient and not decision.body:
        lines = [f"{decision_action(decision)} to {decision.recipient_label or '?'}"]
    else:
        lines = [f"{decision.body_label or '?'} {decision_action(decision)}"]
    if decision.object_label:
        lines.append(f"on: {decision.object_label}")
    if decision.sessions:
        lines.append(f"at: {decision.session_names}")
    lines.append(f"date: {decision.when or 'none in the record'}")
    lines.extend(str(c) for c in decision.citations)
    return tuple(lines)


# --- approvals -------------------------------------------------------------------------------


def approvals(source: Queryable, item: str | None = None) -> nx.DiGraph:
    """Each process's decisions along its route, in lanes by body, with the state of each step.

    One node per decision that actualises a step (a step with no decision at all gets a
    ``step`` node of its own), ``route`` edges from each step to the next. ``state`` is the
    step's state (done, out of order, skipped, next, pending); ``record`` the decision's
    status (taken, expected, none).
    """
    from capgraph.procedure import status

    processes = sorted(status(source, item), key=_process_order)
    info = bodies(source)
    short = short_names(info)
    graph = _digraph("approvals", "Approvals: who decided on each ToR revision, and when")
    graph.graph["item"] = item
    graph.graph["processes"] = tuple(
        (p.iri, p.route_label or p.label or p.name, words(p.process_status)) for p in processes
    )
    for process in processes:
        previous: list[str] = []
        for step in process.steps:
            nodes = _step_nodes(graph, process, step, short)
            for before in previous:
                for after in nodes:
                    travelled = graph.nodes[after]["state"] in ("done", "out of order")
                    graph.add_edge(before, after, type="route",
                                   state="travelled" if travelled else "expected")  # fmt: skip
            previous = nodes
    graph.graph["lanes"] = _lanes(processes, graph, short)
    return graph


def _process_order(process: ProcessStatus) -> tuple[str, str]:
    dates = [
        date_sort_key(d.when) for s in process.steps for d in s.decisions if d.when is not None
    ]
    return (min(dates) if dates else "9999", process.iri)


def _step_nodes(
    graph: nx.DiGraph, process: ProcessStatus, step: object, short: dict[str, str]
) -> list[str]:
    from capgraph.procedure import StepStatus

    assert isinstance(step, StepStatus)
    common = {
        "process": process.iri,
        "position": step.position,
        "step_label": step.what,
        "state": step.state.value,
        "lane": step.place,
    }
    nodes: list[str] = []
    for decision in step.decisions:
        attrs = _decision_attrs(decision, short) | common
        attrs["undated"] = decision.when is None
        attrs["details"] = (f"step {step.position}: {step.state.value}", *attrs["details"])  # type: ignore[misc]
        graph.add_node(decision.iri, **attrs)
        nodes.append(decision.iri)
    if not nodes:
        node = f"{step.iri}|{process.iri}"
        name = body_name(step.place, step.place_label, short)
        action = step.action_label or local_name(step.action) or "?"
        graph.add_node(
            node, type="step", label=f"{name}: {action} (no decision recorded)",
            where=name, session=name, when=None, action=action, iri=step.iri, body=step.place,
            body_label=name, date=None, record="none", undated=True,
            details=(f"step {step.position}: {step.state.value}", "no decision in the record"),
            **common,
        )  # fmt: skip
        nodes.append(node)
    return nodes


def _lanes(
    processes: Iterable[ProcessStatus], graph: nx.DiGraph, short: dict[str, str]
) -> tuple[tuple[str, str], ...]:
    """Bodies bottom to top by where they stand in their routes."""
    order = route_order(processes)
    for _node, attrs in graph.nodes(data=True):
        lane = attrs.get("lane")
        if lane is None:
            lane = attrs["lane"] = attrs.get("body") or "?"
        if lane not in order:
            order.append(str(lane))
    return tuple((body, body_name(body, None, short) if body != "?" else "?") for body in order)


def route_order(processes: Iterable[ProcessStatus]) -> list[str]:
    """Bodies by their mean relative position along the routes (position / route length):
    the body that starts revisions first, the one that gives final approval last."""
    places: dict[str, list[float]] = {}
    for process in processes:
        count = max((s.position for s in process.steps), default=1)
        for step in process.steps:
            if step.place is not None:
                places.setdefault(step.place, []).append(step.position / count)
    return sorted(places, key=lambda b: (sum(places[b]) / len(places[b]), b))


# --- history ---------------------------------------------------------------------------------


def history(source: Queryable) -> nx.DiGraph:
    """The ToR versions in order, each with its mandate and the decisions on it.

    A version's ``date`` is the latest date among its taken decisions (``None`` if none is
    dated); its ``state`` is the version status. Edges: ``revision of`` (version → the
    version it revises), ``mandate`` (version → its mandate), ``decision on`` (decision →
    version, with the ``action``).
    """
    from capgraph.procedure import history as version_history
    from capgraph.procedure import in_force_periods

    short = short_names(bodies(source))
    graph = _digraph("history", "History of the Terms of Reference: versions, mandates, decisions")
    versions = version_history(source)
    graph.graph["versions"] = tuple(v.iri for v in versions)
    for version in versions:
        dated = [d.when for d in version.decisions if d.taken and d.when]
        date = max(dated, key=date_sort_key) if dated else None
        graph.add_node(
            version.iri, type="version", label=version.label or version.name, iri=version.iri,
            body=None, body_label=None, date=date, state=words(version.version_status),
            work=version.work_label,
            processes=tuple((p.name, words(p.status)) for p in version.processes),
            details=tuple(p.summary for p in version.processes),
        )  # fmt: skip
        if version.mandate:
            mandate = f"{version.iri}#mandate"
            kind = version.mandate_kind or "mandate"
            quote = f"“{version.mandate}”"
            graph.add_node(
                mandate, type="mandate", kind=kind, quote=quote,
                label=quote if kind == "mandate" else f"{kind.capitalize()}: {quote}",
                iri=version.iri, body=None, body_label=None, date=None, state=None,
                details=tuple(str(c) for c in version.mandate_citations),
            )  # fmt: skip
            graph.add_edge(version.iri, mandate, type="mandate")
        for decision in version.decisions:
            attrs = _decision_attrs(decision, short)
            graph.add_node(decision.iri, **attrs, state=decision.status)
            graph.add_edge(decision.iri, version.iri, type="decision on", action=attrs["action"],
                           state="taken" if decision.taken else "expected")  # fmt: skip
    for version in versions:
        if version.previous is not None and version.previous in graph:
            graph.add_edge(version.iri, version.previous, type="revision of")
    graph.graph["periods"] = in_force_periods(source)  # the ToR timeline
    return graph


# --- provenance ------------------------------------------------------------------------------


def provenance(source: Queryable, tool: str | None = None) -> nx.DiGraph:
    """A tool's provenance trail as a tree, from the tool to the Council's mandate.

    Without ``tool``, the trails of every tool in one graph (shared nodes appear once).
    Edges point from a node to what it rests on and carry the trail's relation: generated by,
    carried out by, plan, under mandate, revision of, decision.
    """
    from capgraph.procedure._trace import list_tools, resolve_tool, trace

    short = short_names(bodies(source))
    tools = list_tools(source)
    chosen = [resolve_tool(tools, tool)] if tool is not None else list(tools)
    title = "Provenance: where each tool comes from"
    if tool is not None:
        title = f"Provenance of the {chosen[0].label or chosen[0].name}"
    graph = _digraph("provenance", title)
    graph.graph["item"] = tool
    graph.graph["roots"] = tuple(t.iri for t in chosen)
    for info in chosen:
        _add_trail(graph, trace(source, info.iri), short)
    return graph


def _add_trail(graph: nx.DiGraph, node: TraceNode, short: dict[str, str]) -> None:
    if node.iri not in graph:
        if node.decision is not None:
            attrs = _decision_attrs(node.decision, short)
            attrs["state"] = node.decision.status
        else:
            body = node.iri if node.kind == "body" else None
            attrs = {
                "type": node.kind, "label": node.label, "iri": node.iri, "body": body,
                "body_label": short.get(node.iri, node.label) if body else None, "date": None,
                "state": words(node.status),
                "details": tuple(str(c) for c in node.citations),
            }  # fmt: skip
        graph.add_node(node.iri, **attrs)
    for child in node.children:
        _add_trail(graph, child, short)
        relation = "decision" if child.kind == "decision" else (child.relation or "link")
        state = None
        if child.decision is not None:
            state = "taken" if child.decision.taken else "expected"
        graph.add_edge(node.iri, child.iri, type=relation, state=state,
                       details=tuple(str(c) for c in child.citations))  # fmt: skip


# --- overview --------------------------------------------------------------------------------


def overview(source: Queryable) -> nx.DiGraph:
    """Bodies, their hierarchy (``part of``), their counts, and who passes to whom on a route.

    ``route`` edges join the bodies of consecutive steps of every route a process follows;
    ``routes`` names the routes that take the edge.
    """
    from capgraph.procedure import status

    info = bodies(source)
    graph = _digraph("overview", "Bodies: hierarchy, sessions and decisions in the record")
    for body in info.values():
        counts = f"{body.sessions} sessions, {body.decisions} decisions"
        if body.expected:
            counts += f" ({body.expected} expected)"
        graph.add_node(
            body.iri, type=body.kind, label=body.label, short=body.short, iri=body.iri,
            body=body.iri, body_label=body.short, date=None, state=None,
            classification=body.classification, sessions=body.sessions,
            decisions=body.decisions, taken=body.taken, expected=body.expected,
            details=tuple(x for x in (body.classification, counts) if x),
        )  # fmt: skip
    for body in info.values():
        for parent in body.parents:
            if parent in graph:
                graph.add_edge(body.iri, parent, type="part of")
    processes = status(source)
    on_routes = [b for b in route_order(processes) if b in graph]
    others = sorted((b for b in info if b not in on_routes), key=lambda b: (info[b].label, b))
    graph.graph["row"] = tuple(on_routes + others)
    _add_routes(graph, processes)
    return graph


def _add_routes(graph: nx.DiGraph, processes: Iterable[ProcessStatus]) -> None:
    """A ``route`` edge between the bodies of consecutive steps of each route, once per pair."""
    routes: dict[str, tuple[str, list[str | None]]] = {}
    for process in processes:
        if process.route is not None:
            bodies_on_route = [s.place for s in process.steps]
            routes.setdefault(process.route, (process.route_label or process.name, bodies_on_route))
    graph.graph["routes"] = tuple(label for _iri, (label, _b) in sorted(routes.items()))
    for _iri, (label, sequence) in sorted(routes.items()):
        for before, after in itertools.pairwise(sequence):
            if before is None or after is None or before == after:
                continue
            if before not in graph or after not in graph:
                continue
            if graph.has_edge(before, after):  # a route along a "part of" edge, or a second route
                edge = graph.edges[before, after]
                edge["routes"] = (*edge.get("routes", ()), label)
            else:
                graph.add_edge(before, after, type="route", routes=(label,))
