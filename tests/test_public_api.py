"""The public API is whole and closed: ``capgraph``'s namespace is ``__all__``.

The model is httpx's ``tests/test_exported_members.py``. Names are imported on first use
(a module ``__getattr__``), and an imported stage becomes an attribute of the package, so
the namespace is compared after every name has been used, with modules set apart: each
of those must be a stage or shared module that docs/internals.md describes.
"""

from __future__ import annotations

import dataclasses
import enum
import importlib
import inspect
import json
import subprocess
import sys
import types
import typing
from pathlib import Path

import capgraph
from capgraph.cli import COMMANDS

ROOT = Path(__file__).resolve().parents[1]
STAGES = ("store", "query", "validation", "procedure", "reason", "views", "render", "server",
          "notebook")  # fmt: skip

#: What each command calls: the CLI does nothing the library does not offer.
CALLS = {
    "info": "describe",
    "query": "KnowledgeGraph.query",
    "export": "export",
    "validate": "validate",
    "status": "status",
    "trace": "trace",
    "history": "history",
    "reason": "check_consistency",
    "publish": "publish",
    "serve": "serve",
    "render": "views.build",  # the views are a stage of their own (matplotlib is optional)
    "diff": "review.diff_sources",  # the review stage, like the views
    "extract": "sources.extract",  # the sources stage needs the extract extra (spaCy)
    "sources": "sources.sources",
    "conflicts": "sources.conflicts",
    "site": "site.build",  # the site stage, like the views
}


def _public(names: typing.Iterable[str]) -> set[str]:
    return {name for name in names if not name.startswith("_") or name == "__version__"}


def _fresh(code: str) -> typing.Any:
    """Run ``code`` in a new interpreter (nothing imported yet); it prints one JSON value."""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return json.loads(result.stdout)


def test_all_is_sorted_and_unique() -> None:
    assert capgraph.__all__ == sorted(set(capgraph.__all__), key=str.casefold)


def test_import_loads_no_heavy_dependency() -> None:
    loaded = _fresh(
        "import json, sys, capgraph\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    assert "capgraph" in loaded
    assert not {"rdflib", "pyshacl", "owlready2", "matplotlib", "networkx", "IPython"} & set(loaded)


def test_every_name_in_all_resolves_to_capgraph_code() -> None:
    for name in capgraph.__all__:
        value = getattr(capgraph, name)
        if name != "__version__":
            assert value.__module__.startswith("capgraph"), (name, value.__module__)


def test_the_namespace_is_all() -> None:
    seen = _fresh(
        "import json, types, capgraph\n"
        "M = types.ModuleType\n"
        "before = [n for n, v in vars(capgraph).items() if not isinstance(v, M)]\n"
        "for name in capgraph.__all__: getattr(capgraph, name)\n"
        "after = {n: isinstance(v, types.ModuleType) for n, v in vars(capgraph).items()}\n"
        "print(json.dumps({'before': before, 'after': after, 'dir': dir(capgraph)}))"
    )
    names = {n for n, is_module in seen["after"].items() if not is_module}
    assert _public(names) == set(capgraph.__all__)
    assert _public(seen["before"]) <= set(capgraph.__all__)
    modules = {n for n, is_module in seen["after"].items() if is_module}
    assert _public(set(seen["dir"]) - modules) == set(capgraph.__all__)
    internals = (ROOT / "docs" / "internals.md").read_text(encoding="utf-8")
    for module in _public(modules):
        assert f"`{module}/`" in internals or f"`{module}.py`" in internals, module


def test_stage_modules_appear_as_attributes_only() -> None:
    for stage in STAGES:
        module = importlib.import_module(f"capgraph.{stage}")
        assert getattr(capgraph, stage) is module
        assert stage not in capgraph.__all__


def test_the_cli_does_what_the_library_offers() -> None:
    assert set(CALLS) == set(COMMANDS)
    for command, dotted in CALLS.items():
        head, *rest = dotted.split(".")
        value = getattr(capgraph, head) if head in capgraph.__all__ else None
        if value is None:
            value = importlib.import_module(f"capgraph.{head}")
        for part in rest:
            value = getattr(value, part)
        assert callable(value), command


def test_load_ext_finds_the_extension_at_the_top() -> None:
    # ``%load_ext capgraph`` calls ``capgraph.load_ipython_extension(ipython)``.
    from capgraph import notebook

    assert capgraph.load_ipython_extension is notebook.load_ipython_extension
    assert "load_ipython_extension" in capgraph.__all__


def test_every_error_is_public() -> None:
    from capgraph import errors

    tree = {
        name
        for name, value in vars(errors).items()
        if inspect.isclass(value) and issubclass(value, capgraph.CapgraphError)
    }
    assert tree <= set(capgraph.__all__)


# --- closed: every type a public function returns is public -----------------------------


def _namespace() -> dict[str, object]:
    """What the annotations of capgraph's code may name, for resolving them."""
    names: dict[str, object] = {"Path": Path}
    for stage in STAGES:
        module = importlib.import_module(f"capgraph.{stage}")
        names.update({name: getattr(module, name) for name in module.__all__})
    names.update({name: getattr(capgraph, name) for name in capgraph.__all__})
    return names


def _own_types(hint: object) -> typing.Iterator[type]:
    for argument in typing.get_args(hint):
        yield from _own_types(argument)
    if inspect.isclass(hint) and hint.__module__.startswith("capgraph"):
        yield hint


def _reachable() -> dict[type, str]:
    """Each capgraph type a public function returns, directly or in a field of a result."""
    names = _namespace()
    found: dict[type, str] = {}
    todo: list[tuple[type, str]] = []
    for name in capgraph.__all__:
        value = getattr(capgraph, name)
        if inspect.isfunction(value):
            hints = typing.get_type_hints(value, localns=names)
            todo += [(t, f"{name}() returns") for t in _own_types(hints.get("return"))]
        elif inspect.isclass(value):
            todo.append((value, name))
    while todo:
        kind, why = todo.pop()
        if kind in found:
            continue
        found[kind] = why
        if dataclasses.is_dataclass(kind):
            hints = typing.get_type_hints(kind, localns=names)
            todo += [(t, f"{kind.__name__}.{f}") for f, h in hints.items() for t in _own_types(h)]
    return found


def test_every_result_type_is_public() -> None:
    missing = {
        kind.__name__: why
        for kind, why in _reachable().items()
        if kind.__name__ not in capgraph.__all__ or getattr(capgraph, kind.__name__) is not kind
    }
    assert not missing, f"types the public API hands out but does not export: {missing}"


def test_the_closure_reaches_the_nested_values() -> None:
    # The walk above must see through tuples, optionals and enums, or it proves nothing.
    reached = _reachable()
    assert capgraph.StepState in reached
    assert capgraph.Severity in reached
    assert issubclass(capgraph.StepState, enum.Enum)
    assert isinstance(capgraph.open, types.FunctionType)
