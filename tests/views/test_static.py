"""The static pictures: right file types, deterministic bytes, and no overlapping labels."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET

import pytest

from capgraph import views
from capgraph.query import KnowledgeGraph

CASES = [
    ("approvals", None),
    ("approvals", "cap19"),
    ("history", None),
    ("provenance", "ipr-handbook"),
    ("provenance", "e-commerce-case-studies"),
    ("provenance", None),
    ("overview", None),
]


def text_boxes(graph: object) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Every non-empty text of the drawn figure with its extent in pixels (its box, if any)."""
    from matplotlib.text import Text

    figure = views.figure(graph)  # type: ignore[arg-type]
    figure.canvas.draw()  # lays out text boxes (their patches get their extents here)
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    found = []
    for text in figure.findobj(Text):
        if not text.get_visible() or not text.get_text().strip():
            continue
        patch = text.get_bbox_patch()
        extent = (patch or text).get_window_extent(renderer)
        found.append((text.get_text(), (extent.x0, extent.y0, extent.x1, extent.y1)))
    width, height = figure.canvas.get_width_height()
    for label, (x0, y0, x1, y1) in found:
        inside = x0 >= -0.5 and y0 >= -0.5 and x1 <= width + 0.5 and y1 <= height + 0.5
        assert inside, f"{label!r} runs off the picture"
    return found


def overlapping(boxes: list[tuple[str, tuple[float, float, float, float]]]) -> list[str]:
    clashes = []
    for (a, (ax0, ay0, ax1, ay1)), (b, (bx0, by0, bx1, by1)) in itertools.combinations(boxes, 2):
        if min(ax1, bx1) - max(ax0, bx0) > 0.5 and min(ay1, by1) - max(ay0, by0) > 0.5:
            clashes.append(f"{a!r} overlaps {b!r}")
    return clashes


@pytest.mark.parametrize(("view", "item"), CASES)
def test_no_labels_overlap_at_native_size(record: KnowledgeGraph, view: str, item: str) -> None:
    boxes = text_boxes(views.build(record, view, item=item))
    assert len(boxes) > 5
    assert overlapping(boxes) == []


def test_no_labels_overlap_with_every_step_state(fixture_record: KnowledgeGraph) -> None:
    boxes = text_boxes(views.approvals(fixture_record))
    assert overlapping(boxes) == []


def test_the_overlap_check_can_fail() -> None:
    boxes = [("a", (0.0, 0.0, 10.0, 10.0)), ("b", (5.0, 5.0, 15.0, 15.0)),
             ("c", (10.0, 0.0, 20.0, 4.0))]  # fmt: skip
    assert overlapping(boxes) == ["'a' overlaps 'b'"]


def test_pictures_show_readable_labels_and_dates(record: KnowledgeGraph) -> None:
    texts = [t for t, _box in text_boxes(views.approvals(record))]
    joined = "\n".join(texts)
    assert "137th Council Session\nDec 2020 · approved" in texts
    assert "113th/114th Council Sessions\nJun 2009 · adopted" in texts
    assert "19th CAP Group Meeting\nundated · approved" in texts
    assert {"2009", "2019", "2020", "undated"} <= set(texts)  # the time axis
    assert "route still to travel" in texts
    assert "pending" in texts
    assert "https://" not in joined


@pytest.mark.parametrize("view", ["approvals", "history", "overview"])
def test_png_and_svg_are_deterministic(record: KnowledgeGraph, view: str) -> None:
    graph = views.build(record, view)
    png = views.render(graph, "png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(png) > 10_000
    assert views.render(graph, "png") == png
    svg = views.render(graph, "svg")
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert views.render(graph, "svg") == svg
    assert b"<dc:date>" not in svg


def test_svg_of_the_provenance_tree(record: KnowledgeGraph) -> None:
    svg = views.render(views.provenance(record, "ipr-handbook"), "svg")
    assert ET.fromstring(svg).tag.endswith("svg")
