"""Mermaid flowcharts of the views, to paste into Markdown (GitHub renders them).

Nodes get short ids (``n1``, ``n2``…) in the graph's own order, so the text is stable; each
node's state becomes a class (done, next, pending, expected…), and the approvals view groups
its decisions in one subgraph per body, the nearest Mermaid has to swimlanes. The history
view ends with a timeline of when each version was in force, uncertain periods dashed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from capgraph.views._canvas import OPEN_STATES, STATE_COLOURS
from capgraph.views._labels import timeline_labels

#: A period of the ToR timeline whose version in force the dates leave open.
UNCERTAIN_STYLE = "fill:#fff8e1,stroke:#b26a00,color:#7a4a00,stroke-dasharray:6 4"
IN_FORCE_STYLE = "fill:#d1e7dd,stroke:#0f5132,color:#0f5132"

if TYPE_CHECKING:
    import networkx as nx


def render(graph: nx.DiGraph) -> str:
    """The view as a Mermaid ``flowchart`` (text ending in a newline)."""
    ids = {node: f"n{i}" for i, node in enumerate(graph.nodes, start=1)}
    lines = ["flowchart LR", f"  %% {graph.graph.get('title', '')}"]
    if graph.graph.get("view") == "approvals":
        lines += _lanes(graph, ids)
    else:
        lines += [f"  {ids[n]}{_shape(graph, n)}" for n in graph.nodes]
    for u, v, attrs in graph.edges(data=True):
        arrow = "-.->" if attrs.get("state") == "expected" else "-->"
        label = _edge_label(attrs)
        lines.append(f"  {ids[u]} {arrow}|\"{_text(label)}\"| {ids[v]}" if label else
                     f"  {ids[u]} {arrow} {ids[v]}")  # fmt: skip
    classes: dict[str, list[str]] = {}
    for node, attrs in graph.nodes(data=True):
        state = attrs.get("state")
        if state:
            classes.setdefault(_class(str(state)), []).append(ids[node])
    for name, members in sorted(classes.items()):
        lines.append(f"  classDef {name} {_style(name)}")
        lines.append(f"  class {','.join(members)} {name}")
    lines += _timeline(graph)
    return "\n".join(lines) + "\n"


def _timeline(graph: nx.DiGraph) -> list[str]:
    """The history view's ToR timeline: one subgraph, its periods joined by plain links."""
    periods = timeline_labels(graph.graph.get("periods", ()))
    if not periods:
        return []
    lines = ['  subgraph timeline["When each version was in force"]', "    direction LR"]
    lines += [f'    t{i}["{_text(label)}"]' for i, (_kind, label) in enumerate(periods, start=1)]
    if len(periods) > 1:
        lines.append("    " + " --- ".join(f"t{i}" for i in range(1, len(periods) + 1)))
    lines.append("  end")
    for kind, name, style in (("in force", "periodInForce", IN_FORCE_STYLE),
                              ("uncertain", "periodUncertain", UNCERTAIN_STYLE)):  # fmt: skip
        members = [f"t{i}" for i, (k, _label) in enumerate(periods, start=1) if k == kind]
        if members:
            lines.append(f"  classDef {name} {style}")
            lines.append(f"  class {','.join(members)} {name}")
    return lines


def _lanes(graph: nx.DiGraph, ids: dict[str, str]) -> list[str]:
    lines: list[str] = []
    for index, (body, name) in enumerate(graph.graph["lanes"]):
        members = [n for n, a in graph.nodes(data=True) if a.get("lane") == body]
        if not members:
            continue
        lines.append(f'  subgraph lane{index}["{_text(name)}"]')
        lines += [f"    {ids[n]}{_shape(graph, n)}" for n in members]
        lines.append("  end")
    return lines


def _shape(graph: nx.DiGraph, node: str) -> str:
    attrs = graph.nodes[node]
    kind = attrs.get("type")
    if kind == "decision" and attrs.get("session"):
        when = f"{attrs['when']} · " if attrs.get("when") else ""
        return f'("{_text(str(attrs["session"]))}<br/>{_text(when + str(attrs["action"]))}")'
    text = _text(str(attrs.get("label", node)))
    if kind == "version":
        return f'[["{text}<br/>{_text(str(attrs.get("state") or ""))}"]]'
    if kind == "mandate":
        return f'>"{text}"]'
    if kind in ("body", "organisation") and "sessions" in attrs:
        return f'["{text}<br/>{attrs["sessions"]} sessions, {attrs["decisions"]} decisions"]'
    return f'["{text}"]'


def _edge_label(attrs: dict[str, object]) -> str:
    kind = str(attrs.get("type", ""))
    if kind == "route" and attrs.get("routes"):
        return "; ".join(str(r) for r in attrs["routes"])  # type: ignore[attr-defined]
    if kind == "decision on":
        return str(attrs.get("action", kind))
    return "" if kind == "route" else kind


def _text(text: str) -> str:
    """Text safe inside a quoted Mermaid label."""
    return text.replace('"', "#quot;").replace("|", "#124;").replace("\n", "<br/>")


def _class(state: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", state.lower()).strip("_")


def _style(name: str) -> str:
    state = name.replace("_", " ")
    colour = STATE_COLOURS.get(state, "#7F7F7F")
    if state in OPEN_STATES:
        return f"fill:#ffffff,stroke:{colour},stroke-width:2px,stroke-dasharray:4 3"
    return f"fill:{colour},stroke:{colour},color:#ffffff"
