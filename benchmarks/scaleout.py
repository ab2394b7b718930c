"""Scale-out: publish a generated record to real stores, and ask them the named queries.

    python -m benchmarks.scaleout --size 1m [--stores oxigraph,virtuoso] [--repeat 3]

Generates (or reuses) the planted record of ``benchmarks.validation`` (seed 7, defect rate
0.02), opens it embedded, and times every named query and the missing-step pair (bound
and all, as ``python -m benchmarks`` does: a warm-up, then the median of ``--repeat``).
Then, for each store, started on 127.0.0.1 by the helpers the tests use
(``tests/conftest_servers.py``, ``tests/conftest_stores.py``), with an empty database, the
record is loaded (``--load``, timed) and the same queries are asked through
``capgraph.remote``:

- ``update``: ``capgraph.publish`` by SPARQL Update in batches of ``--batch`` triples;
  afterwards the store's own bulk loader is timed on the same quads, for comparison
  (``oxigraph load`` into a scratch folder; Virtuoso's loader into a second server);
- ``bulk``: the store's own bulk loader on the record's N-Quads (``capgraph export``'s
  format), into the store that is then queried: Virtuoso's ``ld_dir`` +
  ``rdf_loader_run()``, or ``oxigraph load`` into the folder the server then serves.

The default is ``update`` for Oxigraph and ``bulk`` for Virtuoso, whose SPARQL Update is
slow (2,800 triples a second at 100k with ``--virtuoso-buffers`` 100,000, 430 with the
tests' 10,000). ``--load-only`` times the loads and asks no query. Each server's peak
resident memory is read from ``/proc`` before it is stopped. Writes ``scaleout-SIZE.json`` and
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
#: how each store is loaded: ``update`` (capgraph publish) or ``bulk`` (the store's loader)
LOAD = {"oxigraph": "update", "virtuoso": "bulk"}
LOADS = ("update", "bulk")
#: Virtuoso's NumberOfBuffers here: 8 KiB pages, 800 MB (the tests' 10,000 is 80 MB)
VIRTUOSO_BUFFERS = 100_000
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
def store(
    name: str, *, location: Path | None = None, buffers: int = VIRTUOSO_BUFFERS
) -> Iterator[dict[str, Any]]:
    """A started store: its query URL, update URL and credentials, and the server object.

    ``location``: the folder Oxigraph serves (a fresh one if None); ``buffers``: Virtuoso's.
    """
    from capgraph.query import Credentials

    servers, stores = _servers()
    if name == "oxigraph":
        with servers.oxigraph_server(location=location) as ox:
            yield {"query": ox.query_url, "update": ox.update_url, "credentials": None,
                   "server": ox}  # fmt: skip
    elif name == "virtuoso":
        missing = stores.virtuoso_missing()
        if missing:
            raise RuntimeError(missing)
        with stores.virtuoso_server(buffers=buffers) as v:
            yield {"query": v.query_url, "update": v.base_url + "/sparql-auth",
                   "credentials": Credentials("dba", "dba"), "server": v}  # fmt: skip
    else:
        raise ValueError(f"unknown store {name!r}; expected one of {', '.join(STORES)}")


def peak_rss_mib(pid: int) -> float | None:
    """A running process's peak resident memory (``VmHWM``), in MiB; None if unreadable."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


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


def _load_oxigraph(kg: Any, scratch: Path) -> dict[str, Any]:
    """``oxigraph load`` of the record's quads into the folder ``scratch/store``, timed."""
    import pyoxigraph as ox

    servers, _ = _servers()
    dump = scratch / "record.nq"
    kg.store.dump(str(dump), format=ox.RdfFormat.N_QUADS)
    command = [servers.oxigraph_binary(), "load", "--location", str(scratch / "store"),
               "--file", str(dump)]  # fmt: skip
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    dump.unlink()
    if done.returncode != 0:
        return {"error": done.stderr.strip()[-300:]}
    return {"seconds": seconds, "command": "oxigraph load --location DIR --file record.nq"}


def _bulk_oxigraph(kg: Any, scratch: Path) -> dict[str, Any]:
    """``oxigraph load`` of the same quads into an empty store folder, timed (a comparison)."""
    import pyoxigraph as ox

    found = _load_oxigraph(kg, scratch)
    if "error" not in found:
        loaded = ox.Store(str(scratch / "store"))
        found["quads"] = sum(
            1 for q in loaded if q.graph_name.value.startswith("https://w3id.org/capgraph")
        )
    return found


def _load_virtuoso(kg: Any, server: Any, timeout: float) -> dict[str, Any]:
    """Virtuoso's bulk loader (``ld_dir`` + ``rdf_loader_run``) into ``server``, timed."""
    import pyoxigraph as ox

    dump = server.folder / "record.nq"  # the loader reads only from DirsAllowed
    kg.store.dump(str(dump), format=ox.RdfFormat.N_QUADS)
    start = time.perf_counter()
    server.bulk_load(dump, timeout=timeout)
    seconds = time.perf_counter() - start
    dump.unlink()
    command = "isql: ld_dir(DIR, 'record.nq', …); rdf_loader_run(); checkpoint"
    return {"seconds": seconds, "quads": _count(server.query_url), "command": command}


