"""Shared inputs for the reasoning tests.

HermiT takes a second or more per run, so each input is reasoned about once per
module (module-scoped fixtures) and the tests read the shared result.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from capgraph.errors import ReasonerError
from capgraph.project import Project

FIXTURES = Path(__file__).parent / "fixtures"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Skip ``java`` tests on a machine without Java, but never in CI, where it must exist."""
    from capgraph.reason import find_java

    try:
        find_java()
    except ReasonerError:
        if os.environ.get("CI"):
            return
        skip = pytest.mark.skip(reason="no Java runtime (HermiT needs one)")
        for item in items:
            if "java" in item.keywords:
                item.add_marker(skip)


def bundled_plus(fixture: str, target: Path) -> Path:
    """A project holding the bundled ontology and data plus one fixture file in data/."""
    bundled = Project.discover(None)
    for path in bundled.ontology_files + bundled.data_files:
        copy = target / bundled.relative(path)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, copy)
    shutil.copyfile(FIXTURES / fixture, target / "data" / fixture)
    return target


@dataclass(frozen=True)
class CliRun:
    code: int
    out: str
    err: str


def run_cli(*argv: str) -> CliRun:
    """``capgraph ARGV`` in-process (usable from module-scoped fixtures, unlike capsys)."""
    from capgraph.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return CliRun(code, out.getvalue(), err.getvalue())
