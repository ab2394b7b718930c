"""Scale-out: publish a generated record to real stores, and ask them the named queries.

    python -m benchmarks.scaleout --size 1m [--stores oxigraph,virtuoso] [--repeat 3]

Generates (or reuses) the planted record of ``benchmarks.validation`` (seed 7, defect rate
0.02), opens it embedded, and times every named query and the missing-step pair (bound
and all, as ``python -m benchmarks`` does: a warm-up, then the median of ``--repeat``).
Then, for each store, started on 127.0.0.1 by the helpers the tests use
(``tests/conftest_servers.py``, ``tests/conftest_stores.py``), with an empty database:
``capgraph.publish`` by SPARQL Update in batches of ``--batch`` triples (timed), the
store's own bulk loader on the same quads where it is cheap to call (``oxigraph load``),
and the same queries through ``capgraph.remote``. Writes ``scaleout-SIZE.json`` and
``scaleout-SIZE.md`` to ``--out`` and prints the tables.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks.generate import REPO
from benchmarks.scaleout_report import markdown
from benchmarks.sizes import parse_size, size_label
from benchmarks.summary import machine
from benchmarks.validation import DEFAULT_OUT, Settings, record
from benchmarks.workers import _text, query_cases

STORES = ("oxigraph", "virtuoso")
#: triples per SPARQL Update request: Virtuoso refuses one of 50,000 ("SQ156: Query too large")
BATCH = {"oxigraph": 50_000, "virtuoso": 2_000}
#: named queries left out by default (``--skip``): none since conflicts-decisions was fixed
SKIP: tuple[str, ...] = ()
#: the record's quads (a store's own system graphs left out)
_COUNT = (
    "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o }"
    " FILTER(STRSTARTS(STR(?g), 'https://w3id.org/capgraph')) }"
)


def _servers() -> Any:
    """The tests' server helpers (``tests/`` is not a package on the import path)."""
    tests = str(REPO / "tests")
    if tests not in sys.path:
        sys.path.insert(0, tests)
    import conftest_servers
    import conftest_stores

    return conftest_servers, conftest_stores


@contextmanager
def store(name: str) -> Iterator[dict[str, Any]]:
    """A started store: its query URL, update URL and credentials, and the server object."""
    from capgraph.query import Credentials

    servers, stores = _servers()
    if name == "oxigraph":
        with servers.oxigraph_server() as ox:
            yield {"query": ox.query_url, "update": ox.update_url, "credentials": None,
                   "server": ox}  # fmt: skip
    elif name == "virtuoso":
        missing = stores.virtuoso_missing()
        if missing:
            raise RuntimeError(missing)
        with stores.virtuoso_server() as v:
            yield {"query": v.query_url, "update": v.base_url + "/sparql-auth",
                   "credentials": Credentials("dba", "dba"), "server": v}  # fmt: skip
    else:
        raise ValueError(f"unknown store {name!r}; expected one of {', '.join(STORES)}")


def time_cases(
    run: Callable[[Any], int], cases: list[tuple[str, Any]], repeat: int
) -> dict[str, dict[str, Any]]:
    """Each case: rows, warm-up seconds, the median of ``repeat`` runs (or the error)."""
    found: dict[str, dict[str, Any]] = {}
    for key, named in cases:
        try:
            start = time.perf_counter()
            rows = run(named)
            first = time.perf_counter() - start
            times = []
            for _ in range(repeat):
                start = time.perf_counter()
                run(named)
                times.append(time.perf_counter() - start)
        except Exception as error:  # a store's refusal is a figure too
            found[key] = {"error": " ".join(str(error).split())[:300]}
            continue
        found[key] = {"rows": rows, "first": first, "median": statistics.median(times)}
    return found


def _bulk_oxigraph(kg: Any, scratch: Path) -> dict[str, Any]:
    """``oxigraph load`` of the same quads into an empty store folder, timed."""
    import pyoxigraph as ox

    servers, _ = _servers()
    dump = scratch / "record.nq"
    kg.store.dump(str(dump), format=ox.RdfFormat.N_QUADS)
    command = [servers.oxigraph_binary(), "load", "--location", str(scratch / "bulk"),
               "--file", str(dump)]  # fmt: skip
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        return {"error": done.stderr.strip()[-300:]}
    import pyoxigraph as ox

    loaded = ox.Store(str(scratch / "bulk"))
    quads = sum(1 for q in loaded if q.graph_name.value.startswith("https://w3id.org/capgraph"))
    return {"seconds": seconds, "quads": quads,
            "command": "oxigraph load --location DIR --file record.nq"}  # fmt: skip


def _bulk_virtuoso(kg: Any) -> dict[str, Any]:
    """Virtuoso's bulk loader (``ld_dir`` + ``rdf_loader_run``) into a second, empty server."""
    import pyoxigraph as ox

    _, stores = _servers()
    with stores.virtuoso_server() as v:
        folder = Path(f"/proc/{v.process.pid}/cwd").resolve()  # the server's DirsAllowed
        kg.store.dump(str(folder / "record.nq"), format=ox.RdfFormat.N_QUADS)
        start = time.perf_counter()
        stores._isql(v.sql_port, f"ld_dir('{folder}', 'record.nq', 'urn:capgraph:bulk');")
        stores._isql(v.sql_port, "rdf_loader_run();")
        stores._isql(v.sql_port, "checkpoint;")
        seconds = time.perf_counter() - start
        quads = _count(v.query_url)
    command = "isql: ld_dir(DIR, 'record.nq', …); rdf_loader_run(); checkpoint"
    return {"seconds": seconds, "quads": quads, "command": command}


