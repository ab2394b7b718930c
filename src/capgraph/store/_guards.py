"""Guards for files capgraph did not write: no fetching, no entity bombs, no ill-typed data.

The loader hands every file to pyoxigraph's parsers, which never open a socket
by themselves (measured: ``tests/hardening/test_no_network.py``). What they do
not refuse on their own is handled here:

- **RDF/XML DTDs.** Oxigraph expands internal entities, nested ones included,
  so a "billion laughs" file grows to gigabytes. An internal subset is allowed
  only when it declares flat entities (a value with no ``&``, ``%`` or ``<``),
  the way Protégé writes namespace entities; capgraph expands those itself,
  with a bound on the growth, and hands the parser a file without a DTD.
  External DTDs and entities, parameter entities and nested references are refused.
- **JSON-LD remote contexts.** pyoxigraph refuses them (it has no document
  loader); the error is given the file, line and column of the context.
- **``owl:imports``.** Never fetched. The project's own ``ontology/`` folder is
  the catalog: an import must name the IRI (or version IRI) of an ontology
  loaded from the project, otherwise loading fails with the import located.
- **Ill-typed literals** that the line scan of ``load.check_literals`` cannot
  see (single-quoted or long strings, another prefix for XSD, RDF/XML,
  JSON-LD) are found in the store after the load and located in the files.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from capgraph import sparql
from capgraph.errors import InputError
from capgraph.project import Project
from capgraph.store._limits import CONVERTED_TYPES, calendar_error, ill_typed

#: How many characters flat entity references may add to one RDF/XML file.
MAX_ENTITY_GROWTH = 16 * 1024 * 1024

_NAME = r"[A-Za-z_:][\w.\-:]*"
_DOCTYPE_HEAD = re.compile(rf"<!DOCTYPE\s+{_NAME}\s*")
_SUBSET_ITEM = re.compile(
    rf"""\s+
    |<!--(?:[^-]|-(?!-))*-->
    |<!ENTITY\s+(?P<name>{_NAME})\s+(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)')\s*>
    """,
    re.VERBOSE,
)
_REFERENCE = re.compile(rf"&({_NAME});")
_REMOTE_CONTEXT = re.compile(r'"@(?:context|import)"\s*:\s*(?:\[\s*)?"')


@dataclass(frozen=True)
class Where:
    """A place in a project file, for an error message."""

    file: str
    line: int | None = None
    column: int | None = None


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _refuse(message: str, text: str, offset: int, display: str) -> InputError:
    line, column = position(text, offset)
    return InputError(message, file=display, line=line, column=column)


def expand_xml_entities(text: str, *, display: str) -> str:
    """RDF/XML without its DTD: flat internal entities expanded, anything else refused.

    The DTD is replaced by as many newlines as it spanned, so the parser's line
    numbers still point into the file.
    """
    head = _DOCTYPE_HEAD.search(text)
    if head is None:
        if "<!DOCTYPE" in text:  # e.g. a name outside ASCII: not read, so not trusted
            raise _refuse(
                "a DOCTYPE whose name capgraph cannot read is refused",
                text,
                text.index("<!DOCTYPE"),
                display,
            )
        if "<!ENTITY" in text:
            raise _refuse(
                "an <!ENTITY> outside a DOCTYPE is refused", text, text.index("<!ENTITY"), display
            )
        return text
    entities, end = _internal_subset(text, head.end(), display)
    body = text[end:]
    if "<!DOCTYPE" in body or "<!ENTITY" in body:
        offset = end + min(i for i in (body.find("<!DOCTYPE"), body.find("<!ENTITY")) if i >= 0)
        raise _refuse("a second DOCTYPE or ENTITY is refused", text, offset, display)
    growth = 0
    for match in _REFERENCE.finditer(body):
        value = entities.get(match.group(1))
        if value is not None:
            growth += len(value) - len(match.group())
            if growth > MAX_ENTITY_GROWTH:
                raise _refuse(
                    f"entity references would add more than {MAX_ENTITY_GROWTH} characters; "
                    "refused",
                    text,
                    end + match.start(),
                    display,
                )
    expanded = _REFERENCE.sub(lambda m: entities.get(m.group(1), m.group()), body)
    return text[: head.start()] + "\n" * text.count("\n", head.start(), end) + expanded


def _internal_subset(text: str, start: int, display: str) -> tuple[dict[str, str], int]:
    """The flat entities of the DTD that starts at ``start``, and where the DTD ends."""
    if text.startswith(("SYSTEM", "PUBLIC"), start):
        raise _refuse(
            "an external DTD is refused: capgraph never fetches while loading",
            text,
            start,
            display,
        )
    if text.startswith(">", start):
        return {}, start + 1
    if not text.startswith("[", start):
        raise _refuse("malformed DOCTYPE", text, start, display)
    entities: dict[str, str] = {}
    offset = start + 1
    while True:
        match = _SUBSET_ITEM.match(text, offset)
        if match is None:
            break
        if match.group("name"):
            value = match.group("dq") if match.group("dq") is not None else match.group("sq")
            if any(c in value for c in "&%<"):
                raise _refuse(
                    f"entity {match.group('name')!r} refers to other entities or markup; "
                    "nested entities are refused (they can expand to gigabytes)",
                    text,
                    match.start(),
                    display,
                )
            entities[match.group("name")] = value.replace('"', "&quot;").replace("'", "&apos;")
        offset = match.end()
    close = re.compile(r"\]\s*>").match(text, offset)
    if close is None:
        raise _refuse(
            'only internal entity declarations <!ENTITY name "value"> are allowed in a '
            "DOCTYPE; external, parameter and other declarations are refused",
            text,
            offset,
            display,
        )
    return entities, close.end()


def remote_context_error(text: str, *, display: str) -> InputError:
    """The error for a JSON-LD file whose ``@context`` (or ``@import``) is a URL."""
    message = (
        "remote JSON-LD contexts are refused: capgraph never fetches while loading; "
        "put the context inline"
    )
    try:
        url = _remote_context(json.loads(text))
    except ValueError:
        url = None
    found = text.find(json.dumps(url)) if url is not None else -1
    if found < 0:
        match = _REMOTE_CONTEXT.search(text)
        found = match.end() - 1 if match else -1
    if found < 0:
        return InputError(message, file=display)
    return _refuse(message, text, found, display)


def _remote_context(node: object, *, in_context: bool = False) -> str | None:
    """The first context reference (a string where a context belongs) in a JSON-LD tree."""
    if isinstance(node, str):
        return node if in_context else None
    items: list[tuple[object, bool]] = []
    if isinstance(node, list):
        items = [(item, in_context) for item in node]
    elif isinstance(node, dict):
        for key, value in node.items():
            if key == "@context" or (in_context and key == "@import"):
                items.append((value, True))
            elif isinstance(value, dict | list):
                items.append((value, False))
    for item, context in items:
        found = _remote_context(item, in_context=context)
        if found is not None:
            return found
    return None


def _internal_rows(store: ox.Store, name: str) -> list[tuple[ox.NamedNode | ox.Literal, ...]]:
    result = store.query(sparql.text(name), use_default_graph_as_union=True)
    assert isinstance(result, ox.QuerySolutions)
    width = len(result.variables)
    return [tuple(solution[i] for i in range(width)) for solution in result]


def locate(texts: Iterable[tuple[str, str]], needles: Iterable[str]) -> Where | None:
    """Where the first of ``needles`` that occurs in any file does (needles by priority)."""
    texts = list(texts)
    for needle in needles:
        for display, text in texts:
            found = text.find(needle) if needle else -1
            if found >= 0:
                line, column = position(text, found)
                return Where(display, line, column)
    return None


def check_imports(store: ox.Store, project: Project) -> None:
    """Every ``owl:imports`` must name an ontology loaded from the project."""
    known = {row[0].value for row in _internal_rows(store, "load-ontologies")}
    for (target,) in _internal_rows(store, "load-imports"):
        if isinstance(target, ox.NamedNode) and target.value in known:
            continue
        iri = target.value
        where = locate(project_texts(project), [f"<{iri}>", iri, "imports"])
        where = where or Where("(project)")
        raise InputError(
            f"owl:imports <{iri}> is not an ontology of this project, and capgraph never "
            f"fetches imports; put a copy of it in ontology/ (declaring <{iri}> a owl:Ontology)",
            file=where.file,
            line=where.line,
            column=where.column,
        )


def check_typed_literals(
    store: ox.Store, project: Project, lexical: dict[str, re.Pattern[str]]
) -> None:
    """Refuse a typed literal (anywhere in the store) whose form is invalid for its XSD type."""
    for value, datatype in _internal_rows(store, "load-typed-literals"):
        local = datatype.value.rsplit("#", 1)[-1]
        pattern = lexical.get(local)
        if pattern is not None:
            why = calendar_error(local, value.value) if pattern.fullmatch(value.value) else ""
        elif local in CONVERTED_TYPES:
            why = "" if ill_typed(local, value.value) else None
        else:
            continue
        if why is None:
            continue
        lexical_form = value.value
        needles = [
            *(f"{q}{lexical_form}{q}^^" for q in ('"', "'", '"""', "'''")),
            f">{lexical_form}</",  # RDF/XML
            *(f"{q}{lexical_form}{q}" for q in ('"', "'")),
            lexical_form,
        ]
        where = locate(project_texts(project), needles)
        where = where or Where("(project)")
        raise InputError(
            f'"{value.value}" is not a valid xsd:{local}' + (f": {why}" if why else ""),
            file=where.file,
            line=where.line,
            column=where.column,
        )


def project_texts(project: Project) -> list[tuple[str, str]]:
    """``(relative path, text)`` of each loaded file, for locating a term after the load."""
    texts = []
    for path in project.source_files:
        try:
            texts.append((project.relative(path), path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError):
            continue
    return texts
