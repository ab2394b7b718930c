"""Run a SPARQL query under a deadline, a row limit and a cap on queries running at once.

pyoxigraph evaluates lazily: pulling the next solution is where the work
happens, and the GIL is released meanwhile. So each query runs on a worker
thread that pulls solutions one at a time and checks the deadline and the row
limit between them; the caller waits on the worker with the same deadline.

What cannot be stopped: work inside a single solution. A large ``ORDER BY``,
``GROUP BY`` or ``COUNT`` computes everything before its first answer. The
caller still gets its error at the deadline, but the worker runs on until
pyoxigraph returns, and is busy meanwhile. There are ``max_running`` workers;
a query that finds them all busy waits in line, within its own time limit, and
is refused with 503 if no worker takes it up in time.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

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


@dataclass
class _Task:
    text: str
    default_graphs: Sequence[ox.NamedNode]
    named_graphs: Sequence[ox.NamedNode]
    deadline: float
    cancel: threading.Event = field(default_factory=threading.Event)
    started: threading.Event = field(default_factory=threading.Event)
    box: queue.Queue[Answer | HttpError] = field(default_factory=lambda: queue.Queue(maxsize=1))


class QueryRunner:
    """Runs queries on ``max_running`` worker threads under a deadline and a row limit.

    The workers are daemon threads, so a query stuck in pyoxigraph never keeps
    the process from exiting.
    """

    def __init__(self, store: ox.Store, limits: Limits) -> None:
        self.store = store
        self.limits = limits
        self._tasks: queue.SimpleQueue[_Task | None] = queue.SimpleQueue()
        for number in range(limits.max_running):
            threading.Thread(
                target=self._serve_tasks, name=f"capgraph-query-{number}", daemon=True
            ).start()

    def close(self) -> None:
        """Let the idle workers end (a busy one ends when its query does)."""
        for _ in range(self.limits.max_running):
            self._tasks.put(None)

    def run(
        self,
        text: str,
        default_graphs: Sequence[ox.NamedNode] = (),
        named_graphs: Sequence[ox.NamedNode] = (),
    ) -> Answer:
        """The collected answer, or an ``HttpError`` (400 syntax, 503 limits, 500 engine)."""
        # The time limit covers waiting for a worker and running: a query queued
        # behind others still gets its answer, or its error, within the limit.
        task = _Task(text, default_graphs, named_graphs, time.monotonic() + self.limits.timeout)
        self._tasks.put(task)
        try:
            outcome = task.box.get(timeout=self.limits.timeout)
        except queue.Empty:
            task.cancel.set()
            if not task.started.is_set():
                outcome = HttpError(
                    503,
                    f"busy: {self.limits.max_running} queries ran for the whole time limit "
                    f"of {self.limits.timeout:g} s; retry later",
                )
            else:
                outcome = _timed_out(self.limits.timeout)
        if isinstance(outcome, HttpError):
            raise outcome
        return outcome

    def _serve_tasks(self) -> None:
        while (task := self._tasks.get()) is not None:
            if task.cancel.is_set():
                continue  # its client has had its answer already
            task.started.set()
            task.box.put_nowait(self._outcome(task))

    def _outcome(self, task: _Task) -> Answer | HttpError:
        try:
            return self._evaluate(task)
        except HttpError as error:
            # A fresh error without the traceback: the traceback's frames hold the
            # pyoxigraph result, which must be dropped on this thread.
            return HttpError(error.status, error.message)
        except SyntaxError as error:
            return HttpError(400, f"not a SPARQL 1.1 query: {error}")
        except Exception as error:  # an engine failure must reach the client, not kill the worker
            return HttpError(500, f"the query failed: {type(error).__name__}: {error}")

    def _evaluate(self, task: _Task) -> Answer:
        result = self.store.query(
            task.text,
            use_default_graph_as_union=not task.default_graphs,
            default_graph=list(task.default_graphs) or None,
            named_graphs=list(task.named_graphs) or None,
        )
        try:
            return self._collect(result, task.deadline, task.cancel)
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
