"""Fixtures for the view tests: the bundled record and a project of procedure fixtures.

``procedure_record`` reuses the fixtures of ``tests/procedure`` (every step state the rules
know, each in its own process), so the views are checked on skipped, out-of-order and
undecided steps too.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import capgraph
from capgraph.graph import KnowledgeGraph
from capgraph.project import bundled_project_dir
from conftest_servers import record, served_record

__all__ = ["procedure_record", "record", "served_record"]

PROCEDURE_FIXTURES = Path(__file__).parents[1] / "procedure" / "fixtures"


@pytest.fixture(scope="session")
def procedure_record(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeGraph:
    root = tmp_path_factory.mktemp("views-procedure")
    bundled = bundled_project_dir()
    shutil.copytree(PROCEDURE_FIXTURES, root / "data")
    shutil.copytree(bundled / "ontology", root / "ontology")
    shutil.copytree(bundled / "queries", root / "queries")
    return capgraph.open(root)
