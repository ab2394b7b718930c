"""``capgraph publish`` and ``capgraph serve``: help, options and exit codes."""

from __future__ import annotations

import socket

import pytest

from capgraph.cli import main
from conftest_servers import run_cli


@pytest.mark.parametrize("command", ["publish", "serve"])
def test_help_shows_an_example(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([command, "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert "example:" in out
    assert f"capgraph {command} --" in out


def test_top_level_help_lists_both(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "publish" in out
    assert "serve" in out


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        ("--port", "70000", "expected a port number 0-65535"),
        ("--port", "http", "expected a port number 0-65535"),
        ("--timeout", "0", "expected a positive number of seconds"),
        ("--timeout", "nan", "expected a positive number of seconds"),
        ("--max-results", "-5", "expected a positive whole number"),
    ],
)
def test_serve_rejects_bad_limits(
    option: str, value: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["serve", option, value])
    assert exited.value.code == 2
    assert expected in capsys.readouterr().err


def test_serve_on_a_taken_port_exits_2() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, out, err = run_cli("serve", "--port", str(port))
    assert code == 2
    assert out == ""
    assert err.startswith(f"capgraph: error: cannot listen on 127.0.0.1:{port}: ")
    assert err.count("\n") == 1
