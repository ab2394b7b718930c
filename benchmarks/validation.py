"""Validation at scale: load alone, the compiled engine, the previous path and plain pySHACL.

    python -m benchmarks.validation --size 100k,1m [--pyshacl-cap S] [--checks none]

For each size, generates (or reuses) three records with ``benchmarks.generate``: *planted*
(``--seed``, ``--defect-rate``), *none* (defect rate 0: only the Info results of open
processes) and *all* (defect rate 0, every claim's quote emptied: every claim violates,
``benchmarks.everything``). Then, each in a process of its own under ``/usr/bin/time -v``
and an address-space limit (``--memory-cap``): ``load`` (``capgraph.open`` alone),
``compiled`` (``capgraph.validation.validate``, the default engine), ``pyshacl``
(``engine="pyshacl"``, the previous path) and ``plain`` (plain pySHACL) on the planted
record; ``load`` and ``compiled`` on the other two. Writes ``validation-SIZE.json`` and
``validation-SIZE.md`` to ``--out`` and prints the tables.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.check import compare
from benchmarks.everything import SHAPE, break_every_claim, emptied
from benchmarks.generate import GENERATOR_VERSION, REPO, generate
from benchmarks.sizes import parse_size, size_label
from benchmarks.summary import machine
from benchmarks.validation_report import markdown

DEFAULT_OUT = REPO / "benchmarks" / "out"
RECORDS = ("planted", "none", "all")
#: the jobs each record gets (the slow references only on the planted record)
JOBS = {"planted": ("load", "compiled", "pyshacl", "plain"), "none": ("load", "compiled")}
JOBS["all"] = JOBS["none"]


@dataclass(frozen=True)
class Settings:
    seed: int = 7
    defect_rate: float = 0.02
    repeat: int = 3
    cap: float = 600.0
    pyshacl_cap: float = 600.0
    memory_cap_gib: float = 8.0
    checks: str = "all"
    jobs: tuple[str, ...] = ("load", "compiled", "pyshacl", "plain")
    records: tuple[str, ...] = RECORDS


def record(out: Path, size: int, kind: str, settings: Settings) -> Path:
    """The generated project for ``kind``, reused when its parameters match."""
    rate = settings.defect_rate if kind == "planted" else 0.0
    path = out / f"project-{size_label(size)}-s{settings.seed}-{kind}"
    meta_path = path / "benchmark.json"
    if meta_path.is_file():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        same = (meta["generator"], meta["size"], meta["seed"], meta["defect_rate"]) == (
            GENERATOR_VERSION, size, settings.seed, rate,
        )  # fmt: skip
        if same and (kind != "all") == (emptied(path) is None):
            return path
    generate(path, size=size, seed=settings.seed, defect_rate=rate)
    if kind == "all":
        break_every_claim(path)
    return path


def run_job(job: str, project: Path, work: Path, settings: Settings) -> dict[str, Any]:
    """One job in its own process; what it wrote, or why it has no figures."""
    out, timing = work / f"{project.name}-{job}.json", work / f"{project.name}-{job}.time"
    out.unlink(missing_ok=True)
    limit = settings.pyshacl_cap if job in ("pyshacl", "plain") else settings.cap
    command = [
        "/usr/bin/time", "-v", "-o", str(timing), sys.executable, "-m",
        "benchmarks.validation_jobs", job, "--project", str(project), "--out", str(out),
        "--repeat", str(settings.repeat), "--cap", str(limit), "--checks", settings.checks,
    ]  # fmt: skip
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(REPO), str(REPO / "src"), *filter(None, [env.get("PYTHONPATH")])]
    )
    cap_bytes = int(settings.memory_cap_gib * 2**30)

    def confine() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap_bytes, cap_bytes))

    # The cap covers the validations; the load gets its own allowance (85 s at 10M).
    deadline = limit * 1.5 + 120 + 20 * (_data_triples(project) / 1e6)
    start = time.monotonic()
    stderr = work / f"{project.name}-{job}.stderr"
    with stderr.open("w", encoding="utf-8") as err:
        process = subprocess.Popen(
            command, cwd=REPO, env=env, stdout=err, stderr=err, preexec_fn=confine,
            start_new_session=True,
        )  # fmt: skip
        try:
            process.wait(timeout=deadline)
            killed = None
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            killed = f"killed after {deadline:.0f} s"
    found: dict[str, Any] = {"job": job, "wall_s": time.monotonic() - start}
    if out.is_file():
        found.update(json.loads(out.read_text(encoding="utf-8")))
    else:
        tail = stderr.read_text(encoding="utf-8").strip().splitlines()[-3:]
        found["failed"] = killed or ("; ".join(tail) or f"exit {process.returncode}")
    found["time_v"] = _time_v(timing)
    return found


def _data_triples(project: Path) -> int:
    meta = json.loads((project / "benchmark.json").read_text(encoding="utf-8"))
    return int(meta["data_triples"])


def _time_v(path: Path) -> dict[str, Any]:
    """Wall time and peak RSS as ``/usr/bin/time -v`` wrote them (also for a killed job)."""
    found: dict[str, Any] = {}
    if not path.is_file():
        return found
    for line in path.read_text(encoding="utf-8").splitlines():
        name, _, value = line.strip().rpartition(": ")
        if name == "Maximum resident set size (kbytes)":
            found["peak_rss"] = int(value) * 1024
        elif name.startswith("Elapsed (wall clock) time"):
            parts = [float(p) for p in value.split(":")]
            found["wall_s"] = sum(p * 60**i for i, p in enumerate(reversed(parts)))
        elif name == "Exit status":
            found["exit"] = int(value)
        elif line.strip().startswith("Command terminated by signal"):
            found["signal"] = int(line.split()[-1])
    return found


def measure(size: int, out: Path, settings: Settings) -> dict[str, Any]:
    """Every record and job for one size, with the machine's load before and after."""
    before = os.getloadavg()
    work = out / f"validation-{size_label(size)}"
    work.mkdir(parents=True, exist_ok=True)
    summary: dict[str, Any] = {"size": size_label(size), "seed": settings.seed,
                               "defect_rate": settings.defect_rate, "checks": settings.checks,
                               "caps": {"cap": settings.cap, "pyshacl_cap": settings.pyshacl_cap,
                                        "memory_gib": settings.memory_cap_gib},
                               "repeat": settings.repeat, "records": {}}  # fmt: skip
    for kind in settings.records:
        project = record(out, size, kind, settings)
        meta = json.loads((project / "benchmark.json").read_text(encoding="utf-8"))
        defects = json.loads((project / "defects.json").read_text(encoding="utf-8"))
        jobs: dict[str, Any] = {}
        for job in JOBS[kind]:
            if job not in settings.jobs:
                continue
            found = run_job(job, project, work, settings)
            found["load_average"] = os.getloadavg()[0]
            if "results" in found:
                found["check"] = _check(kind, found["results"], defects, project)
                found["result_count"] = len(found.pop("results"))
            jobs[job] = found
        agree = _agreement(work, project, jobs)
        summary["records"][kind] = {"data_triples": meta["data_triples"], "jobs": jobs,
                                    "engines_agree": agree, "project": project.name}  # fmt: skip
    summary["machine"] = machine(before, os.getloadavg())
    return summary


