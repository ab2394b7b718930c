"""On a generated record with planted defects, status finds exactly what was planted."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import capgraph
from capgraph.procedure import ProcessStatus, status

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def generated(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[list[dict[str, object]], tuple[ProcessStatus, ...]]:
    out = tmp_path_factory.mktemp("generated") / "record"
    command = [sys.executable, "-m", "benchmarks.generate", "--size", "20k", "--seed", "3"]
    command += ["--defect-rate", "0.05", "--out", str(out)]
    subprocess.run(command, cwd=REPO, check=True, capture_output=True)
    defects = json.loads((out / "defects.json").read_text(encoding="utf-8"))["defects"]
    return defects, status(capgraph.open(out))


def planted(defects: list[dict[str, object]], kind: str) -> list[dict[str, object]]:
    return [d for d in defects if d["kind"] == kind]


def test_the_generator_planted_both_kinds(
    generated: tuple[list[dict[str, object]], tuple[ProcessStatus, ...]],
) -> None:
    defects, _ = generated
    assert planted(defects, "out-of-order")
    assert planted(defects, "missing-step")


def test_out_of_order_decisions_are_exactly_the_planted_ones(
    generated: tuple[list[dict[str, object]], tuple[ProcessStatus, ...]],
) -> None:
    defects, processes = generated
    expected = {
        e["focus"]  # type: ignore[index]
        for d in planted(defects, "out-of-order")
        for e in d["expected"]  # type: ignore[attr-defined]
    }
    found = {s.inversion.decision for p in processes for s in p.steps if s.inversion}
    assert found == expected


def test_violations_are_exactly_the_planted_missing_steps(
    generated: tuple[list[dict[str, object]], tuple[ProcessStatus, ...]],
) -> None:
    defects, processes = generated
    expected = {
        (d["subject"], e["value"])  # type: ignore[index]
        for d in planted(defects, "missing-step")
        for e in d["expected"]  # type: ignore[attr-defined]
    }
    found = {
        (p.iri, s.iri)
        for p in processes
        for s in p.steps
        if s.severity is not None and s.severity.label == "violation"
    }
    assert found == expected
