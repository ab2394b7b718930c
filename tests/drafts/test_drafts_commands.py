"""status, trace, history and query leave the draft claims out unless ``--drafts``.

Exact outputs, with and without ``--drafts``, embedded and against a real ``oxigraph
serve``: the same expected file for both. To write them anew after a deliberate change:
``CAPGRAPH_WRITE_EXPECTED=1 pytest tests/drafts`` (then read the diff).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest_servers import OxigraphServer, run_cli

from .conftest import EXPECTED

DECISIONS = (
    "PREFIX cap: <https://w3id.org/capgraph/ontology#> "
    "SELECT ?decision ?status WHERE { ?decision a cap:Decision ; cap:decisionStatus ?status } "
    "ORDER BY ?decision"
)
#: name -> the command's arguments (each run with and without --drafts).
CASES = {
    "status": ("status", "--format", "json"),
    "status-mermaid": ("status", "--format", "mermaid"),
    "trace": ("trace", "example-guide", "--format", "json"),
    "history": ("history", "--format", "json"),
    "query-named": (
        "query", "cq-body-sessions", "--param", "body=id:body/ptc", "--format", "csv",
    ),
    "query-sparql": ("query", DECISIONS, "--format", "csv"),
}  # fmt: skip
RUNS = [(name, drafts) for name in CASES for drafts in (False, True)]


def _expected(name: str, drafts: bool, actual: str) -> str:
    path = EXPECTED / f"{name}{'.drafts' if drafts else ''}.txt"
    if os.environ.get("CAPGRAPH_WRITE_EXPECTED"):
        path.write_text(actual, encoding="utf-8")
    return path.read_text(encoding="utf-8")


def _run(project: Path, name: str, drafts: bool, *endpoint: str) -> str:
    argv = ["--project", str(project), *CASES[name], *endpoint]
    code, out, err = run_cli(*argv, *(["--drafts"] if drafts else []))
    assert (code, err) == (0, ""), argv
    return out


@pytest.mark.parametrize(("name", "drafts"), RUNS)
def test_embedded_output_is_exact(drafts_project: Path, name: str, drafts: bool) -> None:
    actual = _run(drafts_project, name, drafts)
    assert actual == _expected(name, drafts, actual)


@pytest.mark.server
@pytest.mark.parametrize(("name", "drafts"), RUNS)
def test_endpoint_output_is_the_same(
    drafts_project: Path, drafts_server: OxigraphServer, name: str, drafts: bool
) -> None:
    actual = _run(drafts_project, name, drafts, "--endpoint", drafts_server.query_url)
    assert actual == (EXPECTED / f"{name}{'.drafts' if drafts else ''}.txt").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_draft_changes_every_answer(name: str) -> None:
    """The fixture is built so that each command's answer differs: else the test proves nothing."""
    plain, drafted = (
        (EXPECTED / f"{name}{suffix}.txt").read_text(encoding="utf-8") for suffix in ("", ".drafts")
    )
    assert plain != drafted
