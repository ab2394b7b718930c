"""Other real SPARQL stores for tests, beside Oxigraph: Virtuoso, started on 127.0.0.1.

``virtuoso_server()`` runs Debian's ``virtuoso-opensource`` (``virtuoso-t``) in the
foreground with a fresh database in a temporary folder, HTTP and SQL ports on loopback
only, and grants the anonymous ``SPARQL`` account the right to update, so that the
unauthenticated Graph Store endpoint ``/sparql-graph-crud`` accepts ``capgraph
publish`` (a test database on loopback; a real one uses ``/sparql-graph-crud-auth``).
``VirtuosoServer.bulk_load(path)`` loads an N-Quads file of its folder with Virtuoso's own
bulk loader, for records too large to publish by SPARQL Update. Tests that need it are
skipped with a reason when ``virtuoso-t`` is not installed; ``.ci/run`` installs it.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest_servers import LOOPBACK, _wait_until_answering, free_port

#: Debian's package puts the server's static pages here; Virtuoso needs a ServerRoot.
_VSP = Path("/var/lib/virtuoso-opensource-7/vsp")

_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = {host}:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
DirsAllowed = ., {dir}
[HTTPServer]
ServerPort = {host}:{http_port}
ServerRoot = {vsp}
MaxClientConnections = 4
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


@dataclass(frozen=True)
class VirtuosoServer:
    """A running Virtuoso: its SPARQL endpoint and its unauthenticated Graph Store."""

    base_url: str
    sql_port: int
    process: subprocess.Popen[bytes]
    #: the database folder, which the server may read files from (``DirsAllowed``)
    folder: Path

    @property
    def query_url(self) -> str:
        return self.base_url + "/sparql"

    @property
    def store_url(self) -> str:
        return self.base_url + "/sparql-graph-crud"

    def bulk_load(self, nquads: Path, *, timeout: float = 600.0) -> None:
        """Load an N-Quads file of ``folder`` with Virtuoso's bulk loader, then checkpoint.

        ``ld_dir`` + ``rdf_loader_run()``: thousands of times faster than SPARQL Update
        (docs/remote.md, "Virtuoso"); the file must be in ``folder`` (``DirsAllowed``).
        """
        if nquads.parent.resolve() != self.folder.resolve():
            raise ValueError(f"{nquads} is not in the server's folder {self.folder}")
        for statement in (
            f"ld_dir('{self.folder}', '{nquads.name}', 'urn:capgraph:bulk');",
            "rdf_loader_run();",
            "checkpoint;",
        ):
            _isql(self.sql_port, statement, timeout=timeout)


def virtuoso_missing() -> str | None:
    """Why Virtuoso cannot run here, or ``None`` when it can."""
    if shutil.which("virtuoso-t") is None or shutil.which("isql-vt") is None:
        return "Virtuoso is not installed (Debian: apt-get install virtuoso-opensource)"
    return None


def _isql(port: int, statement: str, *, timeout: float = 60.0) -> None:
    subprocess.run(
        ["isql-vt", f"{LOOPBACK}:{port}", "dba", "dba", f"exec={statement}"],
        check=True,
        capture_output=True,
        timeout=timeout,
    )


@contextmanager
def virtuoso_server(*, buffers: int = 10_000) -> Iterator[VirtuosoServer]:
    """Run ``virtuoso-t`` on loopback with an empty database; stopped and removed on exit.

    ``buffers`` is its ``NumberOfBuffers`` (8 KiB pages of cache; 10,000 is 80 MB).
    """
    reason = virtuoso_missing()
    if reason is not None:
        pytest.skip(reason)
    folder = Path(tempfile.mkdtemp(prefix="capgraph-virtuoso-"))
    http_port, sql_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(
        _INI.format(
            dir=folder,
            host=LOOPBACK,
            sql_port=sql_port,
            http_port=http_port,
            vsp=_VSP,
            buffers=buffers,
            dirty=buffers * 3 // 5,
        ),
        encoding="utf-8",
    )
    process = subprocess.Popen(
        ["virtuoso-t", "+foreground", "+configfile", str(ini)],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://{LOOPBACK}:{http_port}"
    try:
        if not _wait_until_answering(base + "/sparql?query=ASK%7B%7D", process):
            log = (folder / "virtuoso.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"Virtuoso did not answer at {base}: {log}")
        _isql(sql_port, 'grant SPARQL_UPDATE to "SPARQL";')
        yield VirtuosoServer(base_url=base, sql_port=sql_port, process=process, folder=folder)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)
