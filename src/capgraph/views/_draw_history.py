"""The history view drawn with matplotlib: the ToR versions along a timeline, one column each.

The timeline is ordinal: one column per version in the order of the revision chain, with each
version's date (at its precision) on the axis. A linear time scale would squeeze the
2019-2020 review against the eleven empty years before it.

Below the columns, a strip says when each version was in force: a solid box per version, and
a hatched, dashed box where a decision's date (a month, a year, or none) leaves open which
version was in force (``capgraph.procedure.in_force_periods``).
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
    fit_wrap,
    legend_rows,
    measure,
)
from capgraph.views._labels import format_date, timeline_labels, wrap

if TYPE_CHECKING:
    import networkx as nx
    from matplotlib.figure import Figure

COLUMN = 3.9
WRAP = 44
TEXT = 8.5
LINE = 0.3
STRIP = 0.62  # the height of the in-force strip
IN_FORCE_FILL = "#D1E7DD"
UNCERTAIN_EDGE = "#B26A00"
UNCERTAIN_FILL = "#FFF8E1"


@dataclass(frozen=True)
class Column:
    label: str
    heading: str
    mandate: str
    has_mandate: bool
    decisions: tuple[tuple[str, str | None, float], ...]  # text, state, height


def draw(graph: nx.DiGraph) -> Figure:
    versions = list(graph.graph["versions"])
    columns = [_column(graph, v) for v in versions]
    label_h = max((measure(c.label, 10, weight="bold").height for c in columns), default=0.3)
    mandate_h = max((measure(c.mandate, TEXT).height for c in columns), default=0.3)
    decisions_h = max((sum(h for _t, _s, h in c.decisions) for c in columns), default=0.3)
    width = max(COLUMN * len(versions) + 0.4, 7.5)
    left = (width - COLUMN * len(versions)) / 2
    label_top = 0.7
    timeline = label_top + label_h + 0.6
    mandate_top = timeline + 0.75
    decisions_top = mandate_top + 0.3 + mandate_h + 0.3
    strip_top = decisions_top + 0.3 + decisions_h + 0.3
    periods = timeline_labels(graph.graph.get("periods", ()))
    legend_top = strip_top + (0.3 + STRIP + 0.3 if periods else 0.0)
    states = sorted({str(graph.nodes[v]["state"]) for v in versions if graph.nodes[v]["state"]})
    states += [s for s in ("taken", "expected")
               if any(a.get("state") == s for _n, a in graph.nodes(data=True))]  # fmt: skip
    entries: list[tuple[str, str | None, str]] = [("marker", s, s) for s in states]
    entries.append(("solid", None, "revised as"))
    if any(kind == "uncertain" for kind, _label in periods):
        entries.append(("dashed", UNCERTAIN_EDGE, "uncertain which version was in force"))
    height = legend_top + LEGEND_ROW * len(legend_rows(entries, width)) + 0.15
    canvas = Canvas(width, height, title=graph.graph["title"])
    canvas.line((left - 0.1, left + COLUMN * len(versions) + 0.1), (timeline, timeline),
                colour=INK, width=1.0)  # fmt: skip
    centre = {v: left + COLUMN * (i + 0.5) for i, v in enumerate(versions)}
    for version, column in zip(versions, columns, strict=True):
        x = centre[version]
        attrs = graph.nodes[version]
        canvas.text(x, timeline - 0.5, column.label, size=10, weight="bold", ha="center",
                    va="bottom")  # fmt: skip
        state = attrs["state"] or "status not recorded"
        canvas.text(x, timeline - 0.22, state, size=9.5, ha="center", va="bottom",
                    colour=STATE_COLOURS.get(state, MUTED))  # fmt: skip
        canvas.marker(x, timeline, attrs["state"], size=13)
        when = format_date(attrs["date"]) or "undated"
        style_ = "italic" if attrs["date"] is None else "normal"
        canvas.text(x, timeline + 0.22, when, size=9.5, ha="center", va="top", style_=style_,
                    colour=MUTED if attrs["date"] is None else INK)  # fmt: skip
        x0 = x - COLUMN / 2 + 0.25
        canvas.text(x0, mandate_top, column.heading, size=9, weight="bold", colour=MUTED,
                    va="top")  # fmt: skip
        canvas.text(x0, mandate_top + 0.28, column.mandate, size=TEXT, va="top",
                    style_="italic" if column.has_mandate else "normal",
                    colour=INK if column.has_mandate else MUTED)  # fmt: skip
        canvas.text(x0, decisions_top, "Decisions on this version", size=9, weight="bold",
                    colour=MUTED, va="top")  # fmt: skip
        y = decisions_top + 0.3
        for text, state, lines_h in column.decisions:
            canvas.marker(x0 + 0.08, y + 0.09, state, size=8)
            colour = INK if state == "taken" else STATE_COLOURS.get(state or "", MUTED)
            canvas.text(x0 + 0.25, y, text, size=TEXT, va="top", colour=colour)
            y += lines_h
    for u, v, attrs in graph.edges(data=True):
        if attrs["type"] == "revision of" and u in centre and v in centre:
            canvas.arrow((centre[v], timeline), (centre[u], timeline), colour=INK, shrink=10)
    if periods:
        _strip(canvas, periods, strip_top, left, COLUMN * len(versions))
    canvas.legend(legend_top, entries)
    return canvas.figure


def _strip(
    canvas: Canvas, periods: tuple[tuple[str, str], ...], top: float, left: float, span: float
) -> None:
    """When each version was in force: solid boxes, hatched and dashed where uncertain."""
    from matplotlib.patches import Rectangle

    canvas.text(left + 0.25, top, "In force", size=9, weight="bold", colour=MUTED, va="top")
    y, box = top + 0.3, span / len(periods)
    for index, (kind, label) in enumerate(periods):
        x = left + box * index
        uncertain = kind == "uncertain"
        canvas.axes.add_patch(
            Rectangle(
                (x + 0.04, y), box - 0.08, STRIP,
                facecolor=UNCERTAIN_FILL if uncertain else IN_FORCE_FILL,
                edgecolor=UNCERTAIN_EDGE if uncertain else STATE_COLOURS.get("in force", INK),
                hatch="///" if uncertain else None, linestyle=(0, (4, 3)) if uncertain else "solid",
                linewidth=1.2, zorder=2,
            )
        )  # fmt: skip
        text = fit_wrap(label.replace("\n", " "), box - 0.25, TEXT)
        canvas.text(x + box / 2, y + STRIP / 2, text, size=TEXT, ha="center",
                    box={"facecolor": "white", "edgecolor": "none", "pad": 1.0, "alpha": 0.85},
                    colour=INK)  # fmt: skip


def _column(graph: nx.DiGraph, version: str) -> Column:
    attrs = graph.nodes[version]
    label = wrap(str(attrs["label"]), 34)
    mandates = [v for _u, v, a in graph.out_edges(version, data=True) if a["type"] == "mandate"]
    heading = "Mandate"
    if mandates:
        node = graph.nodes[mandates[0]]
        mandate = wrap(str(node["quote"]), WRAP)
        heading = str(node["kind"]).capitalize()
    else:
        mandate = "no mandate in the record"
    decisions = []
    for d, _v, a in graph.in_edges(version, data=True):
        if a["type"] != "decision on":
            continue
        node = graph.nodes[d]
        when = f"{node['when']} · " if node.get("when") else ""
        text = wrap(str(node["session"]), WRAP - 4) + "\n" + when + str(node["action"])
        decisions.append((text, node["state"], measure(text, TEXT).height + 0.12))
    return Column(label, heading, mandate, bool(mandates), tuple(decisions))
