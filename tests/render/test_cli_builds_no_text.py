"""The CLI commands only parse, call the library, render and exit: text is built in render/.

Every command module under ``capgraph/cli/`` (the entry point ``_main`` aside) is
parsed. Outside ``register`` and the ``add_*`` option helpers (help texts are
argparse's business) and ``emit`` (the one writer, in ``_common``), no function may
build text: no f-string, ``str.join``, ``str.format``, ``%`` or ``+``
on a string, no ``print`` and no direct write to stdout, except inside a ``raise``
(an error message). Each ``run`` is a few statements.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CLI = Path(__file__).resolve().parents[2] / "src" / "capgraph" / "cli"
COMMANDS = sorted(p for p in CLI.glob("_*.py") if p.name not in ("__init__.py", "_main.py"))
MAX_RUN_STATEMENTS = 6


def _text_building(function: ast.FunctionDef) -> list[str]:
    allowed = {id(n) for r in ast.walk(function) if isinstance(r, ast.Raise) for n in ast.walk(r)}
    return [
        f"{function.name}, line {node.lineno}: {what}"
        for node in ast.walk(function)
        if id(node) not in allowed and (what := _builds_text(node))
    ]


def _builds_text(node: ast.AST) -> str | None:
    if isinstance(node, ast.JoinedStr):
        return "an f-string"
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in ("join", "format", "write"):
            return f".{func.attr}()"
        if isinstance(func, ast.Name) and func.id == "print":
            return "print()"
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        sides = (node.left, node.right)
        if any(isinstance(side, ast.Constant | ast.JoinedStr) for side in sides):
            return "string arithmetic"
    return None


def _exempt(name: str) -> bool:
    return name in ("register", "emit") or name.startswith("add_")


def _functions(path: Path) -> list[ast.FunctionDef]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node for node in tree.body if isinstance(node, ast.FunctionDef)]


@pytest.mark.parametrize("path", [p for p in COMMANDS if p.name != "_common.py"], ids=str)
def test_a_command_has_a_short_run(path: Path) -> None:
    (run,) = [f for f in _functions(path) if f.name == "run"]
    assert len(run.body) <= MAX_RUN_STATEMENTS, f"{path.name}: run has {len(run.body)} statements"


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: p.name)
def test_a_command_builds_no_text(path: Path) -> None:
    checked = [f for f in _functions(path) if not _exempt(f.name)]
    found = [hit for f in checked for hit in _text_building(f)]
    assert not found, f"{path.name} builds text; move it to capgraph.render: {found}"


def test_the_check_finds_text_building() -> None:
    source = (
        "def run(args):\n"
        "    lines = [f'{x}' for x in args]\n"
        "    emit('\\n'.join(lines), None)\n"
        "    raise ValueError(f'{args} is fine in an error')\n"
    )
    (function,) = [n for n in ast.parse(source).body if isinstance(n, ast.FunctionDef)]
    assert [hit.split(": ")[1] for hit in _text_building(function)] == ["an f-string", ".join()"]
