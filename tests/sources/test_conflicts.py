"""conflicts and sources on two sources that disagree: exact outputs, embedded and remote."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import capgraph
from capgraph import Severity
from capgraph.sources import conflicts

from .conftest import run_cli

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
