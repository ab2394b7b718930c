"""Fixtures: the seed record plus the synthetic news note, drafted by extract (two sources)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest_servers import oxigraph, run_cli  # noqa: F401  (a fixture)

ROOT = Path(__file__).resolve().parents[2]
SYNTHETIC = ROOT / "benchmarks" / "extraction"
SEED = ROOT / "data" / "sources" / "000_b0be07e943ed1eb1.txt"


def record_copy(target: Path) -> Path:
    """A records project holding a copy of the bundled ontology and record."""
    shutil.copytree(ROOT / "ontology", target / "ontology")
    shutil.copytree(ROOT / "data", target / "data")
    return target


@pytest.fixture(scope="module")
def two_sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed record and a synthetic second source that disagrees with it on purpose."""
    project = record_copy(tmp_path_factory.mktemp("two-sources"))
    code, _, err = run_cli(
        "--project", str(project), "extract", str(SYNTHETIC / "synthetic-news-note.txt")
    )
    assert (code, err) == (0, "")
    return project
