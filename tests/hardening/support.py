"""Helpers shared by the hardening tests."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
HOSTILE = FIXTURES / "hostile"
SRC = Path(__file__).resolve().parents[2] / "src"


@dataclass(frozen=True)
class CliResult:
    """What one run of the CLI produced."""

    code: int
    out: str
    err: str

    def assert_one_line_error(self, pattern: str) -> None:
        """Exit 2 and exactly one line on stderr, matching ``pattern``, with no traceback."""
        import re

        assert self.code == 2, f"exit {self.code}, stderr: {self.err!r}"
        assert "Traceback" not in self.err, self.err
        lines = self.err.splitlines()
        assert len(lines) == 1, f"expected one line on stderr, got {len(lines)}: {self.err!r}"
        assert re.search(pattern, lines[0]), f"{lines[0]!r} does not match {pattern!r}"


def child_env() -> dict[str, str]:
    """The environment for a ``python`` subprocess that imports capgraph from this checkout."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    return env


def run_capgraph(*args: str, timeout: float = 120) -> CliResult:
    """Run ``python -m capgraph ARGS`` in a subprocess."""
    done = subprocess.run(
        [sys.executable, "-m", "capgraph", *args],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=timeout,
        check=False,
    )
    return CliResult(done.returncode, done.stdout, done.stderr)


def run_python(code: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``python -c CODE ARGS`` with capgraph importable."""
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=timeout,
        check=False,
    )


def graphs_of(nquads: bytes) -> dict[str, object]:
    """N-Quads as ``{graph name: rdflib.Graph}`` (non-empty graphs only)."""
    import rdflib

    dataset = rdflib.Dataset()
    dataset.parse(data=nquads, format="nquads")
    return {str(g.identifier): g for g in dataset.graphs() if len(g)}
