"""``%%sparql`` and ``%capgraph`` in a real IPython shell, and the reprs notebooks show."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from IPython.core.error import UsageError

import capgraph
from capgraph.project import bundled_project_dir
from capgraph.query import KnowledgeGraph
from capgraph.render import Format, Kind, RenderOptions, render
from capgraph.server import SparqlServer

COUNCIL = "https://w3id.org/capgraph/id/body/council"
HANDBOOK = "ipr-handbook"


def test_a_named_query_with_a_param_equals_kg_query(shell: Any, record: KnowledgeGraph) -> None:
    rows = shell.run_cell_magic(
        "sparql", "--param body=id:body/council --out sessions", "cq-body-sessions\n"
    )
    assert rows == record.query("cq-body-sessions", {"body": COUNCIL})
    assert shell.user_ns["sessions"] is rows
    assert len(rows) >= 2


def test_sparql_text_in_the_cell(shell: Any, record: KnowledgeGraph) -> None:
    text = f"SELECT ?session WHERE {{ ?session <{capgraph.namespaces.CAP}heldBy> <{COUNCIL}> }}"
    rows = shell.run_cell_magic("sparql", "", text)
    assert sorted(map(str, rows.column("session"))) == sorted(
        map(str, record.select(text).column("session"))
    )


def test_the_rows_show_as_an_html_table(shell: Any, record: KnowledgeGraph) -> None:
    rows = shell.run_cell_magic("sparql", "--param body=id:body/council", "cq-body-sessions")
    shown = rows._repr_html_()
    assert shown.count("<tr>") == len(rows) + 1  # the head and one per row
    assert f"<td>{COUNCIL}/session/113</td>" in shown
    assert "<th>ordinal</th>" in shown
    assert f"<p>{len(rows)} rows</p>" in shown


def test_the_endpoint_option_asks_a_served_record(
    shell: Any, served_record: SparqlServer, record: KnowledgeGraph
) -> None:
    line = f"--endpoint {served_record.url} --param body={COUNCIL}"
    rows = shell.run_cell_magic("sparql", line, "cq-body-sessions")
    assert rows == record.query("cq-body-sessions", {"body": COUNCIL})


def test_the_project_option_loads_that_project(
    shell: Any, record: KnowledgeGraph, tmp_path: Path
) -> None:
    # A records repository with nothing but data/ (a copy of the bundled record's).
    shutil.copytree(bundled_project_dir() / "data", tmp_path / "data")
    rows = shell.run_cell_magic("sparql", f"--project {tmp_path}", "view-bodies")  # built-in
    assert rows == record.query("view-bodies")
    assert rows
    with pytest.raises(UsageError, match="project directory not found"):
        shell.run_cell_magic("sparql", f"--project {tmp_path / 'none'}", "cq-bodies")


@pytest.mark.parametrize(
    ("line", "cell", "message"),
    [
        ("--nope", "cq-bodies", "%%sparql: unrecognized arguments: --nope"),
        ("--param body", "cq-body-sessions", "--param needs NAME=VALUE, got 'body'"),
        ("--out 1x", "cq-bodies", "--out needs a Python name, got '1x'"),
        ("", "   \n", "the cell is empty"),
        ("", "no-such-query", "unknown query 'no-such-query'"),
        ("--param nobody=x", "cq-body-sessions", "has no parameter 'nobody'"),
        ("", "SELECT * WHERE {", "SPARQL syntax error"),
        ("--param 'body=x", "cq-body-sessions", "cannot read the options"),
    ],
    ids=[
        "unknown",
        "no-equals",
        "bad-var",
        "empty",
        "unknown-query",
        "unknown-param",
        "syntax",
        "quote",
    ],
)
def test_bad_input_is_one_usage_error_line(shell: Any, line: str, cell: str, message: str) -> None:
    with pytest.raises(UsageError) as raised:
        shell.run_cell_magic("sparql", line, cell)
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(
    ("line", "kind", "fmt", "value"),
    [
        ("status cap19", Kind.STATUS, Format.TABLE, lambda kg: capgraph.status(kg, "cap19")),
        ("trace ipr-handbook", Kind.TRACE, Format.TREE, lambda kg: capgraph.trace(kg, HANDBOOK)),
        ("history", Kind.HISTORY, Format.TABLE, capgraph.history),
        ("status --format json", Kind.STATUS, Format.JSON, capgraph.status),
    ],
)  # fmt: skip
def test_capgraph_shows_what_the_registry_renders(
    shell: Any, record: KnowledgeGraph, line: str, kind: Kind, fmt: Format, value: Any
) -> None:
    shown = shell.run_line_magic("capgraph", line)
    expected = render(kind, fmt, value(record), RenderOptions(width=100))
    assert repr(shown) == expected.rstrip("\n")
    assert shown._repr_markdown_() is None


def test_capgraph_mermaid_shows_as_a_diagram(shell: Any, record: KnowledgeGraph) -> None:
    shown = shell.run_line_magic("capgraph", "trace ipr-handbook --format mermaid")
    diagram = render(Kind.TRACE, Format.MERMAID, capgraph.trace(record, "ipr-handbook"))
    assert shown._repr_markdown_() == "```mermaid\n" + diagram.rstrip("\n") + "\n```\n"


def test_history_narrows_to_one_version(shell: Any) -> None:
    shown = repr(shell.run_line_magic("capgraph", "history cap-group/2020"))
    assert "2020" in shown
    assert "2009" not in shown.split("\n", 3)[3]  # only the 2020 version's rows


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("frob", "invalid choice: 'frob'"),
        ("status --format xml", "--format must be one of table, json, mermaid"),
        ("trace", "name a tool"),
        ("trace no-such-tool", "no-such-tool"),
        ("history 1999", "no ToR version '1999'"),
    ],
)
def test_capgraph_bad_input_is_one_usage_error_line(shell: Any, line: str, message: str) -> None:
    with pytest.raises(UsageError) as raised:
        shell.run_line_magic("capgraph", line)
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)


def test_a_knowledge_graph_shows_its_counts(record: KnowledgeGraph) -> None:
    info = capgraph.describe(record)
    shown = record._repr_html_()
    assert f"{info.triples} triples in {len(info.graphs)} named graphs" in shown
    for kind, count in info.counts:
        assert f"<tr><td>{kind}</td><td>{count}</td></tr>" in shown
    assert "0x" not in repr(record)
    assert repr(record).startswith("<KnowledgeGraph: ")
