"""The approvals view drawn with matplotlib: one lane per body, one panel per process.

Each process gets its own panel with its own time scale, side by side in time order, so that
an 11-year gap (2009 → 2019) does not crush the months of a review into one point. Inside a
panel, a decision sits in its body's lane at its date (the middle of what the date can mean:
``2020-12`` at mid-December). Decisions without a date come after the last dated decision of
their route, in route order, in a band marked "undated".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from capgraph.views._canvas import (
    INK,
    LANE_FILL,
    LEGEND_ROW,
    MUTED,
    TEXT_COLOURS,
    Canvas,
    fit_wrap,
    legend_rows,
    measure,
)
from capgraph.views._labels import date_midpoint, wrap

if TYPE_CHECKING:
    import networkx as nx
    from matplotlib.figure import Figure

LANE_H = 0.95
LABEL_SIZE = 8.5
LABEL_GAP = 0.16  # from a marker's centre to its label
PAD = 0.35  # inside a panel, before the first marker and after the last label
UNDATED_STEP = 0.5
MAX_DATED_WIDTH = 5.0
MAX_ROW = 14.0  # inches of panels side by side before a new row
STATES = ("done", "out of order", "skipped", "next", "pending")


@dataclass
class Placed:
    node: str
    lane: int
    x: float
    label: str
    width: float
    below: bool = False


@dataclass
class Panel:
    title: str
    status: str | None
    nodes: list[Placed] = field(default_factory=list)
    width: float = 0.0
    dated: tuple[float, float] | None = None  # x extent of the dated part
    years: list[tuple[int, float, float]] = field(default_factory=list)  # year, x from, x to
    undated: tuple[float, float] | None = None  # x extent of the undated part


def draw(graph: nx.DiGraph) -> Figure:
    lanes = [body for body, _name in graph.graph["lanes"]]
    lane_names = [name for _body, name in graph.graph["lanes"]]
    panels = [_panel(graph, process, label, status, lanes)
              for process, label, status in graph.graph["processes"]]  # fmt: skip
    panels = [p for p in panels if p.nodes]
    lane_w = max((measure(n, 10, weight="bold").width for n in lane_names), default=1.0) + 0.4
    rows = _rows(panels)
    width = max([lane_w + sum(p.width for p in row) + 0.2 for row in rows] + [7.5])
    for panel in panels:
        title = fit_wrap(panel.title, panel.width - 0.25, 9.5, weight="bold")
        panel.title = title + (f"\n{panel.status}" if panel.status else "")
    states = [s for s in STATES if any(graph.nodes[p.node]["state"] == s
                                       for panel in panels for p in panel.nodes)]  # fmt: skip
    entries: list[tuple[str, str | None, str]] = [("marker", s, s) for s in states]
    kinds = {graph.edges[e].get("state") for e in graph.edges}
    if "travelled" in kinds:
        entries.append(("solid", None, "route travelled"))
    if "expected" in kinds:
        entries.append(("dashed", None, "route still to travel"))
    title_hs = [max(measure(p.title, 9.5, weight="bold").height for p in row) for row in rows]
    block_hs = [h + 0.25 + LANE_H * len(lanes) + 0.6 for h in title_hs]
    legend_top = 0.6 + sum(block_hs)
    height = legend_top + LEGEND_ROW * len(legend_rows(entries, width)) + 0.15
    canvas = Canvas(width, height, title=graph.graph["title"])
    top = 0.6
    for row, title_h, block_h in zip(rows, title_hs, block_hs, strict=True):
        _draw_row(canvas, graph, row, lane_names, lane_w, top + title_h + 0.25)
        top += block_h
    canvas.legend(legend_top, entries)
    return canvas.figure


def _rows(panels: list[Panel]) -> list[list[Panel]]:
    """Panels in rows no wider than ``MAX_ROW`` inches (a wide panel gets a row of its own)."""
    rows: list[list[Panel]] = [[]]
    for panel in panels:
        if rows[-1] and sum(p.width for p in rows[-1]) + panel.width > MAX_ROW:
            rows.append([])
        rows[-1].append(panel)
    return rows


def _draw_row(
    canvas: Canvas, graph: nx.DiGraph, row: list[Panel], lane_names: list[str], lane_w: float,
    lanes_top: float,
) -> None:  # fmt: skip
    lanes_bottom = lanes_top + LANE_H * len(lane_names)

    def lane_y(index: int) -> float:  # lane 0 at the bottom: routes climb towards the Council
        return lanes_bottom - LANE_H * (index + 0.5)

    for index, name in enumerate(lane_names):
        y = lane_y(index)
        canvas.band(y - LANE_H / 2, y + LANE_H / 2, fill=LANE_FILL[index % 2])
        canvas.text(0.15, y, name, size=10, weight="bold")
    left = lane_w
    for panel in row:
        canvas.line((left, left), (lanes_top - 0.55, lanes_bottom + 0.45), colour="#BBBBBB")
        canvas.text(left + 0.12, lanes_top - 0.1, panel.title, size=9.5, weight="bold",
                    va="bottom")  # fmt: skip
        _draw_panel(canvas, graph, panel, left, lane_y, lanes_top, lanes_bottom)
        left += panel.width


def _panel(
    graph: nx.DiGraph, process: str, label: str, status: str | None, lanes: list[str]
) -> Panel:
    nodes = sorted(
        (n for n, a in graph.nodes(data=True) if a.get("process") == process),
        key=lambda n: (graph.nodes[n]["position"], n),
    )
    panel = Panel(title=label, status=status)
    dated = [(n, date_midpoint(graph.nodes[n]["date"])) for n in nodes]
    days = sorted({d for _n, d in dated if d is not None})
    span_w = min(MAX_DATED_WIDTH, 1.2 * (len(days) - 1)) if len(days) > 1 else 0.0

    def x_of(day: dt.date) -> float:
        if len(days) < 2:
            return PAD
        return PAD + (day - days[0]).days / (days[-1] - days[0]).days * span_w

    right = 0.0
    for node, day in dated:
        if day is not None:
            right = max(right, _place(panel, graph, node, lanes, x_of(day)))
    if days:
        panel.dated = (PAD, PAD + span_w)
        panel.years = _years(days[0], days[-1], x_of)
    undated = [n for n, d in dated if d is None]
    if undated:
        x = right + 0.45 if days else PAD
        start = x
        for node in undated:
            lane = lanes.index(graph.nodes[node]["lane"])
            taken = [p.x + LABEL_GAP + p.width for p in panel.nodes if p.lane == lane]
            x = max([x, *(t + 0.3 for t in taken)])
            right = max(right, _place(panel, graph, node, lanes, x))
            x += UNDATED_STEP
        panel.undated = (start, x - UNDATED_STEP)
    panel.width = right + PAD
    return panel


def _place(panel: Panel, graph: nx.DiGraph, node: str, lanes: list[str], x: float) -> float:
    """Put a node in its lane; returns where its label ends."""
    attrs = graph.nodes[node]
    lane = lanes.index(attrs["lane"])
    when = f"{attrs['when']} · " if attrs.get("when") else ""
    label = wrap(attrs["session"], 30) + "\n" + when + attrs["action"]
    width = measure(label, LABEL_SIZE).width
    # A label that would run into an earlier one in the same lane goes under its marker.
    below = any(p.lane == lane and not p.below and p.x + LABEL_GAP + p.width > x
                for p in panel.nodes)  # fmt: skip
    panel.nodes.append(Placed(node, lane, x, label, width, below))
    return x + (0 if below else LABEL_GAP) + width


def _years(first: dt.date, last: dt.date, x_of: object) -> list[tuple[int, float, float]]:
    assert callable(x_of)
    spans = []
    for year in range(first.year, last.year + 1):
        start = max(first, dt.date(year, 1, 1))
        end = min(last, dt.date(year, 12, 31))
        spans.append((year, float(x_of(start)), float(x_of(end))))
    return spans


def _draw_panel(
    canvas: Canvas, graph: nx.DiGraph, panel: Panel, left: float, lane_y: object,
    lanes_top: float, lanes_bottom: float,
) -> None:  # fmt: skip
    assert callable(lane_y)
    axis_y = lanes_bottom + 0.12
    where = {p.node: (left + p.x, float(lane_y(p.lane))) for p in panel.nodes}
    for p in panel.nodes:
        x, y = where[p.node]
        attrs = graph.nodes[p.node]
        canvas.marker(x, y, attrs["state"])
        colour = TEXT_COLOURS.get(attrs["state"], INK)
        if p.below:
            canvas.text(x, y + 0.14, p.label, size=LABEL_SIZE, colour=colour, ha="center", va="top")
        else:
            canvas.text(x + LABEL_GAP, y, p.label, size=LABEL_SIZE, colour=colour)
    for u, v, attrs in graph.edges(data=True):
        if u in where and v in where:
            (x1, y1), (x2, y2) = where[u], where[v]
            # Up (or down) first, then along the lane: the line never crosses a label, which
            # sits to the right of its marker.
            bend = "angle,angleA=90,angleB=0,rad=0" if abs(x2 - x1) > 0.05 else "arc3"
            canvas.arrow((x1, y1), (x2, y2), dashed=attrs.get("state") != "travelled",
                         connection=bend, shrink=7)  # fmt: skip
    canvas.line((left, left + panel.width), (axis_y, axis_y), colour=INK, width=0.9)
    if panel.dated is not None:
        for year, start, end in panel.years:
            if year != panel.years[0][0]:
                canvas.line((left + start, left + start), (axis_y, axis_y + 0.1), colour=INK)
            canvas.text(left + (start + end) / 2, axis_y + 0.2, str(year), size=9, ha="center",
                        va="top")  # fmt: skip
        for p in panel.nodes:
            if graph.nodes[p.node]["date"] is not None:
                x = left + p.x
                canvas.line((x, x), (axis_y - 0.07, axis_y), colour=INK, width=0.9)
    if panel.undated is not None:
        start, end = panel.undated
        if panel.dated is not None:
            sep = left + start - 0.22
            canvas.line((sep, sep), (lanes_top, axis_y + 0.1), colour=MUTED, dashed=True)
        canvas.text(left + (start + end) / 2, axis_y + 0.2, "undated", size=9, style_="italic",
                    colour=MUTED, ha="center" if end > start else "left", va="top")  # fmt: skip
