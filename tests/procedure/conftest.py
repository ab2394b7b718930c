"""Fixtures for the status, trace and history tests.

``record`` is the bundled record (tests/conftest_servers.py). ``fixture_record`` is a
project made of the procedure fixtures in ``fixtures/`` plus the bundled ontology and
queries: every state the rules know, each in its own process.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import capgraph
from capgraph.project import bundled_project_dir
from capgraph.query import KnowledgeGraph
from conftest_servers import oxigraph, record

__all__ = ["fixture_project", "fixture_record", "oxigraph", "record"]

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def fixture_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("procedure-fixtures")
    bundled = bundled_project_dir()
    shutil.copytree(FIXTURES, root / "data")
    shutil.copytree(bundled / "ontology", root / "ontology")
    shutil.copytree(bundled / "queries", root / "queries")
    return root


@pytest.fixture(scope="session")
def fixture_record(fixture_project: Path) -> KnowledgeGraph:
    return capgraph.open(fixture_project)
