"""A matplotlib figure laid out in inches, with text measured before anything is drawn.

The static views place every label themselves (no automatic layout engine), so that labels
never overlap at the figure's native size. Coordinates are inches from the top-left corner.
Matplotlib is imported inside functions: ``import capgraph.views`` stays light.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text

DPI = 110
FONT = "DejaVu Sans"
LINE_SPACING = 1.25

#: Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
STATE_COLOURS: dict[str, str] = {
    "done": "#009E73",
    "taken": "#009E73",
    "in force": "#009E73",
    "developed": "#009E73",
    "out of order": "#E69F00",
    "skipped": "#D55E00",
    "next": "#0072B2",
    "expected": "#0072B2",
    "proposed": "#0072B2",
    "in development": "#0072B2",
    "pending": "#7F7F7F",
    "superseded": "#7F7F7F",
}
#: Text in a state's colour, dark enough to read on white (contrast 4.5:1 or more).
TEXT_COLOURS: dict[str, str] = {
    "out of order": "#8A5A00",
    "skipped": "#A63F00",
    "next": "#005A8C",
    "expected": "#005A8C",
    "proposed": "#005A8C",
    "in development": "#005A8C",
    "pending": "#555555",
    "superseded": "#555555",
}
#: States drawn hollow with a dashed outline: what is still expected, not what happened.
OPEN_STATES = frozenset({"next", "pending", "skipped", "expected", "proposed", "in development"})
INK = "#222222"
MUTED = "#555555"
LANE_FILL = ("#F4F6F8", "#FFFFFF")


@contextmanager
def style() -> Iterator[None]:
    """Deterministic output: fixed fonts, no dates or random ids in the SVG."""
    import matplotlib

    settings: Any = {
        "font.family": FONT,
        "font.size": 9,
        "svg.hashsalt": "capgraph",
        "svg.fonttype": "path",
        "path.simplify": False,
        "figure.dpi": DPI,
        "savefig.dpi": DPI,
        "text.parse_math": False,
    }
    with matplotlib.rc_context(settings):
        yield


def measure(text: str, size: float, *, weight: str = "normal", style_: str = "normal") -> Size:
    """Width and height of a (multi-line) text in inches, as matplotlib will draw it."""
    width = max((_line_width(line, size, weight, style_) for line in text.split("\n")), default=0)
    lines = text.count("\n") + 1
    height = size * (1 + LINE_SPACING * (lines - 1)) * 1.2
    return Size(width * 1.02, height / 72)


@functools.lru_cache(maxsize=4096)
def _line_width(line: str, size: float, weight: str, style_: str) -> float:
    """One line's width in inches, from the Agg renderer's own text metrics."""
    from matplotlib.font_manager import FontProperties

    if not line.strip():
        return 0.0
    prop = FontProperties(family=FONT, size=size, weight=weight, style=style_)  # type: ignore[arg-type]
    width, _height, _descent = _renderer().get_text_width_height_descent(line, prop, ismath=False)
    return float(width) / DPI


@functools.lru_cache(maxsize=1)
def _renderer() -> Any:
    from matplotlib.backends.backend_agg import RendererAgg

    return RendererAgg(10, 10, DPI)  # type: ignore[no-untyped-call]


def fit_wrap(text: str, width: float, size: float, *, weight: str = "normal") -> str:
    """``text`` wrapped at the most characters per line that still fit ``width`` inches."""
    from capgraph.views._labels import wrap

    for chars in range(100, 9, -2):
        wrapped = wrap(text, chars)
        if measure(wrapped, size, weight=weight).width <= width:
            return wrapped
    return wrap(text, 10)


@dataclass(frozen=True)
class Size:
    width: float
    height: float


class Canvas:
    """One figure, one axes covering it, coordinates in inches with y growing downwards."""

    def __init__(self, width: float, height: float, *, title: str) -> None:
        """A figure of ``width`` by ``height`` inches, taller when the title needs more lines:
        the extra room goes above y = 0, so callers lay out for a one-line title."""
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        wrapped = fit_wrap(title, width - 0.5, 13, weight="bold")
        extra = measure(wrapped, 13).height - measure("X", 13).height
        self.width = width
        self.height = height
        # A bare Figure on an Agg canvas: no pyplot, so no global state in the caller's session.
        self.figure = Figure(figsize=(width, height + extra), dpi=DPI)
        FigureCanvasAgg(self.figure)
        self.axes: Axes = self.figure.add_axes((0, 0, 1, 1))
        self.axes.set_xlim(0, width)
        self.axes.set_ylim(height, -extra)
        self.axes.set_axis_off()
        self.text(width / 2, 0.2 - extra, wrapped, size=13, weight="bold", ha="center", va="top")

    def text(
        self, x: float, y: float, text: str, *, size: float = 9, weight: str = "normal",
        style_: str = "normal", colour: str = INK, ha: str = "left", va: str = "center",
        box: dict[str, Any] | None = None, zorder: float = 4,
    ) -> Text:  # fmt: skip
        return self.axes.text(
            x, y, text, fontsize=size, fontweight=weight, fontstyle=style_, color=colour,
            ha=ha, va=va, bbox=box, zorder=zorder, linespacing=LINE_SPACING, parse_math=False,
        )  # fmt: skip

    def marker(
        self, x: float, y: float, state: str | None, *, shape: str = "o", size: float = 11
    ) -> None:
        colour = STATE_COLOURS.get(state or "", MUTED)
        hollow = (state or "") in OPEN_STATES
        self.axes.plot(
            [x], [y], marker=shape, markersize=size, linestyle="none", zorder=5,
            markerfacecolor="white" if hollow else colour, markeredgecolor=colour,
            markeredgewidth=2.0 if hollow else 1.2,
        )  # fmt: skip

    def arrow(
        self, start: tuple[float, float], end: tuple[float, float], *, colour: str = MUTED,
        dashed: bool = False, connection: str = "arc3", shrink: float = 8.0, width: float = 1.3,
    ) -> None:  # fmt: skip
        self.axes.annotate(
            "", xy=end, xytext=start, zorder=3,
            arrowprops={
                "arrowstyle": "-|>", "color": colour, "linewidth": width,
                "linestyle": (0, (4, 3)) if dashed else "solid",
                "shrinkA": shrink, "shrinkB": shrink, "connectionstyle": connection,
                "mutation_scale": 12,
            },
        )  # fmt: skip

    def line(
        self, xs: tuple[float, float], ys: tuple[float, float], *, colour: str = MUTED,
        width: float = 0.8, dashed: bool = False, zorder: float = 1,
    ) -> None:  # fmt: skip
        self.axes.plot(list(xs), list(ys), color=colour, linewidth=width, zorder=zorder,
                       linestyle=(0, (3, 3)) if dashed else "solid")  # fmt: skip

    def band(self, top: float, bottom: float, *, fill: str, left: float = 0.0) -> None:
        from matplotlib.patches import Rectangle

        self.axes.add_patch(Rectangle((left, top), self.width - left, bottom - top,
                                      facecolor=fill, edgecolor="none", zorder=0))  # fmt: skip

    def legend(self, top: float, entries: list[tuple[str, str | None, str]]) -> float:
        """Legend entries in centred rows from ``top``; returns the height used.

        Each entry is (kind, state, text); kind is ``marker``, ``solid`` or ``dashed``; for a
        line, ``state`` may be a ``#rrggbb`` colour.
        """
        rows = legend_rows(entries, self.width)
        y = top + LEGEND_ROW / 2
        for row in rows:
            widths = [_entry_width(text) for _kind, _state, text in row]
            x = (self.width - sum(widths) - LEGEND_GAP * (len(row) - 1)) / 2
            for (kind, state, text), width in zip(row, widths, strict=True):
                if kind == "marker":
                    self.marker(x + 0.12, y, state, size=9)
                else:  # a line; its "state" slot may hold a colour
                    colour = state if state and state.startswith("#") else MUTED
                    self.line((x, x + 0.3), (y, y), colour=colour, width=1.6,
                              dashed=kind == "dashed", zorder=3)  # fmt: skip
                self.text(x + 0.4, y, text, colour=INK)
                x += width + LEGEND_GAP
            y += LEGEND_ROW
        return LEGEND_ROW * len(rows)


LEGEND_ROW = 0.3
LEGEND_GAP = 0.3


def _entry_width(text: str) -> float:
    return 0.45 + measure(text, 9).width


def legend_rows(
    entries: list[tuple[str, str | None, str]], width: float
) -> list[list[tuple[str, str | None, str]]]:
    """Entries split into rows that fit ``width`` inches (with a margin)."""
    rows: list[list[tuple[str, str | None, str]]] = [[]]
    used = 0.0
    for entry in entries:
        needed = _entry_width(entry[2]) + (LEGEND_GAP if rows[-1] else 0.0)
        if rows[-1] and used + needed > width - 0.6:
            rows.append([])
            used, needed = 0.0, _entry_width(entry[2])
        rows[-1].append(entry)
        used += needed
    return rows if rows[0] else []


def save(figure: Figure, fmt: str) -> bytes:
    """The figure as SVG or PNG bytes, without a creation date or software version."""
    import io

    buffer = io.BytesIO()
    if fmt == "svg":
        metadata: dict[str, Any] = {"Date": None, "Creator": "capgraph"}
    else:
        metadata = {"Software": None}
    figure.savefig(buffer, format=fmt, metadata=metadata, facecolor="white")
    return buffer.getvalue()
