"""The provenance view drawn with matplotlib: a tree from the tool (left) to the mandate.

Columns are depths in the trail; leaves take one row each, a parent sits in the middle of its
children. When several trails share a node (every tool at once), it is drawn once, under the
first trail that reaches it, and the other links to it are drawn as plain lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from capgraph.views._canvas import (
    INK,
    LEGEND_ROW,
    MUTED,
    STATE_COLOURS,
    Canvas,
    measure,
)
from capgraph.views._labels import wrap

if TYPE_CHECKING:
    import networkx as nx
    from matplotlib.figure import Figure

TEXT = 8.5
PAD = 0.07  # inside a box, around its text
GAP_X = 0.75
GAP_Y = 0.2
RELATION = 7.5

#: Box fills by node type; decisions are white with their state's colour as the border.
FILLS: dict[str, str] = {
    "tool": "#F3DDEB",
    "tool feature": "#F3DDEB",
    "activity": "#FFEFD1",
    "body": "#E6E6E6",
    "strategy": "#DCEBF7",
    "strategic plan": "#DCEBF7",
    "implementation plan": "#DCEBF7",
    "priority": "#DCEBF7",
    "ToR version": "#D9F0E6",
    "decision": "#FFFFFF",
}


@dataclass
class Box:
    node: str
    text: str
    width: float
    height: float
    relation: str | None
    depth: int = 0
    y: float = 0.0  # centre


def draw(graph: nx.DiGraph) -> Figure:
    boxes, children, extra = _tree(graph)
    x_of, width = _columns(boxes)
    bottom = _place(graph.graph["roots"], boxes, children)
    legend_top = bottom + 0.25
    height = legend_top + LEGEND_ROW + 0.25
    canvas = Canvas(width, height, title=graph.graph["title"])
    left = {n: x_of[b.depth] for n, b in boxes.items()}
    _draw_boxes(canvas, graph, boxes, left)
    for parent, kids in children.items():
        for kid in kids:
            _link(canvas, boxes[parent], left[parent], boxes[kid], left[kid], dashed=False)
    for parent, kid in extra:
        _link(canvas, boxes[parent], left[parent], boxes[kid], left[kid], dashed=True)
    _type_legend(canvas, legend_top, _legend_items(graph))
    return canvas.figure


def _columns(boxes: dict[str, Box]) -> tuple[dict[int, float], float]:
    """The left edge of each depth's column, and the width of the picture."""
    columns: dict[int, float] = {}
    for box in boxes.values():
        columns[box.depth] = max(columns.get(box.depth, 0.0), box.width)
    x_of: dict[int, float] = {}
    x = 0.3
    for depth in sorted(columns):
        x_of[depth] = x
        x += columns[depth] + GAP_X
    return x_of, max(x - GAP_X + 0.3, 7.5)


def _place(roots: list[str], boxes: dict[str, Box], children: dict[str, list[str]]) -> float:
    """Set each box's ``y``, leaves one under another, parents centred; returns the bottom."""
    cursor = [0.75]

    def place(node: str) -> tuple[float, float]:
        """Lay out a subtree; returns the top and bottom of the space it uses."""
        box = boxes[node]
        own = box.height + (0.2 if box.relation else 0.0)
        kids = children.get(node, [])
        if not kids:
            start = cursor[0]
            box.y = start + own - box.height / 2
            cursor[0] = start + own + GAP_Y
            return start, cursor[0]
        spans = [place(k) for k in kids]
        first, last = boxes[kids[0]].y, boxes[kids[-1]].y
        box.y = (first + last) / 2
        return spans[0][0], spans[-1][1]

    for root in roots:
        if root in boxes:
            place(root)
    return cursor[0]


def _legend_items(graph: nx.DiGraph) -> list[tuple[str, str, str, bool]]:
    items = [
        (_plural(t), FILLS[t], MUTED, False)
        for t in FILLS
        if t != "decision" and any(a.get("type") == t for _n, a in graph.nodes(data=True))
    ]
    for state in ("taken", "expected"):
        if _has_state(graph, state):
            items.append((f"decision {state}", "#FFFFFF", STATE_COLOURS[state],
                          state == "expected"))  # fmt: skip
    return items


