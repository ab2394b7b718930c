"""Binding parameters: a ``VALUES`` block at the top of the WHERE clause.

pyoxigraph's ``substitutions`` only accepts projected variables, and remote
endpoints have no binding at all; one mechanism for both keeps their answers equal.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pyoxigraph as ox

from capgraph.errors import ParameterError, QueryError
from capgraph.query._lex import AGGREGATES, iter_tokens, query_form

Term = ox.NamedNode | ox.Literal | ox.BlankNode

_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def with_values(sparql: str, bindings: Mapping[str, Term], *, into_subqueries: bool = True) -> str:
    """Return ``sparql`` with a ``VALUES`` block binding ``bindings`` at the top of its WHERE.

    The terms are written in their N-Triples form (escaped by pyoxigraph), so a
    value can never close an IRI or a string and add to the query.

    A sub-SELECT is evaluated on its own, before the join with the outer
    ``VALUES``; so with ``into_subqueries`` each sub-SELECT that passes a bound
    variable through (see :func:`_pushable`) gets its own ``VALUES`` block for it
    too, and works on the one record asked about instead of all of them.
    """
    if not bindings:
        return sparql
    for name, term in bindings.items():
        if not _VARIABLE.fullmatch(name):
            raise ParameterError(f"{name!r} is not a SPARQL variable name")
        if not isinstance(term, ox.NamedNode | ox.Literal):
            raise ParameterError(f"?{name}: only an IRI or a literal can be bound, got {term}")
    inserts = [(_where_brace(sparql), set(bindings))]
    if into_subqueries:
        inserts += _subquery_braces(sparql, set(bindings))
    for position, names in sorted(inserts, reverse=True):
        block = _values_block({name: bindings[name] for name in names})
        sparql = sparql[: position + 1] + block + sparql[position + 1 :]
    return sparql


def _values_block(bindings: Mapping[str, Term]) -> str:
    names = sorted(bindings)
    return (
        " VALUES ("
        + " ".join("?" + name for name in names)
        + ") { ("
        + " ".join(str(bindings[name]) for name in names)
        + ") } "
    )


def _subquery_braces(sparql: str, names: set[str]) -> list[tuple[int, set[str]]]:
    """For each sub-SELECT: the position of its WHERE brace and the bound names it passes on.

    A sub-SELECT only sees a name that every sub-SELECT around it passes on too.
    """
    tokens = [(m.lastgroup, m.group(), m.start()) for m in iter_tokens(sparql)]
    found: list[tuple[int, set[str]]] = []
    # (depth at which the sub-SELECT's enclosing group closes, names visible inside it)
    scopes: list[tuple[int, set[str]]] = []
    depth = 0
    seen_select = query_form(sparql) != "SELECT"  # the main SELECT is not a sub-SELECT
    for index, (kind, text, _start) in enumerate(tokens):
        if text == "{":
            depth += 1
        elif text == "}":
            depth -= 1
            while scopes and depth < scopes[-1][0]:
                scopes.pop()
        elif kind == "word" and text.upper() == "SELECT":
            if not seen_select:
                seen_select = True
                continue
            visible = scopes[-1][1] if scopes else names
            try:
                passed = {n for n in visible if _pushable(tokens, index, n)}
            except IndexError:  # not a whole query: the store will say what is wrong
                passed = set()
            brace = next((i for i in range(index, len(tokens)) if tokens[i][1] == "{"), None)
            if passed and brace is not None:
                found.append((tokens[brace][2], passed))
            scopes.append((depth, passed))
    return found


def _pushable(tokens: list[tuple[str | None, str, int]], select: int, name: str) -> bool:
    """True when restricting the sub-SELECT at ``select`` to values of ``?name`` changes nothing.

    That is when it projects ``?name`` as itself (not ``AS ?name``), groups by it if it
    groups at all, aggregates nothing without grouping, and has no LIMIT or OFFSET.
    """
    variables = {"?" + name, "$" + name}
    head: list[tuple[str | None, str]] = []
    index = select + 1
    while tokens[index][1] != "{" and tokens[index][1].upper() != "WHERE":
        head.append((tokens[index][0], tokens[index][1]))
        index += 1
    if not _projects_as_itself([text for _kind, text in head], variables):
        return False
    modifiers = _solution_modifiers(tokens, index)
    words = [m.upper() for m in modifiers]
    if "LIMIT" in words or "OFFSET" in words:
        return False
    if "GROUP" in words:
        return _groups_by(modifiers, words, variables)
    return not AGGREGATES & {text.upper() for _kind, text in head}


def _projects_as_itself(head: list[str], variables: set[str]) -> bool:
    """True when the SELECT clause ``head`` projects one of ``variables`` unrenamed."""
    depth = 0
    projected = False
    for position, text in enumerate(head):
        depth += {"(": 1, ")": -1}.get(text, 0)
        if text in variables:
            if position > 0 and head[position - 1].upper() == "AS":
                return False
            projected = projected or depth == 0
    return projected


def _solution_modifiers(tokens: list[tuple[str | None, str, int]], index: int) -> list[str]:
    """The tokens after the WHERE group that starts at or after ``index``, up to its ``}``."""
    while tokens[index][1] != "{":
        index += 1
    level = 0
    while True:
        level += {"{": 1, "}": -1}.get(tokens[index][1], 0)
        index += 1
        if level == 0:
            break
    modifiers = []
    while index < len(tokens) and tokens[index][1] != "}":
        modifiers.append(tokens[index][1])
        index += 1
    return modifiers


def _groups_by(modifiers: list[str], words: list[str], variables: set[str]) -> bool:
    """True when GROUP BY lists one of ``variables`` as a key and renames none to it."""
    keys = modifiers[words.index("GROUP") + 2 :]
    for stop in ("HAVING", "ORDER"):
        if stop in words:
            keys = keys[: max(0, words.index(stop) - words.index("GROUP") - 2)]
    plain = [k for i, k in enumerate(keys) if i == 0 or keys[i - 1].upper() != "AS"]
    renamed = [k for i, k in enumerate(keys) if i > 0 and keys[i - 1].upper() == "AS"]
    return bool(variables & set(plain)) and not variables & set(renamed)


def _where_brace(sparql: str) -> int:
    seen_where = seen_construct = False
    for token in iter_tokens(sparql):
        kind, text = token.lastgroup, token.group()
        if kind == "word":
            word = text.upper()
            seen_where = seen_where or word == "WHERE"
            seen_construct = seen_construct or word == "CONSTRUCT"
        elif text == "{" and (seen_where or not seen_construct):
            return token.start()
    raise QueryError("cannot find the WHERE clause of the query to bind its parameters")
