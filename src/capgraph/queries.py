"""The named-query library: ``.rq`` files with a header, and safe parameter binding."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from capgraph.errors import InputError, ParameterError, QueryError
from capgraph.load import _LEXICAL, read_utf8
from capgraph.namespaces import PREFIXES, XSD
from capgraph.sparql_lex import AGGREGATES, iter_tokens, query_form

Term = ox.NamedNode | ox.Literal | ox.BlankNode

_HEADER = re.compile(r"#\s*(title|description|param)\s*:\s*(.*)")
_PARAM = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s+(iri|[A-Za-z][\w-]*:[A-Za-z]\w*)(\??)\s*(.*)")


@dataclass(frozen=True)
class Param:
    """One declared query parameter: ``kind`` is ``"iri"`` or a datatype IRI."""

    name: str
    kind: str
    optional: bool = False
    description: str = ""

    @property
    def type_label(self) -> str:
        label = "iri" if self.kind == "iri" else "xsd:" + self.kind.removeprefix(XSD)
        return label + ("?" if self.optional else "")


@dataclass(frozen=True)
class NamedQuery:
    """A SPARQL query with its header metadata."""

    name: str
    text: str
    title: str = ""
    description: str = ""
    params: tuple[Param, ...] = ()
    path: str | None = None

    @classmethod
    def from_text(cls, text: str, *, name: str, path: str | None = None) -> NamedQuery:
        """Read the header comments (title, description, params) of a query."""
        title, description_lines, params = "", [], []
        last = ""
        for number, line in enumerate(text.splitlines(), start=1):
            stripped = line.strip()
            if not stripped.startswith("#"):
                if stripped:
                    break
                continue
            match = _HEADER.match(stripped)
            if match:
                key, value = match.group(1), match.group(2).strip()
                last = key
                if key == "title":
                    title = value
                elif key == "description":
                    description_lines.append(value)
                else:
                    params.append(_parse_param(value, path or name, number))
            elif last == "description" and line.startswith("#  "):
                description_lines.append(stripped.lstrip("#").strip())
            else:
                last = ""
        return cls(
            name=name,
            text=text,
            title=title,
            description=" ".join(description_lines),
            params=tuple(params),
            path=path,
        )

    def param(self, name: str) -> Param:
        for param in self.params:
            if param.name == name:
                return param
        raise ParameterError(f"query {self.name!r} has no parameter {name!r}; {self.takes()}")

    def takes(self) -> str:
        """A phrase listing the parameters, for error messages."""
        if not self.params:
            return "it takes no parameters"
        return "it takes: " + ", ".join(f"{p.name} ({p.type_label})" for p in self.params)


class QueryLibrary:
    """The named queries of a project, by file stem."""

    def __init__(self, queries: Iterable[NamedQuery]) -> None:
        self._queries = {query.name: query for query in queries}

    @classmethod
    def from_files(cls, paths: Iterable[Path], *, root: Path | None = None) -> QueryLibrary:
        queries = []
        for path in paths:
            display = path.relative_to(root).as_posix() if root else path.as_posix()
            queries.append(
                NamedQuery.from_text(read_utf8(path, display=display), name=path.stem, path=display)
            )
        return cls(queries)

    def names(self) -> list[str]:
        return sorted(self._queries)

    def all(self) -> list[NamedQuery]:
        return [self._queries[name] for name in self.names()]

    def __contains__(self, name: object) -> bool:
        return name in self._queries

    def get(self, name: str) -> NamedQuery:
        try:
            return self._queries[name]
        except KeyError:
            known = ", ".join(self.names()) or "(none)"
            raise QueryError(f"unknown query {name!r}; known queries: {known}") from None

    def resolve(self, name_or_text: str) -> NamedQuery:
        """A library name, a path to an ``.rq`` file, or SPARQL text."""
        if name_or_text in self._queries:
            return self._queries[name_or_text]
        if name_or_text.endswith(".rq") and "\n" not in name_or_text:
            path = Path(name_or_text)
            if not path.is_file():
                raise QueryError(f"query file not found: {name_or_text}")
            return NamedQuery.from_text(
                read_utf8(path, display=name_or_text), name=path.stem, path=name_or_text
            )
        if _looks_like_sparql(name_or_text):
            return NamedQuery.from_text(name_or_text, name="(inline query)")
        return self.get(name_or_text)


def bind_params(query: NamedQuery, values: Mapping[str, object]) -> dict[str, Term]:
    """Check ``values`` against the query's declared parameters and make RDF terms of them."""
    for name in values:
        if name not in {p.name for p in query.params}:
            raise ParameterError(f"query {query.name!r} has no parameter {name!r}; {query.takes()}")
    bound: dict[str, Term] = {}
    for param in query.params:
        if param.name not in values or values[param.name] is None:
            if not param.optional:
                raise ParameterError(
                    f"query {query.name!r} needs parameter {param.name!r}; {query.takes()}"
                )
            continue
        bound[param.name] = to_term(param, values[param.name], query=query.name)
    return bound


