"""Passages: the seed document splits into exactly the curated record's passages."""

from __future__ import annotations

import re

from capgraph.sources import split_passages

from .conftest import ROOT, SEED, SYNTHETIC


def _curated_passages() -> dict[str, str]:
    text = (ROOT / "data" / "source.trig").read_text(encoding="utf-8")
    found = re.findall(r'cap:passageLabel "([^"]+)" ;\s*cap:passageText "((?:[^"\\]|\\.)*)"', text)
    return {label: value.replace('\\"', '"') for label, value in found}


def test_the_seed_splits_into_the_curated_passages() -> None:
    layout = split_passages(SEED.read_text(encoding="utf-8"))
    assert {p.label: p.text for p in layout.passages} == _curated_passages()
    assert [p.segment for p in layout.passages][:3] == ["summary", "para/1", "para/2"]
    assert (layout.title, layout.agenda_item, layout.agenda_item_type, layout.numbered) == (
        "Terms of Reference (ToR) of the CAP Group",
        "III. (k)",
        "C",
        True,
    )


def test_a_footnote_inside_a_paragraph_is_its_own_passage() -> None:
    layout = split_passages(SEED.read_text(encoding="utf-8"))
    labels = [p.label for p in layout.passages]
    assert labels.index("footnote 1") == len(labels) - 1
    seven = next(p for p in layout.passages if p.label == "7")
    assert seven.text.endswith("as will the upcoming 19th Meeting.")


def test_an_unnumbered_document_keeps_its_paragraphs_in_order_labelled_as_such() -> None:
    text = (SYNTHETIC / "synthetic-meeting-report.txt").read_text(encoding="utf-8")
    layout = split_passages(text)
    assert not layout.numbered
    assert [p.label for p in layout.passages][:2] == [
        "paragraph 1 (unnumbered)",
        "paragraph 2 (unnumbered)",
    ]
    assert layout.passages[0].text == "The 20th Meeting of the CAP Group was held in hybrid mode."


def test_a_heading_does_not_run_into_the_paragraph_before_it() -> None:
    text = "1. First point.\n\n I. Heading\n\n2. Second point.\n"
    assert [p.text for p in split_passages(text).passages] == ["First point.", "Second point."]
