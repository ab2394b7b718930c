"""conflicts and sources on two sources that disagree: exact outputs, embedded and remote."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import capgraph
from capgraph import Severity
from capgraph.sources import conflicts

from .conftest import record_copy, run_cli

EXPECTED = Path(__file__).parent / "expected"
PLANTED = {
    ("meeting mode", "body/cap-group/session/18"),
    ("session date", "body/enforcement-committee/session/39"),
    ("decision session", "decision/ec-40-endorsed-ipr-strategy-2020"),
    ("decision status", "decision/ptc-endorsement-tr0077ea"),
    ("tool status", "tool/ipr-self-assessment-tool"),
}
REVIEW = """@prefix cap: <https://w3id.org/capgraph/ontology#> .
@base <https://w3id.org/capgraph/id/> .
<claim/synthetic-news-note/para-3/2> {
<claim/synthetic-news-note/para-3/2> cap:conflictReviewedWith <claim/ptc-item-iii-k/para-7/2> .
}
"""


def test_every_planted_disagreement_is_found(two_sources: Path) -> None:
    found = {
        (c.aspect, c.subject.split("/id/", 1)[1]) for c in conflicts(capgraph.open(two_sources))
    }
    assert found == PLANTED


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_conflicts_output_is_exact(two_sources: Path, fmt: str) -> None:
    code, out, err = run_cli("--project", str(two_sources), "conflicts", "--format", fmt)
    assert (code, err) == (0, "")
    assert out == (EXPECTED / f"conflicts.{fmt}").read_text(encoding="utf-8")


def test_sources_output_is_exact(two_sources: Path) -> None:
    code, out, err = run_cli("--project", str(two_sources), "sources")
    assert (code, err, out) == (0, "", (EXPECTED / "sources.text").read_text(encoding="utf-8"))


def test_the_record_alone_has_no_conflicts() -> None:
    assert run_cli("conflicts") == (0, "No conflicts: no two sources disagree.\n", "")


def test_conflicts_are_warnings_in_validate_until_reviewed(
    two_sources: Path, tmp_path: Path
) -> None:
    def conflict_results(project: Path) -> list[tuple[Severity, str, str]]:
        report = capgraph.validate(capgraph.open(project))
        return sorted(
            {
                (r.severity, r.shape, r.focus.split("/id/", 1)[1])
                for r in report.results
                if r.shape.startswith("check:conflict")
            }
        )  # one row per record: the seed cites the PTC's expected endorsement twice

    assert conflict_results(two_sources) == sorted(
        (Severity.WARNING, "check:conflict", subject) for _, subject in PLANTED
    )
    reviewed = tmp_path / "reviewed"
    shutil.copytree(two_sources, reviewed)
    (reviewed / "data" / "zz-review.trig").write_text(REVIEW, encoding="utf-8")
    results = conflict_results(reviewed)
    assert (Severity.INFO, "check:conflict-reviewed", "body/cap-group/session/18") in results
    assert (Severity.WARNING, "check:conflict", "body/cap-group/session/18") not in results
    assert len(results) == len(PLANTED)
    marked = [c for c in conflicts(capgraph.open(reviewed)) if c.reviewed]
    assert [c.aspect for c in marked] == ["meeting mode"]


@pytest.mark.server
def test_conflicts_and_sources_against_a_remote_store(two_sources: Path, oxigraph) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run_cli(
        "--project", str(two_sources), "publish", "--endpoint", oxigraph.query_url
    )
    assert (code, err) == (0, "")
    for fmt in ("text", "json", "markdown"):
        code, out, err = run_cli("conflicts", "--endpoint", oxigraph.query_url, "--format", fmt)
        assert (code, err) == (0, "")
        assert out == (EXPECTED / f"conflicts.{fmt}").read_text(encoding="utf-8")
    code, out, _ = run_cli("sources", "--endpoint", oxigraph.query_url)
    assert out == (EXPECTED / "sources.text").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["sources", "conflicts"])
def test_help_has_an_example(command: str) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run_cli(command, "--help")
    assert exit_info.value.code == 0


def test_the_validate_checks_find_what_the_conflicts_queries_find(two_sources: Path) -> None:
    kg = capgraph.open(two_sources)
    from_checks = sorted(
        (r.focus, str(r.value).strip('"'))
        for r in capgraph.validate(kg).results
        if r.shape == "check:conflict"
    )
    from_queries = sorted(
        (c.subject, f"{c.aspect}: {c.first.claim} / {c.second.claim}") for c in conflicts(kg)
    )
    assert from_checks == from_queries


ONE_SOURCE_SECOND_DATE = """@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix cap: <https://w3id.org/capgraph/ontology#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@base <https://w3id.org/capgraph/id/> .
<claim/ptc-item-iii-k/para-4/99> {
<claim/ptc-item-iii-k/para-4/99> a cap:Claim ;
    dcterms:source <document/ptc-item-iii-k/para/4> ;
    prov:value "the 39th Session of the Enforcement Committee (October 2019)" .
<body/enforcement-committee/session/39> dcterms:date "2019-11"^^xsd:gYearMonth .
}
"""


def _date_and_status_results(project: Path) -> list[tuple[str, str, str]]:
    report = capgraph.validate(capgraph.open(project))
    return sorted(
        (r.severity.label, r.shape, r.focus.split("/id/", 1)[1])
        for r in report.results
        if r.focus.endswith(("session/39", "tool/ipr-self-assessment-tool"))
        and r.severity is not Severity.INFO
        and "DecisionDate" not in r.shape
    )


def test_two_sources_that_disagree_are_one_warning_not_a_violation(two_sources: Path) -> None:
    """The maxCount shapes stay silent where the conflict check speaks (issue 17)."""
    assert _date_and_status_results(two_sources) == [
        ("warning", "check:conflict", "body/enforcement-committee/session/39"),
        ("warning", "check:conflict", "tool/ipr-self-assessment-tool"),
    ]


def test_one_source_that_gives_two_dates_is_a_violation(two_sources: Path, tmp_path: Path) -> None:
    project = tmp_path / "one-source"
    shutil.copytree(two_sources, project)
    (project / "data" / "zz-second-date.trig").write_text(ONE_SOURCE_SECOND_DATE, "utf-8")
    assert _date_and_status_results(project) == [
        ("violation", "check:one-value-per-source", "body/enforcement-committee/session/39"),
        ("warning", "check:conflict", "body/enforcement-committee/session/39"),
        ("warning", "check:conflict", "tool/ipr-self-assessment-tool"),
    ]  # and the news note still disagrees with the seed: one Warning per record


def test_a_date_outside_any_claim_is_a_violation(tmp_path: Path) -> None:
    project = record_copy(tmp_path)
    (project / "data" / "zz-uncited.ttl").write_text(
        "@prefix dcterms: <http://purl.org/dc/terms/> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "<https://w3id.org/capgraph/id/body/enforcement-committee/session/39> "
        'dcterms:date "2019-11"^^xsd:gYearMonth .\n',
        "utf-8",
    )
    assert (
        "violation",
        "check:one-value-per-source",
        "body/enforcement-committee/session/39",
    ) in (_date_and_status_results(project))
