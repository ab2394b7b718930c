"""Real SPARQL servers on 127.0.0.1 for tests: Oxigraph's own server and ``capgraph serve``.

Test packages (folders with an ``__init__.py``) have ``tests/`` on ``sys.path``,
so any test can ``from conftest_servers import ...``. To use the fixtures in a
folder, import them in that folder's ``conftest.py``::

    from conftest_servers import oxigraph, record, served_record  # noqa: F401

Plain helpers, usable outside pytest:

- ``free_port()``: a port on 127.0.0.1 that was free a moment ago;
- ``oxigraph_server(union_default_graph=True, location=None)``: a context
  manager that runs ``oxigraph serve`` and yields an ``OxigraphServer`` with
  its ``query_url``, ``update_url`` and ``store_url``; the process is stopped
  on exit;
- ``capgraph_server(kg, timeout=..., max_results=..., max_running=...)``: a
  context manager that serves a KnowledgeGraph in a thread and yields the
  ``SparqlServer`` (its ``url``); shut down on exit;
- ``capgraph_serve_process(*cli_args)``: runs ``python -m capgraph serve
  --port 0 ...`` as a subprocess and yields a ``ServeProcess`` with the URL it
  printed; terminated on exit;
- ``run_cli(*argv)``: ``capgraph.cli._main.main`` in-process, returning
  ``(exit code, stdout, stderr)``;
- ``publish_with_cli(server, *cli_args)``: ``capgraph publish --endpoint
  SERVER ...`` in-process; asserts it succeeded and returns what it printed.

Fixtures: ``oxigraph`` (an empty Oxigraph server, per module),
``published_oxigraph`` (that server after ``capgraph publish`` of the bundled
record, per module), ``record`` (the bundled record opened once per session),
``served_record`` (``record`` served by capgraph in a thread, per module).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

import capgraph
from capgraph.cli import main
from capgraph.query import KnowledgeGraph
from capgraph.server import SparqlServer, make_server

LOOPBACK = "127.0.0.1"
SRC = Path(__file__).resolve().parents[1] / "src"
_START_TIMEOUT = 30.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listened on a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        port: int = probe.getsockname()[1]
        return port


def oxigraph_binary() -> str:
    """The ``oxigraph`` server from the PyPI package: next to this Python, else on PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise RuntimeError("the oxigraph server is not installed (pip install oxigraph)")
    return found


@dataclass(frozen=True)
class OxigraphServer:
    """A running ``oxigraph serve``."""

    base_url: str
    location: Path
    process: subprocess.Popen[bytes]

    @property
    def query_url(self) -> str:
        return self.base_url + "/query"

    @property
    def update_url(self) -> str:
        return self.base_url + "/update"

    @property
    def store_url(self) -> str:
        return self.base_url + "/store"


def _wait_until_answering(url: str, process: subprocess.Popen[bytes] | None) -> bool:
    deadline = time.monotonic() + _START_TIMEOUT
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                response.read()
            return True
        except urllib.error.HTTPError:
            return True  # it answered, if only with an error
        except OSError:
            time.sleep(0.05)
    return False


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextmanager
def oxigraph_server(
    *, union_default_graph: bool = True, location: Path | None = None
) -> Iterator[OxigraphServer]:
    """Run ``oxigraph serve`` on 127.0.0.1 and a free port; stop it on exit."""
    with tempfile.TemporaryDirectory(prefix="capgraph-oxigraph-") as scratch:
        store_dir = location or Path(scratch) / "store"
        for _attempt in range(3):  # another process may take the port between probe and bind
            port = free_port()
            command = [oxigraph_binary(), "serve", "--location", str(store_dir)]
            command += ["--bind", f"{LOOPBACK}:{port}"]
            if union_default_graph:
                command.append("--union-default-graph")
            process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            base_url = f"http://{LOOPBACK}:{port}"
            try:
                if _wait_until_answering(base_url + "/query?query=ASK%7B%7D", process):
                    yield OxigraphServer(base_url=base_url, location=store_dir, process=process)
                    return
            finally:
                _stop(process)
                if process.stderr is not None:
                    process.stderr.close()
        raise RuntimeError("oxigraph serve did not start on 127.0.0.1 after 3 attempts")


@contextmanager
def capgraph_server(
    kg: KnowledgeGraph,
    *,
    timeout: float = 10.0,
    max_results: int = 100_000,
    max_running: int = 8,
    allow_service_to: tuple[str, ...] = (),
) -> Iterator[SparqlServer]:
    """Serve ``kg`` read-only on 127.0.0.1 and a free port, in a thread."""
    server = make_server(
        kg,
        port=0,
        timeout=timeout,
        max_results=max_results,
        max_running=max_running,
        allow_service_to=allow_service_to,
    )
    thread = threading.Thread(target=server.serve_forever, name="capgraph-serve", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@dataclass(frozen=True)
class ServeProcess:
    """A ``capgraph serve`` subprocess and the URL it announced."""

    url: str
    process: subprocess.Popen[str]


_ANNOUNCED = re.compile(r"read-only at (http://\S+)")


@contextmanager
def capgraph_serve_process(*cli_args: str) -> Iterator[ServeProcess]:
    """Run ``python -m capgraph serve --port 0 CLI_ARGS`` and wait for its URL."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    command = [sys.executable, "-m", "capgraph", "serve", "--port", "0", *cli_args]
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env
    )
    try:
        assert process.stderr is not None
        seen: list[str] = []
        for line in process.stderr:
            seen.append(line)
            match = _ANNOUNCED.search(line)
            if match:
                break
        else:
            raise RuntimeError("capgraph serve exited before serving:\n" + "".join(seen))
        # Drain stderr (one log line per request) so the server never blocks on it.
        threading.Thread(target=process.stderr.read, daemon=True).start()
        url = match.group(1)
        if not _wait_until_answering(url.rsplit("/", 1)[0] + "/", process):
            raise RuntimeError(f"capgraph serve announced {url} but does not answer")
        yield ServeProcess(url=url, process=process)
    finally:
        _stop(process)  # type: ignore[arg-type]


def run_cli(*argv: str) -> tuple[int, str, str]:
    """Run the capgraph CLI in-process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def publish_with_cli(server: OxigraphServer, *cli_args: str) -> str:
    """``capgraph publish --endpoint <server> CLI_ARGS``; what it printed on success."""
    code, out, err = run_cli("publish", "--endpoint", server.query_url, *cli_args)
    assert (code, err) == (0, ""), f"capgraph publish failed ({code}): {err}"
    return out


@pytest.fixture(scope="module")
def oxigraph() -> Iterator[OxigraphServer]:
    """An empty ``oxigraph serve --union-default-graph`` on 127.0.0.1."""
    with oxigraph_server() as server:
        yield server


@pytest.fixture(scope="module")
def published_oxigraph(oxigraph: OxigraphServer) -> OxigraphServer:
    """``oxigraph`` after ``capgraph publish`` of the bundled record."""
    publish_with_cli(oxigraph)
    return oxigraph


@pytest.fixture(scope="session")
def record() -> KnowledgeGraph:
    """The bundled record, loaded once (tests must not write to its store)."""
    return capgraph.open()


@pytest.fixture(scope="module")
def served_record(record: KnowledgeGraph) -> Iterator[SparqlServer]:
    """``record`` served read-only by capgraph on 127.0.0.1 (limits: 10 s, 100000 rows)."""
    with capgraph_server(record) as server:
        yield server
