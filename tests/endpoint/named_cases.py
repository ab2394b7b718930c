"""Every named query of the bundled record, with parameter values to run it with.

Values come from the ``e.g.`` examples in the query headers; ``EXTRA`` supplies
a value for any parameter whose header gives no example.
"""

from __future__ import annotations

import re
from collections import Counter

from capgraph.project import Project
from capgraph.query import NamedQuery, QueryLibrary, Rows

#: Parameter values for headers that give no example: {query: {param: value}}.
EXTRA: dict[str, dict[str, str]] = {}

_EXAMPLE = re.compile(r"e\.g\.\s+(\S+?)[,;)]?(?:\s|$)")


def bundled_queries() -> list[NamedQuery]:
    project = Project.discover(None)
    return QueryLibrary.for_project(project.query_files, root=project.root).all()


def example_params(query: NamedQuery) -> dict[str, str]:
    """A value for every parameter: the header's example, else ``EXTRA``."""
    values: dict[str, str] = {}
    for param in query.params:
        match = _EXAMPLE.search(param.description)
        value = EXTRA.get(query.name, {}).get(param.name) or (match.group(1) if match else None)
        if value is None:
            raise AssertionError(
                f"{query.path}: parameter {param.name!r} has no 'e.g.' example; add one to EXTRA"
            )
        values[param.name] = value
    return values


def cases() -> list[tuple[str, dict[str, str]]]:
    """(query, params): each query with every example bound, and unbound if it may be."""
    out: list[tuple[str, dict[str, str]]] = []
    for query in bundled_queries():
        if all(param.optional for param in query.params):
            out.append((query.name, {}))
        if query.params:
            out.append((query.name, example_params(query)))
    return out


def case_id(case: tuple[str, dict[str, str]]) -> str:
    name, params = case
    return name + ("[" + ",".join(sorted(params)) + "]" if params else "")


def as_multiset(rows: Rows) -> Counter[tuple[object, ...]]:
    """Rows without their order (ties in ORDER BY may come out in any order)."""
    return Counter(tuple(row[v] for v in rows.variables) for row in rows)


_ORDER_BY = re.compile(r"\bORDER\s+BY\b(.*?)(?:\bLIMIT\b|\bOFFSET\b|$)", re.I | re.S)
_KEY = re.compile(r"(?:ASC|DESC)?\s*\(?\s*[?$](\w+)\s*\)?", re.I)


def order_keys(query: NamedQuery) -> list[str] | None:
    """The variables of the outer ORDER BY, or None if it has none or uses expressions."""
    body = "\n".join(line.split("#", 1)[0] for line in query.text.splitlines())
    matches = _ORDER_BY.findall(body)
    if not matches:
        return None
    clause = matches[-1].strip()
    keys = _KEY.findall(clause)
    rebuilt = _KEY.sub("", clause).strip()
    return keys if keys and not rebuilt else None


def assert_same_rows(embedded: Rows, remote: Rows, query: NamedQuery) -> None:
    """Same columns, same rows, and the same order wherever the ORDER BY decides it."""
    assert remote.variables == embedded.variables
    assert as_multiset(remote) == as_multiset(embedded)
    keys = order_keys(query)
    if keys is not None and all(key in embedded.variables for key in keys):
        assert [tuple(r[k] for k in keys) for r in remote] == [
            tuple(r[k] for k in keys) for r in embedded
        ]
