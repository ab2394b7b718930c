"""Embedded and ``--endpoint`` answers are identical, against a real ``oxigraph serve``."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

import capgraph
from capgraph.cli import main
from capgraph.procedure import history, list_tools, status, trace
from capgraph.query import KnowledgeGraph, RemoteGraph
from conftest_servers import OxigraphServer, oxigraph_server

pytestmark = pytest.mark.server


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def bundled_remote(oxigraph: OxigraphServer) -> RemoteGraph:
    code, _, err = run_cli("publish", "--endpoint", oxigraph.query_url)
    assert (code, err) == (0, "")
    return capgraph.remote(oxigraph.query_url)


@pytest.fixture(scope="module")
def fixture_remote(fixture_project: Path) -> Iterator[RemoteGraph]:
    with oxigraph_server() as server:
        code, _, err = run_cli(
            "publish", "--endpoint", server.query_url, "--project", str(fixture_project)
        )
        assert (code, err) == (0, "")
        yield capgraph.remote(server.query_url, project_dir=fixture_project)


def test_status_identical(record: KnowledgeGraph, bundled_remote: RemoteGraph) -> None:
    assert status(bundled_remote) == status(record)
    assert status(bundled_remote, "cap19") == status(record, "cap19")


def test_every_fixture_state_identical(
    fixture_record: KnowledgeGraph, fixture_remote: RemoteGraph
) -> None:
    remote_states = status(fixture_remote)
    assert remote_states == status(fixture_record)
    assert len(remote_states) == 12
    for process in remote_states:  # the one-process (bound parameter) path too
        assert status(fixture_remote, process.name) == (process,)


def test_trace_identical_for_every_tool(
    record: KnowledgeGraph, bundled_remote: RemoteGraph
) -> None:
    tools = list_tools(record)
    assert list_tools(bundled_remote) == tools
    for tool in tools:
        assert trace(bundled_remote, tool.name) == trace(record, tool.name)


def test_history_identical(record: KnowledgeGraph, bundled_remote: RemoteGraph) -> None:
    assert history(bundled_remote) == history(record)


@pytest.mark.parametrize(
    "argv",
    [
        ("status", "--format", "json"),
        ("status", "--format", "mermaid"),
        ("trace", "ipr-handbook", "--format", "json"),
        ("trace", "e-commerce-case-studies", "--format", "mermaid"),
        ("history", "--format", "json"),
    ],
)
def test_cli_output_identical_with_endpoint(
    bundled_remote: RemoteGraph, oxigraph: OxigraphServer, argv: tuple[str, ...]
) -> None:
    embedded = run_cli(*argv)
    remote = run_cli(*argv, "--endpoint", oxigraph.query_url)
    assert embedded[0] == 0
    assert embedded[2] == ""
    assert remote == embedded
