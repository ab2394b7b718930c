"""Static pictures of the views (SVG, PNG) with matplotlib's Agg backend; no Graphviz."""

from __future__ import annotations

from typing import TYPE_CHECKING

from capgraph.errors import CapgraphError, ParameterError

if TYPE_CHECKING:
    import networkx as nx
    from matplotlib.figure import Figure

FORMATS = ("svg", "png")


def figure(graph: nx.DiGraph) -> Figure:
    """The view drawn as a matplotlib figure on an Agg canvas (not registered with pyplot)."""
    from capgraph.views._canvas import style

    _need_matplotlib()
    with style():
        return _draw(graph)


def _need_matplotlib() -> None:
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise CapgraphError(
            "static pictures need matplotlib: pip install 'capgraph[views]'"
        ) from None


def _draw(graph: nx.DiGraph) -> Figure:
    view = graph.graph.get("view")
    if view == "approvals":
        from capgraph.views._draw_approvals import draw
    elif view == "history":
        from capgraph.views._draw_history import draw
    elif view == "provenance":
        from capgraph.views._draw_provenance import draw
    elif view == "overview":
        from capgraph.views._draw_overview import draw
    else:
        raise ParameterError(f"no static drawing for view {view!r}")
    return draw(graph)


def render(graph: nx.DiGraph, fmt: str) -> bytes:
    """The view as SVG or PNG bytes; the same graph always gives the same bytes."""
    from capgraph.views._canvas import save, style

    _need_matplotlib()
    if fmt not in FORMATS:
        raise ParameterError(f"unknown static format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    with style():
        return save(_draw(graph), fmt)
