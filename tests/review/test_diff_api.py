"""``capgraph diff`` on folders, its errors, and the parts of the library on their own."""

from __future__ import annotations

import doctest
import json
import shutil
import subprocess
from pathlib import Path

from tests.review.conftest import BASE, FIXTURES, INSIDE, run_cli

import capgraph
from capgraph import review
from capgraph.review import Category, Conflict, Kind, RecordChange, Word
from capgraph.review._facts import word_diff


def _folder_with(tmp_path: Path, case: str) -> Path:
    """The base record with one case's patch applied, as a plain folder."""
    target = tmp_path / case
    shutil.copytree(BASE, target)
    patch = FIXTURES / "cases" / case / "change.patch"
    subprocess.run(["git", "apply", str(patch)], cwd=target, check=True, capture_output=True)
    return target


def test_the_docstring_example_runs() -> None:
    assert doctest.testmod(review, raise_on_error=False).failed == 0


def test_two_folders_give_the_same_answer_as_two_revisions(
    tmp_path: Path, records_repo: Path
) -> None:
    new = _folder_with(tmp_path, "date-changed")
    code, out, _ = run_cli("diff", str(BASE), str(new), "--format", "json")
    by_revision = run_cli(
        "diff", "base", "date-changed", "--project", str(records_repo / INSIDE), "--format", "json"
    )[1]
    assert code == 1
    strip = lambda text: {k: v for k, v in json.loads(text).items() if k not in ("old", "new")}  # noqa: E731
    assert strip(out) == strip(by_revision)


def test_a_folder_against_itself_is_no_change(tmp_path: Path) -> None:
    code, out, err = run_cli("diff", str(BASE), str(BASE), "--no-validation")
    assert (code, err) == (0, "")
    assert out == f"No changes from {BASE} to {BASE}.\n"


def test_output_file(tmp_path: Path, records_repo: Path) -> None:
    target = tmp_path / "diff.md"
    project = str(records_repo / INSIDE)
    code, out, _ = run_cli(
        "diff", "base", "draft-accepted", "--project", project, "--format", "markdown",
        "--output", str(target),
    )  # fmt: skip
    assert (code, out) == (1, "")
    assert target.read_text(encoding="utf-8").startswith(review.MARKER + "\n")


def test_an_unknown_revision_is_one_line_and_exit_2(records_repo: Path) -> None:
    code, out, err = run_cli("diff", "base", "no-such-branch", "--project", str(records_repo))
    assert (code, out) == (2, "")
    assert err == (
        "capgraph: error: no-such-branch: neither a folder nor a revision of the git "
        f"repository {records_repo.resolve()}\n"
    )


def test_a_revision_outside_a_git_repository_is_exit_2(tmp_path: Path) -> None:
    code, _, err = run_cli("diff", "HEAD~1", "HEAD", "--project", str(tmp_path))
    assert code == 2
    assert err == f"capgraph: error: {tmp_path}: not in a git repository\n"


def test_a_revision_without_the_project_folder_is_exit_2(records_repo: Path) -> None:
    code, _, err = run_cli("diff", "base", "base", "--project", str(records_repo / INSIDE / "data"))
    assert code == 2
    assert err.startswith("capgraph: error: ")
    assert err.count("\n") == 1


def test_help_has_an_example() -> None:
    code, out, _ = run_cli("diff", "--help")
    assert code == 0
    assert "capgraph diff ../my-records ../my-records --format markdown --output diff.md" in out


def test_conflicts_from_any_detector_are_compared_as_lists() -> None:
    a = Conflict("https://example.org/a", "https://example.org/b", "date", ("2020",), ("2021",))
    b = Conflict("https://example.org/a", "https://example.org/c", "body", ("x",), ("y",))
    moved = Conflict("https://example.org/a", "https://example.org/b", "date", ("2020",), ("2022",))
    changes = review.conflict_changes([a, b], [moved])
    assert [(c.kind, c.other) for c in changes] == [(Kind.RESOLVED, "https://example.org/c")]
    assert review.conflict_changes([], [a])[0].kind is Kind.INTRODUCED


def test_a_custom_conflict_finder_is_used() -> None:
    kg = capgraph.open(BASE)
    found = Conflict("https://example.org/a", "https://example.org/b", "date", ("1",), ("2",))
    calls: list[int] = []

    def finder(graph: object) -> list[Conflict]:
        calls.append(len(calls))
        return [found] if len(calls) == 2 else []  # none in OLD, one in NEW

    introduced = review.diff(kg, kg, validation=False, conflicts=finder)
    assert [c.kind for c in introduced.records] == [Kind.INTRODUCED]


def test_word_diff_marks_deleted_and_inserted_runs() -> None:
    assert word_diff("the PTC endorsed it", "the Council endorsed it in full") == (
        Word("equal", "the"),
        Word("delete", "PTC"),
        Word("insert", "Council"),
        Word("equal", "endorsed it"),
        Word("insert", "in full"),
    )


def test_markdown_escapes_labels_and_fences_backticks() -> None:
    change = RecordChange(
        Category.TOOL,
        "https://w3id.org/capgraph/id/tool/x",
        Kind.CHANGED,
        "A *bold* <b>tool</b>",
        (review.FieldChange("title", ("old `t`",), ("new",)),),
    )
    text = review.diff_markdown(review.Diff("a", "b", (change,), ()))
    assert r"— A \*bold\* \<b\>tool\</b\>" in text
    assert "title: `` old `t` `` → `new`" in text
