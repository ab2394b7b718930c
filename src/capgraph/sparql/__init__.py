"""SPARQL that capgraph itself runs (not part of a project's named queries)."""

from __future__ import annotations

from importlib.resources import files

from capgraph.queries import NamedQuery


def internal_query(name: str) -> NamedQuery:
    """The packaged query ``name`` (file ``name.rq`` beside this module)."""
    text = files(__name__).joinpath(f"{name}.rq").read_text(encoding="utf-8")
    return NamedQuery.from_text(text, name=name)
