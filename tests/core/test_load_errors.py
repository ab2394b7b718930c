from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import capgraph
from capgraph.errors import InputError, ProjectNotFoundError


def _write(mini: Path, name: str, content: bytes | str) -> None:
    data = content.encode("utf-8") if isinstance(content, str) else content
    (mini / "data" / name).write_bytes(data)


def test_malformed_turtle_names_file_line_and_column(mini: Path) -> None:
    _write(mini, "bad.ttl", '@prefix ex: <https://e/> .\nex:a ex:b ex:c .\nex:a ex:b "open .\n')
    with pytest.raises(InputError) as caught:
        capgraph.open(mini)
    assert caught.value.file == "data/bad.ttl"
    assert caught.value.line == 3
    assert str(caught.value).startswith("data/bad.ttl:3:")


def test_undefined_prefix(mini: Path) -> None:
    _write(mini, "bad.trig", "@prefix ex: <https://e/> .\n\nex:g { ex:a zz:b ex:c . }\n")
    with pytest.raises(InputError, match=r"data/bad.trig:3:\d+: .*zz"):
        capgraph.open(mini)


def test_invalid_date_literal(mini: Path) -> None:
    _write(
        mini,
        "bad.ttl",
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        '<https://e/a> <https://e/d> "2020-13-45"^^xsd:date .\n',
    )
    with pytest.raises(
        InputError, match=r'data/bad.ttl:2:\d+: "2020-13-45" is not a valid xsd:date'
    ):
        capgraph.open(mini)


def test_not_utf8(mini: Path) -> None:
    _write(mini, "bad.ttl", b'<https://e/a> <https://e/b> "caf\xe9" .\n')
    with pytest.raises(InputError, match=r"data/bad.ttl:1:\d+: not UTF-8"):
        capgraph.open(mini)


def test_unknown_extension(mini: Path) -> None:
    _write(mini, "notes.xlsx", b"PK")
    with pytest.raises(InputError, match=r"unknown file extension '.xlsx'"):
        capgraph.open(mini)


def test_missing_and_empty_data(mini: Path) -> None:
    shutil.rmtree(mini / "data")
    with pytest.raises(ProjectNotFoundError, match="no data/ folder"):
        capgraph.open(mini)
    (mini / "data").mkdir()
    with pytest.raises(InputError, match="data/ holds no RDF files"):
        capgraph.open(mini)


def test_missing_project() -> None:
    with pytest.raises(ProjectNotFoundError, match="project directory not found"):
        capgraph.open("/nonexistent/capgraph-project")


def test_iri_broken_across_lines_is_one_line_error(mini: Path) -> None:
    # Found by the loader fuzzer: the parser quotes the offending newline verbatim.
    _write(mini, "bad.ttl", "<https://e/a> <https://e/b> <https://e/\nc> .\n")
    with pytest.raises(InputError) as caught:
        capgraph.open(mini)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("data/bad.ttl:1:")
    assert "Parser error" not in message
