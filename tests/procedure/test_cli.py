"""The status, trace and history commands, in-process."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from capgraph.cli import main


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exit_:
            code = int(exit_.code or 0)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("command", "example"),
    [
        ("status", "capgraph status cap19 --format mermaid"),
        ("trace", "capgraph trace ipr-handbook --format mermaid"),
        ("history", "capgraph history --format json"),
    ],
)
def test_help_has_an_example(command: str, example: str) -> None:
    code, out, _ = run_cli(command, "--help")
    assert code == 0
    assert example in out
    assert "--endpoint URL" in out
    assert "--project DIR" in out


def test_status_formats() -> None:
    code, out, err = run_cli("status", "cap19", "--format", "json")
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert [s["state"] for s in document["processes"][0]["steps"]] == ["done", "next", "pending"]
    code, out, _ = run_cli("status", "--format", "mermaid")
    assert code == 0
    assert out.startswith("flowchart LR\n")
    assert out.count("subgraph") == 3
    code, out, _ = run_cli("status", "tor-review-2019")
    assert code == 0
    assert "Review of the CAP Group ToR, 2019-2020: complete" in out.replace("\n", " ")


def test_trace_formats() -> None:
    code, out, _ = run_cli("trace", "ipr-cencomm")
    assert code == 0
    assert out.startswith("tool: IPR CENcomm platform (developed)")
    code, out, _ = run_cli("trace", "ipr-cencomm", "--format", "json")
    assert code == 0
    assert json.loads(out)["trail"]["iri"].endswith("/tool/ipr-cencomm")
    code, out, _ = run_cli("trace", "storage-destruction-guidelines", "--format", "mermaid")
    assert code == 0
    assert out.count("priority<br/>") == 2


def test_history_formats() -> None:
    code, out, _ = run_cli("history", "--format", "json")
    assert code == 0
    assert [v["name"] for v in json.loads(out)["versions"]] == ["2009", "2020", "cap19"]
    code, out, _ = run_cli("history")
    assert code == 0
    assert "Terms of Reference: versions" in out


def test_unknown_names_exit_2_with_the_known_ones() -> None:
    code, out, err = run_cli("status", "cap20")
    assert (code, out) == (2, "")
    assert err.startswith("capgraph: error: unknown process or ToR version 'cap20'")
    assert "tor-revision-cap19 (cap19)" in err
    code, _, err = run_cli("trace", "ipr-cookbook")
    assert code == 2
    assert "known tools: clikc-covid-19-module" in err


def test_project_and_output(fixture_project: Path, tmp_path: Path) -> None:
    target = tmp_path / "status.json"
    code, out, err = run_cli(
        "status", "ooo", "--project", str(fixture_project), "--format", "json",
        "--output", str(target),
    )  # fmt: skip
    assert (code, out, err) == (0, "", "")
    steps = json.loads(target.read_text(encoding="utf-8"))["processes"][0]["steps"]
    assert [s["state"] for s in steps] == ["done", "out of order", "next"]
