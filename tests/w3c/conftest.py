"""Count the W3C suite's outcomes per engine and print them at the end of the session."""

from __future__ import annotations

from collections import Counter

import pytest

#: (engine, outcome) -> number of tests; filled by test_w3c.py
TALLY: Counter[tuple[str, str]] = Counter()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not TALLY:
        return
    terminalreporter.section("W3C SHACL test suite (core and SPARQL)")
    for engine in ("capgraph", "pyshacl"):
        counts = {o: n for (e, o), n in sorted(TALLY.items()) if e == engine}
        total = sum(counts.values())
        parts = ", ".join(f"{n} {o}" for o, n in counts.items())
        terminalreporter.write_line(f"{engine}: {parts} (of {total})")
