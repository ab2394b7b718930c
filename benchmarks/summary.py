"""Turn the workers' event logs into one summary per size (the JSON the report is drawn from)."""

from __future__ import annotations

import json
import os
import platform
from collections import Counter
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from benchmarks.check import compare
from benchmarks.workers import query_cases
from capgraph.project import Project

Events = list[dict[str, Any]]


def summarise(
    *,
    label: str,
    project: Path,
    outcomes: dict[str, tuple[Events, str | None, str]],
    limits: dict[str, float],
    repeat: int,
    generate_seconds: float,
) -> dict[str, Any]:
    meta = json.loads((project / "benchmark.json").read_text(encoding="utf-8"))
    defects = json.loads((project / "defects.json").read_text(encoding="utf-8"))
    modes = tuple(
        sorted({e["mode"] for events, _, _ in outcomes.values() for e in events if "mode" in e})
    ) or ("bound", "all")
    order = [case.key for _, case in query_cases(Project.discover(project), modes)]
    summary: dict[str, Any] = {
        "size": label,
        "seed": meta["seed"],
        "defect_rate": meta["defect_rate"],
        "data_triples": meta["data_triples"],
        "counts": meta["counts"],
        "generate_seconds": generate_seconds,
        "repeat": repeat,
        "limits": limits,
        "errors": {
            job: stderr[-2000:]
            for job, (_, killed, stderr) in outcomes.items()
            if stderr.strip() and not killed
        },
        "load": {},
        "memory": {},
        "queries": [],
        "validate": {},
    }
    for job in ("capgraph", "rdflib"):
        if job in outcomes:
            events, killed, _ = outcomes[job]
            summary["load"][job] = _load(events)
            summary["memory"][job] = _memory(events)
    summary["queries"] = _queries(outcomes, order, limits)
    summary["pair"] = _pair(outcomes, defects)
    for job in ("validate", "pyshacl"):
        if job in outcomes:
            events, killed, _ = outcomes[job]
            summary["validate"][job] = _validate(events, killed, defects, limits, job)
            summary["memory"][job] = _memory(events)
    return summary


def _load(events: Events) -> dict[str, Any]:
    load = next((e for e in events if e["event"] == "load"), None)
    if load is None:
        return {"failed": True}
    return {
        "seconds": load["seconds"],
        "triples": load["triples"],
        "triples_per_second": load["triples"] / load["seconds"] if load["seconds"] else None,
    }


def _memory(events: Events) -> dict[str, Any]:
    start = next((e for e in events if e["event"] == "start"), None)
    load = next((e for e in events if e["event"] == "load"), None)
    peak = max((e["peak_rss"] for e in events), default=0)
    found: dict[str, Any] = {"peak_rss": peak}
    if start and load and load.get("triples"):
        found["loaded_rss"] = load["rss"] - start["rss"]
        found["bytes_per_triple"] = (load["rss"] - start["rss"]) / load["triples"]
    return found


def _queries(
    outcomes: dict[str, tuple[Events, str | None, str]],
    order: list[str],
    limits: dict[str, float],
) -> list[dict[str, Any]]:
    by_engine: dict[str, dict[str, dict[str, Any]]] = {}
    for job in ("capgraph", "rdflib"):
        if job not in outcomes:
            continue
        events, killed, _ = outcomes[job]
        # A worker killed during the timed runs of a case still reported its warm-up run.
        seen = {
            e["case"]: {**e, "median": e["first"], "times": [e["first"]]}
            for e in events
            if e["event"] == "first"
        }
        seen.update({e["case"]: e for e in events if e["event"] == "query"})
        if killed and not any(e["event"] == "done" for e in events):
            pending = [c for c in order if c not in seen]
            if pending:
                cap = limits["capgraph_cap" if job == "capgraph" else "cap"]
                seen[pending[0]] = {"case": pending[0], "capped": cap, "killed": True}
        by_engine[job] = seen
    rows = []
    for case in order:
        ours = by_engine.get("capgraph", {}).get(case, {})
        theirs = by_engine.get("rdflib", {}).get(case, {})
        if not ours and not theirs:
            continue
        row: dict[str, Any] = {
            "case": case,
            "missing": ours.get("missing") or theirs.get("missing"),
            "capgraph_ms": _ms(ours.get("median")),
            "capgraph_capped": ours.get("capped"),
            "rdflib_ms": _ms(theirs.get("median")),
            "rdflib_capped": theirs.get("capped"),
            "rows": ours.get("rows"),
            "rdflib_rows": theirs.get("rows"),
            "capgraph_runs": len(ours.get("times", [])),
            "rdflib_runs": len(theirs.get("times", [])),
        }
        if row["capgraph_ms"] and row["rdflib_ms"]:
            row["ratio"] = row["rdflib_ms"] / row["capgraph_ms"]
        elif row["capgraph_ms"] and row["rdflib_capped"]:
            row["ratio_at_least"] = row["rdflib_capped"] * 1000 / row["capgraph_ms"]
        rows.append(row)
    return rows


def _ms(seconds: float | None) -> float | None:
    return None if seconds is None else seconds * 1000


def _pair(
    outcomes: dict[str, tuple[Events, str | None, str]], defects: dict[str, Any]
) -> dict[str, Any]:
    """Do both forms of the missing-step question return exactly the planted missing steps?"""
    planted = sorted(
        [d["subject"], d["expected"][0]["value"]]
        for d in defects["defects"]
        if d["kind"] == "missing-step"
    )
    found: dict[str, Any] = {"planted": len(planted)}
    if "capgraph" in outcomes:
        for event in outcomes["capgraph"][0]:
            if event["event"] == "query" and "answers" in event:
                found[event["query"]] = event["answers"] == planted
    return found


def _validate(
    events: Events, killed: str | None, defects: dict[str, Any], limits: dict[str, float],
    job: str,
) -> dict[str, Any]:  # fmt: skip
    load = next((e for e in events if e["event"] == "load"), None)
    result = next((e for e in events if e["event"] == "validate"), None)
    cap = limits["validate_cap" if job == "validate" else "pyshacl_cap"]
    found: dict[str, Any] = {"load_seconds": load["seconds"] if load else None}
    if result is None or "capped" in result:
        found["capped"] = cap if (result is not None or killed) else None
        found["failed"] = result is None and not killed
        return found
    results = result["results"]
    found["seconds"] = result["seconds"]
    if "phases" in result:
        found["phases"] = result["phases"]
    found["results"] = dict(Counter(r["severity"] for r in results))
    found["check"] = compare(results, defects).to_json()
    return found


def _package(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def machine(
    load_before: tuple[float, float, float], load_after: tuple[float, float, float]
) -> dict[str, Any]:
    """What the figures were measured on, and how busy it was."""
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next(
                (line.split(":", 1)[1].strip() for line in info if line.startswith("model name")),
                cpu,
            )
        with open("/proc/meminfo", encoding="utf-8") as info:
            total = next(int(line.split()[1]) for line in info if line.startswith("MemTotal"))
    except (OSError, StopIteration):
        total = 0
    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu,
        "memory_gib": round(total / 1024 / 1024, 1),
        "python": platform.python_version(),
        "packages": {n: _package(n) for n in ("pyoxigraph", "rdflib", "pyshacl", "capgraph")},
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in load_after],
    }
