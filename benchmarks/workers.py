"""Measurement jobs. Each runs in a fresh process, so the peak RSS it reports is its own.

    python -m benchmarks.workers JOB --project DIR --out EVENTS.jsonl [--repeat N] [--cap S]

JOB is ``capgraph`` (open + every query), ``rdflib`` (parse + every query), ``validate``
(``capgraph.validate``) or ``pyshacl`` (plain pySHACL over an rdflib graph). A job appends
one JSON object per line to EVENTS as it goes, so whatever finished before a timeout kill
is kept.
"""

from __future__ import annotations

import argparse
import json
import logging
import signal
import statistics
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks.params import MODES, Case, cases
from capgraph.project import Project
from capgraph.query import NamedQuery, QueryLibrary, bind_params, with_values

PAIR_DIR = Path(__file__).resolve().parent / "queries"
SHAPES_NS = "https://w3id.org/capgraph/shapes#"


def memory() -> dict[str, int]:
    """Current and peak resident set size of this process, in bytes (Linux /proc)."""
    found = {"rss": 0, "peak_rss": 0}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                found["rss"] = int(line.split()[1]) * 1024
            elif line.startswith("VmHWM:"):
                found["peak_rss"] = int(line.split()[1]) * 1024
    return found


class Events:
    """Appends JSON lines, flushed at once.

    A daemon thread also rewrites ``PATH.rss`` with the memory figures every few seconds,
    so a job killed at its cap still leaves its peak RSS behind.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        path.write_text("", encoding="utf-8")
        self.rss_path = path.with_suffix(".rss")
        threading.Thread(target=self._heartbeat, daemon=True).start()

    def _heartbeat(self) -> None:
        while True:
            self.rss_path.write_text(json.dumps(memory()), encoding="utf-8")
            time.sleep(5)

    def emit(self, event: str, **fields: Any) -> None:
        record = {"event": event, **fields, **memory()}
        with self.path.open("a", encoding="utf-8") as out:
            out.write(json.dumps(record, sort_keys=True) + "\n")


class Capped(Exception):
    """A measurement ran past its cap."""


@contextmanager
def cap(seconds: float) -> Iterator[None]:
    """Interrupt pure-Python work (rdflib, pySHACL) after ``seconds``."""

    def expire(_signum: int, _frame: object) -> None:
        raise Capped

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def all_queries(project: Project) -> list[NamedQuery]:
    """The project's named queries, then the benchmark's missing-step pair."""
    library = QueryLibrary.for_project(project.query_files, root=project.root)
    pair = QueryLibrary.from_files(sorted(PAIR_DIR.glob("*.rq")))
    # The slow form last: in Oxigraph it cannot be interrupted, only killed.
    return library.all() + sorted(pair.all(), key=lambda q: q.name.endswith("not-exists"))


def query_cases(project: Project, modes: tuple[str, ...]) -> list[tuple[NamedQuery, Case]]:
    samples = json.loads((project.root / "benchmark.json").read_text(encoding="utf-8"))["samples"]
    return [(q, case) for q in all_queries(project) for case in cases(q, samples, modes)]


def _text(query: NamedQuery, case: Case) -> str:
    return with_values(query.text, bind_params(query, case.params))


def timed(action: Callable[[], int]) -> tuple[float, int]:
    start = time.perf_counter()
    rows = action()
    return time.perf_counter() - start, rows


def run_capgraph(
    project: Path, events: Events, *, repeat: int, limit: float, modes: tuple[str, ...]
) -> None:
    """Every query case in capgraph: a warm-up run (reported at once, so the harness's
    watchdog sees progress), then up to ``repeat`` timed runs while they fit in ``limit``."""
    import capgraph

    events.emit("start")
    start = time.perf_counter()
    kg = capgraph.open(project)
    seconds = time.perf_counter() - start
    events.emit("load", seconds=seconds, triples=len(kg.store))
    for query, case in query_cases(kg.project, modes):
        if case.missing:
            events.emit("query", case=case.key, query=case.query, mode=case.mode,
                        missing=list(case.missing))  # fmt: skip
            continue
        named = NamedQuery.from_text(_text(query, case), name=query.name)
        start = time.perf_counter()
        answer = kg.run(named, {})
        first = time.perf_counter() - start
        extra: dict[str, Any] = {}
        if query.name.startswith("missing-steps"):
            extra["answers"] = sorted([str(r["process"]), str(r["step"])] for r in answer)
        events.emit("first", case=case.key, first=first, rows=len(answer), **extra)

        def once(named: NamedQuery = named) -> int:
            return len(kg.run(named, {}))

        times: list[float] = []
        while len(times) < repeat and sum(times) + max([first, *times]) < 0.8 * limit:
            times.append(timed(once)[0])
        events.emit("query", case=case.key, query=case.query, mode=case.mode, rows=len(answer),
                    first=first, times=times or [first],
                    median=statistics.median(times or [first]), **extra)  # fmt: skip
    events.emit("done")


def rdflib_dataset(project: Project) -> Any:
    import rdflib

    dataset = rdflib.Dataset(default_union=True)
    for path in project.ontology_files + project.data_files:
        dataset.parse(path, format="trig" if path.suffix == ".trig" else "turtle")
    return dataset


def run_rdflib(
    project: Path,
    events: Events,
    *,
    repeat: int,
    limit: float,
    budget: float,
    modes: tuple[str, ...],
) -> None:
    """Every query case in rdflib. A case may use at most ``limit`` seconds (all its runs
    together) and at most an equal share of what is left of ``budget``."""
    events.emit("start")
    proj = Project.discover(project)
    start = time.perf_counter()
    dataset = rdflib_dataset(proj)
    events.emit("load", seconds=time.perf_counter() - start, triples=len(dataset))
    # Import and build rdflib's SPARQL parser outside any cap: an alarm inside a first
    # import would leave a half-initialised module behind.
    list(dataset.query("SELECT * WHERE { ?s ?p ?o } LIMIT 1"))
    todo = query_cases(proj, modes)
    spent = 0.0
    for index, (query, case) in enumerate(todo):
        if case.missing:
            events.emit("query", case=case.key, query=case.query, mode=case.mode,
                        missing=list(case.missing))  # fmt: skip
            continue
        text = _text(query, case)
        allowed = min(limit, max(1.0, (budget - spent) / (len(todo) - index)))

        def once_rdflib(text: str = text) -> int:
            return len(list(dataset.query(text)))

        times: list[float] = []
        rows = 0
        started = time.perf_counter()
        try:
            # Repeat while another run fits in the allowance; a slow query runs once.
            while len(times) < repeat:
                remaining = allowed - sum(times)
                if times and statistics.mean(times) > remaining:
                    break
                with cap(remaining):
                    elapsed, rows = timed(once_rdflib)
                times.append(elapsed)
        except Capped:
            pass
        spent += time.perf_counter() - started
        if not times:
            events.emit("query", case=case.key, query=case.query, mode=case.mode,
                        capped=allowed)  # fmt: skip
            continue
        events.emit("query", case=case.key, query=case.query, mode=case.mode, rows=rows,
                    times=times, median=statistics.median(times))  # fmt: skip
    events.emit("done")


def run_validate(project: Path, events: Events) -> None:
    import capgraph
    from capgraph.validation import validate

    events.emit("start")
    start = time.perf_counter()
    kg = capgraph.open(project)
    events.emit("load", seconds=time.perf_counter() - start, triples=len(kg.store))
    phases: dict[str, float] = {}
    handler = _PhaseHandler(phases)
    logging.getLogger("capgraph.validation._validate").addHandler(handler)
    logging.getLogger("capgraph.validation._validate").setLevel(logging.INFO)
    start = time.perf_counter()
    report = validate(kg)
    seconds = time.perf_counter() - start
    results = [
        {
            "severity": r.severity.name.capitalize(),
            "focus": r.focus,
            "value": r.value,
            "shape": SHAPES_NS + r.shape[6:] if r.shape.startswith("capsh:") else r.shape,
        }
        for r in report.results
    ]
    events.emit("validate", seconds=seconds, results=results, phases=phases)
    events.emit("done")


class _PhaseHandler(logging.Handler):
    """Keeps the time per phase that ``capgraph.validation._validate`` logs."""

    def __init__(self, phases: dict[str, float]) -> None:
        super().__init__()
        self.phases = phases

    def emit(self, record: logging.LogRecord) -> None:
        self.phases.update(getattr(record, "phases", {}))


def pyshacl_inputs(project: Path) -> tuple[Any, Any]:
    """The project's data as one rdflib graph (every quad's triple) and its shapes graph."""
    import rdflib

    proj = Project.discover(project)
    dataset = rdflib_dataset(proj)
    graph = rdflib.Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    del dataset
    shapes = rdflib.Graph()
    for path in proj.shape_files:
        shapes.parse(path, format="turtle")
    return graph, shapes


def run_pyshacl(project: Path, events: Events, *, limit: float) -> None:
    import pyshacl

    events.emit("start")
    start = time.perf_counter()
    graph, shapes = pyshacl_inputs(project)
    events.emit("load", seconds=time.perf_counter() - start, triples=len(graph))
    start = time.perf_counter()
    try:
        with cap(limit):
            _conforms, report, _text = pyshacl.validate(
                graph, shacl_graph=shapes, inference="none", allow_infos=True,
                allow_warnings=True,
            )  # fmt: skip
    except Capped:
        events.emit("validate", capped=limit)
        return
    seconds = time.perf_counter() - start
    events.emit("validate", seconds=seconds, results=_pyshacl_results(report))
    events.emit("done")


def _pyshacl_results(report: Any) -> list[dict[str, str | None]]:
    """The top-level results (``sh:result`` of the report), not their nested details."""
    import rdflib

    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    found = []
    for node in report.objects(None, sh.result):
        shape = report.value(node, sh.sourceShape)
        value = report.value(node, sh.value)
        found.append(
            {
                "severity": str(report.value(node, sh.resultSeverity)).rsplit("#", 1)[-1],
                "focus": str(report.value(node, sh.focusNode)),
                "value": None if value is None else str(value),
                "shape": str(shape) if isinstance(shape, rdflib.URIRef) else None,
            }
        )
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.workers")
    parser.add_argument("job", choices=("capgraph", "rdflib", "validate", "pyshacl"))
    parser.add_argument("--project", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cap", type=float, default=120.0, help="seconds (rdflib, pySHACL)")
    parser.add_argument("--budget", type=float, default=3600.0, help="seconds, all rdflib queries")
    parser.add_argument("--modes", default=",".join(MODES))
    args = parser.parse_args(argv)
    events = Events(args.out)
    modes = tuple(m for m in args.modes.split(",") if m)
    if args.job == "capgraph":
        run_capgraph(args.project, events, repeat=args.repeat, limit=args.cap, modes=modes)
    elif args.job == "rdflib":
        run_rdflib(
            args.project, events, repeat=args.repeat, limit=args.cap, budget=args.budget,
            modes=modes,
        )  # fmt: skip
    elif args.job == "validate":
        run_validate(args.project, events)
    else:
        run_pyshacl(args.project, events, limit=args.cap)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
