"""The library's own SPARQL: one ``.rq`` file per query, beside this module.

This is the one place capgraph's built-in queries live, and this module is the one
way they are read: the loader reads its checks here, and
:meth:`capgraph.query.QueryLibrary.for_project` lays a project's ``queries/`` over them.
"""

from __future__ import annotations

from importlib.resources import files

__all__ = ["names", "text"]


def names() -> list[str]:
    """The built-in queries, sorted."""
    return sorted(
        entry.name.removesuffix(".rq")
        for entry in files(__name__).iterdir()
        if entry.name.endswith(".rq")
    )


def text(name: str) -> str:
    """The SPARQL text of the built-in query ``name``."""
    return files(__name__).joinpath(f"{name}.rq").read_text(encoding="utf-8")
