"""The overview drawn with matplotlib: the bodies in route order, their parents above them.

Each body is a box with its name, type and the number of its sessions and decisions in the
record. Arrows between boxes show who passes a revision to whom, one colour per route; a
"part of" arrow goes up to the organisation a body belongs to, where the record says so.
Nothing is drawn that the record does not hold: a body with no recorded parent has no arrow.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from capgraph.views._canvas import INK, LEGEND_ROW, MUTED, Canvas, legend_rows, measure
from capgraph.views._labels import wrap

if TYPE_CHECKING:
    import networkx as nx
    from matplotlib.figure import Figure

TEXT = 9
PAD = 0.1
GAP_X = 0.8
ROUTE_COLOURS = ("#0072B2", "#E69F00", "#CC79A7", "#009E73", "#56B4E9", "#D55E00")


@dataclass
class Box:
    node: str
    title: str
    body: str
    width: float
    height: float
    x: float = 0.0  # left
    y: float = 0.0  # top


def draw(graph: nx.DiGraph) -> Figure:
    parents = {v for _u, v, a in graph.edges(data=True) if a["type"] == "part of"}
    row = [n for n in graph.graph["row"] if n not in parents]
    upper = [n for n in graph.graph["row"] if n in parents]
    boxes = {n: _box(graph, n) for n in graph.graph["row"]}
    x = 0.4
    for node in row:
        boxes[node].x = x
        x += boxes[node].width + GAP_X
    width = max(x - GAP_X + 0.4, 7.5)
    upper_h = max((boxes[n].height for n in upper), default=0.0)
    lower_top = 0.8 + (upper_h + 0.8 if upper else 0.0)
    lower_h = max((boxes[n].height for n in row), default=0.5)
    for node in row:
        boxes[node].y = lower_top
    _place_parents(graph, boxes, upper, row)
    used = [r for r in graph.graph["routes"]
            if any(r in a.get("routes", ()) for _u, _v, a in graph.edges(data=True))]  # fmt: skip
    colours = {r: ROUTE_COLOURS[i % len(ROUTE_COLOURS)] for i, r in enumerate(used)}
    arcs_h = 0.35 * max(1, _skips(graph, row)) + 0.3
    entries: list[tuple[str, str | None, str]] = [("solid", colours[r], r) for r in used]
    entries.append(("solid", INK, "part of"))
    legend_top = lower_top + lower_h + arcs_h + 0.35
    height = legend_top + LEGEND_ROW * len(legend_rows(entries, width)) + 0.15
    canvas = Canvas(width, height, title=graph.graph["title"])
    for box in boxes.values():
        _draw_box(canvas, graph, box)
    index = {n: i for i, n in enumerate(row)}
    for u, v, attrs in graph.edges(data=True):
        if u not in boxes or v not in boxes:
            continue
        if attrs["type"] == "part of":
            a, b = boxes[u], boxes[v]
            canvas.arrow((a.x + a.width / 2, a.y), (b.x + b.width / 2, b.y + b.height),
                         colour=INK, shrink=2)  # fmt: skip
            continue
        for k, route in enumerate(attrs.get("routes", ())):
            _route_arrow(canvas, boxes[u], boxes[v], index, colours[route], k)
    canvas.legend(legend_top, entries)
    return canvas.figure


def _box(graph: nx.DiGraph, node: str) -> Box:
    attrs = graph.nodes[node]
    title = wrap(str(attrs["label"]), 22)
    kind = attrs.get("classification") or ("" if attrs["type"] == "body" else attrs["type"])
    short = attrs["short"] if attrs.get("short") and attrs["short"] != attrs["label"] else ""
    first = " · ".join(x for x in (short, kind) if x)
    expected = f" ({attrs['expected']} expected)" if attrs.get("expected") else ""
    body = (f"{first}\n" if first else "") + (f"{_plural(attrs['sessions'], 'session')}\n"
            f"{_plural(attrs['decisions'], 'decision')}{expected}")  # fmt: skip
    t, b = measure(title, TEXT + 0.5, weight="bold"), measure(body, TEXT)
    return Box(node, title, body, max(t.width, b.width) + 2 * PAD, t.height + b.height + 3 * PAD)


def _plural(count: object, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _place_parents(
    graph: nx.DiGraph, boxes: dict[str, Box], upper: list[str], row: list[str]
) -> None:
    x = 0.4
    for parent in upper:
        kids = [u for u, v, a in graph.in_edges(parent, data=True) if a["type"] == "part of"
                and u in row]  # fmt: skip
        box = boxes[parent]
        if kids:
            centre = sum(boxes[k].x + boxes[k].width / 2 for k in kids) / len(kids)
            box.x = max(x, centre - box.width / 2)
        else:
            box.x = x
        box.y = 0.8
        x = box.x + box.width + GAP_X


def _skips(graph: nx.DiGraph, row: list[str]) -> int:
    index = {n: i for i, n in enumerate(row)}
    return sum(
        len(a.get("routes", ()))
        for u, v, a in graph.edges(data=True)
        if a["type"] == "route" and u in index and v in index and abs(index[u] - index[v]) != 1
    )


def _draw_box(canvas: Canvas, graph: nx.DiGraph, box: Box) -> None:
    from matplotlib.patches import FancyBboxPatch

    organisation = graph.nodes[box.node]["type"] != "body"
    canvas.axes.add_patch(FancyBboxPatch(
        (box.x, box.y), box.width, box.height, boxstyle="round,pad=0,rounding_size=0.08",
        facecolor="#EEF3F8" if organisation else "#FFFFFF", edgecolor=MUTED, linewidth=1.2,
        zorder=2,
    ))  # fmt: skip
    title_h = measure(box.title, TEXT + 0.5, weight="bold").height
    canvas.text(box.x + PAD, box.y + PAD, box.title, size=TEXT + 0.5, weight="bold", va="top")
    canvas.text(box.x + PAD, box.y + 2 * PAD + title_h, box.body, size=TEXT, colour=MUTED,
                va="top")  # fmt: skip


def _route_arrow(
    canvas: Canvas, a: Box, b: Box, index: dict[str, int], colour: str, k: int
) -> None:
    """Neighbours in the row: a straight arrow between the boxes; otherwise an arc under them.

    A body drawn above the row (the parent of others) has no place in it: its routes arc.
    """
    here, there = index.get(a.node), index.get(b.node)
    if here is not None and there is not None and abs(here - there) == 1:
        y = a.y + 0.35 + 0.18 * k
        forward = b.x > a.x
        start = (a.x + a.width if forward else a.x, y)
        end = (b.x if forward else b.x + b.width, y)
        canvas.arrow(start, end, colour=colour, shrink=2, width=1.6)
        return
    bottom = max(a.y + a.height, b.y + b.height)
    start = (a.x + a.width * (0.6 + 0.1 * k), bottom)
    end = (b.x + b.width * (0.4 - 0.1 * k), bottom)
    canvas.arrow(start, end, colour=colour, shrink=2, width=1.6,
                 connection=f"arc3,rad={0.25 + 0.05 * k}")  # fmt: skip
