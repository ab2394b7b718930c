"""No network while loading: imports, remote contexts and DTDs are never fetched.

The proof is ``offline_child.py``: a process that is killed by the kernel
(seccomp) if anything in it, Python, Rust or C, creates a network socket, and
that records any socket use from Python with an audit hook. It loads the
bundled record, a project full of remote references, and every hostile file.
"""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import capgraph
from capgraph.errors import InputError

from .support import FIXTURES, HOSTILE, child_env

CHILD = Path(__file__).with_name("offline_child.py")
SIGSYS = getattr(signal, "SIGSYS", 31)

#: Hostile file → what the one-line error must say (the file and position are checked too).
REFUSED = {
    "remote-context.jsonld": r"remote-context\.jsonld:2:15: remote JSON-LD contexts are refused",
    "remote-context-list.jsonld": r"remote-context-list\.jsonld:4:5: remote JSON-LD contexts",
    "remote-import.jsonld": r"remote-import\.jsonld:4:16: remote JSON-LD contexts are refused",
    "scoped-remote-context.jsonld": r"scoped-remote-context\.jsonld:2:91: remote JSON-LD",
    "external-dtd.rdf": r"external-dtd\.rdf:2:19: an external DTD is refused",
    "external-entity.rdf": r"external-entity\.rdf:3:\d+: only internal entity declarations",
    "parameter-entity.rdf": r"parameter-entity\.rdf:3:\d+: only internal entity declarations",
    "billion-laughs.rdf": r"billion-laughs\.rdf:5:3: entity 'lol1' refers to other entities",
    "quadratic-blowup.rdf": r"quadratic-blowup\.rdf:7:\d+: entity references would add more",
    "unresolved-import.ttl": r"unresolved-import\.ttl:4:17: owl:imports <http://www\.w3\.org/ns/"
    r"prov-o> is not an ontology of this project",
}


def _hostile_project(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name.replace(".", "-")
    shutil.copytree(FIXTURES / "project", target)
    shutil.copy(HOSTILE / name, target / "data" / name)
    return target


def _run_child(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(CHILD), *args],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=300,
        check=False,
    )


def _seccomp_available() -> bool:
    first = _run_child("self-test-seccomp").stdout.splitlines()[:1]
    return bool(first) and json.loads(first[0])["seccomp"]


needs_seccomp = pytest.mark.skipif(
    not _seccomp_available(), reason="seccomp filters need Linux on x86-64 or aarch64"
)


@needs_seccomp
def test_the_sandbox_kills_a_process_that_opens_a_socket() -> None:
    """The harness can fail: a socket opened below Python is fatal."""
    done = _run_child("self-test-seccomp")
    assert done.returncode == -SIGSYS, (done.returncode, done.stdout, done.stderr)


def test_the_audit_hook_catches_python_sockets() -> None:
    done = _run_child("self-test-audit")
    assert done.returncode != 0
    assert "network use while offline: socket.__new__" in done.stderr


@pytest.mark.slow
def test_loading_opens_no_socket(tmp_path: Path) -> None:
    hostile = [_hostile_project(tmp_path, name) for name in sorted(REFUSED)]
    projects = ["-", str(FIXTURES / "remote-refs"), str(FIXTURES / "project")]
    done = _run_child("load", *projects, *map(str, hostile))
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    outcomes = {line["project"]: line["outcome"] for line in lines[1:]}
    for project in projects:
        assert outcomes[project] == "ok", outcomes[project]
    for name, path in zip(sorted(REFUSED), hostile, strict=True):
        outcome = outcomes[str(path)]
        assert outcome.startswith("InputError: data/"), outcome
        assert re.search(REFUSED[name], outcome), outcome


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_hostile_file_is_refused_in_process(tmp_path: Path, name: str) -> None:
    """The same refusals in this process, with the located error as a value."""
    project = _hostile_project(tmp_path, name)
    with pytest.raises(InputError, match=REFUSED[name]) as caught:
        capgraph.open(project)
    assert caught.value.file == f"data/{name}"
    assert caught.value.line is not None


# --- owl:imports: the project's ontology/ folder is the catalog --------------------------


def test_imports_resolve_to_project_ontologies() -> None:
    kg = capgraph.open(FIXTURES / "remote-refs")
    imports = kg.select(
        "SELECT ?o WHERE { ?s <http://www.w3.org/2002/07/owl#imports> ?o } ORDER BY ?o"
    )
    assert [row["o"] for row in imports] == [
        "https://example.org/base",
        "https://example.org/base/2.0",  # the version IRI counts too
    ]


def test_protege_catalog_is_passed_over() -> None:
    project = capgraph.open(FIXTURES / "remote-refs").project
    assert [p.name for p in project.ontology_files] == ["base.ttl", "extension.ttl"]


def test_an_import_of_a_missing_ontology_is_located(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(FIXTURES / "remote-refs", project)
    (project / "ontology" / "base.ttl").unlink()
    with pytest.raises(InputError) as caught:
        capgraph.open(project)
    assert (caught.value.file, caught.value.line) == ("ontology/extension.ttl", 5)
    assert "owl:imports <https://example.org/base> is not an ontology of this project" in str(
        caught.value
    )
    assert "put a copy of it in ontology/" in str(caught.value)
