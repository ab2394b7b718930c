"""Governance views: graphs you can look at, as pictures, interactive pages or Mermaid text.

>>> import capgraph
>>> from capgraph import views
>>> kg = capgraph.open()
>>> graph = views.approvals(kg)                  # a networkx.DiGraph
>>> path = views.write(graph, "approvals.svg")   # or .png, .html, .mmd
>>> path.read_bytes().startswith(b"<?xml")
True

Four views, each computed from SPARQL answers (through
:mod:`capgraph.procedure`, so states agree with ``capgraph status``):

- ``approvals``: one lane per body, each decision at its date, arrows along the route;
- ``history``: the ToR versions as a timeline, each with its mandate and decisions;
- ``provenance``: a tool's trail as a tree, from the tool to the Council's mandate;
- ``overview``: the bodies, their hierarchy and their counts of sessions and decisions.

Renderers: ``static.render`` (SVG, PNG; matplotlib), ``html.render`` (one offline page),
``mermaid.render`` (Markdown). matplotlib is imported only when a picture is drawn.

Stage 4: may import the procedure, query and store stages and the shared modules.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from capgraph._io import atomic_write
from capgraph.errors import NothingToShow, ParameterError
from capgraph.views._model import approvals, history, overview, provenance

if TYPE_CHECKING:
    import networkx as nx
    from matplotlib.figure import Figure

    from capgraph.query import Queryable

__all__ = [
    "FORMATS",
    "MAX_VIEW_NODES",
    "VIEWS",
    "Picture",
    "approvals",
    "build",
    "check_size",
    "figure",
    "history",
    "overview",
    "picture",
    "provenance",
    "render",
    "write",
]

#: The views, in the order ``capgraph render --help`` lists them.
VIEWS: tuple[str, ...] = ("approvals", "history", "provenance", "overview")
#: Output formats by file extension.
FORMATS: tuple[str, ...] = ("svg", "png", "html", "mmd")

_ITEMS = {
    "approvals": "a process or ToR version (e.g. tor-revision-cap19, cap19)",
    "provenance": "a tool (e.g. ipr-handbook)",
}


def build(source: Queryable, view: str, *, item: str | None = None) -> nx.DiGraph:
    """The graph of one view; ``item`` narrows ``approvals`` and ``provenance``."""
    if view not in VIEWS:
        raise ParameterError(f"unknown view {view!r}; choose one of: {', '.join(VIEWS)}")
    if item is not None and view not in _ITEMS:
        raise ParameterError(
            f"the {view} view takes no item; views that take one: "
            + "; ".join(f"{name} ({what})" for name, what in _ITEMS.items())
        )
    builders = {"approvals": approvals, "provenance": provenance}
    graph = builders[view](source, item) if view in builders else _VIEWS[view](source)
    if graph.number_of_nodes() == 0:
        raise NothingToShow(f"the record has {_EMPTY[view]}: nothing to draw")
    return graph


_VIEWS = {"history": history, "overview": overview}
#: What a record lacks when a view has nothing to draw.
_EMPTY = {
    "approvals": "no procedure processes (nothing is a cap:Process)",
    "provenance": "no tools (nothing is a cap:Tool)",
    "history": "no Terms of Reference versions (nothing is a cap:ToRVersion)",
    "overview": "no bodies (nothing is a cap:Body)",
}


#: The most nodes a view is drawn with. Past it a drawing is unreadable and slow
#: (approvals of a 100k-triple record: 870 nodes, 230 s, a 112 MB PNG); narrow it.
MAX_VIEW_NODES = 300


def check_size(graph: nx.DiGraph, *, max_nodes: int = MAX_VIEW_NODES) -> None:
    """Refuse a view too large to draw, saying how to narrow it."""
    nodes = graph.number_of_nodes()
    if nodes <= max_nodes:
        return
    view = str(graph.graph.get("view", "this"))
    hint = (
        f"draw part of it with --item ({_ITEMS[view]})"
        if view in _ITEMS
        else "this view has no filter; ask the record with capgraph query instead"
    )
    raise ParameterError(
        f"the {view} view has {nodes} nodes, more than the {max_nodes} a drawing can show; {hint}"
    )


def render(graph: nx.DiGraph, fmt: str, *, max_nodes: int = MAX_VIEW_NODES) -> bytes:
    """The view in one format: ``svg``, ``png``, ``html`` or ``mmd`` (Mermaid).

    A view of more than ``max_nodes`` nodes is refused (``check_size``).
    """
    check_size(graph, max_nodes=max_nodes)
    if fmt in ("svg", "png"):
        from capgraph.views import _static as static

        return static.render(graph, fmt)
    if fmt == "html":
        from capgraph.views import _html as html

        return html.render(graph).encode("utf-8")
    if fmt == "mmd":
        from capgraph.views import _mermaid as mermaid

        return mermaid.render(graph).encode("utf-8")
    raise ParameterError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")


def format_for(path: str | os.PathLike[str]) -> str:
    """The format a file name asks for, from its extension."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise ParameterError(
            f"{os.fspath(path)}: unknown output extension {('.' + suffix) if suffix else '(none)'};"
            f" choose one of: {', '.join('.' + f for f in FORMATS)}"
        )
    return suffix


def write(graph: nx.DiGraph, path: str | os.PathLike[str]) -> Path:
    """Render to ``path`` (format from its extension), atomically."""
    return atomic_write(path, render(graph, format_for(path)))


class Picture:
    """An SVG drawing that Jupyter shows inline (``_repr_svg_``); ``str()`` is the SVG text."""

    def __init__(self, svg: str, title: str = "") -> None:
        self.svg = svg
        self.title = title

    def __repr__(self) -> str:  # no memory address: notebook outputs stay the same run to run
        return f"Picture({self.title!r})"

    def _repr_svg_(self) -> str:
        return self.svg

    def __str__(self) -> str:
        return self.svg


def picture(graph: nx.DiGraph) -> Picture:
    """The static drawing as an inline SVG picture for notebooks (the same in every viewer)."""
    return Picture(render(graph, "svg").decode("utf-8"), str(graph.graph.get("title", "")))


def figure(graph: nx.DiGraph) -> Figure:
    """The static drawing as a matplotlib figure, e.g. to show in a notebook."""
    from capgraph.views import _static as static

    return static.figure(graph)
