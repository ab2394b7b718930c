"""The extraction benchmark meets its targets on the seed and the synthetic documents."""

from __future__ import annotations

import re

import pytest

from benchmarks import extraction


@pytest.mark.slow
def test_extraction_targets() -> None:
    text = extraction.run(None)
    rows = re.findall(r"^\| (\S+) \| (\w+) \| ([\d.]+) \| ([\d.]+) \|", text, flags=re.M)
    table = {(doc, kind): (float(p), float(r)) for doc, kind, p, r in rows}
    assert len(table) == 20
    for (doc, kind), (precision, recall) in table.items():
        assert precision >= 0.9, (doc, kind, precision)
        if doc == "seed" and kind in ("sessions", "dates"):
            assert recall >= 0.9
        if doc == "seed" and kind == "decisions":
            assert recall >= 0.8
    for quotes, verbatim, invented in re.findall(
        r"verbatim quotes (\d+)/(\d+), invented dates (\d+)", text
    ):
        assert (quotes, invented) == (verbatim, "0")
    assert "planted conflicts found by conflicts: 5/5; other conflicts: 0" in text
