"""A small (about 10K triples) benchmark run: generator determinism, planted defects, harness.

No timings are asserted: the figures depend on the machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from benchmarks.check import compare
from benchmarks.generate import generate
from benchmarks.workers import PAIR_DIR

import capgraph
from capgraph.validation import validate

ROOT = Path(__file__).resolve().parents[2]
SHAPES = "https://w3id.org/capgraph/shapes#"


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bench") / "record"
    generate(out, size=10_000, seed=7, defect_rate=0.02)
    return out


@pytest.fixture(scope="module")
def kg(record: Path) -> capgraph.KnowledgeGraph:
    return capgraph.open(record)


def test_same_seed_gives_byte_identical_files(record: Path, tmp_path: Path) -> None:
    generate(tmp_path / "again", size=10_000, seed=7, defect_rate=0.02)
    generate(tmp_path / "other", size=10_000, seed=8, defect_rate=0.02)
    first, again = _files(record), _files(tmp_path / "again")
    assert sorted(first) == sorted(again)
    assert [name for name in first if first[name] != again[name]] == []
    other = _files(tmp_path / "other")
    assert first["benchmark.json"] != other["benchmark.json"]


def test_record_is_a_project_of_the_requested_size(
    record: Path, kg: capgraph.KnowledgeGraph
) -> None:
    meta = json.loads((record / "benchmark.json").read_text(encoding="utf-8"))
    assert kg.summary is not None
    ontology_graphs = [f.default_graph for f in kg.summary.files if f.path.startswith("ontology/")]
    ontology = sum(len(list(kg.store.quads_for_pattern(None, None, None, ox.NamedNode(g))))
                   for g in ontology_graphs)  # fmt: skip
    assert kg.summary.quads - ontology == meta["data_triples"]
    assert 10_000 <= meta["data_triples"] < 12_000
    # Every quote is the words of its source text, as in the bundled record.
    rows = kg.select(
        """PREFIX cap: <https://w3id.org/capgraph/ontology#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?quote ?file WHERE {
          ?claim a cap:Claim ; prov:value ?quote ; dcterms:source/dcterms:isPartOf ?doc .
          ?doc cap:textFile ?file }"""
    )
    assert len(rows) > 500
    texts: dict[str, str] = {}
    for row in rows:
        name = str(row["file"])
        text = texts.setdefault(name, (record / name).read_text(encoding="utf-8"))
        assert str(row["quote"]) in text, row


def test_every_planted_defect_is_found_and_nothing_else(
    record: Path, kg: capgraph.KnowledgeGraph
) -> None:
    defects = json.loads((record / "defects.json").read_text(encoding="utf-8"))
    kinds = {d["kind"] for d in defects["defects"]}
    assert kinds == {"missing-step", "out-of-order", "tool-without-plan"}
    report = validate(kg)
    results = [
        {
            "severity": r.severity.name.capitalize(),
            "focus": r.focus,
            "value": r.value,
            "shape": SHAPES + r.shape[6:] if r.shape.startswith("capsh:") else r.shape,
        }
        for r in report.results
    ]
    outcome = compare(results, defects)
    assert outcome.missed == ()
    assert outcome.unexplained == ()
    assert (outcome.info_missing, outcome.info_unexpected) == (0, 0)
    assert outcome.found == outcome.planted == len(defects["defects"])


def test_both_forms_of_the_missing_step_query_return_the_planted_steps(
    record: Path, kg: capgraph.KnowledgeGraph
) -> None:
    defects = json.loads((record / "defects.json").read_text(encoding="utf-8"))
    planted = sorted(
        (d["subject"], d["expected"][0]["value"])
        for d in defects["defects"]
        if d["kind"] == "missing-step"
    )
    assert planted
    for path in sorted(PAIR_DIR.glob("*.rq")):
        rows = kg.select(path.read_text(encoding="utf-8"))
        assert sorted((str(r["process"]), str(r["step"])) for r in rows) == planted, path.name


def test_harness_writes_its_json_table_and_plots(tmp_path: Path) -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "src")])
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--size", "3k", "--out", str(tmp_path),
         "--jobs", "capgraph,rdflib,validate", "--repeat", "1", "--modes", "bound",
         "--cap", "0.2"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    summary = json.loads((tmp_path / "results-3k.json").read_text(encoding="utf-8"))
    assert summary["load"]["capgraph"]["triples"] > 3_000
    assert summary["load"]["rdflib"]["triples"] == summary["load"]["capgraph"]["triples"]
    timed = [q for q in summary["queries"] if q.get("capgraph_ms") is not None]
    names = {q["case"].rsplit(" [", 1)[0] for q in timed}
    assert {"status-steps", "missing-steps-optional", "missing-steps-not-exists"} <= names
    assert all(q.get("rdflib_ms") or q.get("rdflib_capped") for q in timed)
    # Where rdflib finished, both engines agree on the number of rows.
    assert [q["case"] for q in timed if q.get("rdflib_ms") and q["rdflib_rows"] != q["rows"]] == []
    assert summary["validate"]["validate"]["check"]["ok"] is True
    assert "| capgraph ms | rdflib ms |" in done.stdout
    assert (tmp_path / "results-3k.md").read_text(encoding="utf-8") in done.stdout
    assert sorted(p.name for p in tmp_path.glob("bench-*.png")) == [
        "bench-load.png", "bench-memory.png", "bench-queries.png", "bench-validate.png",
    ]  # fmt: skip


def test_values_pushed_into_subqueries_change_no_answer(
    record: Path, kg: capgraph.KnowledgeGraph
) -> None:
    """Every named query, with the record's sample values: the same rows with and without
    the VALUES blocks that binding adds inside sub-SELECTs."""
    from benchmarks.params import MODES, cases

    from capgraph.query import bind_params, with_values

    samples = json.loads((record / "benchmark.json").read_text(encoding="utf-8"))["samples"]
    pushed = 0
    for named in kg.queries.all():
        for case in cases(named, samples, MODES):
            if case.missing or not case.params:
                continue
            bindings = bind_params(named, case.params)
            texts = [with_values(named.text, bindings, into_subqueries=s) for s in (True, False)]
            pushed += texts[0] != texts[1]
            rows = []
            for text in texts:
                solutions = kg.store.query(text, use_default_graph_as_union=True)
                assert isinstance(solutions, ox.QuerySolutions)
                rows.append(sorted(str(list(solution)) for solution in solutions))
            assert rows[0] == rows[1], case.key
    assert pushed >= 5  # the queries with sub-SELECTs that take a parameter


def test_constraint_costs_cover_every_constraint_run_in_the_store(record: Path) -> None:
    from benchmarks.constraints import constraint_costs, markdown

    rows = constraint_costs(record, sample=2)
    assert len(rows) == 19  # with ProcessBegun and ProposedVersionActedOn
    assert sum(r["focus_nodes"] for r in rows) > 1000
    assert sum(r["rows"] for r in rows) >= 3  # the planted defects among them
    assert "| **all** |" in markdown(rows)
