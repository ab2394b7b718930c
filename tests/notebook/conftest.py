"""Fixtures for the notebook magics: a real IPython shell with ``%load_ext capgraph``.

``record`` and ``served_record`` come from tests/conftest_servers.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from conftest_servers import record, served_record

__all__ = ["record", "served_record", "shell"]


@pytest.fixture
def shell() -> Iterator[Any]:
    """An in-process IPython shell with the extension loaded; its namespace emptied after."""
    from IPython.core.interactiveshell import InteractiveShell

    ipython = InteractiveShell.instance()
    # reload: the shell is one per process, and each test gets fresh magics
    ipython.run_line_magic("reload_ext", "capgraph")
    try:
        yield ipython
    finally:
        ipython.reset(new_session=False)
