"""Run a SPARQL query under a deadline, a row limit and a cap on queries running at once.

pyoxigraph evaluates lazily: pulling the next solution is where the work
happens, and the GIL is released meanwhile. So each query runs on a worker
thread that pulls solutions one at a time and checks the deadline and the row
limit between them; the caller waits on the worker with the same deadline.

What cannot be stopped: work inside a single solution. A large ``ORDER BY``,
``GROUP BY`` or ``COUNT`` computes everything before its first answer. The
caller still gets its error at the deadline, but the worker runs on until
pyoxigraph returns; it keeps its slot, so at most ``max_running`` such workers
exist, and past that new queries are refused at once.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass

import pyoxigraph as ox

__all__ = [
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
DEFAULT_MAX_RUNNING = 8


@dataclass(frozen=True)
class Limits:
    """Per-query limits: seconds, rows (or triples), and queries running at once."""

    timeout: float = DEFAULT_TIMEOUT
    max_results: int = DEFAULT_MAX_RESULTS
    max_running: int = DEFAULT_MAX_RUNNING


class HttpError(Exception):
    """An answer other than 200, with the message sent as the body."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Answer:
    """What a query produced, collected in memory."""

    kind: str  # "solutions", "boolean" or "triples"
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[object | None, ...], ...] = ()
    boolean: bool = False
    triples: tuple[ox.Triple, ...] = ()


class QueryRunner:
    """Runs queries on worker threads under a deadline, a row limit and a slot count."""

    def __init__(self, store: ox.Store, limits: Limits) -> None:
        self.store = store
        self.limits = limits
        self._slots = threading.BoundedSemaphore(limits.max_running)

    def run(self, text: str, default_graphs: Sequence[str], named_graphs: Sequence[str]) -> Answer:
        if not self._slots.acquire(blocking=False):
            raise HttpError(
                503, f"busy: {self.limits.max_running} queries are running; retry later"
            )
        box: queue.Queue[Answer | HttpError] = queue.Queue(maxsize=1)
        cancel = threading.Event()
        deadline = time.monotonic() + self.limits.timeout
        worker = threading.Thread(
            target=self._work,
            args=(text, default_graphs, named_graphs, deadline, cancel, box),
            name="capgraph-query",
            daemon=True,
        )
        worker.start()
        try:
            outcome = box.get(timeout=self.limits.timeout)
        except queue.Empty:
            cancel.set()
            outcome = _timed_out(self.limits.timeout)
        if isinstance(outcome, HttpError):
            raise outcome
        return outcome

    def _work(
        self,
        text: str,
        default_graphs: Sequence[str],
        named_graphs: Sequence[str],
        deadline: float,
        cancel: threading.Event,
        box: queue.Queue[Answer | HttpError],
    ) -> None:
        try:
            box.put_nowait(self._evaluate(text, default_graphs, named_graphs, deadline, cancel))
        except HttpError as error:
            # A fresh error without the traceback: the traceback's frames hold the
            # pyoxigraph result, which must be dropped on this thread.
            box.put_nowait(HttpError(error.status, error.message))
        except SyntaxError as error:
            box.put_nowait(HttpError(400, f"not a SPARQL 1.1 query: {error}"))
        except Exception as error:  # an engine failure must reach the client, not kill the server
            box.put_nowait(HttpError(500, f"the query failed: {type(error).__name__}: {error}"))
        finally:
            self._slots.release()

    def _evaluate(
        self,
        text: str,
        default_graphs: Sequence[str],
        named_graphs: Sequence[str],
        deadline: float,
        cancel: threading.Event,
    ) -> Answer:
        result = self.store.query(
            text,
            use_default_graph_as_union=not default_graphs,
            default_graph=[ox.NamedNode(g) for g in default_graphs] or None,
            named_graphs=[ox.NamedNode(g) for g in named_graphs] or None,
        )
        try:
            return self._collect(result, deadline, cancel)
        finally:
            del result  # pyoxigraph results may only be dropped on the thread that made them

    def _collect(
        self,
        result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples,
        deadline: float,
        cancel: threading.Event,
    ) -> Answer:
        if isinstance(result, ox.QueryBoolean):
            return Answer("boolean", boolean=bool(result))
        limit = self.limits.max_results
        collected: list[object] = []
        for item in result:
            if cancel.is_set() or time.monotonic() > deadline:
                raise _timed_out(self.limits.timeout)
            if len(collected) >= limit:
                raise HttpError(
                    503,
                    f"the query has more than {limit} results; add a LIMIT or ask the "
                    "server's operator to raise --max-results",
                )
            collected.append(item)
        if isinstance(result, ox.QuerySolutions):
            variables = tuple(v.value for v in result.variables)
            rows = tuple(
                tuple(solution[i] for i in range(len(variables)))
                for solution in collected
                if isinstance(solution, ox.QuerySolution)
            )
            return Answer("solutions", variables=variables, rows=rows)
        return Answer("triples", triples=tuple(collected))  # type: ignore[arg-type]


def _timed_out(timeout: float) -> HttpError:
    return HttpError(503, f"the query ran past the time limit of {timeout:g} s and was abandoned")
