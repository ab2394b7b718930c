"""The named-query library: ``.rq`` files with a header, and safe parameter binding."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from capgraph import sparql
from capgraph._lexical import LEXICAL
from capgraph.errors import InputError, ParameterError, QueryError
from capgraph.namespaces import PREFIXES, XSD
from capgraph.store import read_utf8

Term = ox.NamedNode | ox.Literal | ox.BlankNode

_HEADER = re.compile(r"#\s*(title|description|param|internal)\s*:\s*(.*)")
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
    #: Run by capgraph itself (the loader, ``info``, ``validate``); not listed.
    internal: bool = False

    @classmethod
    def from_text(cls, text: str, *, name: str, path: str | None = None) -> NamedQuery:
        """Read the header comments (title, description, params) of a query."""
        title, description_lines, params, internal = "", [], [], False
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
                elif key == "internal":
                    internal = True
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
            internal=internal,
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
    """The named queries of a project, by name: the built-in ones, then the project's own.

    A project query with the name of a built-in one overrides it; :meth:`overrides`
    says which do.
    """

    def __init__(self, queries: Iterable[NamedQuery], *, builtin: Iterable[str] = ()) -> None:
        self._queries = {query.name: query for query in queries}
        self._builtin = frozenset(builtin)

    @classmethod
    def from_files(cls, paths: Iterable[Path], *, root: Path | None = None) -> QueryLibrary:
        """Only the queries in ``paths`` (no built-in ones)."""
        return cls(_read_files(paths, root=root))

    @classmethod
    def builtin(cls) -> QueryLibrary:
        """The queries that ship with capgraph (:mod:`capgraph.sparql`)."""
        names = sparql.names()
        return cls(
            (NamedQuery.from_text(sparql.text(name), name=name) for name in names), builtin=names
        )

    @classmethod
    def for_project(cls, paths: Iterable[Path], *, root: Path | None = None) -> QueryLibrary:
        """The built-in queries with a project's ``queries/`` laid over them."""
        builtin = cls.builtin()
        return cls(
            [*builtin._queries.values(), *_read_files(paths, root=root)], builtin=builtin._builtin
        )

    def is_builtin(self, name: str) -> bool:
        """True when ``name`` ships with capgraph (whether or not the project overrides it)."""
        return name in self._builtin

    def overrides(self, name: str) -> bool:
        """True when the project's own query ``name`` replaces a built-in one."""
        return name in self._builtin and self._queries[name].path is not None

    def names(self) -> list[str]:
        """The named queries, sorted; internal ones are left out."""
        return sorted(name for name, query in self._queries.items() if not query.internal)

    def all(self) -> list[NamedQuery]:
        """The named queries, sorted by name; internal ones are left out."""
        return [self._queries[name] for name in self.names()]

    def __contains__(self, name: object) -> bool:
        return name in self._queries

    def get(self, name: str) -> NamedQuery:
        try:
            return self._queries[name]
        except KeyError:
            own = [n for n in self.names() if not self.is_builtin(n) or self.overrides(n)]
            builtin = [n for n in self.names() if n not in own]
            known = ", ".join(own) or "(none)"
            nearest = difflib.get_close_matches(name, self.names(), n=1)
            hint = f" (did you mean {nearest[0]}?)" if nearest else ""
            raise QueryError(
                f"unknown query {name!r}{hint}; known queries: {known}"
                + (f"; built-in: {', '.join(builtin)}" if builtin else "")
            ) from None

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


def _read_files(paths: Iterable[Path], *, root: Path | None) -> list[NamedQuery]:
    queries = []
    for path in paths:
        display = path.relative_to(root).as_posix() if root else path.as_posix()
        queries.append(
            NamedQuery.from_text(read_utf8(path, display=display), name=path.stem, path=display)
        )
    return queries


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
    pattern = LEXICAL.get(local)
    if pattern is not None and not pattern.fullmatch(text):
        raise ParameterError(
            f"parameter {param.name!r} of query {query!r} must be an xsd:{local}, got {text!r}"
        )
    return ox.Literal(text, datatype=ox.NamedNode(param.kind))


def expand_iri(value: str) -> str:
    """Expand a known prefixed name to a full IRI; anything else is returned as it is.

    >>> expand_iri("id:tor/cap-group/2020")
    'https://w3id.org/capgraph/id/tor/cap-group/2020'
    >>> expand_iri("https://example.org/x")
    'https://example.org/x'
    """
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return value


#: IRI schemes taken as they are though they have no ``//`` (anything else before a
#: colon must be a known prefix, so that a mistyped prefix is not read as a scheme).
_OPAQUE_SCHEMES = frozenset({"urn", "mailto", "tag", "info", "doi", "did", "data", "tel"})


def _iri(value: str, param: Param, query: str) -> ox.NamedNode:
    if not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", value):
        raise ParameterError(
            f"parameter {param.name!r} of query {query!r} must be an absolute IRI "
            f"(or a prefixed name such as id:…), got {value!r}"
        )
    scheme, _, rest = value.partition(":")
    if not rest.startswith("//") and scheme.lower() not in _OPAQUE_SCHEMES:
        raise ParameterError(
            f"parameter {param.name!r} of query {query!r}: unknown prefix {scheme + ':'!r} in "
            f"{value!r}; known prefixes: {', '.join(p + ':' for p in sorted(PREFIXES))}"
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
