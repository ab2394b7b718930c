"""Small runs (about 10K triples) of the validation and scale-out benchmarks.

No timings are asserted: the figures depend on the machine. What is checked is that the
tables are written and that the engines, and the stores, agree.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from benchmarks.everything import SHAPE, break_every_claim
from benchmarks.generate import generate
from benchmarks.scaleout_report import ratios

import capgraph
from capgraph.validation import validate

ROOT = Path(__file__).resolve().parents[2]


def _run(module: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "src")])
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip


def test_every_emptied_quote_is_one_violation_and_nothing_else_changes(tmp_path: Path) -> None:
    project = tmp_path / "record"
    generate(project, size=3_000, seed=7, defect_rate=0.0)
    before = capgraph.open(project)
    clean = validate(before)
    emptied = break_every_claim(project)
    after = capgraph.open(project)
    claims = after.select(
        "SELECT (COUNT(*) AS ?n) WHERE { ?c a <https://w3id.org/capgraph/ontology#Claim> }"
    )
    assert emptied == int(str(claims[0]["n"])) > 100
    assert len(after.store) == len(before.store)
    broken = validate(after)
    flagged = [r for r in broken.results if r.shape == "capsh:Claim-quote"]
    assert len({r.focus for r in flagged}) == len(flagged) == emptied
    assert SHAPE.endswith("#Claim-quote")
    others = sorted((r.shape, r.focus) for r in broken.results if r.shape != "capsh:Claim-quote")
    assert others == sorted((r.shape, r.focus) for r in clean.results)


def test_validation_benchmark_writes_its_tables_and_the_engines_agree(tmp_path: Path) -> None:
    if not Path("/usr/bin/time").is_file():
        pytest.skip("GNU time is not installed (Debian: apt-get install time)")
    done = _run(
        "benchmarks.validation", "--size", "10k", "--out", str(tmp_path), "--repeat", "1",
        "--cap", "120", "--pyshacl-cap", "120", "--jobs", "load,compiled,pyshacl",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    summary = json.loads((tmp_path / "validation-10k.json").read_text(encoding="utf-8"))
    planted = summary["records"]["planted"]
    assert planted["engines_agree"] is True
    jobs = planted["jobs"]
    assert jobs["compiled"]["check"]["ok"] is True
    assert jobs["compiled"]["result_count"] == jobs["pyshacl"]["result_count"] > 0
    assert jobs["load"]["time_v"]["peak_rss"] > 0
    assert jobs["compiled"]["runs"]
    assert jobs["compiled"]["phases"]
    everything = summary["records"]["all"]["jobs"]["compiled"]["check"]
    assert everything["ok"] is True
    assert everything["claims_emptied"] > 500
    nothing = summary["records"]["none"]["jobs"]["compiled"]["check"]
    assert nothing["ok"] is True
    assert nothing["planted"] == 0
    table = (tmp_path / "validation-10k.md").read_text(encoding="utf-8")
    assert table in done.stdout
    assert "| validate (s), median (runs) |" in table
    assert "results (severity, focus, path, value, shape, component): identical" in table


def _scaleout_10k(tmp_path: Path, store: str) -> tuple[dict[str, Any], str, str]:
    """A 10k scale-out run with one store: its summary, its table and what it printed."""
    done = _run(
        "benchmarks.scaleout", "--size", "10k", "--out", str(tmp_path), "--repeat", "1",
        "--stores", store,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    summary = json.loads((tmp_path / "scaleout-10k.json").read_text(encoding="utf-8"))
    assert "failed" not in summary["stores"][store], summary["stores"][store].get("failed")
    table = (tmp_path / "scaleout-10k.md").read_text(encoding="utf-8")
    return summary, table, done.stdout


def test_scaleout_benchmark_publishes_everything_and_oxigraph_agrees(tmp_path: Path) -> None:
    summary, table, printed = _scaleout_10k(tmp_path, "oxigraph")
    entry = summary["stores"]["oxigraph"]
    assert entry["publish"]["triples"] == entry["quads_in_store"] == summary["quads"]
    assert entry["publish"]["requests"] < entry["publish"]["graphs"]  # batches, not per graph
    assert entry["bulk_loader"]["quads"] == summary["quads"]
    cases = summary["embedded"]
    assert len(cases) > 40
    assert not [k for k, row in cases.items() if "error" in row]
    # every case answered by the server with the embedded row count
    assert sorted(ratios(summary, "oxigraph")) == sorted(cases)
    assert table in printed
    assert "| oxigraph ms | oxigraph / embedded |" in table


@pytest.mark.server
def test_scaleout_benchmark_bulk_loads_virtuoso_and_asks_it(tmp_path: Path) -> None:
    if shutil.which("virtuoso-t") is None:
        pytest.skip("Virtuoso is not installed (Debian: apt-get install virtuoso-opensource)")
    summary, table, _printed = _scaleout_10k(tmp_path, "virtuoso")
    entry = summary["stores"]["virtuoso"]
    assert entry["load"] == "bulk"
    assert entry["bulk_load"]["quads"] == entry["quads_in_store"] == summary["quads"]
    assert entry["server_peak_rss_mib"] > 0
    # the one case Virtuoso answers otherwise (tests/endpoint/test_virtuoso.py)
    assert sorted(set(summary["embedded"]) - set(ratios(summary, "virtuoso"))) == [
        "cq-virtual-sessions [all]"
    ]
    assert "| virtuoso | its bulk loader |" in table
