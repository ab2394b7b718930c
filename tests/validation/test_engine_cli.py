"""``capgraph validate --engine``: the compiled engine by default, pySHACL on request."""

from __future__ import annotations

import pytest

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
