"""Fixtures: a synthetic records project with reviewed claims and one draft claim.

``drafts_project`` is ``fixture/`` plus the bundled ontology and queries; ``drafts_server``
is that project published to a real ``oxigraph serve`` on 127.0.0.1.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from capgraph.project import bundled_project_dir
from conftest_servers import OxigraphServer, oxigraph_server, publish_with_cli, record

__all__ = ["drafts_project", "drafts_server", "record"]

FIXTURE = Path(__file__).parent / "fixture"
EXPECTED = Path(__file__).parent / "expected"


@pytest.fixture(scope="session")
def drafts_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("drafts-project")
    shutil.copytree(FIXTURE / "data", root / "data")
    shutil.copytree(bundled_project_dir() / "ontology", root / "ontology")
    shutil.copytree(bundled_project_dir() / "queries", root / "queries")
    return root


@pytest.fixture(scope="module")
def drafts_server(drafts_project: Path) -> Iterator[OxigraphServer]:
    """``oxigraph serve --union-default-graph`` holding the drafts project."""
    with oxigraph_server() as server:
        publish_with_cli(server, "--project", str(drafts_project))
        yield server
