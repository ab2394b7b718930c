from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from capgraph.cli import COMMANDS, main
from capgraph.query import QueryLibrary

from .conftest import MINI


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main([command, "--help"])
    assert caught.value.code == 0
    out = capsys.readouterr().out
    assert "example:" in out
    assert "--project" in out


def test_version_and_top_level_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.startswith("capgraph ")
    with pytest.raises(SystemExit) as caught:
        main(["--help"])
    assert caught.value.code == 0
    out = capsys.readouterr().out
    for command in COMMANDS:
        assert command in out


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["no-such-command"])
    assert caught.value.code == 2


def test_info_counts(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "info", "--project", str(MINI), "--format", "json")
    assert code == 0
    info = json.loads(out)
    assert [f["path"] for f in info["files"]] == [
        "ontology/mini.ttl",
        "data/extra.ttl",
        "data/meetings.trig",
    ]
    builtin = len(QueryLibrary.builtin().names())
    assert info["named_queries"] == builtin + 2  # its own 2 and the built-in ones
    assert info["builtin_queries"] == builtin
    assert info["bundled"] == ["shapes"]
    assert info["triples"] == sum(g["triples"] for g in info["graphs"])


def test_project_option_before_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--project", str(MINI), "query", "--list")
    assert code == 0
    assert "by-ordinal: Meeting by ordinal" in out.splitlines()  # the project's own query
    assert "--param n=…  (xsd:integer) The ordinal" in out


def test_query_formats(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "query", "meetings", "--project", str(MINI), "--format", "csv")
    assert code == 0
    assert out.splitlines() == [
        "meeting,ordinal,date",
        "https://example.org/rec/m1,1,2019-10",
        "https://example.org/rec/m2,2,2020-12-03",
        "https://example.org/rec/m3,3,",
    ]
    code, out, _ = run(
        capsys, "query", "by-ordinal", "--param", "n=3", "--project", str(MINI), "--format", "json"
    )
    assert json.loads(out) == [{"meeting": "https://example.org/rec/m3", "label": None}]
    code, out, _ = run(capsys, "query", "meetings", "--project", str(MINI))
    assert "3 rows" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["query", "nope"], "unknown query 'nope'; known queries: by-ordinal, meetings"),
        (["query", "by-ordinal"], "needs parameter 'n'"),
        (["query", "by-ordinal", "--param", "n"], "malformed --param 'n'; expected NAME=VALUE"),
        (["query", "by-ordinal", "--param", "n=x"], "must be an xsd:integer"),
        (["query"], "give a query NAME"),
    ],
)
def test_query_errors_exit_2_with_one_line(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, *argv, "--project", str(MINI))
    assert code == 2
    assert out == ""
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_export_to_file_is_atomic_and_deterministic(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.nq"
    assert (
        run(capsys, "export", "--project", str(MINI), "--format", "nq", "--output", str(target))[0]
        == 0
    )
    first = target.read_bytes()
    assert (
        run(capsys, "export", "--project", str(MINI), "--format", "nq", "--output", str(target))[0]
        == 0
    )
    assert target.read_bytes() == first
    assert [p.name for p in tmp_path.iterdir()] == ["out.nq"]


def test_bad_project_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "info", "--project", str(tmp_path))
    assert code == 2
    assert "no data/ folder" in err


def test_python_dash_m(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "capgraph", "--project", str(MINI), "query", "--list"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "meetings: Meetings" in result.stdout


def test_written_files_follow_the_umask(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import os
    import stat

    target = tmp_path / "out.ttl"
    old = os.umask(0o022)
    try:
        assert run(capsys, "export", "--project", str(MINI), "--output", str(target))[0] == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    target.chmod(0o600)
    assert run(capsys, "export", "--project", str(MINI), "--output", str(target))[0] == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