def _count(url: str) -> int:
    from capgraph.query import remote

    return int(str(remote(url).select(_COUNT)[0]["n"]))


def measure(
    size: int,
    out: Path,
    *,
    stores: tuple[str, ...],
    repeat: int,
    modes: tuple[str, ...],
    batch: dict[str, int],
    timeout: float,
    skip: tuple[str, ...] = SKIP,
    save: Callable[[dict[str, Any]], None] = lambda summary: None,
) -> dict[str, Any]:
    """Embedded, then each store; ``save`` gets the summary so far after each step, so that
    a run stopped in the middle keeps what it measured."""
    import capgraph
    from capgraph.query import NamedQuery, publish, remote

    before = os.getloadavg()
    project = record(out, size, "planted", Settings())
    start = time.perf_counter()
    kg = capgraph.open(project)
    load = time.perf_counter() - start
    cases = [
        (case.key, NamedQuery.from_text(_text(query, case), name=query.name))
        for query, case in query_cases(kg.project, modes)
        if not case.missing and query.name not in skip
    ]
    summary: dict[str, Any] = {
        "size": size_label(size), "project": project.name, "quads": len(kg.store),
        "load_s": load, "repeat": repeat, "batch_triples": batch, "timeout": timeout,
        "skipped": list(skip), "stores": {},
        "embedded": time_cases(lambda n: len(kg.run(n, {})), cases, repeat),
    }  # fmt: skip
    summary["load_average_embedded"] = os.getloadavg()[0]
    summary["machine"] = machine(before, os.getloadavg())
    save(summary)
    for name in stores:
        entry: dict[str, Any] = {}
        summary["stores"][name] = entry
        try:
            with store(name) as started:
                start = time.perf_counter()
                sent = publish(kg, update_url=started["update"], batch_triples=batch[name],
                               timeout=timeout, credentials=started["credentials"])  # fmt: skip
                entry["publish"] = {"seconds": time.perf_counter() - start,
                                    "triples": sent.triples, "requests": sent.requests,
                                    "graphs": len(sent.graphs)}  # fmt: skip
                save(summary)
                graph = remote(started["query"], project_dir=project, timeout=timeout)
                entry["quads_in_store"] = _count(started["query"])
                entry["queries"] = time_cases(
                    lambda n, graph=graph: len(graph.run(n, {})), cases, repeat
                )
        except Exception as error:
            entry["failed"] = " ".join(str(error).split())[:300]
        entry["load_average"] = os.getloadavg()[0]
        try:
            if name == "oxigraph":
                with tempfile.TemporaryDirectory(prefix="capgraph-bulk-") as scratch:
                    entry["bulk_loader"] = _bulk_oxigraph(kg, Path(scratch))
            elif name == "virtuoso":
                entry["bulk_loader"] = _bulk_virtuoso(kg)
        except Exception as error:
            entry["bulk_loader"] = {"error": " ".join(str(error).split())[:200]}
        summary["machine"] = machine(before, os.getloadavg())
        save(summary)
    return summary


def _batches(text: str) -> dict[str, int]:
    found = dict(BATCH)
    for part in filter(None, text.split(",")):
        name, _, number = part.partition("=")
        found[name] = int(number)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.scaleout", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--size", default="1m")
    parser.add_argument("--stores", default=",".join(STORES))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--modes", default="bound,all")
    parser.add_argument("--batch", default=",".join(f"{k}={v}" for k, v in BATCH.items()),
                        help="triples per update request, per store")  # fmt: skip
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per request")
    parser.add_argument("--skip", default=",".join(SKIP), help="named queries left out")
    parser.add_argument("--memory-cap", type=float, default=12.0, help="GiB, this process")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    # A query that explodes then ends this run, rather than the machine's other work.
    limit = int(args.memory_cap * 2**30)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    args.out.mkdir(parents=True, exist_ok=True)
    size = parse_size(args.size)
    stem = args.out / f"scaleout-{size_label(size)}"
    # SIGTERM unwinds like Ctrl-C, so that the started servers are stopped.
    signal.signal(signal.SIGTERM, signal.default_int_handler)

    def save(summary: dict[str, Any]) -> None:
        stem.with_suffix(".json").write_text(
            json.dumps(summary, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
        stem.with_suffix(".md").write_text(markdown(summary), encoding="utf-8")

    summary = measure(
        size, args.out, stores=tuple(s for s in args.stores.split(",") if s),
        repeat=args.repeat, modes=tuple(args.modes.split(",")), batch=_batches(args.batch),
        timeout=args.timeout, skip=tuple(s for s in args.skip.split(",") if s), save=save,
    )  # fmt: skip
    print(markdown(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
