"""``capgraph validate``: exit codes 0 / 1 / 2, formats, --output, --fail-on, --help."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from capgraph.cli import main

from .support import CASES, apply_case, copy_bundled


@pytest.fixture(scope="module")
def broken_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_bundled(tmp_path_factory.mktemp("cli-broken"))
    apply_case(CASES / "missing-council-approval-2019", project)
    return project


def test_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["validate", "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    for option in ("--format", "--output", "--fail-on", "--project", "sarif", "junit"):
        assert option in out


def test_bundled_record_exits_0_with_the_counts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == "0 violations, 0 warnings, 2 infos"
    assert "Awaiting endorsement by the Permanent Technical Committee" in out


def test_fail_on_info_makes_the_open_steps_fail(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "reports" / "validation.json"
    assert main(["validate", "--fail-on", "info", "--format", "json", "--output", str(target)]) == 1
    assert capsys.readouterr().out == ""
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["fail_on"] == "info"
    assert document["conforms"] is False
    assert document["counts"]["info"] == 2
    assert [p.name for p in target.parent.iterdir()] == ["validation.json"]  # no temp file left


def test_broken_record_exits_1_and_writes_sarif(
    broken_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "capgraph.sarif"
    code = main(
        ["validate", "--project", str(broken_project), "--format", "sarif", "--output", str(target)]
    )
    assert code == 1
    results = json.loads(target.read_text(encoding="utf-8"))["runs"][0]["results"]
    errors = [r for r in results if r["level"] == "error"]
    assert [r["ruleId"] for r in errors] == ["capsh:ApprovalComplete"]
    assert errors[0]["message"]["text"].startswith(
        "Missing approval by the Customs Co-operation Council (approved), step 4"
    )
    assert errors[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "data/procedures.trig"
    )


def test_junit_format(broken_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--project", str(broken_project), "--format", "junit"]) == 1
    out = capsys.readouterr().out
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert 'failures="1"' in out.splitlines()[1]


def test_unreadable_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_bundled(tmp_path)
    (project / "data" / "zz-broken.trig").write_text(
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "<https://w3id.org/capgraph/id/body/x> <https://schema.org/startDate>\n"
        '    "2019-13-45"^^xsd:date .\n',
        encoding="utf-8",
    )
    assert main(["validate", "--project", str(project)]) == 2
    err = capsys.readouterr().err
    assert "data/zz-broken.trig:3" in err


def test_unparsable_shapes_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_bundled(tmp_path)
    (project / "shapes" / "zz-broken.ttl").write_text("this is not turtle\n", encoding="utf-8")
    assert main(["validate", "--project", str(project)]) == 2
    assert "zz-broken.ttl" in capsys.readouterr().err


def test_missing_project_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--project", str(tmp_path / "nowhere")]) == 2
    assert "not found" in capsys.readouterr().err