def _compare_loader(name: str, kg: Any, timeout: float, buffers: int) -> dict[str, Any]:
    """The store's own bulk loader on the record, into a fresh store beside the queried one."""
    _, stores = _servers()
    try:
        if name == "virtuoso":
            with stores.virtuoso_server(buffers=buffers) as v:
                return _load_virtuoso(kg, v, timeout)
        with tempfile.TemporaryDirectory(prefix="capgraph-bulk-") as scratch:
            return _bulk_oxigraph(kg, Path(scratch))
    except Exception as error:
        return {"error": " ".join(str(error).split())[:200]}


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
    load: dict[str, str] | None = None,
    buffers: int = VIRTUOSO_BUFFERS,
    queries: bool = True,
    save: Callable[[dict[str, Any]], None] = lambda summary: None,
) -> dict[str, Any]:
    """Embedded, then each store; ``save`` gets the summary so far after each step, so that
    a run stopped in the middle keeps what it measured. ``queries=False`` only loads."""
    import capgraph
    from capgraph.query import NamedQuery, publish, remote

    load = {**LOAD, **(load or {})}
    before = os.getloadavg()
    project = record(out, size, "planted", Settings())
    start = time.perf_counter()
    kg = capgraph.open(project)
    load_s = time.perf_counter() - start
    cases = [
        (case.key, NamedQuery.from_text(_text(query, case), name=query.name))
        for query, case in query_cases(kg.project, modes)
        if not case.missing and query.name not in skip and queries
    ]
    summary: dict[str, Any] = {
        "size": size_label(size), "project": project.name, "quads": len(kg.store),
        "load_s": load_s, "repeat": repeat, "batch_triples": batch, "timeout": timeout,
        "skipped": list(skip), "stores": {}, "virtuoso_buffers": buffers,
        "embedded": time_cases(lambda n: len(kg.run(n, {})), cases, repeat),
    }  # fmt: skip
    summary["embedded_peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    summary["load_average_embedded"] = os.getloadavg()[0]
    summary["machine"] = machine(before, os.getloadavg())
    save(summary)

    def load_and_ask(name: str, entry: dict[str, Any], scratch: Path) -> None:
        location = None
        if name == "oxigraph" and load[name] == "bulk":
            entry["bulk_load"] = _load_oxigraph(kg, scratch)
            if "error" in entry["bulk_load"]:
                raise RuntimeError(entry["bulk_load"]["error"])
            location = scratch / "store"
        with store(name, location=location, buffers=buffers) as started:
            if load[name] == "update":
                start = time.perf_counter()
                sent = publish(kg, update_url=started["update"], batch_triples=batch[name],
                               timeout=timeout, credentials=started["credentials"])  # fmt: skip
                entry["publish"] = {"seconds": time.perf_counter() - start,
                                    "triples": sent.triples, "requests": sent.requests,
                                    "graphs": len(sent.graphs)}  # fmt: skip
            elif name == "virtuoso":
                entry["bulk_load"] = _load_virtuoso(kg, started["server"], max(timeout, 3600))
            save(summary)
            graph = remote(started["query"], project_dir=project, timeout=timeout)
            entry["quads_in_store"] = _count(started["query"])
            entry["queries"] = time_cases(
                lambda n, graph=graph: len(graph.run(n, {})), cases, repeat
            )
            entry["server_peak_rss_mib"] = peak_rss_mib(started["server"].process.pid)

    for name in stores:
        if load[name] not in LOADS:
            raise ValueError(f"unknown load {load[name]!r}; expected one of {', '.join(LOADS)}")
        entry: dict[str, Any] = {"load": load[name]}
        summary["stores"][name] = entry
        try:
            with tempfile.TemporaryDirectory(prefix="capgraph-scaleout-") as scratch:
                load_and_ask(name, entry, Path(scratch))
        except Exception as error:
            entry["failed"] = " ".join(str(error).split())[:300]
        entry["load_average"] = os.getloadavg()[0]
        if load[name] == "update":  # the store's own loader too, for comparison
            entry["bulk_loader"] = _compare_loader(name, kg, max(timeout, 3600), buffers)
        summary["machine"] = machine(before, os.getloadavg())
        save(summary)
    return summary


def _per_store(text: str) -> dict[str, str]:
    """``name=value,…`` as a mapping (``--batch``, ``--load``)."""
    found = {}
    for part in filter(None, text.split(",")):
        name, _, value = part.partition("=")
        found[name] = value
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
    parser.add_argument("--load", default=",".join(f"{k}={v}" for k, v in LOAD.items()),
                        help="per store: update (publish) or bulk (its own loader)")  # fmt: skip
    parser.add_argument("--load-only", action="store_true", help="time the loads, no queries")
    parser.add_argument("--virtuoso-buffers", type=int, default=VIRTUOSO_BUFFERS,
                        help="Virtuoso's NumberOfBuffers (8 KiB pages)")  # fmt: skip
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
        repeat=args.repeat, modes=tuple(args.modes.split(",")),
        batch={**BATCH, **{k: int(v) for k, v in _per_store(args.batch).items()}},
        load=_per_store(args.load), buffers=args.virtuoso_buffers, queries=not args.load_only,
        timeout=args.timeout, skip=tuple(s for s in args.skip.split(",") if s), save=save,
    )  # fmt: skip
    print(markdown(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
