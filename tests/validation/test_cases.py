"""Broken records: each case in ``cases/`` is the bundled record with a change, and the
exact results it must produce (severity, focus node, shape, path, value, message)."""

from __future__ import annotations

from pathlib import Path

import pytest

import capgraph
from capgraph.validation import validate

from .support import (
    CASES,
    apply_case,
    copy_bundled,
    expected_keys,
    load_expected,
    report_keys,
    result_key,
)

CASE_NAMES = sorted(p.name for p in CASES.iterdir() if (p / "expected.json").exists())


def test_there_are_at_least_fifteen_cases() -> None:
    assert len(CASE_NAMES) >= 15


@pytest.mark.parametrize("name", CASE_NAMES)
def test_broken_record(name: str, tmp_path: Path) -> None:
    case = CASES / name
    project = copy_bundled(tmp_path)
    apply_case(case, project)
    report = validate(capgraph.open(project))
    assert report_keys(report) == expected_keys(case)
    # Messages too, where the case states them (every case here does).
    got = sorted((*result_key(r), r.message) for r in report.results)
    want = sorted(
        (e["severity"], e["focus"], e["shape"], e["path"], e["value"], e["message"])
        for e in load_expected(case)
        if "message" in e
    )
    assert [g for g in got if g[:5] in {w[:5] for w in want}] == want
