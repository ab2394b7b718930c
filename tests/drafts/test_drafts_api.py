"""The Python API leaves the drafts out unless asked; what the drafts share with reviewed
claims stays; the commands that review the record (sources, diff) keep seeing the drafts."""

from __future__ import annotations

from pathlib import Path

import pytest

import capgraph
from capgraph.procedure import StepState
from capgraph.query import KnowledgeGraph
from capgraph.review import diff
from capgraph.sources import sources
from conftest_servers import OxigraphServer, capgraph_serve_process, run_cli

DRAFT = "https://w3id.org/capgraph/id/claim/example-note/para-1/1"
ID = "https://w3id.org/capgraph/id/"
PREFIX = "PREFIX cap: <https://w3id.org/capgraph/ontology#> BASE <" + ID + "> "
#: Only the draft says this.
DRAFT_ONLY = PREFIX + "ASK { <decision/ptc-250-endorsed> ?p ?o }"
#: The draft says this again, and so does a reviewed claim.
SHARED = PREFIX + "ASK { GRAPH ?g { <body/ptc> a cap:Body } }"
ONTOLOGY = PREFIX + "ASK { cap:Decision a <http://www.w3.org/2002/07/owl#Class> }"


def _ask(rows: list[dict[str, object]]) -> object:
    return rows[0]["result"]


def test_queries_leave_drafts_out_unless_asked(drafts_project: Path) -> None:
    kg = capgraph.open(drafts_project)
    assert kg.draft_graphs() == (DRAFT,)
    assert _ask(kg.query(DRAFT_ONLY)) is False
    assert _ask(kg.query(DRAFT_ONLY, drafts=True)) is True
    assert _ask(kg.select(DRAFT_ONLY)) is False
    assert _ask(capgraph.open(drafts_project, drafts=True).query(DRAFT_ONLY)) is True
    assert _ask(kg.including_drafts().query(DRAFT_ONLY)) is True
    assert _ask(kg.including_drafts().query(DRAFT_ONLY, drafts=False)) is False


def test_a_triple_a_reviewed_claim_also_states_stays(drafts_project: Path) -> None:
    kg = capgraph.open(drafts_project)
    assert _ask(kg.query(SHARED)) is True
    assert _ask(kg.query(ONTOLOGY)) is True
    graphs = PREFIX + "SELECT ?g WHERE { GRAPH ?g { <body/ptc> a cap:Body } } ORDER BY ?g"
    assert [r["g"] for r in kg.query(graphs)] == [ID + "claim/example-report/para-1/1"]


def test_status_trace_history_leave_drafts_out(drafts_project: Path) -> None:
    plain = capgraph.open(drafts_project)
    drafted = capgraph.open(drafts_project, drafts=True)
    states = [s.state for s in capgraph.status(plain)[0].steps]
    assert states == [StepState.DONE, StepState.NEXT, StepState.PENDING]
    states = [s.state for s in capgraph.status(drafted)[0].steps]
    assert states == [StepState.DONE, StepState.DONE, StepState.NEXT]
    assert capgraph.trace(plain, "example-guide") != capgraph.trace(drafted, "example-guide")
    chain = [len(v.decisions) for v in capgraph.history(plain)]
    assert chain == [2]
    assert [len(v.decisions) for v in capgraph.history(drafted)] == [3]


@pytest.mark.server
def test_remote_leaves_drafts_out_unless_asked(
    drafts_project: Path, drafts_server: OxigraphServer
) -> None:
    remote = capgraph.remote(drafts_server.query_url, project_dir=drafts_project)
    assert remote.draft_graphs() == (DRAFT,)
    assert _ask(remote.query(DRAFT_ONLY)) is False
    assert _ask(remote.query(DRAFT_ONLY, drafts=True)) is True
    assert _ask(remote.query(SHARED)) is True
    assert _ask(remote.query(ONTOLOGY)) is True
    assert capgraph.status(remote) == capgraph.status(capgraph.open(drafts_project))
    drafted = capgraph.remote(drafts_server.query_url, project_dir=drafts_project, drafts=True)
    assert capgraph.status(drafted) == capgraph.status(capgraph.open(drafts_project, drafts=True))


def test_a_record_without_drafts_is_queried_as_it_is(record: KnowledgeGraph) -> None:
    assert record.draft_graphs() == ()
    assert record.reviewed() is record
    assert capgraph.status(record) == capgraph.status(record.including_drafts())
    assert run_cli("status", "--drafts", "--format", "json") == run_cli(
        "status", "--format", "json"
    )


def test_sources_and_diff_still_see_the_drafts(drafts_project: Path, tmp_path: Path) -> None:
    kg = capgraph.open(drafts_project)
    by_title = {s.title: s for s in sources(kg)}
    assert by_title["Example news note on the 250th PTC Session"].drafts == 1
    accepted = tmp_path / "accepted"
    (accepted / "data").mkdir(parents=True)
    text = (drafts_project / "data" / "record.trig").read_text(encoding="utf-8")
    (accepted / "data" / "record.trig").write_text(
        text.replace("    cap:reviewStatus cap:draft ;\n", ""), encoding="utf-8"
    )
    (accepted / "ontology").symlink_to(drafts_project / "ontology")
    changes = diff(kg, capgraph.open(accepted), validation=False).records
    assert [(c.category.value, c.record, c.kind.value) for c in changes] == [
        ("draft", DRAFT, "accepted")
    ]  # the draft's decision was in the record before: accepting it changes no process


@pytest.mark.server
@pytest.mark.parametrize("drafts", [False, True])
def test_serve_leaves_drafts_out_unless_asked(drafts_project: Path, drafts: bool) -> None:
    flags = ["--drafts"] if drafts else []
    with capgraph_serve_process("--project", str(drafts_project), *flags) as served:
        remote = capgraph.remote(served.url, project_dir=drafts_project)
        assert _ask(remote.query(DRAFT_ONLY, drafts=True)) is drafts
        assert _ask(remote.query(SHARED)) is True
