"""The views as one interactive HTML page that works offline: hover details, filters.

The page is written around vis-network, read at render time from the copy the pyvis package
ships (``pyvis/lib/vis-9.1.2``), and inlined: nothing is fetched when the page is viewed.
pyvis's own template is not used: even with ``cdn_resources="in_line"`` it links Bootstrap
from a CDN. The filters (by body and by state) are a small script of our own.

The page is deterministic: positions are computed here (physics off), ids are the graph's
node ids, and the data is written with sorted keys.
"""

from __future__ import annotations

import html
import json
import re
from importlib import resources
from typing import TYPE_CHECKING

from capgraph.errors import CapgraphError
from capgraph.views._canvas import OPEN_STATES, STATE_COLOURS
from capgraph.views._html_page import PAGE, SCRIPT, STYLE

if TYPE_CHECKING:
    import networkx as nx

VIS_VERSION = "9.1.2"
NO_BODY = "(no body)"
NO_STATE = "(no state)"
TYPE_FILLS = {
    "version": "#D9F0E6", "ToR version": "#D9F0E6", "mandate": "#FFF8E1", "tool": "#F3DDEB",
    "tool feature": "#F3DDEB", "activity": "#FFEFD1", "body": "#FFFFFF",
    "organisation": "#EEF3F8", "strategy": "#DCEBF7", "priority": "#DCEBF7",
}  # fmt: skip


def vis_network() -> tuple[str, str]:
    """The vis-network JavaScript and CSS that pyvis ships, as text."""
    try:
        base = resources.files("pyvis") / "lib" / f"vis-{VIS_VERSION}"
        script = (base / "vis-network.min.js").read_text(encoding="utf-8")
        css = (base / "vis-network.css").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as error:
        raise CapgraphError(
            f"the interactive view needs vis-network {VIS_VERSION} as shipped by pyvis 0.3.2 "
            f"(pip install 'capgraph[views]'): {error}"
        ) from None
    return script, css


def render(graph: nx.DiGraph) -> str:
    """The whole page as text."""
    script, css = vis_network()
    data = page_data(graph)
    payload = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return PAGE.format(
        title=html.escape(str(graph.graph.get("title", "capgraph view"))),
        view=html.escape(str(graph.graph.get("view", ""))),
        vis_css=css,
        style=STYLE,
        vis_js=_script_safe(script),
        data=_script_safe(payload),
        script=SCRIPT,
    )


def _script_safe(text: str) -> str:
    """Text that cannot end the ``<script>`` element it sits in.

    Only ``</script`` ends it (and ``<!--`` can start the double-escaped state), so only
    those are touched: ``<\\/script`` means the same in a JS string, regex or JSON string.
    """
    closed = re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE)
    return closed.replace("<!--", "<\\u0021--")


def page_data(graph: nx.DiGraph) -> dict[str, object]:
    """Nodes, edges and filter choices, as the page's script reads them."""
    positions = layout(graph)
    nodes = []
    bodies: dict[str, str] = {}
    for node, attrs in graph.nodes(data=True):
        body = str(attrs.get("body") or NO_BODY)
        bodies.setdefault(body, str(attrs.get("body_label") or body))
        state = str(attrs.get("state") or NO_STATE)
        x, y = positions[node]
        nodes.append({
            "id": node, "label": node_label(attrs), "title": hover(attrs), "x": x, "y": y,
            "body": body, "state": state, "type": attrs.get("type"), "shape": "box",
            "color": _colour(attrs), "borderWidth": 2,
            "shapeProperties": {"borderDashes": [5, 4] if state in OPEN_STATES else False},
        })  # fmt: skip
    edges = []
    for index, (u, v, attrs) in enumerate(graph.edges(data=True)):
        dashed = attrs.get("state") == "expected"
        edges.append({"id": f"e{index}", "from": u, "to": v, "label": _edge_label(attrs),
                      "dashes": dashed, "arrows": "to", "type": attrs.get("type")})  # fmt: skip
    states = sorted({str(n["state"]) for n in nodes})
    if graph.graph.get("view") == "approvals":  # lane names, never filtered out
        for index, (body, name) in enumerate(graph.graph["lanes"]):
            nodes.append({"id": f"lane:{body}", "label": name, "shape": "text", "x": -300,
                          "y": -130 * index, "lane": True, "font": {"size": 18},
                          "title": f"lane: {name}"})  # fmt: skip
    return {
        "view": graph.graph.get("view"),
        "nodes": nodes,
        "edges": edges,
        "bodies": sorted(bodies.items(), key=lambda kv: (kv[0] == NO_BODY, kv[1], kv[0])),
        "states": states,
    }


