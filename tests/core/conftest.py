from __future__ import annotations

import shutil
from pathlib import Path

import pytest

MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the mini project."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target
