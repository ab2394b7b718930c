"""Three records repositories that are not the bundled record, for running every command.

- ``data-only``: a folder with nothing but ``data/`` (a small synthetic record: bodies and
  one session; no processes, tools or Terms of Reference);
- ``mini``: ``tests/core/fixtures/mini``, with an ontology and queries of its own and a
  vocabulary that is not capgraph's;
- ``generated``: a generated 10k-triple record in capgraph's model, with its ``queries/``
  folder deleted, so every question it is asked comes from the built-in queries.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from benchmarks.generate import generate

from conftest_servers import oxigraph  # noqa: F401  (a fixture)

TESTS = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def repositories(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("repositories")
    data_only = root / "data-only"
    shutil.copytree(Path(__file__).parent / "fixtures" / "data-only", data_only)
    mini = root / "mini"
    shutil.copytree(TESTS / "core" / "fixtures" / "mini", mini)
    generated = root / "generated"
    generate(generated, size=10_000, seed=7, defect_rate=0.02)
    shutil.rmtree(generated / "queries")
    return {"data-only": data_only, "mini": mini, "generated": generated}
