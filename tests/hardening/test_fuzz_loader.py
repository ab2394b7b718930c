"""Fuzzing the loader with mutated copies of the bundled record, and export round trips.

A mutant must load cleanly or fail with a ``CapgraphError``: never another
exception, never a hang (each load runs on a thread that is given 30 s). The
mutations are byte flips, truncation, deleted, duplicated and swapped lines,
swapped tokens and inserted syntax characters.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import capgraph
from capgraph.errors import CapgraphError
from capgraph.query import KnowledgeGraph
from capgraph.store import export

from .support import FIXTURES, graphs_of

RECORD = capgraph.open().project
FILES = [RECORD.relative(p) for p in RECORD.source_files]
ORIGINAL = {name: (RECORD.root / name).read_bytes() for name in FILES}
SYNTAX = [
    b"{",
    b"}",
    b".",
    b";",
    b",",
    b'"',
    b"'",
    b"<",
    b">",
    b"^^",
    b"@",
    b"_:",
    b":",
    b"#",
    b"\\",
    b"\n",
    b"\x00",
    b"\xff",
    b"\xc3",
    b"GRAPH",
    b"@prefix",
    b'"""',
    b"[",
    b"(",
]
HANG_SECONDS = 30


@st.composite
def mutation(draw: st.DrawFn, data: bytes) -> bytes:
    """One mutation of ``data``."""
    if not data:  # truncated to nothing by an earlier mutation
        return draw(st.sampled_from(SYNTAX))
    kind = draw(
        st.sampled_from(
            [
                "flip",
                "truncate",
                "delete-line",
                "duplicate-line",
                "swap-lines",
                "swap-tokens",
                "insert",
            ]
        )
    )
    if kind in ("flip", "truncate", "insert"):
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if kind == "flip":
            return data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
        if kind == "truncate":
            return data[:at]
        return data[:at] + draw(st.sampled_from(SYNTAX)) + data[at:]
    if kind in ("delete-line", "duplicate-line", "swap-lines"):
        lines = data.split(b"\n")
        i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
        if kind == "delete-line":
            del lines[i]
        elif kind == "duplicate-line":
            lines.insert(i, lines[i])
        else:
            lines[i], lines[j] = lines[j], lines[i]
        return b"\n".join(lines)
    tokens = data.split(b" ")
    i, j = draw(st.integers(0, len(tokens) - 1)), draw(st.integers(0, len(tokens) - 1))
    tokens[i], tokens[j] = tokens[j], tokens[i]
    return b" ".join(tokens)


@st.composite
def mutant(draw: st.DrawFn) -> tuple[str, bytes]:
    """A file of the record with one to three mutations."""
    name = draw(st.sampled_from(FILES))
    data = ORIGINAL[name]
    for _ in range(draw(st.integers(1, 3))):
        data = draw(mutation(data))
    return name, data


def open_within(project: Path, seconds: float) -> KnowledgeGraph | BaseException:
    """``capgraph.open(project)`` on a thread; its result or its exception. Fails on a hang."""
    outcome: list[KnowledgeGraph | BaseException] = []

    def work() -> None:
        try:
            outcome.append(capgraph.open(project))
        except BaseException as error:
            outcome.append(error)

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        pytest.fail(f"loading hung for more than {seconds} s")
    return outcome[0]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the record whose files each example overwrites (and restores)."""
    root = tmp_path_factory.mktemp("fuzz") / "record"
    for name in FILES:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(ORIGINAL[name])
    return root


@pytest.mark.slow
@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=mutant())
def test_mutants_load_or_fail_cleanly(workspace: Path, case: tuple[str, bytes]) -> None:
    name, data = case
    (workspace / name).write_bytes(data)
    try:
        outcome = open_within(workspace, HANG_SECONDS)
    finally:
        (workspace / name).write_bytes(ORIGINAL[name])
    event("refused" if isinstance(outcome, BaseException) else "loaded")
    if isinstance(outcome, BaseException):
        if not isinstance(outcome, CapgraphError):
            raise AssertionError(f"{name}: {type(outcome).__name__} escaped") from outcome
        assert str(outcome).strip()
        assert "\n" not in str(outcome).strip()
        return
    _assert_round_trip_keeps_the_graph(outcome)


def _assert_round_trip_keeps_the_graph(kg: KnowledgeGraph) -> None:
    """For a clean mutant: its N-Quads export loads back to the same quads (blank nodes aside)."""
    exported = export(kg, fmt="nq")
    again = capgraph.open(_as_project(exported, "nq"))
    second = export(again, fmt="nq")
    assert len(again) == len(kg)
    assert _ground_lines(second) == _ground_lines(exported)


def _ground_lines(nquads: bytes) -> list[bytes]:
    return [line for line in nquads.splitlines() if b"_:" not in line]


_SCRATCH: list[Path] = []


def _as_project(data: bytes, ext: str) -> Path:
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="capgraph-roundtrip-"))
    _SCRATCH.append(root)
    (root / "data").mkdir()
    (root / "ontology").mkdir()  # the export holds the ontology: no bundled fallback
    (root / "data" / f"record.{ext}").write_bytes(data)
    return root


@pytest.fixture(autouse=True, scope="module")
def _clean_scratch() -> object:
    yield None
    for root in _SCRATCH:
        shutil.rmtree(root, ignore_errors=True)


# --- export -> load -> export ------------------------------------------------------------

ROUND_TRIP_FORMATS = [("trig", "trig"), ("nq", "nq"), ("jsonld", "jsonld")]


@pytest.mark.parametrize(("fmt", "ext"), ROUND_TRIP_FORMATS)
def test_export_load_export_gives_the_same_graph(fmt: str, ext: str) -> None:
    kg = capgraph.open()
    first = export(kg, fmt=fmt)
    second = export(capgraph.open(_as_project(first, ext)), fmt=fmt)
    nq_first = export(kg, fmt="nq")
    nq_second = export(capgraph.open(_as_project(second, ext)), fmt="nq")
    a, b = graphs_of(nq_first), graphs_of(nq_second)
    assert a.keys() == b.keys()
    from rdflib.compare import isomorphic

    assert all(isomorphic(a[name], b[name]) for name in a)  # type: ignore[arg-type]


@pytest.mark.parametrize(("fmt", "ext"), ROUND_TRIP_FORMATS)
@pytest.mark.parametrize("project", ["project", "remote-refs"])
def test_export_load_export_is_byte_identical(project: str, fmt: str, ext: str) -> None:
    first = export(capgraph.open(FIXTURES / project), fmt=fmt)
    assert export(capgraph.open(_as_project(first, ext)), fmt=fmt) == first


def test_bundled_record_round_trips_byte_identical() -> None:
    first = export(capgraph.open(), fmt="nq")
    assert export(capgraph.open(_as_project(first, "nq")), fmt="nq") == first
