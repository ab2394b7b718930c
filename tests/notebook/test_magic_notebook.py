"""A notebook that uses ``%load_ext capgraph``, run top to bottom in a fresh kernel."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import capgraph
from capgraph.query import KnowledgeGraph
from capgraph.render import Format, Kind, RenderOptions, render

pytestmark = pytest.mark.slow

RUNNER = Path(__file__).parents[2] / "notebooks" / "execute.py"
COUNCIL = "https://w3id.org/capgraph/id/body/council"

CELLS = [
    "%load_ext capgraph",
    "%%sparql --param body=id:body/council --out sessions\ncq-body-sessions",
    "len(sessions), sessions[0]['label']",
    "%capgraph status cap19",
    "%%sparql --nope\ncq-bodies",
    "import capgraph\ncapgraph.open()",
]


def runner() -> ModuleType:
    spec = importlib.util.spec_from_file_location("notebook_runner", RUNNER)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> Any:
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in CELLS]
    notebook.cells[4].metadata["tags"] = ["raises-exception"]  # the bad option, on purpose
    path = tmp_path_factory.mktemp("notebook") / "magic.ipynb"
    nbformat.write(notebook, path)
    return runner().execute(path)


def data(cell: Any) -> dict[str, str]:
    results = [o for o in cell.outputs if o.output_type == "execute_result"]
    assert len(results) == 1, cell.outputs
    return dict(results[0].data)


def test_the_sparql_cell_shows_the_rows_as_a_table(executed: Any, record: KnowledgeGraph) -> None:
    shown = data(executed.cells[1])["text/html"]
    expected = record.query("cq-body-sessions", {"body": COUNCIL})
    assert shown.count("<tr>") == len(expected) + 1
    for row in expected:
        assert f"<td>{row['session']}</td><td>{row['ordinal']}</td>" in shown
    assert data(executed.cells[2])["text/plain"] == repr((len(expected), expected[0]["label"]))


def test_the_status_cell_shows_the_registrys_table(executed: Any, record: KnowledgeGraph) -> None:
    shown = data(executed.cells[3])["text/plain"]
    table = render(
        Kind.STATUS, Format.TABLE, capgraph.status(record, "cap19"), RenderOptions(width=100)
    )
    assert shown == table.rstrip("\n")
    assert "Revision of the CAP Group ToR approved at the 19th CAP Meeting" in shown


def test_a_bad_option_is_one_line_without_a_traceback(executed: Any) -> None:
    outputs = executed.cells[4].outputs
    text = "".join(o.get("text", "") for o in outputs) + "".join(
        "\n".join(o.get("traceback", [])) for o in outputs
    )
    assert "UsageError: %%sparql: unrecognized arguments: --nope" in text
    assert "Traceback" not in text
    assert "File " not in text


def test_a_knowledge_graph_shows_its_summary(executed: Any, record: KnowledgeGraph) -> None:
    shown = data(executed.cells[5])
    info = capgraph.describe(record)
    assert f"{info.triples} triples in {len(info.graphs)} named graphs" in shown["text/html"]
    assert shown["text/plain"] == repr(record)
