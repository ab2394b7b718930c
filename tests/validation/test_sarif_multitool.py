"""The SARIF report passes the SARIF Multitool's validation with GitHub's ingestion rules.

The Multitool is npm's ``@microsoft/sarif-multitool``; ``.ci/run`` installs it under
``.ci/tools`` (its ``package.json``). The test is skipped with a reason where it is not installed.
"""

from __future__ import annotations

from pathlib import Path

import capgraph
from capgraph.render import render_report

from .support import CASES, apply_case, copy_bundled, sarif_findings


def test_the_bundled_record_s_sarif_has_no_finding(tmp_path: Path) -> None:
    report = capgraph.validate(capgraph.open())
    path = tmp_path / "bundled.sarif"
    path.write_text(render_report(report, "sarif"), encoding="utf-8")
    assert sarif_findings(path) == []


def test_a_broken_record_s_sarif_has_no_finding(tmp_path: Path) -> None:
    project = copy_bundled(tmp_path / "broken")
    for case in ("iri-off-pattern", "council-approval-before-ptc", "missing-ptc-step-2019"):
        apply_case(CASES / case, project)
    report = capgraph.validate(capgraph.open(project))
    assert len({r.shape for r in report.results}) >= 3
    path = tmp_path / "broken.sarif"
    path.write_text(render_report(report, "sarif", root="records"), encoding="utf-8")
    assert sarif_findings(path) == []
