"""The bundled record validates, and lists exactly the open steps of the latest revision."""

from __future__ import annotations

from capgraph import Severity, ValidationReport

from .support import result_key

AWAITED = "Revision of the CAP Group ToR approved at the 19th CAP Meeting"


def test_bundled_record_has_exactly_the_two_awaited_steps(bundled_report: ValidationReport) -> None:
    assert sorted(result_key(r) for r in bundled_report.results) == [
        (
            "info",
            "id:process/tor-revision-cap19",
            "capsh:ApprovalAwaited",
            None,
            "id:route/tor-revision-cap19/step/2",
        ),
        (
            "info",
            "id:process/tor-revision-cap19",
            "capsh:ApprovalAwaited",
            None,
            "id:route/tor-revision-cap19/step/3",
        ),
    ]
    assert sorted(r.message for r in bundled_report.results) == [
        "Awaiting approval by the Customs Co-operation Council (approved), step 3, "
        f'in process "{AWAITED}"',
        "Awaiting endorsement by the Permanent Technical Committee (endorsed), step 2, "
        f'in process "{AWAITED}"',
    ]


def test_bundled_record_conforms_at_violation_and_warning(bundled_report: ValidationReport) -> None:
    assert bundled_report.conforms_at(Severity.VIOLATION)
    assert bundled_report.conforms_at(Severity.WARNING)
    assert not bundled_report.conforms_at(Severity.INFO)


def test_results_point_at_the_process_record(bundled_report: ValidationReport) -> None:
    from capgraph.project import bundled_project_dir

    lines = (bundled_project_dir() / "data" / "procedures.trig").read_text().splitlines()
    line = 1 + next(
        i for i, text in enumerate(lines) if text.startswith("<process/tor-revision-cap19> ")
    )
    for result in bundled_report.results:
        assert result.location is not None
        assert (result.location.file, result.location.line) == ("data/procedures.trig", line)
        assert result.label == AWAITED


def test_every_rule_is_listed_once(bundled_report: ValidationReport) -> None:
    ids = [rule.id for rule in bundled_report.rules]
    assert ids == sorted(set(ids))
    assert "capsh:ApprovalComplete" in ids
    assert "check:uncited-graph" in ids


def test_validation_locates_its_results_without_the_whole_index() -> None:
    """Reports name file and line for what they report; the 80 MiB index (1M) is not built."""
    import capgraph
    from capgraph.project import bundled_project_dir

    kg = capgraph.open(bundled_project_dir())
    report = capgraph.validate(kg)
    assert "_file_index" not in kg.__dict__
    assert report.results
    assert all(r.location == kg.locate(r.focus) for r in report.results if "/file/" not in r.focus)
    assert all(r.location is not None for r in report.results)
