"""The project's own checks: ruff (lint, format) and mypy, as pyproject.toml sets them.

Each tool runs as ``python -m TOOL`` with this interpreter, so a missing tool fails the
test instead of skipping it.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("src", "tests", "benchmarks")


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_ruff_lint() -> None:
    lint = _run("ruff", "check", *SOURCES)
    assert lint.returncode == 0, lint.stdout + lint.stderr


def test_ruff_format() -> None:
    fmt = _run("ruff", "format", "--check", *SOURCES)
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr


def test_ruff_checks_complexity_and_pytest_style() -> None:
    # The rules the project relies on stay on, whatever else changes in pyproject.toml.
    lint = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["ruff"]
    assert {"C90", "PT"} <= set(lint["lint"]["select"])
    assert lint["lint"]["mccabe"]["max-complexity"] <= 12


def test_mypy_strict() -> None:
    result = _run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr
