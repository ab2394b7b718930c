"""Fixtures for the validation tests: the bundled record, validated once per session."""

from __future__ import annotations

import pytest

from capgraph.graph import KnowledgeGraph
from capgraph.report import ValidationReport
from capgraph.validate import validate
from conftest_servers import record

__all__ = ["bundled_report", "record"]


@pytest.fixture(scope="session")
def bundled_report(record: KnowledgeGraph) -> ValidationReport:
    return validate(record)
