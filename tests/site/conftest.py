"""Fixtures: the site of the bundled record, and of a small record with draft claims."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# This folder cannot be a package like the others (``site`` is a standard-library module),
# so pytest puts this folder on sys.path, not tests/, where the shared helpers live.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from conftest_browser import browser, page  # noqa: F401  (fixtures for the browser tests)
from conftest_servers import run_cli

DRAFT_RECORD = Path(__file__).parent / "fixtures" / "draft-record"


def build_site(output: Path, *options: str, project: Path | None = None) -> Path:
    """``capgraph [--project P] site --output OUTPUT OPTIONS``, which must succeed silently."""
    before = ["--project", str(project)] if project else []
    code, out, err = run_cli(*before, "site", "--output", str(output), *options)
    assert (code, out, err) == (0, "", "")
    return output


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the bundled record, built once for the session."""
    return build_site(tmp_path_factory.mktemp("bundled") / "site")


@pytest.fixture(scope="module")
def draft_sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The draft record's site without and with ``--drafts``."""
    root = tmp_path_factory.mktemp("drafts")
    return (
        build_site(root / "plain", project=DRAFT_RECORD),
        build_site(root / "drafts", "--drafts", project=DRAFT_RECORD),
    )
