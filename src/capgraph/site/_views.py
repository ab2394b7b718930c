"""The views a page shows, drawn by :mod:`capgraph.views` and made fit to sit inline.

matplotlib writes a standalone SVG file. Inline in a page it loses the XML prolog and
DOCTYPE, gets ``role="img"`` with a ``<title>`` (its accessible name), and its ids get
a prefix, so two drawings on one page do not share an id.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from capgraph import views
from capgraph.errors import NothingToShow, ParameterError
from capgraph.query import Queryable

_ROOT = re.compile(r"<svg\b[^>]*>")
_ID = re.compile(r'\bid="([^"]+)"')
_REFERENCE = re.compile(r'(url\(#|href="#)([^")]+)')
_SIZE = re.compile(r'\s(width|height)="[^"]*"')


@dataclass(frozen=True)
class View:
    """A drawing for a page: its title (the accessible name), inline SVG and interactive page."""

    name: str
    title: str
    #: The inline drawing, or None when it could not be drawn (``problem`` says why).
    svg: str | None
    #: The offline interactive page, for the views where zooming helps (None elsewhere).
    html: bytes | None
    problem: str | None = None


def draw(
    source: Queryable, view: str, *, item: str | None = None, key: str, interactive: bool = False
) -> View | None:
    """The view as inline SVG, or None when the record has nothing for it to draw.

    ``key`` prefixes the drawing's ids; it must differ between drawings of one page.
    """
    try:
        graph = views.build(source, view, item=item)
    except NothingToShow:
        return None
    title = str(graph.graph.get("title") or view)
    try:
        svg = views.render(graph, "svg").decode("utf-8")
        page = views.render(graph, "html") if interactive else None
    except ParameterError as error:  # too large to draw: the page says so
        return View(view, title, None, None, problem=str(error))
    except Exception as error:  # one picture must not take the whole site down
        problem = f"the {view} picture could not be drawn ({type(error).__name__}: {error})"
        return View(view, title, None, None, problem=problem)
    return View(view, title, inline(svg, title=title, key=key), page)


def inline(svg: str, *, title: str, key: str) -> str:
    """A standalone SVG document as an element to put inside HTML."""
    start = svg.index("<svg")
    body = svg[start:]
    body = _ID.sub(lambda m: f'id="{key}-{m.group(1)}"', body)
    body = _REFERENCE.sub(lambda m: f"{m.group(1)}{key}-{m.group(2)}", body)
    root = _ROOT.match(body)
    assert root is not None  # matplotlib's SVG starts with its root element
    tag = _SIZE.sub("", root.group(0))  # the CSS sizes it; the viewBox keeps its shape
    tag = tag[:-1] + f' role="img" aria-labelledby="{key}-title">'
    return f'{tag}<title id="{key}-title">{html.escape(title)}</title>{body[root.end() :]}'
