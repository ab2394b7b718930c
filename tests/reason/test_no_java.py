"""Without a Java runtime the check says so and exits 2 (runs everywhere, needs no Java)."""

from __future__ import annotations

from pathlib import Path

import pytest

from capgraph.errors import EXIT_ERROR, ReasonerError
from capgraph.reason import find_java
from capgraph.reason._reason import NO_JAVA_MESSAGE

from .conftest import run_cli


@pytest.fixture
def no_java(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.delenv("JAVA_HOME", raising=False)


@pytest.mark.usefixtures("no_java")
def test_cli_without_java_exits_2_and_says_how_to_install_one() -> None:
    run = run_cli("reason")
    assert run.code == EXIT_ERROR
    assert run.out == ""
    assert run.err.strip() == f"capgraph: error: {NO_JAVA_MESSAGE}"


@pytest.mark.usefixtures("no_java")
def test_find_java_without_java_raises() -> None:
    with pytest.raises(ReasonerError, match="no Java runtime found: install a JRE"):
        find_java()


def test_java_home_is_used_when_java_is_not_on_path(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    java = tmp_path / "jre" / "bin" / "java"
    java.parent.mkdir(parents=True)
    java.write_text("#!/bin/sh\n")
    java.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "jre"))
    assert find_java() == str(java)


def test_named_java_that_does_not_exist_exits_2(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-java"
    run = run_cli("reason", "--java", str(missing))
    assert run.code == EXIT_ERROR
    assert f"{missing}: not an executable Java runtime" in run.err


def test_reason_help_has_an_example() -> None:
    with pytest.raises(SystemExit) as caught:
        run_cli("reason", "--help")
    assert caught.value.code == 0
