"""Every report format names the shapes pySHACL checked instead of the compiled engine.

``fallback/`` is a synthetic project (team-written): ``ex:ItemShape`` compiles, and
``ex:CodeShape`` has an ``sh:sparql`` constraint on a property shape, which must run
once per focus node and so goes to pySHACL. The expected outputs are in
``fallback/expected/`` (``CAPGRAPH_WRITE_EXPECTED=1`` rewrites them; review the diff).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyoxigraph as ox
import pytest

import capgraph
from capgraph.render import render_report
from capgraph.validation import Fallback, ValidationReport, validate

from .support import sarif_findings

PROJECT = Path(__file__).parent / "fallback"
EXPECTED = PROJECT / "expected"
FORMATS = {"text": "txt", "json": "json", "junit": "xml", "sarif": "sarif", "ttl": "ttl"}
_VERSION = "(capgraph version)"


@pytest.fixture(scope="module")
def report() -> ValidationReport:
    return validate(capgraph.open(PROJECT))


def test_the_synthetic_shape_falls_back(report: ValidationReport) -> None:
    assert report.fallbacks == (
        Fallback(
            "https://example.org/fallback/CodeShape",
            "an sh:sparql constraint that must run once per focus node",
        ),
    )
    # pySHACL's result for the shape is in the report, beside the compiled engine's
    assert sorted(r.shape for r in report.results) == [
        "https://example.org/fallback/CodeShape",
        "https://example.org/fallback/ItemShape-size",
    ]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_each_format_names_the_fallback_exactly(report: ValidationReport, fmt: str) -> None:
    text = render_report(report, fmt).replace(f'"{capgraph.__version__}"', json.dumps(_VERSION))
    path = EXPECTED / f"report.{FORMATS[fmt]}"
    if os.environ.get("CAPGRAPH_WRITE_EXPECTED") == "1":
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_the_text_report_has_a_section_of_fallbacks(report: ValidationReport) -> None:
    lines = render_report(report, "text").splitlines()
    at = lines.index("checked by pySHACL instead of the compiled engine:")
    assert lines[at + 1] == (
        "  https://example.org/fallback/CodeShape \u2014 "
        "an sh:sparql constraint that must run once per focus node"
    )


def test_the_json_report_has_a_fallbacks_member(report: ValidationReport) -> None:
    document = json.loads(render_report(report, "json"))
    assert list(document)[-1] == "fallbacks"
    assert document["fallbacks"] == [
        {
            "shape": "https://example.org/fallback/CodeShape",
            "reason": "an sh:sparql constraint that must run once per focus node",
        }
    ]


def test_the_turtle_report_stays_the_standard_graph(report: ValidationReport) -> None:
    text = render_report(report, "ttl")
    assert text.startswith("# checked by pySHACL instead of the compiled engine:\n")
    graph = list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TURTLE))
    bare = list(ox.parse(text.split("\n", 2)[2].encode("utf-8"), format=ox.RdfFormat.TURTLE))
    assert len(graph) == len(bare) > 0  # the comments add no triple


def test_a_reason_on_several_lines_stays_inside_its_comment() -> None:
    broken = ValidationReport.of([], [], [Fallback("ex:S", "one\nex:x ex:y ex:z .")])
    text = render_report(broken, "ttl")
    assert text.splitlines()[1] == "# ex:S \u2014 one ex:x ex:y ex:z ."
    assert list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TURTLE))


def test_the_sarif_notifications_pass_github_s_rules(
    report: ValidationReport, tmp_path: Path
) -> None:
    path = tmp_path / "fallback.sarif"
    path.write_text(render_report(report, "sarif"), encoding="utf-8")
    assert sarif_findings(path) == []


def test_a_report_without_fallbacks_has_no_fallback_section(
    bundled_report: ValidationReport,
) -> None:
    assert bundled_report.fallbacks == ()
    assert "pySHACL" not in render_report(bundled_report, "text")
    assert "invocations" not in json.loads(render_report(bundled_report, "sarif"))["runs"][0]
    assert "<properties>" not in render_report(bundled_report, "junit")
    assert not render_report(bundled_report, "ttl").startswith("#")
    assert json.loads(render_report(bundled_report, "json"))["fallbacks"] == []
