"""``capgraph diff base CASE`` on every case, in every format, against the expected output."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from tests.review.conftest import CASES, FIXTURES, INSIDE, run_cli

FORMATS = {"text": "expected.txt", "markdown": "expected.md", "json": "expected.json"}
#: The cases that change nothing the diff reports.
UNCHANGED = {"reformatted"}


def test_every_category_of_the_issue_has_a_case() -> None:
    wanted = {
        "decision-added", "decision-removed", "date-changed", "quote-changed",
        "draft-accepted", "step-taken", "conflict-introduced", "reformatted",
    }  # fmt: skip
    assert wanted <= set(CASES)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", CASES)
def test_diff_output_is_exactly_the_expected(records_repo: Path, case: str, fmt: str) -> None:
    code, out, err = run_cli(
        "diff", "base", case, "--project", str(records_repo / INSIDE), "--format", fmt
    )
    assert err == ""
    assert code == (0 if case in UNCHANGED else 1)
    expected = (FIXTURES / "cases" / case / FORMATS[fmt]).read_text(encoding="utf-8")
    assert out == expected


@pytest.mark.parametrize("case", CASES)
def test_json_names_its_schema_and_agrees_with_the_exit_code(records_repo: Path, case: str) -> None:
    code, out, _ = run_cli(
        "diff", "base", case, "--project", str(records_repo / INSIDE), "--format", "json"
    )
    document = json.loads(out)
    assert document["schema"] == "https://w3id.org/capgraph/schema/diff/1"
    assert document["changed"] is (code == 1)
    assert (document["records"] or document["other"]) if code == 1 else not document["records"]


def test_the_readme_shows_the_step_taken_comment_as_it_is_written() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    comment = (FIXTURES / "cases" / "step-taken" / "expected.md").read_text(encoding="utf-8")
    quoted = "\n".join(f"> {line}" if line else ">" for line in comment.splitlines())
    assert quoted + "\n" in readme


def test_every_expected_json_fits_the_documented_schema() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "diff.md").read_text(encoding="utf-8")
    block = re.search(r"### JSON Schema.*?```json\n(.*?)\n```", doc, re.DOTALL)
    assert block, "no JSON Schema block in docs/diff.md"
    schema = json.loads(block.group(1))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for case in CASES:
        document = json.loads((FIXTURES / "cases" / case / "expected.json").read_text())
        errors = [e.message for e in validator.iter_errors(document)]
        assert not errors, f"{case}: {errors}"
