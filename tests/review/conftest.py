"""A records repository in git for the diff tests: the base record, and one branch per case.

``fixtures/base`` is a synthetic records project (with its own shapes, so that its
validation results do not move with the bundled ones). Each ``fixtures/cases/NAME`` holds
``change.patch``, applied to the base on branch ``NAME``, and the expected output of
``capgraph diff base NAME`` in each format (``expected.txt``, ``.md``, ``.json``).
"""

from __future__ import annotations

import contextlib
import io
import shutil
import subprocess
from pathlib import Path

import pytest

from capgraph.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
BASE = FIXTURES / "base"
CASES = sorted(p.name for p in (FIXTURES / "cases").iterdir() if p.is_dir())
#: The records project's folder inside the repository.
INSIDE = "records"


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=capgraph tests", "-c", "user.email=tests@example.org",
         "-c", "commit.gpgsign=false", *args],
        cwd=repo, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return done.stdout


@pytest.fixture(scope="session")
def records_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository whose ``records/`` is the base on ``base`` and a case on each branch."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path_factory.mktemp("records-repo")
    git(repo, "init", "-q", "-b", "base")
    shutil.copytree(BASE, repo / INSIDE)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base record")
    for case in CASES:
        git(repo, "checkout", "-q", "-b", case, "base")
        patch = FIXTURES / "cases" / case / "change.patch"
        git(repo, "apply", f"--directory={INSIDE}", str(patch))
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", case)
    git(repo, "checkout", "-q", "base")
    return repo


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exit_:
            code = int(exit_.code or 0)
    return code, out.getvalue(), err.getvalue()
