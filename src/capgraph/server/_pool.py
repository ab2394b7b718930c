"""Run SPARQL queries under a time limit and a result-size limit, in killable worker processes.

pyoxigraph cannot cancel a running query, and a query can spend hours before
its first solution (a filtered cross product, a large ``COUNT`` or ``ORDER
BY``). A thread running it could not be stopped, and enough such queries would
leave no thread for anyone else. So queries run in ``max_running`` worker
processes (``capgraph.server._worker``), each over a snapshot of the store:

- a query waits for an idle worker within its own time limit (else 503 busy);
- a worker that has not answered by the deadline is killed (503 to the client)
  and a fresh worker takes its place, so a runaway query costs at most its
  time limit of CPU and never holds a worker past it;
- a worker stops collecting past ``max_results`` rows or triples, or past
  ``max_bytes`` bytes of answer (503);
- a worker has ``max_memory`` bytes of address space (``RLIMIT_AS``); a query
  that needs more kills it, the client gets 503 naming the limit, and the
  worker is replaced;
- workers cannot open network sockets (``capgraph.store._confine``) unless
  federation to named hosts was allowed; a kernel that refuses the filter stops
  the server from starting, with the reason.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from capgraph.server import _worker as query_worker
from capgraph.server._worker import read_frame, write_frame

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_RESULTS",
    "DEFAULT_MAX_RUNNING",
    "DEFAULT_TIMEOUT",
    "Answer",
    "HttpError",
    "Limits",
    "QueryRunner",
]

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_RESULTS = 100_000
DEFAULT_MAX_RUNNING = 4
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
#: The most address space a worker gets by default: 2 GiB, or less on a machine whose
#: memory divided among the workers (and the server) is less.
DEFAULT_MAX_MEMORY_CAP = 2 * 1024**3
#: Records up to this many quads are held in memory by each worker; larger ones
#: are shared from disk (slower queries, but no copy per worker).
IN_MEMORY_QUADS = 250_000
_START_TIMEOUT = 60.0  # seconds for a worker process to start and open the snapshot


@dataclass(frozen=True)
class Limits:
    """Per-query limits: seconds, rows (or triples), bytes, worker processes and memory.

    ``max_memory`` 0 means the default (``default_max_memory``). ``confine`` False
    lets the workers open sockets (only for ``--allow-service-to``).
    """

    timeout: float = DEFAULT_TIMEOUT
    max_results: int = DEFAULT_MAX_RESULTS
    max_running: int = DEFAULT_MAX_RUNNING
    max_bytes: int = DEFAULT_MAX_BYTES
    max_memory: int = 0
    confine: bool = True

    @property
    def worker_memory(self) -> int:
        """Bytes of address space per worker."""
        return self.max_memory or default_max_memory(self.max_running)


def default_max_memory(workers: int) -> int:
    """2 GiB, or the machine's memory divided by the workers plus one, if less."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return DEFAULT_MAX_MEMORY_CAP
    return min(DEFAULT_MAX_MEMORY_CAP, total // (workers + 1))


class HttpError(Exception):
    """An answer other than 200, with the message sent as the body."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Answer:
    """What a query produced: SPARQL JSON solutions, N-Triples, or a boolean."""

    kind: str  # "solutions", "boolean" or "triples"
    body: bytes = b""
    boolean: bool = False


class _Worker:
    """One worker process and a thread that reads its answers."""

    def __init__(self, snapshot: Path, limits: Limits) -> None:
        options = {"confine": limits.confine, "max_memory": limits.worker_memory}
        self.limits = limits
        self.failure = ""
        self.process = subprocess.Popen(
            # -P: the script's folder (capgraph's own) must not shadow any module.
            [
                sys.executable,
                "-P",
                str(Path(query_worker.__file__).resolve()),
                str(snapshot),
                json.dumps(options),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        self._replies: queue.Queue[tuple[dict[str, Any], bytes] | None] = queue.Queue()
        threading.Thread(target=self._read, name="capgraph-worker-reader", daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        while True:
            header = read_frame(self.process.stdout)
            body = read_frame(self.process.stdout) if header is not None else None
            if header is None or body is None:
                self._replies.put(None)
                return
            self._replies.put((json.loads(header), body))

    def wait_ready(self, timeout: float) -> bool:
        """True once the worker has opened its store; False if it died or took too long."""
        try:
            reply = self._replies.get(timeout=timeout)
        except queue.Empty:
            self.failure = f"it did not start within {timeout:g} s"
            return False
        if reply is not None and reply[0].get("kind") == "error":
            self.failure = str(reply[0].get("message"))
        elif reply is None:
            self.failure = "it stopped while starting"
        return reply is not None and reply[0].get("kind") == "ready"

    def ask(self, request: dict[str, Any], timeout: float) -> tuple[dict[str, Any], bytes] | None:
        """The worker's answer; None if it has not come within ``timeout`` seconds."""
        assert self.process.stdin is not None
        try:
            write_frame(self.process.stdin, json.dumps(request).encode("utf-8"))
            self.process.stdin.flush()
            reply = self._replies.get(timeout=timeout)
        except queue.Empty:
            return None
        except OSError:
            reply = None
        if reply is None:
            raise self._death()
        return reply

    def _death(self) -> HttpError:
        """Why the worker died: its memory limit (SIGABRT, SIGKILL, MemoryError), or a crash."""
        try:
            code = self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            code = None
        if code in (-signal.SIGABRT, -signal.SIGKILL, 1):
            mib = self.limits.worker_memory // (1024 * 1024)
            return HttpError(
                503,
                f"the query needed more than the memory limit of {mib} MiB per worker "
                "(--max-memory) and was stopped",
            )
        return HttpError(500, f"the query worker stopped unexpectedly (exit {code})")

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()


_SNAPSHOT_PREFIX = "capgraph-serve-"
_OWNER = "owner.pid"


def _remove_orphaned_snapshots() -> None:
    """Delete the snapshots of servers that were killed (``kill -9`` cleans nothing up)."""
    for folder in Path(tempfile.gettempdir()).glob(_SNAPSHOT_PREFIX + "*"):
        try:
            owner = int((folder / _OWNER).read_text(encoding="ascii"))
        except (OSError, ValueError):
            continue  # not ours to judge (or still being created)
        try:
            os.kill(owner, 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except PermissionError:
            continue  # alive, another user's


def _snapshot(store: ox.Store, folder: Path) -> Path:
    """A copy of ``store`` for the workers: N-Quads when small, else a store folder."""
    if len(store) <= IN_MEMORY_QUADS:
        path = folder / "record.nq"
        store.dump(path, format=ox.RdfFormat.N_QUADS)
        return path
    path = folder / "store"
    copy = ox.Store(str(path))
    copy.bulk_extend(store)
    copy.flush()
    del copy  # closes it, so the workers may open it read-only
    return path


class QueryRunner:
    """Answers queries from worker processes over a snapshot of ``store``."""

    def __init__(self, store: ox.Store, limits: Limits) -> None:
        self.limits = limits
        _remove_orphaned_snapshots()
        self._folder = Path(tempfile.mkdtemp(prefix=_SNAPSHOT_PREFIX))
        (self._folder / _OWNER).write_text(str(os.getpid()), encoding="ascii")
        self._snapshot = _snapshot(store, self._folder)
        self._lock = threading.Lock()
        self._closed = False
        self._workers: set[_Worker] = set()
        self._idle: queue.Queue[_Worker] = queue.Queue()
        starting = [self._spawn() for _ in range(limits.max_running)]
        for worker in starting:
            if not worker.wait_ready(_START_TIMEOUT):
                self.close()
                raise HttpError(500, f"a query worker did not start: {worker.failure}")
            self._idle.put(worker)

    def _spawn(self) -> _Worker:
        worker = _Worker(self._snapshot, self.limits)
        with self._lock:
            self._workers.add(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        """Kill a worker and, unless closing, start a fresh one in its place."""
        with self._lock:
            self._workers.discard(worker)
            closed = self._closed
        worker.kill()
        if not closed:
            threading.Thread(
                target=self._replace, name="capgraph-worker-start", daemon=True
            ).start()

    def _replace(self) -> None:
        worker = self._spawn()
        if worker.wait_ready(_START_TIMEOUT):
            self._idle.put(worker)
        else:
            with self._lock:
                self._workers.discard(worker)
            worker.kill()
            print("capgraph: a replacement query worker did not start", file=sys.stderr)

    def worker_pids(self) -> list[int]:
        """The process ids of the live workers (for diagnostics and tests)."""
        with self._lock:
            return sorted(w.process.pid for w in self._workers if w.process.poll() is None)

    def close(self) -> None:
        """Stop every worker and delete the snapshot."""
        with self._lock:
            self._closed = True
            workers = list(self._workers)
            self._workers.clear()
        for worker in workers:
            worker.kill()
        shutil.rmtree(self._folder, ignore_errors=True)

    def run(
        self,
        text: str,
        default_graphs: Sequence[ox.NamedNode] = (),
        named_graphs: Sequence[ox.NamedNode] = (),
    ) -> Answer:
        """The answer, or an ``HttpError`` (400 syntax, 503 limits or busy, 500 engine)."""
        timeout = self.limits.timeout
        # The time limit covers waiting for a worker and running: a query queued
        # behind others still gets its answer, or its error, within the limit.
        deadline = time.monotonic() + timeout
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise HttpError(
                503,
                f"busy: {self.limits.max_running} queries ran for the whole time limit "
                f"of {timeout:g} s; retry later",
            ) from None
        request = {
            "query": text,
            "default": [g.value for g in default_graphs],
            "named": [g.value for g in named_graphs],
            "max_results": self.limits.max_results,
            "max_bytes": self.limits.max_bytes,
        }
        try:
            reply = worker.ask(request, max(0.0, deadline - time.monotonic()))
        except HttpError:
            self._retire(worker)
            raise
        if reply is None:
            self._retire(worker)
            raise HttpError(
                503, f"the query ran past the time limit of {timeout:g} s and was stopped"
            )
        self._idle.put(worker)
        header, body = reply
        if header["kind"] == "error":
            raise HttpError(int(header["status"]), str(header["message"]))
        return Answer(header["kind"], body, bool(header.get("boolean", False)))
