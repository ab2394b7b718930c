"""``capgraph validate --engine``: the compiled engine by default, pySHACL on request."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.validation.support import CASES, apply_case, copy_bundled

from capgraph.cli import main


def test_help_lists_the_engines(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["validate", "--help"])
    assert "--engine {compiled,pyshacl}" in capsys.readouterr().out


def test_both_engines_give_the_same_text_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--engine", "pyshacl"]) == 0
    reference = capsys.readouterr().out
    assert main(["validate", "--engine", "compiled"]) == 0
    assert capsys.readouterr().out == reference
    assert main(["validate"]) == 0
    assert capsys.readouterr().out == reference


def test_unknown_engine_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", "--engine", "jena"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'jena'" in capsys.readouterr().err


def test_queries_side_by_side_give_the_same_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_bundled(tmp_path)
    for name in ("missing-council-approval-2019", "duplicate-session-ordinal", "iri-off-pattern"):
        apply_case(CASES / name, project)
        added = project / "data" / "zz-case.trig"
        if added.exists():
            added.rename(project / "data" / f"zz-{name}.trig")
    reports = []
    for jobs in ("1", "3"):
        main(["validate", "--project", str(project), "--format", "json", "--jobs", jobs])
        reports.append(capsys.readouterr().out)
    assert reports[0] == reports[1]
    assert reports[0].count('"severity": "violation"') >= 3


def test_jobs_below_one_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--jobs", "0"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip().splitlines() == [captured.err.strip()]
    assert "jobs must be at least 1" in captured.err
