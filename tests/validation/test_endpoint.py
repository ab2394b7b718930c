"""``validate --endpoint``: the compiled queries sent to a real ``oxigraph serve`` give the
embedded run's report, locations and labels included (with ``--project``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import capgraph
from capgraph.errors import EndpointError
from capgraph.validation import validate, validate_endpoint
from conftest_servers import OxigraphServer, free_port, oxigraph_server, publish_with_cli, run_cli

from .support import CASES, apply_case, copy_bundled

#: cases that break shapes, nested shapes and SPARQL checks
_CASES = ("missing-council-approval-2019", "date-with-timezone", "iri-off-pattern")


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_bundled(tmp_path_factory.mktemp("broken"))
    for name in _CASES:
        apply_case(CASES / name, project)
        added = project / "data" / "zz-case.trig"
        if added.exists():
            added.rename(project / "data" / f"zz-{name}.trig")
    return project


@pytest.fixture(scope="module")
def served(broken: Path) -> Iterator[OxigraphServer]:
    with oxigraph_server(union_default_graph=True) as server:
        publish_with_cli(server, "--project", str(broken))
        yield server


def test_same_report_as_the_embedded_run(broken: Path, served: OxigraphServer) -> None:
    embedded = validate(capgraph.open(broken))
    remote = validate_endpoint(served.query_url, project_dir=broken)
    assert remote == embedded
    assert len(embedded.at_or_above(capgraph.Severity.VIOLATION)) >= 3
    assert all(r.location is not None for r in remote.results)


def test_without_a_project_there_are_no_line_numbers(served: OxigraphServer) -> None:
    remote = validate_endpoint(served.query_url)
    assert remote.results
    assert all(r.location is None for r in remote.results if r.shape.startswith("capsh:"))


def test_cli_gives_the_same_json(broken: Path, served: OxigraphServer) -> None:
    args = ("validate", "--project", str(broken), "--format", "json")
    code, embedded, _ = run_cli(*args)
    remote_code, remote, _ = run_cli(*args, "--endpoint", served.query_url)
    assert (remote_code, remote) == (code, embedded) == (1, embedded)


def test_an_endpoint_that_does_not_answer_exits_2() -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(EndpointError, match="cannot connect"):
        validate_endpoint(url)
    code, _out, err = run_cli("validate", "--endpoint", url)
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert url in err
