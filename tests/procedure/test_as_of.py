"""``--as-of DATE``: the record as it stood on a date, embedded and against ``oxigraph serve``.

The bundled record's answers are checked against the source: the 2009 ToR were adopted
"in June 2009" (para 3) and the revised mandate approved by the 137th Council "(December
2020)" (para 5), both at month precision in ``data/``. The synthetic fixture
(``asof_fixture/``, invented names and dates) puts every precision against every other.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import capgraph
from capgraph.procedure import (
    history_as_of,
    in_force_periods,
    parse_as_of,
    status_as_of,
    trace_as_of,
)
from capgraph.query import KnowledgeGraph, RemoteGraph
from conftest_servers import OxigraphServer, oxigraph_server, run_cli

SYNTHETIC = Path(__file__).parent / "asof_fixture"
COUNCIL_137 = "https://w3id.org/capgraph/id/decision/council-137-approved-tor-2020"
CAP_19 = "https://w3id.org/capgraph/id/decision/cap-group-19-approved-tor-cap19"
TOR = "https://w3id.org/capgraph/id/tor/cap-group/"


@pytest.fixture(scope="module")
def synthetic_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("asof-synthetic")
    shutil.copytree(SYNTHETIC, root / "data")
    return root


@pytest.fixture(scope="module")
def synthetic(synthetic_project: Path) -> KnowledgeGraph:
    return capgraph.open(synthetic_project)


def in_force(source: object, date: str) -> tuple[tuple[str, ...], bool]:
    result = history_as_of(source, parse_as_of(date))  # type: ignore[arg-type]
    return tuple(i.rsplit("/", 1)[-1] for i in result.in_force), result.certain


def states(source: object, date: str) -> dict[str, tuple[str | None, tuple[str, ...]]]:
    result = status_as_of(source, parse_as_of(date))  # type: ignore[arg-type]
    return {
        p.name: (p.process_status, tuple(s.state.value for s in p.steps)) for p in result.processes
    }


# --- the bundled record --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2009-05", ((), True)),
        ("2009-06", (("2009",), False)),  # adopted in June 2009: some day of that month
        ("2009-07", (("2009",), True)),
        ("2020-06", (("2009",), True)),
        ("2020-11-30", (("2009",), True)),
        ("2020-12", (("2009", "2020"), False)),
        ("2020-12-01", (("2009", "2020"), False)),
        ("2020-12-15", (("2009", "2020"), False)),
        ("2020-12-31", (("2020",), True)),  # every day of December is on or before it
        ("2020", (("2009", "2020"), False)),
        ("2021-01", (("2020",), True)),
        ("2021", (("2020",), True)),
        ("2026-12-01", (("2020",), True)),  # cap19 still awaits its final approval
    ],
)
def test_the_version_in_force(record: KnowledgeGraph, date: str, expected: object) -> None:
    assert in_force(record, date) == expected


def test_december_2020_says_why_it_is_uncertain(record: KnowledgeGraph) -> None:
    result = history_as_of(record, parse_as_of("2020-12"))
    assert result.explanation == (
        "Terms of Reference (ToR) for the CAP Group, on 2020-12: uncertain, 2009 or 2020: "
        "Customs Co-operation Council approved (137th Session of the Customs Co-operation "
        "Council) is dated 2020-12 (a month) and the date asked is 2020-12 (a month): "
        "either may come first"
    )
    assert [(u.decision, u.dated, u.as_of) for u in result.uncertain] == [
        (CAP_19, None, "2020-12"),
        (COUNCIL_137, "2020-12", "2020-12"),
    ]
    assert result.uncertain[0].reason == (
        "Counterfeiting and Piracy (CAP) Group approved (19th CAP Meeting): the record gives "
        "no date for it or its session, so it may be before or after 2020-12"
    )
    assert [(v.version.name, v.state, v.entry) for v in result.versions] == [
        ("2009", "uncertain", "https://w3id.org/capgraph/id/decision/council-113-114-adopted-tor-2009"),
        ("2020", "uncertain", COUNCIL_137),
        ("cap19", "not yet in force", "https://w3id.org/capgraph/id/decision/council-final-approval-tor-cap19"),
    ]  # fmt: skip


def test_june_2020_names_the_2009_version(record: KnowledgeGraph) -> None:
    result = history_as_of(record, parse_as_of("2020-06"))
    assert (
        result.explanation
        == "Terms of Reference (ToR) for the CAP Group, on 2020-06: 2009 in force"
    )
    council = "Customs Co-operation Council"
    assert [(v.version.name, v.state, v.reason) for v in result.versions] == [
        (
            "2009",
            "in force",
            f"in force since {council} adopted (113th Council Session / 114th Council Session, "
            "2009-06)",
        ),
        (
            "2020",
            "not yet in force",
            f"comes into force with {council} approved (137th Session of the {council}, "
            "2020-12), later than the date asked",
        ),
        (
            "cap19",
            "not yet in force",
            f"the decision that would put it in force is expected: {council} approved",
        ),
    ]
    assert [u.decision for u in result.uncertain] == [CAP_19]


def test_steps_on_a_date(record: KnowledgeGraph) -> None:
    assert states(record, "2020-06") == {
        "tor-adoption-2009": ("complete", ("done",)),
        "tor-review-2019": ("inProgress", ("done", "done", "next", "pending")),
        "tor-revision-cap19": ("inProgress", ("uncertain", "pending", "pending")),
    }
    assert states(record, "2020-12")["tor-review-2019"] == (
        "inProgress", ("done", "done", "done", "uncertain"),
    )  # fmt: skip
    assert states(record, "2021-01")["tor-review-2019"] == (
        "complete", ("done", "done", "done", "done"),
    )  # fmt: skip


def test_decisions_on_a_date_keep_their_recorded_expectations(record: KnowledgeGraph) -> None:
    (process,) = status_as_of(record, parse_as_of("2020-06"), "tor-review-2019").processes
    assert [d.status for s in process.steps for d in s.decisions] == [
        "taken", "taken", "not yet taken", "not yet taken",
    ]  # fmt: skip
    assert [d.status for d in process.off_route] == ["intended"]
    assert process.summary == (
        "Review of the CAP Group ToR, 2019-2020: in progress; 2/4 steps done; last: presented "
        "for approval to Enforcement Committee (39th Session of the Enforcement Committee, "
        "2019-10); next: Presented to the PTC for approval; then: Council approves; intended, "
        "not reported as done: submitted to Policy Commission (83rd Policy Commission, 2020-12)"
    )


def test_trace_on_a_date(record: KnowledgeGraph) -> None:
    result = trace_as_of(record, "ipr-handbook", parse_as_of("2020-12"))
    labels = [n.label for n in result.trail.walk() if n.kind == "decision"]
    assert (
        "Customs Co-operation Council approved · 137th Session of the Customs Co-operation "
        "Council · 2020-12, uncertain"
    ) in labels
    assert [u.decision.rsplit("/", 1)[-1] for u in result.uncertain] == [
        "council-137-approved-tor-2020",
        "ec-40-endorsed-ipr-strategy-2020",
    ]


# --- the synthetic fixture: every precision against every other ----------------------------


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2009", ((), True)),
        ("2010", (("v1",), False)),  # adopted in 2010: a year against a year
        ("2011-01-01", (("v1",), True)),
        ("2019-10", (("v1",), True)),
        ("2019-11", (("v1", "v2"), False)),  # approved in 2019-11: a month against a month
        ("2019-11-29", (("v1", "v2"), False)),
        ("2019-11-30", (("v2",), True)),  # the last day of the month
        ("2019", (("v1", "v2"), False)),  # a year holding the month
        ("2020", (("v2",), True)),
    ],
)
def test_synthetic_version_in_force(synthetic: KnowledgeGraph, date: str, expected: object) -> None:
    assert in_force(synthetic, date) == expected


@pytest.mark.parametrize(
    ("date", "v2_steps"),
    [
        ("2019-03-14", ("next", "pending", "pending")),
        ("2019-03-15", ("done", "next", "pending")),  # a decision on the day asked counts
        ("2019-03", ("uncertain", "pending", "pending")),
        ("2019-06-29", ("done", "next", "pending")),
        ("2019-06-30", ("done", "uncertain", "pending")),  # its session runs to 2019-07-02
        ("2019-07-01", ("done", "uncertain", "pending")),
        ("2019-07-02", ("done", "done", "next")),
        ("2019-07", ("done", "uncertain", "pending")),
        ("2019-11", ("done", "done", "uncertain")),
        ("2019-12", ("done", "done", "done")),
    ],
)
def test_synthetic_steps(synthetic: KnowledgeGraph, date: str, v2_steps: tuple[str, ...]) -> None:
    found = states(synthetic, date)
    assert found["synthetic-v2"][1] == v2_steps
    # Reviewed at a session with no date: uncertain on every date, and said so.
    assert found["synthetic-v3"] == ("inProgress", ("uncertain", "pending", "pending"))


def test_synthetic_session_range_is_named(synthetic: KnowledgeGraph) -> None:
    result = status_as_of(synthetic, parse_as_of("2019-07"))
    assert [u.reason for u in result.uncertain] == [
        "Beta Commission endorsed (4th session) its session is dated 2019-06-30/2019-07-02 "
        "(a range of days) and the date asked is 2019-07 (a month): either may come first",
        "Alpha Committee reviewed (9th session): the record gives no date for it or its "
        "session, so it may be before or after 2019-07",
    ]


# --- the CLI -------------------------------------------------------------------------------


def test_cli_history_as_of_json() -> None:
    code, out, err = run_cli("history", "--as-of", "2020-12", "--format", "json")
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert list(document)[:7] == [
        "schema", "asOf", "uncertain", "inForce", "certain", "explanation", "versions",
    ]  # fmt: skip
    assert document["schema"] == "https://w3id.org/capgraph/schema/history-as-of/1"
    assert document["asOf"] == {"date": "2020-12", "earliest": "2020-12-01", "latest": "2020-12-31"}
    assert document["inForce"] == [TOR + "2009", TOR + "2020"]
    assert document["certain"] is False
    assert [v["state"] for v in document["versions"]] == [
        "uncertain",
        "uncertain",
        "not yet in force",
    ]


def test_cli_history_as_of_text() -> None:
    code, out, err = run_cli("history", "--as-of", "2021-01")
    assert (code, err) == (0, "")
    assert out.splitlines()[:2] == [
        "As of 2021-01 (any day from 2021-01-01 to 2021-01-31)",
        "Terms of Reference (ToR) for the CAP Group, on 2021-01: 2020 in force",
    ]
    code, out, _ = run_cli("history", "--as-of", "2020-06")
    assert (
        out.splitlines()[1]
        == "Terms of Reference (ToR) for the CAP Group, on 2020-06: 2009 in force"
    )


def test_cli_status_as_of_mermaid_draws_uncertain_steps() -> None:
    code, out, err = run_cli(
        "status", "tor-review-2019", "--as-of", "2020-12", "--format", "mermaid"
    )
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "%% As of 2020-12 (any day from 2020-12-01 to 2020-12-31)"
    assert '    p1s4["4. Council approves<br/>uncertain"]' in out
    assert "  class p1s4 uncertain" in out
    assert out.endswith(
        "  classDef uncertain fill:#fff8e1,stroke:#b26a00,color:#7a4a00,stroke-dasharray:6 4\n"
    )


NOT_A_DATE = "'June 2020' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["history", "--as-of", "2020-13"], "--as-of '2020-13': month 13 is not 1-12"),
        (["status", "--as-of", "June 2020"], f"--as-of 'June 2020': {NOT_A_DATE}"),
        (
            ["trace", "ipr-handbook", "--as-of", "2021-02-29"],
            "--as-of '2021-02-29': day 29 is not 1-28 in 2021-02",
        ),
    ],
)
def test_bad_dates_give_one_line_and_exit_2(argv: list[str], message: str) -> None:
    assert run_cli(*argv) == (2, "", f"capgraph: error: {message}\n")


# --- named queries that take a date -------------------------------------------------------


def test_query_as_of_binds_the_date() -> None:
    code, out, err = run_cli("query", "asof-decisions", "--as-of", "2020-12", "--format", "csv")
    assert (code, err) == (0, "")
    rows = {
        line.split(",")[0].rsplit("/", 1)[-1]: line.split(",")[-2:] for line in out.splitlines()[1:]
    }
    assert rows["council-137-approved-tor-2020"] == ["uncertain", "uncertain"]
    assert rows["council-113-114-adopted-tor-2009"] == ["by then", "taken"]
    assert rows["ptc-endorsement-tor-cap19"] == ["no date", "not taken"]


def test_a_project_query_declares_the_days_it_takes(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    shutil.copy(SYNTHETIC / "asof.trig", tmp_path / "data")
    (tmp_path / "queries").mkdir()
    (tmp_path / "queries" / "days.rq").write_text(
        "# title: The days of DATE\n"
        "# param: asOfFirst xsd:date The earliest day\n"
        "# param: asOfLast xsd:date The latest day\n"
        "SELECT ?asOfFirst ?asOfLast WHERE {}\n",
        encoding="utf-8",
    )
    args = ["query", "days", "--project", str(tmp_path), "--format", "csv"]
    assert run_cli(*args, "--as-of", "2024-02") == (
        0,
        "asOfFirst,asOfLast\n2024-02-01,2024-02-29\n",
        "",
    )


def test_a_query_that_takes_no_date_refuses_one() -> None:
    assert run_cli("query", "cq-bodies", "--as-of", "2020") == (
        2,
        "",
        "capgraph: error: query 'cq-bodies' takes no date: --as-of binds a query that declares "
        "'# param: asOfNext xsd:date' (or asOfFirst, asOfLast); it takes no parameters\n",
    )
    code, _, err = run_cli(
        "query", "asof-decisions", "--as-of", "2020", "--param", "asOfLast=2020-01-01"
    )
    assert (code, err) == (
        2,
        "capgraph: error: --as-of and --param asOfLast both give the date; give one\n",
    )


# --- the same answers from a real oxigraph serve -------------------------------------------


@pytest.fixture(scope="module")
def bundled_server() -> Iterator[OxigraphServer]:
    with oxigraph_server() as server:
        assert run_cli("publish", "--endpoint", server.query_url)[0] == 0
        yield server


@pytest.fixture(scope="module")
def bundled_remote(bundled_server: OxigraphServer) -> RemoteGraph:
    return capgraph.remote(bundled_server.query_url)


@pytest.fixture(scope="module")
def synthetic_remote(synthetic_project: Path) -> Iterator[tuple[OxigraphServer, RemoteGraph]]:
    with oxigraph_server() as server:
        code, _, err = run_cli(
            "publish", "--endpoint", server.query_url, "--project", str(synthetic_project)
        )
        assert (code, err) == (0, "")
        yield server, capgraph.remote(server.query_url, project_dir=synthetic_project)


@pytest.mark.server
@pytest.mark.parametrize("date", ["2020-06", "2020-12", "2020-12-15", "2021-01", "2020"])
def test_bundled_identical_remote(
    record: KnowledgeGraph, bundled_remote: RemoteGraph, date: str
) -> None:
    day = parse_as_of(date)
    assert history_as_of(bundled_remote, day) == history_as_of(record, day)
    assert status_as_of(bundled_remote, day) == status_as_of(record, day)
    assert trace_as_of(bundled_remote, "ipr-handbook", day) == trace_as_of(
        record, "ipr-handbook", day
    )


@pytest.mark.server
def test_timeline_identical_remote(
    record: KnowledgeGraph,
    bundled_remote: RemoteGraph,
    synthetic: KnowledgeGraph,
    synthetic_remote: tuple[OxigraphServer, RemoteGraph],
) -> None:
    periods = in_force_periods(record)
    assert [(p.kind, p.names, p.start, p.end) for p in periods] == [
        ("uncertain", ("none", "2009"), "2009-06", "2009-06"),
        ("in force", ("2009",), "2009-06", "2020-12"),
        ("uncertain", ("2009", "2020"), "2020-12", "2020-12"),
        ("in force", ("2020",), "2020-12", None),
    ]
    assert in_force_periods(bundled_remote) == periods
    assert in_force_periods(synthetic_remote[1]) == in_force_periods(synthetic)


@pytest.mark.server
def test_query_as_of_identical_remote(bundled_server: OxigraphServer) -> None:
    args = ["query", "asof-decisions", "--as-of", "2020-12-15", "--format", "csv"]
    assert run_cli(*args, "--endpoint", bundled_server.query_url) == run_cli(*args)
    args = ["history", "--as-of", "2020-12", "--format", "json"]
    assert run_cli(*args, "--endpoint", bundled_server.query_url) == run_cli(*args)


@pytest.mark.server
@pytest.mark.parametrize("date", ["2010", "2019-07-01", "2019-11", "2019-11-30", "2019"])
def test_synthetic_identical_remote(
    synthetic: KnowledgeGraph,
    synthetic_remote: tuple[OxigraphServer, RemoteGraph],
    synthetic_project: Path,
    date: str,
) -> None:
    server, remote = synthetic_remote
    day = parse_as_of(date)
    assert history_as_of(remote, day) == history_as_of(synthetic, day)
    assert status_as_of(remote, day) == status_as_of(synthetic, day)
    for command in (["history"], ["status"]):
        args = [*command, "--as-of", date, "--format", "json", "--project", str(synthetic_project)]
        assert run_cli(*args, "--endpoint", server.query_url) == run_cli(*args)
