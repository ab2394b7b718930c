"""Progress on stderr: the callbacks a run makes, and what a terminal shows of them.

The terminal tests run ``capgraph validate`` with stderr on a real pseudo-terminal
and stdout on a pipe: the phases must show on the terminal, stdout must be byte for
byte what a run without a terminal prints, and ``--quiet`` must show nothing.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import capgraph
from capgraph._progress import NO_PROGRESS, terminal_progress
from capgraph.validation import validate

FALLBACK_PROJECT = Path(__file__).parent / "fallback"
_ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")


@dataclass
class Phase:
    name: str
    total: int | None
    done: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass
class Recorder:
    """A Python caller's own progress: it keeps every call."""

    phases: list[Phase] = field(default_factory=list)

    def start(self, phase: str, *, total: int | None = None) -> None:
        self.phases.append(Phase(phase, total))

    def advance(self, steps: int = 1) -> None:
        self.phases[-1].done += steps

    def note(self, text: str) -> None:
        self.phases[-1].notes.append(text)


def test_a_load_and_a_validation_report_every_phase_to_its_end() -> None:
    progress = Recorder()
    kg = capgraph.open(progress=progress)
    validate(kg, progress=progress)
    assert [p.name for p in progress.phases] == [
        "load: files read",
        "core shapes",
        "SHACL-SPARQL constraints",
        "checks",
        "report",
    ]
    for phase in progress.phases:
        assert phase.total is not None, phase
        assert phase.total > 0, phase
        assert phase.done == phase.total, phase
    assert progress.phases[0].notes == [f"{kg.summary.quads:,} triples"]


def test_the_shapes_left_to_pyshacl_are_a_phase_of_their_own() -> None:
    progress = Recorder()
    report = validate(capgraph.open(FALLBACK_PROJECT), progress=progress)
    names = [p.name for p in progress.phases]
    assert names[-3:] == ["fallback to pySHACL", "checks", "report"]
    fallback = progress.phases[names.index("fallback to pySHACL")]
    assert fallback.total == fallback.done == len(report.fallbacks) == 1
    core = progress.phases[names.index("core shapes")]
    assert core.total == core.done == 2  # ex:CodeShape and ex:ItemShape


def test_the_pyshacl_engine_reports_its_phases_too() -> None:
    progress = Recorder()
    validate(capgraph.open(FALLBACK_PROJECT), engine="pyshacl", progress=progress)
    assert [(p.name, p.done) for p in progress.phases][:2] == [
        ("core shapes in pySHACL", 1),
        ("SHACL-SPARQL constraints", 0),
    ]


def test_no_terminal_no_display() -> None:
    with terminal_progress(io.StringIO()) as progress:
        assert progress is NO_PROGRESS
    with terminal_progress(quiet=True) as progress:
        assert progress is NO_PROGRESS


def _run(*argv: str, terminal: bool) -> tuple[int, bytes, bytes]:
    """``capgraph ARGV`` in a subprocess; stderr on a pseudo-terminal if ``terminal``."""
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    if not terminal:
        done = subprocess.run(
            [sys.executable, "-m", "capgraph", *argv],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            env=env,
            timeout=120,
            check=False,
        )
        return done.returncode, done.stdout, done.stderr
    controller, device = os.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "capgraph", *argv],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=device,
            env=env,
        )
        os.close(device)
        shown = bytearray()
        reader = threading.Thread(target=_drain, args=(controller, shown))
        reader.start()
        out, _ = process.communicate(timeout=120)  # read stdout while stderr is drained
        reader.join(timeout=120)
        code = process.returncode
    finally:
        os.close(controller)
    return code, out, bytes(shown)


def _drain(controller: int, into: bytearray) -> None:
    """Read the terminal's side until the child closes it."""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # EIO: the child closed the terminal
            return
        if not chunk:
            return
        into += chunk


@pytest.mark.parametrize("fmt", ["text", "sarif"])
def test_validate_on_a_terminal_shows_the_phases_and_stdout_is_unchanged(fmt: str) -> None:
    code, out, shown = _run("validate", "--format", fmt, terminal=True)
    plain_code, plain_out, plain_err = _run("validate", "--format", fmt, terminal=False)
    assert (code, out) == (plain_code, plain_out)
    assert plain_err == b""
    text = _ANSI.sub(b"", shown).decode("utf-8")
    for phase in ("load: files read", "core shapes", "SHACL-SPARQL constraints", "checks"):
        assert phase in text
    assert "report" in text
    assert re.search(r"core shapes\s.*\b(\d+)/\1\b", text), text


def test_quiet_on_a_terminal_shows_nothing() -> None:
    code, out, shown = _run("validate", "--quiet", terminal=True)
    assert code == 0
    assert shown == b""
    assert out == _run("validate", terminal=False)[1]


def test_quiet_is_accepted_before_the_command_and_by_a_command_that_loads() -> None:
    code, _out, shown = _run("--quiet", "info", terminal=True)
    assert (code, shown) == (0, b"")
    code, _out, shown = _run("info", terminal=True)
    assert code == 0
    assert b"load: files read" in _ANSI.sub(b"", shown)