def _check(kind: str, results: list[dict[str, Any]], defects: Any, project: Path) -> Any:
    if kind == "all":
        expected = emptied(project) or 0
        got = sum(r["shape"] == SHAPE for r in results)
        return {"ok": got == expected, "claims_emptied": expected, "claim_quote_results": got}
    return compare(results, defects).to_json()


def _agreement(work: Path, project: Path, jobs: dict[str, Any]) -> bool | None:
    """Whether the compiled engine and the previous path gave the same results (None: not
    both finished)."""
    sets = {}
    for job in ("compiled", "pyshacl"):
        path = work / f"{project.name}-{job}.json"
        if job in jobs and path.is_file():
            data = json.loads(path.read_text(encoding="utf-8"))
            if "results" in data:
                sets[job] = sorted(json.dumps(r, sort_keys=True) for r in data["results"])
    if len(sets) < 2:
        return None
    return sets["compiled"] == sets["pyshacl"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.validation", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--size", default="100k", help="sizes, comma-separated: 10k,100k,1m")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--defect-rate", type=float, default=0.02)
    parser.add_argument("--repeat", type=int, default=3, help="validations per process")
    parser.add_argument("--cap", type=float, default=600.0, help="seconds, compiled engine")
    parser.add_argument("--pyshacl-cap", type=float, default=600.0,
                        help="seconds, the previous path and plain pySHACL")  # fmt: skip
    parser.add_argument("--memory-cap", type=float, default=8.0, help="GiB per process")
    parser.add_argument("--checks", choices=("all", "none"), default="all",
                        help="none: the shapes only, without the dataset checks")  # fmt: skip
    parser.add_argument("--jobs", default="load,compiled,pyshacl,plain")
    parser.add_argument("--records", default=",".join(RECORDS))
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    settings = Settings(
        seed=args.seed, defect_rate=args.defect_rate, repeat=args.repeat, cap=args.cap,
        pyshacl_cap=args.pyshacl_cap, memory_cap_gib=args.memory_cap, checks=args.checks,
        jobs=tuple(args.jobs.split(",")), records=tuple(args.records.split(",")),
    )  # fmt: skip
    args.out.mkdir(parents=True, exist_ok=True)
    for text in args.size.split(","):
        size = parse_size(text)
        summary = measure(size, args.out, settings)
        suffix = "" if settings.checks == "all" else "-shapes"
        stem = args.out / f"validation-{size_label(size)}{suffix}"
        stem.with_suffix(".json").write_text(
            json.dumps(summary, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
        text_md = markdown(summary)
        stem.with_suffix(".md").write_text(text_md, encoding="utf-8")
        print(text_md)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
