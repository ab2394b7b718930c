"""HermiT on the bundled record, and on small inputs that break one axiom each."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rdflib

import capgraph
from capgraph.errors import ReasonerError
from capgraph.reason import ConsistencyResult, check_consistency, check_graph_consistency
from capgraph.render import Format, Kind, render

from .conftest import FIXTURES, CliRun, bundled_plus, run_cli

pytestmark = pytest.mark.java

XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture(scope="module")
def bundled() -> ConsistencyResult:
    return check_consistency(capgraph.open())


def test_bundled_ontology_and_data_are_consistent(bundled: ConsistencyResult) -> None:
    assert bundled.consistent, bundled.explanation
    assert bundled.explanation is None
    assert bundled.reasoner.startswith("HermiT ")
    assert bundled.classes > 0
    assert bundled.individuals > 0
    assert bundled.triples > 0
    assert bundled.summary().startswith("consistent: ontology + data (")


def test_bundled_record_only_escapes_hermit_through_date_datatypes(
    bundled: ConsistencyResult,
) -> None:
    assert bundled.vocabulary_gaps == ()
    assert {gap.datatype for gap in bundled.ignored_values} <= {
        XSD + "date",
        XSD + "gYear",
        XSD + "gYearMonth",
    }


def test_result_serialises_to_json(bundled: ConsistencyResult) -> None:
    values = json.loads(render(Kind.REASON, Format.JSON, bundled))
    assert values["schema"] == "https://w3id.org/capgraph/schema/reason/1"
    assert values["consistent"] is True
    assert values["triples"] == bundled.triples
    assert all("message" in gap for gap in values["ignoredValues"])


BROKEN = {
    # fixture: terms the justification must name
    "decision_taken_and_expected.trig": ("Functional decisionStatus", "taken", "expected"),
    "session_held_by_two_bodies.trig": ("Functional heldBy", "council", "ptc"),
    "session_is_a_decision.trig": ("Session", "Decision"),
}


@pytest.fixture(scope="module")
def broken_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, CliRun]:
    runs = {}
    for fixture in BROKEN:
        project = bundled_plus(fixture, tmp_path_factory.mktemp(Path(fixture).stem))
        runs[fixture] = run_cli("reason", "--project", str(project))
    return runs


@pytest.mark.parametrize("fixture", sorted(BROKEN))
def test_record_that_breaks_an_axiom_is_inconsistent(
    fixture: str, broken_runs: dict[str, CliRun]
) -> None:
    run = broken_runs[fixture]
    assert run.code == 1, run.out + run.err
    assert run.out.startswith("INCONSISTENT: ontology + data (")
    assert "Pellet's justification:" in run.out
    for term in BROKEN[fixture]:
        assert term in run.out


def test_explanation_says_where_the_named_individuals_are_written(
    broken_runs: dict[str, CliRun],
) -> None:
    out = broken_runs["session_held_by_two_bodies.trig"].out
    assert "137 = id:body/council/session/137 (data/" in out
    assert "ptc = id:body/ptc (data/bodies.trig:" in out
    assert "heldBy = cap:heldBy\n" in out  # an ontology term: its name, no data location


def test_cli_on_the_bundled_record_says_consistent_and_exits_0() -> None:
    run = run_cli("reason")
    assert run.code == 0, run.out + run.err
    assert run.out.startswith("consistent: ontology + data (")
    assert "HermiT" in run.out


@pytest.fixture(scope="module")
def undeclared() -> ConsistencyResult:
    return check_graph_consistency(small_graph(), explain=False)


def test_undeclared_functional_property_escapes_hermit_and_is_reported(
    undeclared: ConsistencyResult,
) -> None:
    # HermiT's answer is "consistent" (the OWL API ignores ex:p); the result must say so.
    assert undeclared.consistent
    assert [gap.term for gap in undeclared.vocabulary_gaps] == ["https://example.org/reason-test#p"]
    assert {gap.datatype for gap in undeclared.ignored_values} == {
        XSD + "gYear",
        XSD + "gYearMonth",
    }


def test_owl_imports_are_not_followed(undeclared: ConsistencyResult) -> None:
    # The fixture imports an ontology on a closed port; owlready2 would fail to fetch it.
    assert undeclared.skipped_imports == ("http://127.0.0.1:9/never-fetched.owl",)


def stand_in_java(tmp_path: Path, script: str) -> Path:
    """An executable in Java's place, for the failures a real JVM cannot be made to show."""
    java = tmp_path / "java"
    java.write_text("#!/bin/sh\n" + script + "\n")
    java.chmod(0o755)
    return java


def small_graph() -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(FIXTURES / "undeclared_functional_property.ttl")
    return graph


def test_reasoner_that_runs_too_long_is_stopped(tmp_path: Path) -> None:
    java = stand_in_java(tmp_path, "exec sleep 60")
    with pytest.raises(ReasonerError, match="did not finish within 2 s"):
        check_graph_consistency(small_graph(), java=java, timeout=2)


def test_java_that_fails_is_a_reasoner_error(tmp_path: Path) -> None:
    java = stand_in_java(tmp_path, "echo 'Error: Could not create the Java VM.' >&2; exit 1")
    with pytest.raises(ReasonerError, match=r"HermiT failed \(exit code 1\).*Java VM"):
        check_graph_consistency(small_graph(), java=java)
