"""``capgraph render``: one library call, format from the extension, errors with choices."""

from __future__ import annotations

from pathlib import Path

import pytest

from capgraph import views
from capgraph.cli import main
from capgraph.query import KnowledgeGraph
from capgraph.server import SparqlServer


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("view", "item", "name", "start"),
    [
        ("approvals", None, "a.svg", b"<?xml"),
        ("history", None, "h.png", b"\x89PNG\r\n\x1a\n"),
        ("provenance", "ipr-handbook", "p.html", b"<!DOCTYPE html>"),
        ("overview", None, "o.mmd", b"flowchart LR\n"),
        ("approvals", "cap19", "c.mmd", b"flowchart LR\n"),
    ],
)
def test_render_writes_the_format_of_the_extension(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, view: str, item: str | None, name: str,
    start: bytes,
) -> None:  # fmt: skip
    output = tmp_path / "out" / name
    argv = ["render", view, "--output", str(output)] + (["--item", item] if item else [])
    code, out, err = run(capsys, *argv)
    assert (code, out, err) == (0, "", "")
    data = output.read_bytes()
    assert data.startswith(start)
    assert len(data) > 500
    assert [p.name for p in output.parent.iterdir()] == [name]  # no temporary file left


def test_unknown_view_lists_the_views(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["render", "timeline", "--output", str(tmp_path / "x.svg")])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "'approvals', 'history', 'provenance', 'overview'" in err


def test_unknown_extension_lists_the_formats(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "x.gif"
    code, _out, err = run(capsys, "render", "overview", "--output", str(target))
    assert code == 2
    assert "unknown output extension .gif; choose one of: .svg, .png, .html, .mmd" in err
    assert not target.exists()


def test_unknown_item_lists_the_known_ones(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _out, err = run(capsys, "render", "provenance", "--item", "nope",
                          "--output", str(tmp_path / "x.svg"))  # fmt: skip
    assert code == 2
    assert "unknown tool 'nope'; known tools:" in err
    assert "ipr-handbook" in err


def test_an_existing_file_is_replaced_whole(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "view.mmd"
    target.write_text("old", encoding="utf-8")
    assert run(capsys, "render", "history", "--output", str(target))[0] == 0
    assert target.read_text(encoding="utf-8").startswith("flowchart LR")


def test_help_has_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["render", "--help"])
    assert caught.value.code == 0
    out = capsys.readouterr().out
    assert "example:" in out
    assert "capgraph render approvals --output approvals.svg" in out


@pytest.mark.server
def test_render_from_a_remote_endpoint_matches_the_embedded_store(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, record: KnowledgeGraph,
    served_record: SparqlServer,
) -> None:  # fmt: skip
    target = tmp_path / "approvals.mmd"
    argv = ["render", "approvals", "--endpoint", served_record.url, "--output", str(target)]
    assert run(capsys, *argv)[0] == 0
    assert target.read_bytes() == views.render(views.approvals(record), "mmd")
