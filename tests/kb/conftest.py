"""Fixtures for the knowledge-base tests: the record of this repository, loaded once."""

from __future__ import annotations

import pytest

import capgraph
from capgraph import KnowledgeGraph

from .support import ROOT, SOURCE_TEXT, normalise


@pytest.fixture(scope="session")
def kg() -> KnowledgeGraph:
    """The repository's own record (ontology + data), in memory."""
    return capgraph.open(ROOT)


@pytest.fixture(scope="session")
def source_text() -> str:
    """The source document's text, whitespace normalised."""
    return normalise(SOURCE_TEXT.read_text(encoding="utf-8"))
