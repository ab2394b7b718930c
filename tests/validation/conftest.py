"""Fixtures for the validation tests: the bundled record, validated once per session."""

from __future__ import annotations

import pytest

from capgraph.query import KnowledgeGraph
from capgraph.validation import ValidationReport, validate
from conftest_servers import record

__all__ = ["bundled_report", "record"]


@pytest.fixture(scope="session")
def bundled_report(record: KnowledgeGraph) -> ValidationReport:
    return validate(record)
