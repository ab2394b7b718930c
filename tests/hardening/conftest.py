"""Fixtures for the hardening tests: writable fixture projects and CLI runners.

``support.py`` beside this file holds the plain helpers (usable in subprocesses too).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from capgraph.cli import main

from .support import FIXTURES, CliResult


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A writable copy of the hardening fixture project."""
    target = tmp_path / "project"
    shutil.copytree(FIXTURES / "project", target)
    return target


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run ``capgraph ARGS`` in this process; returns its exit code, stdout and stderr.

    Any exception other than the CLI's own exit escapes, so a traceback fails the test.
    """

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exit_:  # argparse usage errors
            code = int(exit_.code or 0)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run
