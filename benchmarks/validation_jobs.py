"""One validation measurement, in a process of its own (so its peak RSS is its own).

    python -m benchmarks.validation_jobs JOB --project DIR --out RESULT.json [--repeat N]
        [--cap S] [--checks all|none]

JOB is ``load`` (``capgraph.open`` alone), ``compiled`` (``capgraph.validation.validate``
with the default engine), ``pyshacl`` (the same call with ``engine="pyshacl"``, the
previous path) or ``plain`` (plain pySHACL over an rdflib graph of the same files). The
JSON written at the end holds the load time, each validation's seconds, the results, the
phases validation logged, and the peak RSS after the load and at the end.
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from pathlib import Path
from typing import Any

from benchmarks.workers import (
    SHAPES_NS,
    Capped,
    _PhaseHandler,
    _pyshacl_results,
    cap,
    memory,
    pyshacl_inputs,
)

JOBS = ("load", "compiled", "pyshacl", "plain")


def result_key(r: Any) -> dict[str, Any]:
    """A ``ValidationResult`` as the fields both engines must agree on."""
    return {
        "severity": r.severity.name.capitalize(),
        "focus": r.focus,
        "path": r.path,
        "value": r.value,
        "shape": SHAPES_NS + r.shape[6:] if r.shape.startswith("capsh:") else r.shape,
        "constraint": r.constraint,
    }


def _capgraph(job: str, project: Path, *, repeat: int, limit: float, checks: str) -> dict[str, Any]:
    import capgraph
    from capgraph.validation import validate

    start = time.perf_counter()
    kg = capgraph.open(project)
    found: dict[str, Any] = {
        "load_s": time.perf_counter() - start,
        "triples": len(kg.store),
        "peak_rss_load": memory()["peak_rss"],
    }
    if job == "load":
        return found
    phases: list[dict[str, float]] = []
    logger = logging.getLogger("capgraph.validation._validate")
    logger.setLevel(logging.INFO)
    runs: list[float] = []
    report = None
    engine = "compiled" if job == "compiled" else "pyshacl"
    try:
        for _ in range(repeat):
            handler = _PhaseHandler({})
            logger.addHandler(handler)
            start = time.perf_counter()
            with cap(limit):
                report = validate(kg, engine=engine, checks=None if checks == "all" else ())
            runs.append(time.perf_counter() - start)
            logger.removeHandler(handler)
            phases.append(handler.phases)
            if sum(runs) + runs[-1] > limit:
                break
    except Capped:
        found["capped"] = limit
    found.update(runs=runs, phases=phases)
    if report is not None:
        found["results"] = [result_key(r) for r in report.results]
        found["fallbacks"] = [f"{f.shape}: {f.reason}" for f in report.fallbacks]
    return found


def _plain(project: Path, *, limit: float) -> dict[str, Any]:
    import pyshacl

    start = time.perf_counter()
    graph, shapes = pyshacl_inputs(project)
    found: dict[str, Any] = {
        "load_s": time.perf_counter() - start,
        "triples": len(graph),
        "peak_rss_load": memory()["peak_rss"],
    }
    start = time.perf_counter()
    try:
        with cap(limit):
            _conforms, report, _text = pyshacl.validate(
                graph, shacl_graph=shapes, inference="none", allow_infos=True,
                allow_warnings=True,
            )  # fmt: skip
    except Capped:
        found.update(capped=limit, runs=[])
        return found
    found.update(runs=[time.perf_counter() - start], results=_pyshacl_results(report))
    return found


def run(job: str, project: Path, *, repeat: int, limit: float, checks: str) -> dict[str, Any]:
    if job == "plain":
        found = _plain(project, limit=limit)
    else:
        found = _capgraph(job, project, repeat=repeat, limit=limit, checks=checks)
    found["job"] = job
    found["peak_rss"] = memory()["peak_rss"]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.validation_jobs")
    parser.add_argument("job", choices=JOBS)
    parser.add_argument("--project", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cap", type=float, default=600.0, help="seconds, all validations")
    parser.add_argument("--checks", choices=("all", "none"), default="all")
    args = parser.parse_args(argv)
    found = run(args.job, args.project, repeat=args.repeat, limit=args.cap, checks=args.checks)
    args.out.write_text(json.dumps(found, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
