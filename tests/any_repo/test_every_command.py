"""Every command on three repositories that are not the bundled record, output asserted exactly.

The expected outputs are files under ``expected/REPOSITORY/``, one per command, holding the
exit code, stdout and stderr. The repository's own folder is written ``{project}`` and
timings ``{seconds}``; an output over 20,000 characters is kept as its SHA-256.
To write them anew after a deliberate change of output: ``CAPGRAPH_WRITE_EXPECTED=1 pytest
tests/any_repo`` (then read the diff).
"""

from __future__ import annotations

import hashlib
import os
import re
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from conftest_servers import OxigraphServer, capgraph_serve_process, run_cli

EXPECTED = Path(__file__).parent / "expected"
REPOSITORIES = ("data-only", "mini", "generated")

#: (name of the case, the command's arguments after ``--project DIR``) for each repository.
#: ``{out}`` is a scratch folder for files the command writes.
CASES: dict[str, list[tuple[str, list[str]]]] = {
    "data-only": [
        ("query-bound", ["query", "status-processes", "--format", "csv"]),
        ("status-item", ["status", "cap19"]),
        ("trace", ["trace", "ipr-handbook"]),
        ("render-approvals", ["render", "approvals", "--output", "{out}/approvals.mmd"]),
        ("render-overview", ["render", "overview", "--output", "{out}/overview.mmd"]),
        ("site", ["site", "--output", "{out}/site"]),
    ],
    "mini": [
        ("query-bound", ["query", "by-ordinal", "--param", "n=2", "--format", "csv"]),
        ("trace", ["trace", "anything"]),
        ("render-approvals", ["render", "approvals", "--output", "{out}/approvals.mmd"]),
        ("render-overview", ["render", "overview", "--output", "{out}/overview.mmd"]),
        ("site", ["site", "--output", "{out}/site"]),
    ],
    "generated": [
        ("query-bound", ["query", "status-processes", "--param",
                         "process=id:process/o1-wg1-2013", "--format", "csv"]),
        ("status-item", ["status", "o1-wg1-2013"]),
        ("status-json", ["status", "o1-wg1-2013", "--format", "json"]),
        ("trace", ["trace", "o1-wg1-t1"]),
        ("render-approvals", ["render", "approvals", "--item", "o1-wg1-2013",
                              "--output", "{out}/approvals.mmd"]),
        ("render-overview", ["render", "overview", "--output", "{out}/overview.mmd"]),
        ("render-svg", ["render", "provenance", "--item", "o1-wg1-t1",
                        "--output", "{out}/provenance.svg"]),
        # 64 drawings at about 2 s each: the pages, without them
        ("site", ["site", "--no-pictures", "--output", "{out}/site"]),
    ],
}  # fmt: skip
#: What every repository is asked.
COMMON: list[tuple[str, list[str]]] = [
    ("info", ["info"]),
    ("info-json", ["info", "--format", "json"]),
    ("query-list", ["query", "--list"]),
    ("validate", ["validate"]),
    ("validate-junit", ["validate", "--format", "junit"]),
    ("status", ["status"]),
    ("history", ["history"]),
    ("history-json", ["history", "--format", "json"]),
    ("export", ["export", "--format", "nq", "--output", "{out}/record.nq"]),
    ("reason", ["reason", "--no-explain"]),
]


def _cases() -> list[tuple[str, str, list[str]]]:
    return [(repo, name, argv) for repo in REPOSITORIES for name, argv in COMMON + CASES[repo]]


def _normalise(text: str, project: Path, out: Path) -> str:
    text = text.replace(str(out), "{out}").replace(str(project), "{project}")
    return re.sub(r"\b\d+\.\d+ s\b", "{seconds} s", text)


def _check(repo: str, name: str, actual: str) -> None:
    if len(actual) > 20_000:
        actual = "sha256 " + hashlib.sha256(actual.encode()).hexdigest() + "\n"
    path = EXPECTED / repo / f"{name}.txt"
    if os.environ.get("CAPGRAPH_WRITE_EXPECTED"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"no expected output {path.name} for {repo}: write it (see docstring)"
    assert actual == path.read_text(encoding="utf-8"), f"{repo} {name}: output changed"


def _site_outline(site: Path) -> str:
    """How many pages each kind of record has (``id/body: 3 pages``), and the other files."""
    pages: dict[str, int] = {}
    others = []
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if path.name == "index.html" and name.startswith("id/"):
            kind = "/".join(name.split("/")[:2])
            pages[kind] = pages.get(kind, 0) + 1
        elif path.is_file() and not name.startswith("id/"):
            others.append(name)
    lines = [f"{kind}/…/index.html: {n}" for kind, n in pages.items()] + others
    return "".join(f"{line}\n" for line in lines)


@pytest.mark.parametrize(("repo", "name", "argv"), _cases(), ids=lambda v: str(v))
def test_command_output(
    repositories: dict[str, Path], tmp_path: Path, repo: str, name: str, argv: list[str]
) -> None:
    project = repositories[repo]
    args = [a.replace("{out}", str(tmp_path)) for a in argv]
    code, out, err = run_cli("--project", str(project), *args)
    actual = f"exit {code}\n--- stdout\n{out}--- stderr\n{err}"
    for written in sorted(tmp_path.iterdir()):
        if written.is_dir():  # a site: its pages by kind of record, and its other files
            actual += f"--- folder {written.name}\n{_site_outline(written)}"
            continue
        body = written.read_bytes()
        if written.suffix == ".svg":
            assert body.startswith(b"<?xml")
            assert b"<svg" in body
            body = (
                f"(an SVG drawing, {(len(body) > 1000 and 'over') or 'under'} 1000 bytes)".encode()
            )
        actual += f"--- file {written.name}\n{body.decode()}\n"
    _check(repo, name, _normalise(actual, project, tmp_path))


@pytest.mark.server
@pytest.mark.parametrize("repo", REPOSITORIES)
def test_publish_then_query_the_store(
    repositories: dict[str, Path], oxigraph: OxigraphServer, repo: str
) -> None:
    project = repositories[repo]
    code, out, err = run_cli(
        "--project", str(project), "publish", "--endpoint", oxigraph.query_url,
        "--graph-store", oxigraph.store_url,
    )  # fmt: skip
    assert (code, err) == (0, "")
    actual = _normalise(out.replace(oxigraph.base_url, "{store}"), project, project)
    code, remote_out, err = run_cli(
        "--project", str(project), "history", "--endpoint", oxigraph.query_url
    )
    _, local_out, _ = run_cli("--project", str(project), "history")
    assert (code, err, remote_out) == (0, "", local_out)
    _check(repo, "publish", actual)


@pytest.mark.server
@pytest.mark.parametrize("repo", REPOSITORIES)
def test_serve_answers_the_record(repositories: dict[str, Path], repo: str) -> None:
    project = repositories[repo]
    query = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    _, expected, _ = run_cli("--project", str(project), "query", query, "--format", "csv")
    with capgraph_serve_process("--project", str(project)) as served:
        url = served.url + "?" + urllib.parse.urlencode({"query": query})
        request = urllib.request.Request(url, headers={"Accept": "text/csv"})
        with urllib.request.urlopen(request, timeout=30) as response:
            answer = response.read().decode()
    assert answer.replace("\r\n", "\n") == expected
