"""Load on the endpoint: 32 concurrent clients x 100 named queries against ``capgraph serve``,
while a 33rd client keeps a runaway query running (each one stopped at the time limit).

Every answer must equal the embedded one (as a multiset of rows) and no request
may fail. The throughput and the p50/p99 latencies are printed and written to
``load.json`` in the test's temporary folder; they are figures for the record,
not assertions (the suite makes no timing assertions).
"""

from __future__ import annotations

import json
import statistics
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

import capgraph
from capgraph.query import RemoteGraph
from conftest_servers import capgraph_serve_process
from endpoint.named_cases import as_multiset, case_id, cases

from .test_endpoint_hostile import RUNAWAY, request

CLIENTS = 32
QUERIES_PER_CLIENT = 100

pytestmark = [pytest.mark.server, pytest.mark.slow]


def _percentile(sorted_values: list[float], fraction: float) -> float:
    index = min(len(sorted_values) - 1, round(fraction * (len(sorted_values) - 1)))
    return sorted_values[index]


def test_32_clients_get_the_embedded_answers(tmp_path: Path) -> None:
    kg = capgraph.open()
    mix = cases()
    expected = {case_id(case): as_multiset(kg.query(case[0], case[1])) for case in mix}
    latencies: list[list[float]] = [[] for _ in range(CLIENTS)]
    failures: list[str] = []
    lock = threading.Lock()

    with capgraph_serve_process() as served:
        start_line = threading.Barrier(CLIENTS)

        def client(index: int) -> None:
            # The same query texts as the embedded answers were computed with.
            remote = RemoteGraph(served.url, kg.queries, timeout=60)
            start_line.wait()
            for n in range(QUERIES_PER_CLIENT):
                name, params = mix[(index * 7 + n) % len(mix)]
                began = time.perf_counter()
                try:
                    rows = remote.query(name, params)
                except Exception as error:  # every failure is counted, none may happen
                    with lock:
                        failures.append(f"{name} {params}: {type(error).__name__}: {error}")
                    continue
                latencies[index].append(time.perf_counter() - began)
                if as_multiset(rows) != expected[case_id((name, params))]:
                    with lock:
                        failures.append(f"{name} {params}: answer differs from the embedded one")

        clients_done = threading.Event()
        runaway_replies: list[int] = []

        def runaway() -> None:
            while not clients_done.is_set():
                reply = request(served.url, query=RUNAWAY, timeout=60)
                runaway_replies.append(reply.status)
                if reply.status != 503 or "time limit" not in reply.body:
                    with lock:
                        failures.append(f"runaway: {reply.status} {reply.body[:200]}")

        threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
        hog = threading.Thread(target=runaway)
        began = time.perf_counter()
        hog.start()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - began
        clients_done.set()
        hog.join(timeout=60)
        assert served.process.poll() is None

    assert failures == [], f"{len(failures)} failures, first: {failures[:3]}"
    flat = sorted(x for per_client in latencies for x in per_client)
    assert len(flat) == CLIENTS * QUERIES_PER_CLIENT
    figures = {
        "clients": CLIENTS,
        "queries_per_client": QUERIES_PER_CLIENT,
        "queries": len(flat),
        "distinct_query_cases": len(mix),
        "errors": len(failures),
        "runaway_queries_stopped": len(runaway_replies),
        "wall_seconds": round(wall, 3),
        "throughput_qps": round(len(flat) / wall, 1),
        "latency_ms": {
            "p50": round(_percentile(flat, 0.50) * 1000, 1),
            "p99": round(_percentile(flat, 0.99) * 1000, 1),
            "mean": round(statistics.fmean(flat) * 1000, 1),
            "max": round(flat[-1] * 1000, 1),
        },
        "mix": dict(sorted(Counter(name for name, _ in mix).items())),
    }
    (tmp_path / "load.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print("\nendpoint load:", json.dumps(figures))
