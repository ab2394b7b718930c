"""The ToR timeline of the history view: when each version was in force, uncertain periods
drawn as such (hatched and dashed in the picture, dashed in Mermaid, labelled "uncertain")."""

from __future__ import annotations

import shutil
from pathlib import Path

import capgraph
from capgraph import views
from capgraph.query import KnowledgeGraph
from capgraph.views import _mermaid as mermaid
from capgraph.views._labels import DASH

SYNTHETIC = Path(__file__).parents[1] / "procedure" / "asof_fixture"

BUNDLED_TIMELINE = [
    '  subgraph timeline["When each version was in force"]',
    "    direction LR",
    '    t1["Jun 2009: uncertain,<br/>not yet or 2009 in force"]',
    f'    t2["2009 in force<br/>Jun 2009 {DASH} Dec 2020"]',
    '    t3["Dec 2020: uncertain,<br/>2009 or 2020 in force"]',
    '    t4["2020 in force<br/>from Dec 2020"]',
    "    t1 --- t2 --- t3 --- t4",
    "  end",
    "  classDef periodInForce fill:#d1e7dd,stroke:#0f5132,color:#0f5132",
    "  class t2,t4 periodInForce",
    "  classDef periodUncertain fill:#fff8e1,stroke:#b26a00,color:#7a4a00,stroke-dasharray:6 4",
    "  class t1,t3 periodUncertain",
]


def test_mermaid_timeline_of_the_bundled_record(record: KnowledgeGraph) -> None:
    lines = mermaid.render(views.history(record)).splitlines()
    assert lines[-len(BUNDLED_TIMELINE) :] == BUNDLED_TIMELINE


def test_mermaid_timeline_with_a_day_a_year_and_a_month(tmp_path: Path) -> None:
    shutil.copytree(SYNTHETIC, tmp_path / "data")
    text = mermaid.render(views.history(capgraph.open(tmp_path)))
    timeline = text[text.index("  subgraph timeline") :].splitlines()
    assert timeline[2:7] == [
        '    t1["2010: uncertain,<br/>not yet or v1 in force"]',
        f'    t2["v1 in force<br/>2010 {DASH} Nov 2019"]',
        '    t3["Nov 2019: uncertain,<br/>v1 or v2 in force"]',
        '    t4["v2 in force<br/>from Nov 2019"]',
        "    t1 --- t2 --- t3 --- t4",
    ]


def test_the_picture_hatches_uncertain_periods(record: KnowledgeGraph) -> None:
    from matplotlib.patches import Rectangle
    from matplotlib.text import Text

    figure = views.figure(views.history(record))
    boxes = [p for p in figure.findobj(Rectangle) if p.get_hatch()]
    assert [b.get_hatch() for b in boxes] == ["///", "///"]
    assert all(b.get_linestyle() not in ("-", "solid") for b in boxes)  # dashed edges
    texts = {t.get_text() for t in figure.findobj(Text)}
    assert "Dec 2020: uncertain, 2009 or 2020 in force" in texts
    assert f"2009 in force Jun 2009 {DASH} Dec 2020" in texts
    assert "uncertain which version was in force" in texts  # the legend
