"""Generate a record per size, measure capgraph and the alternatives side by side, report.

    python -m benchmarks --size 100k
    python -m benchmarks --size 100k,1m --cap 120 --validate-cap 3600 --pyshacl-cap 1800

For each size, in this order and each in a fresh process: capgraph (open, every named
query), rdflib (parse, every named query), ``capgraph.validation._validate``, plain pySHACL. Writes
``results-SIZE.json`` and ``results-SIZE.md`` into the output folder, prints the table, and
redraws the log-log plots from every results file in that folder.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.generate import GENERATOR_VERSION, REPO, generate
from benchmarks.sizes import parse_size, size_label
from benchmarks.summary import machine, summarise

DEFAULT_OUT = REPO / "benchmarks" / "out"
JOBS = ("capgraph", "rdflib", "validate", "pyshacl")


@dataclass(frozen=True)
class Limits:
    """Seconds. The defaults keep ``--size 100k`` under 10 minutes on two cores.

    ``cap``: one rdflib query, all its runs together; ``budget``: all rdflib queries (each
    gets at most an equal share of what is left); ``pyshacl_cap``, ``validate_cap``: one
    validation; ``capgraph_cap``: one capgraph query, after which its process is killed.
    """

    cap: float = 60.0
    budget: float = 180.0
    pyshacl_cap: float = 60.0
    validate_cap: float = 240.0
    capgraph_cap: float = 120.0


@dataclass(frozen=True)
class JobOutcome:
    events: list[dict[str, Any]]
    seconds: float
    killed: str | None
    stderr: str


def run_job(
    job: str,
    project: Path,
    out: Path,
    *,
    repeat: int,
    modes: str,
    limits: Limits,
) -> JobOutcome:
    """Run one worker; kill it when one step stalls past its limit, keep what it wrote."""
    events_path = out / f"events-{job}.jsonl"
    cap = {"pyshacl": limits.pyshacl_cap, "capgraph": limits.capgraph_cap}.get(job, limits.cap)
    command = [
        sys.executable, "-m", "benchmarks.workers", job, "--project", str(project),
        "--out", str(events_path), "--repeat", str(repeat), "--cap", str(cap), "--modes", modes,
        "--budget", str(limits.budget),
    ]  # fmt: skip
    # After the load: the longest gap between two events before the worker is killed.
    stall = {
        "capgraph": limits.capgraph_cap,
        "rdflib": limits.cap + 60,
        "validate": limits.validate_cap,
        "pyshacl": limits.pyshacl_cap * 1.5 + 60,
    }[job]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(REPO), str(REPO / "src"), *filter(None, [env.get("PYTHONPATH")])]
    )
    events_path.unlink(missing_ok=True)
    events_path.with_suffix(".rss").unlink(missing_ok=True)
    start = time.monotonic()
    stderr_path = out / f"stderr-{job}.txt"
    with stderr_path.open("w", encoding="utf-8") as stderr:
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=stderr, stderr=stderr)
        killed = _watch(process, events_path, stall)
    events = [
        json.loads(line)
        for line in events_path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ] if events_path.exists() else []  # fmt: skip
    rss_path = events_path.with_suffix(".rss")
    if rss_path.exists():
        # Caught mid-write, it is skipped: the events themselves carry memory figures too.
        with contextlib.suppress(ValueError):
            events.append({"event": "heartbeat", **json.loads(rss_path.read_text("utf-8"))})
    return JobOutcome(
        events, time.monotonic() - start, killed, stderr_path.read_text(encoding="utf-8")
    )


def _watch(process: subprocess.Popen[bytes], events: Path, stall: float) -> str | None:
    """Wait for ``process``; kill it if, after its load, no event comes for ``stall`` s."""
    last_size, last_change, loaded = -1, time.monotonic(), False
    while process.poll() is None:
        time.sleep(0.5)
        size = events.stat().st_size if events.exists() else 0
        if size != last_size:
            last_size, last_change = size, time.monotonic()
            loaded = loaded or (size > 0 and b'"load"' in events.read_bytes())
        elif loaded and time.monotonic() - last_change > stall:
            process.kill()
            process.wait()
            return f"no result within {stall:.0f} s"
    return None


def run_size(
    size: int,
    *,
    seed: int,
    defect_rate: float,
    out: Path,
    repeat: int,
    modes: str,
    limits: Limits,
    jobs: tuple[str, ...],
    reuse: bool,
) -> dict[str, Any]:
    label = size_label(size)
    project = out / f"project-{label}-s{seed}"
    work = out / f"work-{label}"
    work.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    if not (reuse and _same_record(project, size, seed, defect_rate)):
        generate(project, size=size, seed=seed, defect_rate=defect_rate)
    generated = time.perf_counter() - start
    load_before = os.getloadavg()
    outcomes = {}
    for job in jobs:
        print(f"[{label}] {job} …", file=sys.stderr, flush=True)
        outcomes[job] = run_job(job, project, work, repeat=repeat, modes=modes, limits=limits)
    summary = summarise(
        label=label,
        project=project,
        outcomes={job: (o.events, o.killed, o.stderr) for job, o in outcomes.items()},
        limits=limits.__dict__,
        repeat=repeat,
        generate_seconds=generated,
    )
    summary["machine"] = machine(load_before, os.getloadavg())
    return summary


def _same_record(project: Path, size: int, seed: int, rate: float) -> bool:
    try:
        meta = json.loads((project / "benchmark.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    wanted = (GENERATOR_VERSION, size, seed, rate)
    return (meta["generator"], meta["size"], meta["seed"], meta["defect_rate"]) == wanted


def main(argv: list[str] | None = None) -> int:
    from benchmarks.report import markdown, plot_all

    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--size", default="100k", help="comma-separated: 10k,100k,1m,10m or numbers"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--defect-rate", type=float, default=0.02)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per query (median)")
    parser.add_argument("--modes", default="bound,all", help="query modes: bound, all")
    parser.add_argument("--jobs", default=",".join(JOBS), help="which measurements to run")
    parser.add_argument("--cap", type=float, default=Limits.cap,
                        help="seconds per rdflib query, all repeats together")  # fmt: skip
    parser.add_argument("--budget", type=float, default=Limits.budget,
                        help="seconds for all rdflib queries together")  # fmt: skip
    parser.add_argument("--pyshacl-cap", type=float, default=Limits.pyshacl_cap)
    parser.add_argument("--validate-cap", type=float, default=Limits.validate_cap)
    parser.add_argument("--capgraph-cap", type=float, default=Limits.capgraph_cap,
                        help="seconds before a capgraph query's process is killed")  # fmt: skip
    parser.add_argument("--reuse", action="store_true", help="reuse a generated project")
    parser.add_argument("--no-plots", action="store_true")
    args = parser.parse_args(argv)
    limits = Limits(args.cap, args.budget, args.pyshacl_cap, args.validate_cap, args.capgraph_cap)
    jobs = tuple(j for j in args.jobs.split(",") if j)
    unknown = set(jobs) - set(JOBS)
    if unknown:
        parser.error(f"unknown job(s) {sorted(unknown)}; choose from {', '.join(JOBS)}")
    args.out.mkdir(parents=True, exist_ok=True)
    for text in args.size.split(","):
        size = parse_size(text)
        summary = run_size(
            size, seed=args.seed, defect_rate=args.defect_rate, out=args.out,
            repeat=args.repeat, modes=args.modes, limits=limits, jobs=jobs, reuse=args.reuse,
        )  # fmt: skip
        label = summary["size"]
        (args.out / f"results-{label}.json").write_text(
            json.dumps(summary, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
        table = markdown(summary)
        (args.out / f"results-{label}.md").write_text(table, encoding="utf-8")
        print(table, flush=True)
    if not args.no_plots:
        for path in plot_all(args.out):
            print(f"plot: {path}", file=sys.stderr)
    return 0