def _draw_boxes(
    canvas: Canvas, graph: nx.DiGraph, boxes: dict[str, Box], left: dict[str, float]
) -> None:
    for node, box in boxes.items():
        attrs = graph.nodes[node]
        state = attrs.get("state")
        edge = STATE_COLOURS.get(state or "", MUTED) if attrs["type"] == "decision" else MUTED
        canvas.text(left[node] + PAD, box.y, box.text, size=TEXT, va="center",
                    box={"boxstyle": f"round,pad={PAD * 72 / TEXT:.3f}",
                         "facecolor": FILLS.get(attrs["type"], "#FFFFFF"), "edgecolor": edge,
                         "linestyle": "--" if state == "expected" else "-",
                         "linewidth": 1.2})  # fmt: skip
        if box.relation:
            canvas.text(left[node], box.y - box.height / 2 - 0.04, box.relation, size=RELATION,
                        style_="italic", colour=MUTED, va="bottom")  # fmt: skip


def _plural(kind: str) -> str:
    return kind[:-1] + "ies" if kind.endswith("y") else kind + "s"


def _has_state(graph: nx.DiGraph, state: str) -> bool:
    return any(a.get("type") == "decision" and a.get("state") == state
               for _n, a in graph.nodes(data=True))  # fmt: skip


def _link(canvas: Canvas, parent: Box, x1: float, kid: Box, x2: float, *, dashed: bool) -> None:
    start = (x1 + parent.width + 0.02, parent.y)
    end = (x2 - 0.02, kid.y)
    canvas.arrow(start, end, colour=MUTED, dashed=dashed, shrink=1, width=1.0)


def _type_legend(canvas: Canvas, y: float, items: list[tuple[str, str, str, bool]]) -> None:
    """A row of small boxes: (text, fill, border colour, dashed border)."""
    widths = [measure(text, 8.5).width + 0.3 for text, _f, _e, _d in items]
    x = (canvas.width - sum(widths) - 0.25 * (len(widths) - 1)) / 2
    for (text, fill, edge, dashed), w in zip(items, widths, strict=True):
        canvas.text(x + 0.1, y + LEGEND_ROW / 2, text, size=8.5, colour=INK,
                    box={"boxstyle": "round,pad=0.3", "facecolor": fill, "edgecolor": edge,
                         "linestyle": "--" if dashed else "-", "linewidth": 1.0})  # fmt: skip
        x += w + 0.25


def _tree(
    graph: nx.DiGraph,
) -> tuple[dict[str, Box], dict[str, list[str]], list[tuple[str, str]]]:
    """Boxes with depths, the spanning tree's children, and the links left out of the tree."""
    boxes: dict[str, Box] = {}
    children: dict[str, list[str]] = {}
    extra: list[tuple[str, str]] = []

    def visit(node: str, depth: int, relation: str | None) -> None:
        text = _text(graph.nodes[node])
        size = measure(text, TEXT)
        boxes[node] = Box(node, text, size.width + 2 * PAD, size.height + 2 * PAD, relation, depth)
        for _u, kid, attrs in graph.out_edges(node, data=True):
            if kid in boxes:
                extra.append((node, kid))
                continue
            children.setdefault(node, []).append(kid)
            visit(kid, depth + 1, attrs.get("type"))

    for root in graph.graph["roots"]:
        if root in graph and root not in boxes:
            visit(root, 0, None)
    return boxes, children, extra


def _text(attrs: dict[str, object]) -> str:
    if attrs["type"] == "decision":
        when = f"{attrs['when']} · " if attrs.get("when") else ""
        return wrap(str(attrs["session"]), 30) + "\n" + when + str(attrs["action"])
    text = wrap(str(attrs["label"]), 32)
    if attrs.get("state"):
        text += f"\n({attrs['state']})"
    return text