def node_label(attrs: dict[str, object]) -> str:
    if attrs.get("type") == "decision" and attrs.get("session"):
        when = f"{attrs['when']} · " if attrs.get("when") else ""
        return f"{attrs['session']}\n{when}{attrs['action']}"
    label = str(attrs.get("label", ""))
    return label if len(label) <= 60 else label[:57] + "…"


def hover(attrs: dict[str, object]) -> str:
    """The hover text: plain text (vis-network shows a string title as text, not HTML)."""
    lines = [str(attrs.get("label", ""))]
    for key, name in (("type", "type"), ("body_label", "body"), ("date", "date"),
                      ("state", "state")):  # fmt: skip
        if attrs.get(key):
            lines.append(f"{name}: {attrs[key]}")
    details = attrs.get("details") or ()
    assert isinstance(details, tuple)
    lines.extend(str(d) for d in details)
    return "\n".join(lines)


def _colour(attrs: dict[str, object]) -> dict[str, str]:
    state = str(attrs.get("state") or "")
    colour = STATE_COLOURS.get(state, "#7F7F7F")
    if attrs.get("type") in ("decision", "step"):
        fill = "#FFFFFF" if state in OPEN_STATES else "#E3F4EE"
    else:
        fill = TYPE_FILLS.get(str(attrs.get("type")), "#FFFFFF")
    return {"background": fill, "border": colour}


def _edge_label(attrs: dict[str, object]) -> str:
    kind = str(attrs.get("type", ""))
    if kind == "decision on":
        return str(attrs.get("action", ""))
    return "" if kind in ("route", "decision") else kind


def layout(graph: nx.DiGraph) -> dict[str, tuple[int, int]]:
    """Fixed positions in pixels: lanes and time order, a timeline, or a tree."""
    view = graph.graph.get("view")
    if view == "approvals":
        return _lanes(graph)
    if view == "history":
        return _timeline(graph)
    return _tree(graph)


def _lanes(graph: nx.DiGraph) -> dict[str, tuple[int, int]]:
    from capgraph.views._labels import date_sort_key

    lanes = [body for body, _name in graph.graph["lanes"]]
    processes = [p for p, _label, _status in graph.graph["processes"]]
    order = sorted(graph.nodes, key=lambda n: (
        processes.index(graph.nodes[n]["process"]) if graph.nodes[n].get("process") in processes
        else len(processes), date_sort_key(graph.nodes[n].get("date")),
        graph.nodes[n].get("position", 0), n))  # fmt: skip
    return {n: (260 * i, -130 * lanes.index(graph.nodes[n]["lane"])) for i, n in enumerate(order)}


def _timeline(graph: nx.DiGraph) -> dict[str, tuple[int, int]]:
    positions: dict[str, tuple[int, int]] = {}
    for i, version in enumerate(graph.graph["versions"]):
        x = 420 * i
        positions[version] = (x, 0)
        below = 160
        for _u, v, attrs in graph.out_edges(version, data=True):
            if attrs["type"] == "mandate":
                positions[v] = (x, below)
                below += 180
        for u, _v, attrs in graph.in_edges(version, data=True):
            if attrs["type"] == "decision on":
                positions[u] = (x, below)
                below += 90
    for k, node in enumerate(n for n in graph.nodes if n not in positions):
        positions[node] = (-420, 90 * k)
    return positions


def _tree(graph: nx.DiGraph) -> dict[str, tuple[int, int]]:
    """Roots on the left (or on top of the row, for the overview), depth by depth."""
    if graph.graph.get("view") == "overview":
        parents = {v for _u, v, a in graph.edges(data=True) if a["type"] == "part of"}
        row = [n for n in graph.graph["row"] if n not in parents]
        placed = {n: (300 * i, 220) for i, n in enumerate(row)}
        for j, n in enumerate(p for p in graph.graph["row"] if p in parents):
            kids = [u for u, _v in graph.in_edges(n) if u in placed]
            x = sum(placed[k][0] for k in kids) // len(kids) if kids else 300 * j
            placed[n] = (x, 0)
        return placed
    positions: dict[str, tuple[int, int]] = {}
    rows = [0]

    def visit(node: str, depth: int) -> int:
        positions[node] = (330 * depth, 0)  # visited; the row comes below
        ys = [visit(kid, depth + 1) for kid in list(graph.successors(node))
              if kid not in positions]  # fmt: skip
        if ys:
            y = (ys[0] + ys[-1]) // 2
        else:
            y = 80 * rows[0]
            rows[0] += 1
        positions[node] = (330 * depth, y)
        return y

    for root in graph.graph.get("roots", ()):
        if root in graph and root not in positions:
            visit(root, 0)
    for node in graph.nodes:
        if node not in positions:
            positions[node] = (0, 80 * rows[0])
            rows[0] += 1
    return positions