def to_term(param: Param, value: object, *, query: str) -> Term:
    """One parameter value as an RDF term of the declared kind."""
    if isinstance(value, ox.NamedNode | ox.Literal | ox.BlankNode):
        return value
    text = str(value).lower() if isinstance(value, bool) else str(value)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # e.g. a command-line byte that is not UTF-8
        raise ParameterError(
            f"parameter {param.name!r} of query {query!r} is not valid Unicode text: {text!r}"
        ) from None
    if param.kind == "iri":
        return _iri(expand_iri(text), param, query)
    local = param.kind.removeprefix(XSD)
    pattern = _LEXICAL.get(local)
    if pattern is not None and not pattern.fullmatch(text):
        raise ParameterError(
            f"parameter {param.name!r} of query {query!r} must be an xsd:{local}, got {text!r}"
        )
    return ox.Literal(text, datatype=ox.NamedNode(param.kind))


def expand_iri(value: str) -> str:
    """Expand a known prefixed name (``id:tor/cap-group/2020``) to a full IRI."""
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return value


def _iri(value: str, param: Param, query: str) -> ox.NamedNode:
    if not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", value):
        raise ParameterError(
            f"parameter {param.name!r} of query {query!r} must be an absolute IRI "
            f"(or a prefixed name such as id:…), got {value!r}"
        )
    try:
        return ox.NamedNode(value)
    except ValueError as error:
        raise ParameterError(
            f"parameter {param.name!r} of query {query!r} is not a valid IRI: {value!r} ({error})"
        ) from None


def _parse_param(value: str, where: str, line: int) -> Param:
    match = _PARAM.fullmatch(value)
    if not match:
        raise InputError(
            f"malformed '# param:' header {value!r}; expected 'NAME iri|xsd:TYPE[?] DESCRIPTION'",
            file=where,
            line=line,
        )
    name, kind, optional, description = match.groups()
    if kind != "iri":
        prefix, _, local = kind.partition(":")
        if prefix not in PREFIXES:
            raise InputError(f"unknown prefix in parameter type {kind!r}", file=where, line=line)
        kind = PREFIXES[prefix] + local
    return Param(name=name, kind=kind, optional=bool(optional), description=description.strip())


def _looks_like_sparql(text: str) -> bool:
    return bool(
        re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", text, re.IGNORECASE) and ("{" in text)
    )


# --- Binding: a VALUES block at the top of the WHERE clause ---
# pyoxigraph's ``substitutions`` only accepts projected variables, and remote
# endpoints have no binding at all; one mechanism for both keeps their answers equal.

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
    depth = 0
    head: list[tuple[str | None, str]] = []
    index = select + 1
    while tokens[index][1] != "{" and tokens[index][1].upper() != "WHERE":
        head.append((tokens[index][0], tokens[index][1]))
        index += 1
    projected = False
    for position, (_kind, text) in enumerate(head):
        depth += {"(": 1, ")": -1}.get(text, 0)
        if text in variables:
            after_as = position > 0 and head[position - 1][1].upper() == "AS"
            if after_as:
                return False
            projected = projected or depth == 0
    if not projected:
        return False
    while tokens[index][1] != "{":
        index += 1
    # Skip the WHERE group, then read the solution modifiers up to the closing brace.
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
    words = [m.upper() for m in modifiers]
    if "LIMIT" in words or "OFFSET" in words:
        return False
    if "GROUP" in words:
        keys = modifiers[words.index("GROUP") + 2 :]
        for stop in ("HAVING", "ORDER"):
            if stop in words:
                keys = keys[: max(0, words.index(stop) - words.index("GROUP") - 2)]
        plain = [k for i, k in enumerate(keys) if i == 0 or keys[i - 1].upper() != "AS"]
        renamed = [k for i, k in enumerate(keys) if i > 0 and keys[i - 1].upper() == "AS"]
        return bool(variables & set(plain)) and not variables & set(renamed)
    return not AGGREGATES & {text.upper() for _kind, text in head}


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
