"""``query --list`` marks the built-in queries and a project's overrides of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from capgraph.cli import main
from capgraph.query import QueryLibrary

OVERRIDE = """# title: Tools, as this project lists them
SELECT ?tool ?label ?status ?passage ?passageLabel ?quote WHERE { ?tool ?p ?label } LIMIT 0
"""


def test_list_marks_builtin_queries_and_overrides(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (mini / "queries" / "trace-tools.rq").write_text(OVERRIDE, encoding="utf-8")
    assert main(["query", "--list", "--project", str(mini)]) == 0
    lines = capsys.readouterr().out.splitlines()
    titles = [line for line in lines if not line.startswith(" ")]
    assert "meetings: Meetings" in titles  # the project's own: unmarked
    assert "trace-tools: Tools, as this project lists them  [overrides a built-in query]" in titles
    assert "status-steps: State of every step of every procedure process  [built-in]" in titles
    builtin = len(QueryLibrary.builtin().names())
    assert sum(line.endswith("  [built-in]") for line in titles) == builtin - 1  # one overridden
