"""Nothing lost: atomic reports and exports, and an on-disk store that survives ``kill -9``.

Failures are real: a write is cut short by the kernel's file-size limit, and
processes are killed with SIGKILL at a chosen point (an audit hook on ``open``
picks the moment during a load; a query is killed while it runs).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import capgraph
from capgraph._io import atomic_write
from capgraph.store import export

from .support import FIXTURES, CliResult, child_env, run_python

Cli = Callable[..., CliResult]
MANIFEST = "capgraph-manifest.json"
PREVIOUS = b"the previous export\n"


def _leftovers(folder: Path, name: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != name)


# --- atomic writes ------------------------------------------------------------------------


def test_a_write_cut_short_leaves_the_previous_file(tmp_path: Path) -> None:
    """The kernel refuses the write past 4 KiB (RLIMIT_FSIZE), half-way through the export."""
    target = tmp_path / "record.trig"
    target.write_bytes(PREVIOUS)
    code = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
import capgraph
from capgraph.store import export
from capgraph._io import atomic_write
data = export(capgraph.open(), fmt="trig")
assert len(data) > 4096
try:
    atomic_write(sys.argv[1], data)
except OSError as error:
    print(error.errno)
"""
    done = run_python(code, str(target))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "27"  # EFBIG
    assert target.read_bytes() == PREVIOUS
    assert _leftovers(tmp_path, target.name) == []


def test_a_failing_exporter_leaves_the_previous_file(
    cli: Cli, project: Path, tmp_path: Path
) -> None:
    target = tmp_path / "record.trig"
    target.write_bytes(PREVIOUS)
    (project / "data" / "bad.ttl").write_text("<https://e/a> <https://e/b> .\n")
    result = cli("--project", str(project), "export", "--output", str(target))
    assert result.code == 2
    result = cli("--project", str(project), "query", "count", "--output", str(target))
    assert result.code == 2
    assert target.read_bytes() == PREVIOUS
    assert _leftovers(tmp_path, target.name) == ["project"]


