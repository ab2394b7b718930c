"""Limits at the endpoint that hold (issue 14, findings 3, 7, 8, 9): memory, bytes,
slow and idle clients, connection count, parser depth, and the snapshot after kill -9.

Every client here talks to 127.0.0.1, and every test is bounded in count and time.
"""

from __future__ import annotations

import os
import signal
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import capgraph
from capgraph.server import ConnectionLimits, SparqlServer, make_server
from conftest_servers import capgraph_serve_process

from .test_endpoint_hostile import request

pytestmark = pytest.mark.server

#: A three-way cross product of the record, sorted: Oxigraph must hold all of it.
MEMORY_BOMB = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text()
        found += [int(child) for child in text.split()]
    return found


def _rss_bytes(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def test_a_memory_bomb_is_stopped_at_the_worker_limit() -> None:
    limit = 768 * 2**20
    with capgraph_serve_process("--timeout", "20", "--max-memory", "768M") as served:
        peak = 0
        done = threading.Event()

        def watch() -> None:
            nonlocal peak
            while not done.is_set():
                for child in _children(served.process.pid):
                    peak = max(peak, _rss_bytes(child))
                time.sleep(0.02)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        reply = request(served.url, query=MEMORY_BOMB, timeout=60)
        done.set()
        watcher.join(timeout=5)
        assert reply.status == 503, reply
        assert "memory limit of 768 MiB" in reply.body, reply.body
        assert 0 < peak <= limit
        assert request(served.url, query="ASK { ?s ?p ?o }").status == 200


def test_answers_have_a_byte_limit() -> None:
    with capgraph_serve_process("--max-bytes", "64K") as served:
        reply = request(served.url, query="SELECT * WHERE { ?s ?p ?o }")
        assert reply.status == 503
        assert "over 65536 bytes (--max-bytes)" in reply.body
        assert request(served.url, query="SELECT * WHERE { ?s ?p ?o } LIMIT 5").status == 200


@contextmanager
def served(**limits: float) -> Iterator[SparqlServer]:
    connections = ConnectionLimits(
        max_connections=int(limits.get("max_connections", 64)),
        header_timeout=limits.get("header_timeout", 10.0),
        body_timeout=limits.get("body_timeout", 30.0),
    )
    server = make_server(capgraph.open(), port=0, max_running=1, connections=connections)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def _connect(server: SparqlServer) -> socket.socket:
    client = socket.create_connection(server.server_address[:2], timeout=10)
    return client


def _read_all(client: socket.socket) -> bytes:
    chunks = []
    while chunk := client.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def test_a_slow_body_is_cut_off() -> None:
    with served(body_timeout=1.5) as server:
        client = _connect(server)
        client.sendall(
            b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            b"Content-Length: 100\r\n\r\n"
        )
        started = time.monotonic()
        answer = b""
        for byte in b"ASK { ?s ?p ?o }":
            try:
                client.sendall(bytes([byte]))
            except OSError:
                break
            time.sleep(0.5)
            if time.monotonic() - started > 6:
                break
        answer = _read_all(client)
        client.close()
        assert answer.startswith(b"HTTP/1.0 408") or answer.startswith(b"HTTP/1.1 408"), answer
        assert b"did not arrive within 1.5 s" in answer
        assert time.monotonic() - started < 6


def test_slow_headers_are_cut_off() -> None:
    with served(header_timeout=1.0) as server:
        client = _connect(server)
        started = time.monotonic()
        answer = b""
        for byte in b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\n":
            try:
                client.sendall(bytes([byte]))
            except OSError:
                break
            time.sleep(0.2)
            if time.monotonic() - started > 5:
                break
        answer = _read_all(client)
        client.close()
        assert b"408" in answer.split(b"\r\n", 1)[0], answer
        assert time.monotonic() - started < 5


def test_idle_connections_are_bounded_and_closed() -> None:
    with served(max_connections=16, header_timeout=1.0) as server:
        before = threading.active_count()
        clients = [_connect(server) for _ in range(60)]
        time.sleep(0.3)
        assert threading.active_count() - before <= 16 * 2 + 4  # a thread and a watch each
        refused = 0
        for client in clients[16:]:
            head = client.recv(200)
            refused += b"503" in head and b"limit of 16 open connections" in head
        assert refused >= 40
        time.sleep(2.0)  # past the header timeout: the idle ones are cut off too
        for client in clients[:16]:
            client.settimeout(3)
            assert b"408" in _read_all(client)[:20]
            client.close()
        for client in clients[16:]:
            client.close()
        deadline = time.monotonic() + 5
        while threading.active_count() > before + 1 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert threading.active_count() <= before + 1
        assert request(server.url, query="ASK { ?s ?p ?o }").status == 200


@pytest.mark.parametrize(
    ("query", "status", "says"),
    [
        ("SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }", 400, "limit is 200"),
        ("SELECT * WHERE {" + "{" * 5000 + "}" * 5000 + "}", 400, "limit is 200"),
        ("SELECT * WHERE { BIND(<urn:f>(1) AS ?x) }", 400, "not supported"),
    ],
    ids=["deep-filter", "deep-groups", "unknown-function"],
)
def test_malformed_queries_get_400(query: str, status: int, says: str) -> None:
    with served() as server:
        workers = server.runner.worker_pids()
        reply = request(server.url, query=query)
        assert reply.status == status, reply
        assert says in reply.body
        assert server.runner.worker_pids() == workers  # no worker died


def test_kill_9_leaves_no_snapshot_behind() -> None:
    def snapshots() -> set[str]:
        return {p.name for p in Path(tempfile.gettempdir()).glob("capgraph-serve-*")}

    before = snapshots()
    with capgraph_serve_process() as first:
        left = snapshots() - before
        assert left
        os.kill(first.process.pid, signal.SIGKILL)
        first.process.wait(timeout=10)
    assert left <= snapshots()  # kill -9: nothing could clean up
    with capgraph_serve_process():
        assert not left & snapshots()  # the next server removed the orphan
