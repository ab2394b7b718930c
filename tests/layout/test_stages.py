"""The package follows the data flow: no module imports from a stage above its own."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "capgraph"

#: Stage of each top-level name under ``capgraph``; a module may import its own
#: stage's modules and lower stages only. Siblings (same rank, another name) are
#: independent of each other.
RANK = {
    "errors": 0,
    "namespaces": 0,
    "project": 0,
    "_io": 0,
    "_lexical": 0,
    "_severity": 0,
    "_dates": 0,
    "_json": 0,
    "_progress": 0,
    "sparql": 0,
    "store": 1,
    "query": 2,
    "validation": 3,
    "procedure": 3,
    "reason": 3,
    "sources": 3,
    "views": 4,
    "review": 4,
    "render": 5,
    "site": 5,
    "server": 6,
    "cli": 7,
    "notebook": 7,
}
#: The public API and ``python -m capgraph`` stand above every stage.
EXEMPT = {"__init__", "__main__"}
MAX_LINES = 400


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _stage(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def _imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            found += [(node.lineno, n) for n in names if n.startswith("capgraph.")]
            if node.module == "capgraph":
                found += [(node.lineno, f"capgraph.{a.name}") for a in node.names]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("capgraph.")]
    return found


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_import_from_a_stage_above(path: Path) -> None:
    stage = _stage(path)
    if stage in EXEMPT and path.parent == PACKAGE:
        return
    assert stage in RANK, f"{stage} has no stage: add it to RANK and to docs/internals.md"
    wrong = []
    for line, name in _imports(path):
        target = name.split(".")[1]
        if target not in RANK:
            continue  # an attribute of capgraph itself, checked by the public-API test
        same_stage = RANK[target] == RANK[stage]
        if RANK[target] > RANK[stage] or (same_stage and target != stage and RANK[stage] > 0):
            wrong.append(f"line {line}: {name} ({target}, stage {RANK[target]})")
    assert not wrong, f"{stage} (stage {RANK[stage]}) imports from above or beside it: {wrong}"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_module_is_small(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.name} has {lines} lines (at most {MAX_LINES})"


def test_every_subpackage_says_its_stage() -> None:
    for init in sorted(PACKAGE.glob("*/__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert "may import" in doc.lower() or init.parent.name == "sparql", (
            f"{init.parent.name}/__init__.py: the docstring must say what the stage may import"
        )


def test_implementation_modules_are_private_or_declare_all() -> None:
    loose = []
    for path in _modules():
        if path.name.startswith("_") or (path.parent == PACKAGE and path.stem in EXEMPT):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        declares = any(
            isinstance(n, ast.Assign) and any(getattr(t, "id", "") == "__all__" for t in n.targets)
            for n in tree.body
        )
        if not declares:
            loose.append(path.relative_to(PACKAGE).as_posix())
    assert not loose, f"public modules without __all__: {loose}"