def test_a_failing_report_leaves_the_previous_file(cli: Cli, project: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.sarif"
    target.write_bytes(PREVIOUS)
    (project / "shapes" / "broken.ttl").write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n[")
    result = cli(
        "--project", str(project), "validate", "--format", "sarif", "--output", str(target)
    )
    assert result.code == 2
    assert target.read_bytes() == PREVIOUS


def test_an_unwritable_target_does_not_disturb_its_folder(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.mkdir()  # a folder where the file should go: the rename fails
    (target / "keep").write_text("x")
    with pytest.raises(capgraph.OutputError):
        atomic_write(target, b"new")
    assert (target / "keep").read_text() == "x"
    assert _leftovers(tmp_path, target.name) == []


def test_cli_reports_a_failed_write_in_one_line(tmp_path: Path) -> None:
    from .support import run_capgraph

    target = tmp_path / "taken"
    target.mkdir()
    run_capgraph("export", "--output", str(target)).assert_one_line_error(r"taken")


def test_kill_during_repeated_writes_leaves_old_or_new(tmp_path: Path) -> None:
    """SIGKILL a process that keeps rewriting a 4 MiB file: the file is never partial.

    A temporary file may be left beside it (nothing can clean up after SIGKILL);
    it is a dotfile that capgraph passes over, and never the target.
    """
    target = tmp_path / "out.bin"
    old, new = b"o" * (4 << 20), b"n" * (4 << 20)
    target.write_bytes(old)
    code = """
import sys
from capgraph._io import atomic_write
new = b"n" * (4 << 20)
print("writing", flush=True)
while True:
    atomic_write(sys.argv[1], new)
"""
    process = subprocess.Popen(
        [sys.executable, "-c", code, str(target)], stdout=subprocess.PIPE, env=child_env()
    )
    assert process.stdout is not None
    assert process.stdout.readline() == b"writing\n"
    time.sleep(0.3)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert target.read_bytes() in (old, new)
    for name in _leftovers(tmp_path, target.name):
        assert name.startswith(".out.bin."), name
        assert name.endswith(".tmp"), name


# --- the on-disk store ----------------------------------------------------------------------

_KILL_ON_OPEN = """
import os, signal, sys
target, times = sys.argv[3], int(sys.argv[4])
seen = []
def hook(event, args):
    if event == "open" and str(args[0]).endswith(target):
        seen.append(1)
        if len(seen) == times:
            os.kill(os.getpid(), signal.SIGKILL)
sys.addaudithook(hook)
import capgraph
capgraph.open(sys.argv[1], store=sys.argv[2])
print("finished without being killed")
"""


def _expected(project: Path | None) -> bytes:
    return export(capgraph.open(project), fmt="nq")


def same_dataset(left: bytes, right: bytes) -> bool:
    """The same named graphs, each isomorphic (blank node labels may differ)."""
    from .support import graphs_of

    a, b = graphs_of(left), graphs_of(right)
    if a.keys() != b.keys():
        return False
    from rdflib.compare import isomorphic

    return all(isomorphic(a[name], b[name]) for name in a)


def _reopen(project: Path | None, store: Path) -> tuple[bool, bytes]:
    """(was the store rebuilt?, its export), opened in a child so no lock stays behind."""
    code = """
import sys, capgraph
from capgraph.store import export
kg = capgraph.open(None if sys.argv[1] == "-" else sys.argv[1], store=sys.argv[2])
sys.stdout.write("rebuilt\\n" if kg.summary is not None else "reused\\n")
sys.stdout.buffer.write(export(kg, fmt="nq"))
"""
    done = subprocess.run(
        [sys.executable, "-c", code, str(project or "-"), str(store)],
        capture_output=True,
        env=child_env(),
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    first, _, rest = done.stdout.partition(b"\n")
    return first == b"rebuilt", rest


def _quads_in(store: Path) -> int:
    code = "import sys, pyoxigraph as ox; print(len(ox.Store(sys.argv[1])))"
    done = run_python(code, str(store))
    assert done.returncode == 0, done.stderr
    return int(done.stdout)


def _kill_on_open(project: Path, store: Path, target: str, times: int) -> None:
    done = run_python(_KILL_ON_OPEN, str(project), str(store), target, str(times))
    assert done.returncode == -signal.SIGKILL, (done.returncode, done.stdout, done.stderr)


@pytest.mark.slow
def test_kill_during_the_first_load_is_rebuilt(tmp_path: Path) -> None:
    project = tmp_path / "record"
    shutil.copytree(capgraph.open().project.root / "data", project / "data")
    shutil.copytree(capgraph.open().project.root / "ontology", project / "ontology")
    store = tmp_path / "store"
    # Files are read once for the fingerprint, then again to load: kill on the second
    # read of procedures.trig, after the ontology and three data files are in the store.
    _kill_on_open(project, store, "data/procedures.trig", 2)
    assert not (store / MANIFEST).exists()
    expected = _expected(project)
    assert 0 < _quads_in(store) < expected.count(b"\n")  # half-loaded, for real
    rebuilt, dumped = _reopen(project, store)
    assert rebuilt
    assert same_dataset(dumped, expected)
    rebuilt, dumped = _reopen(project, store)
    assert not rebuilt  # and now it is reused
    assert same_dataset(dumped, expected)


@pytest.mark.slow
def test_kill_during_a_rebuild_is_rebuilt_again(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "project", project)
    store = tmp_path / "store"
    assert _reopen(project, store)[0]
    (project / "data" / "more.ttl").write_text(
        '<https://example.org/thing/new> <https://example.org/hard#label> "new" .\n'
    )
    _kill_on_open(project, store, "data/things.trig", 2)
    assert not (store / MANIFEST).exists()
    rebuilt, dumped = _reopen(project, store)
    assert rebuilt
    assert same_dataset(dumped, _expected(project))
    assert b"https://example.org/thing/new" in dumped


@pytest.mark.slow
def test_kill_during_a_query_keeps_the_store(tmp_path: Path) -> None:
    store = tmp_path / "store"
    expected = _expected(None)
    code = """
import sys, capgraph
kg = capgraph.open(store=sys.argv[1])
print("loaded", flush=True)
result = kg.store.query(
    "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i "
    "FILTER(STR(?c) = CONCAT(STR(?f), STR(?i), '-never')) }",
    use_default_graph_as_union=True,
)
print("querying", flush=True)
for _ in result:
    pass
"""
    process = subprocess.Popen(
        [sys.executable, "-c", code, str(store)], stdout=subprocess.PIPE, env=child_env()
    )
    assert process.stdout is not None
    assert process.stdout.readline() == b"loaded\n"
    assert process.stdout.readline() == b"querying\n"
    time.sleep(0.5)
    assert process.poll() is None, "the query should still be running"
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    manifest = json.loads((store / MANIFEST).read_text())
    assert manifest["fingerprint"] == capgraph.open().project.fingerprint()
    rebuilt, dumped = _reopen(None, store)
    assert not rebuilt
    assert same_dataset(dumped, expected)
