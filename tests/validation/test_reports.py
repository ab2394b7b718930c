"""Renderers: text, JSON, JUnit XML and SARIF 2.1.0 (validated against its schema)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

import capgraph
from capgraph import (
    Rule,
    Severity,
    ValidationReport,
    ValidationResult,
)
from capgraph.render import render_report as render
from capgraph.store import Location
from capgraph.validation import validate

from .support import CASES, apply_case, copy_bundled

SARIF_SCHEMA = json.loads(
    (Path(__file__).parent / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)


def _result(severity: Severity, focus: str, line: int | None, message: str) -> ValidationResult:
    return ValidationResult(
        severity=severity,
        focus=f"https://w3id.org/capgraph/id/{focus}",
        path="cap:heldBy",
        value=None,
        shape="capsh:Session-heldBy",
        constraint="sh:MinCountConstraintComponent",
        message=message,
        label=focus.upper(),
        location=None if line is None else Location("data/sessions.trig", line),
    )


@pytest.fixture
def synthetic() -> ValidationReport:
    return ValidationReport.of(
        [
            _result(Severity.INFO, "body/b/session/2", 20, "an info"),
            _result(Severity.VIOLATION, "body/b/session/1", 10, "a violation"),
            _result(Severity.WARNING, "body/b/session/1", 10, "a warning"),
            _result(Severity.VIOLATION, "body/b/session/9", None, "no location"),
        ],
        [Rule("capsh:Session-heldBy", Severity.VIOLATION, "A session is held by one body")],
    )


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ValidationReport]:
    """The bundled record plus a session off its IRI pattern and a fact outside any graph."""
    project = copy_bundled(tmp_path_factory.mktemp("broken"))
    apply_case(CASES / "iri-off-pattern", project)
    with (project / "data" / "zz-case.trig").open("a", encoding="utf-8") as handle:
        handle.write('\n<event/uncited-test-event> rdfs:label "an uncited fact" .\n')
    return project, validate(capgraph.open(project))


def test_order_is_file_line_focus_shape_message(synthetic: ValidationReport) -> None:
    assert [r.message for r in synthetic.results] == [
        "a violation",
        "a warning",
        "an info",
        "no location",
    ]


def test_text_groups_by_record_and_ends_with_the_counts(synthetic: ValidationReport) -> None:
    text = render(synthetic, "text")
    lines = text.splitlines()
    assert lines[-1] == "2 violations, 1 warning, 1 info"
    headers = [line for line in lines if line and not line.startswith(" ")][:-2]
    assert headers == [
        'data/sessions.trig:10  id:body/b/session/1  "BODY/B/SESSION/1"',
        'data/sessions.trig:20  id:body/b/session/2  "BODY/B/SESSION/2"',
        '(no location)  id:body/b/session/9  "BODY/B/SESSION/9"',
    ]
    assert "  violation  a violation" in lines


def test_json_has_a_version_and_a_stable_shape(synthetic: ValidationReport) -> None:
    document = json.loads(render(synthetic, "json", fail_on=Severity.WARNING))
    assert list(document) == [
        "schema",
        "version",
        "tool",
        "fail_on",
        "conforms",
        "counts",
        "results",
        "rules",
        "fallbacks",
    ]
    assert document["schema"] == "https://w3id.org/capgraph/schema/validation/1"
    assert document["version"] == 1
    assert document["fail_on"] == "warning"
    assert document["conforms"] is False
    assert document["counts"] == {"violation": 2, "warning": 1, "info": 1}
    first = document["results"][0]
    assert list(first) == [
        "severity",
        "focus",
        "label",
        "path",
        "value",
        "shape",
        "constraint",
        "message",
        "location",
    ]
    assert first["location"] == {"file": "data/sessions.trig", "line": 10}
    assert document["results"][-1]["location"] is None
    assert render(synthetic, "json") == render(synthetic, "json")


def test_junit_has_one_test_case_per_result(synthetic: ValidationReport) -> None:
    root = ET.fromstring(render(synthetic, "junit", fail_on=Severity.VIOLATION))
    cases = root.findall("./testsuite/testcase")
    assert len(cases) == len(synthetic.results) == 4
    assert root.get("tests") == "4"
    assert root.get("failures") == "2"
    failing = [case for case in cases if case.find("failure") is not None]
    assert [case.get("name") for case in failing] == [
        "id:body/b/session/1 cap:heldBy",
        "id:body/b/session/9 cap:heldBy",
    ]
    first = failing[0]
    failure = first.find("failure")
    assert failure is not None
    assert failure.get("type") == "violation"
    assert first.get("line") == "10"
    info_cases = [c for c in cases if "info: an info" in (c.findtext("system-out") or "")]
    assert len(info_cases) == 1
    assert info_cases[0].find("failure") is None

    strict = ET.fromstring(render(synthetic, "junit", fail_on=Severity.INFO))
    assert strict.get("failures") == "4"


def test_junit_lists_rules_without_results_as_passing() -> None:
    report = ValidationReport.of([], [Rule("capsh:X", Severity.VIOLATION, "x")])
    root = ET.fromstring(render(report, "junit"))
    (case,) = root.findall("./testsuite/testcase")
    assert case.get("classname") == "capsh:X"
    assert case.find("failure") is None


def _validate_sarif(text: str) -> dict[str, object]:
    document = json.loads(text)
    validator_class = jsonschema.validators.validator_for(SARIF_SCHEMA)
    validator_class(SARIF_SCHEMA).validate(document)
    return document  # type: ignore[no-any-return]


def test_sarif_of_a_synthetic_report_is_valid(synthetic: ValidationReport) -> None:
    document = _validate_sarif(render(synthetic, "sarif"))
    run = document["runs"][0]  # type: ignore[index]
    assert [r["level"] for r in run["results"]] == ["error", "warning", "note", "error"]
    assert "physicalLocation" not in run["results"][-1]["locations"][0]
    assert run["tool"]["driver"]["rules"][0]["id"] == "capsh:Session-heldBy"


def test_sarif_of_the_bundled_record_is_valid(bundled_report: ValidationReport) -> None:
    document = _validate_sarif(render(bundled_report, "sarif"))
    results = document["runs"][0]["results"]  # type: ignore[index]
    assert {r["level"] for r in results} == {"note"}


def test_sarif_lines_point_at_the_records(broken: tuple[Path, ValidationReport]) -> None:
    project, report = broken
    document = _validate_sarif(render(report, "sarif"))
    results = document["runs"][0]["results"]  # type: ignore[index]
    rules = document["runs"][0]["tool"]["driver"]["rules"]  # type: ignore[index]

    def where(rule: str) -> list[tuple[str, int]]:
        found = []
        for result in results:
            if result["ruleId"] == rule:
                location = result["locations"][0]["physicalLocation"]
                found.append((location["artifactLocation"]["uri"], location["region"]["startLine"]))
                assert rules[result["ruleIndex"]]["id"] == rule
        return found

    from capgraph.namespaces import PREFIXES

    header = 1 + len(PREFIXES) - 1  # @base, then every prefix but id:
    # patch.trig: comment (1), graph (2), then the session (3); one line joins the two parts.
    assert where("capsh:SessionIRI") == [("data/zz-case.trig", header + 3)]
    assert where("capsh:ApprovalAwaited") == [("data/procedures.trig", _process_line())] * 2
    # The fact outside any graph is the file's last line; its graph is the file's own.
    written = (project / "data" / "zz-case.trig").read_text(encoding="utf-8").splitlines()
    assert where("check:uncited-graph") == [("data/zz-case.trig", len(written))]


def _process_line() -> int:
    from capgraph.project import bundled_project_dir

    lines = (bundled_project_dir() / "data" / "procedures.trig").read_text().splitlines()
    return 1 + next(i for i, t in enumerate(lines) if t.startswith("<process/tor-revision-cap19> "))


def test_a_files_own_graph_is_located_in_that_file(tmp_path: Path) -> None:
    """Outside any graph, a fact about a record first described in another file still
    points at its own line, not at line 1."""
    project = copy_bundled(tmp_path)
    extra = project / "data" / "zz-extra.trig"
    extra.write_text(
        "@base <https://w3id.org/capgraph/id/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "\n"
        "# a remark, not cited\n"
        '<body/council> rdfs:comment "an uncited remark" .\n',
        encoding="utf-8",
    )
    report = validate(capgraph.open(project))
    found = [r for r in report.results if r.shape == "check:uncited-graph"]
    assert [(r.location.file, r.location.line) for r in found if r.location] == [
        ("data/zz-extra.trig", 5)
    ]


def test_turtle_is_a_shacl_validation_report(broken: tuple[Path, ValidationReport]) -> None:
    import pyoxigraph as ox

    _, report = broken
    text = render(report, "ttl")
    assert render(report, "ttl") == text  # deterministic
    store = ox.Store()
    store.load(text.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    sh = "http://www.w3.org/ns/shacl#"
    rows = store.query(
        f"SELECT ?focus ?severity ?shape WHERE {{ ?r a <{sh}ValidationReport> ; "
        f"<{sh}conforms> false ; <{sh}result> ?x . ?x <{sh}focusNode> ?focus ; "
        f"<{sh}resultSeverity> ?severity ; <{sh}sourceShape> ?shape }}"
    )
    assert isinstance(rows, ox.QuerySolutions)
    found = sorted((r["focus"].value, r["severity"].value.rsplit("#")[1].lower()) for r in rows)
    assert found == sorted((r.focus, r.severity.label) for r in report.results)
