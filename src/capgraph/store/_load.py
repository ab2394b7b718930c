"""Load a project's files into a pyoxigraph store, with clear errors and no network."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from capgraph._lexical import LEXICAL
from capgraph._progress import NO_PROGRESS, Progress
from capgraph.errors import InputError
from capgraph.namespaces import ID, OWL, RDF, XSD
from capgraph.project import RDF_EXTENSIONS, Project
from capgraph.store._guards import (
    check_imports,
    check_typed_literals,
    expand_xml_entities,
    position,
    remote_context_error,
)
from capgraph.store._limits import CONVERTED_TYPES, calendar_error, check_json_nesting, ill_typed

_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "n-triples": ox.RdfFormat.N_TRIPLES,
    "n-quads": ox.RdfFormat.N_QUADS,
    "rdf/xml": ox.RdfFormat.RDF_XML,
    "json-ld": ox.RdfFormat.JSON_LD,
}

#: Formats whose typed literals the line scan can see (the Turtle family).
_SCANNED = (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS)
_PARSER_PREFIX = re.compile(
    r"^Parser error (at line \d+ (between columns \d+ and \d+|column \d+)"
    r"|between line \d+ column \d+ and line \d+ column \d+): "
)
_JSONLD_KEYWORD_ERROR = re.compile(r"(@\w+) value must be")
_TYPED_LITERAL = re.compile(  # not from inside a long string's quotes: (?<!")
    r'(?<!")"((?:[^"\\\n]|\\.)*)"\^\^(?:xsd:(\w+)|<' + re.escape(XSD) + r"(\w+)>)"
)


@dataclass(frozen=True)
class LoadedFile:
    """One file that was loaded: where its triples went and how many there were."""

    path: str
    default_graph: str


@dataclass(frozen=True)
class LoadSummary:
    """What ``load_project`` put in the store."""

    files: tuple[LoadedFile, ...]
    #: Quads in the store after the load (pyoxigraph counts by walking the store,
    #: so this is counted once, not per file).
    quads: int


def file_graph_iri(relative_path: str) -> str:
    """The named graph that holds the default-graph triples of a project file."""
    return f"{ID}file/{relative_path}"


def load_project(
    project: Project, store: ox.Store, *, progress: Progress = NO_PROGRESS
) -> LoadSummary:
    """Parse every ontology and data file of ``project`` into ``store``.

    Nothing is fetched: ``owl:imports`` must name ontologies of the project
    itself, and remote JSON-LD contexts and RDF/XML DTDs are refused
    (``capgraph.store._guards``). ``progress`` hears of each file read, then of
    the number of triples.
    """
    files = [(path, True) for path in project.ontology_files]
    files += [(path, False) for path in project.data_files]
    progress.start("load: files read", total=len(files))
    loaded = []
    for path, ontology in files:
        loaded.append(_load_file(store, path, project=project, ontology=ontology))
        progress.advance()
    if not all(scanned for _, scanned in loaded):
        check_typed_literals(store, project, LEXICAL)
    check_imports(store, project)
    quads = len(store)
    progress.note(f"{quads:,} triples")
    return LoadSummary(files=tuple(file for file, _ in loaded), quads=quads)


def load_file(
    store: ox.Store, path: Path, *, project: Project, ontology: bool = False
) -> LoadedFile:
    """Load one file; triples outside a named graph go to the file's own graph.

    For an ontology file that graph is the ontology's IRI, so the ontology can be
    published and queried as one named graph.
    """
    return _load_file(store, path, project=project, ontology=ontology)[0]


def _load_file(
    store: ox.Store, path: Path, *, project: Project, ontology: bool = False
) -> tuple[LoadedFile, bool]:
    """``load_file``, and whether the line scan saw every typed literal of the file."""
    relative = project.relative(path)
    data = read_utf8(path, display=relative)
    fmt = _FORMATS[RDF_EXTENSIONS[path.suffix.lower()]]
    if fmt == ox.RdfFormat.RDF_XML:
        data = expand_xml_entities(data, display=relative)
    elif fmt == ox.RdfFormat.JSON_LD:
        check_json_nesting(data, display=relative)
    scanned = check_literals(data, display=relative) == data.count("^^") and fmt in _SCANNED
    graph = (ontology and _ontology_iri(data, fmt, relative)) or file_graph_iri(relative)
    try:
        store.load(data.encode("utf-8"), format=fmt, to_graph=ox.NamedNode(graph))
    except SyntaxError as error:
        raise _input_error(error, relative, data) from None
    except (ValueError, OSError) as error:
        raise InputError(str(error), file=relative) from None
    except MemoryError:
        raise InputError(
            "the parser ran out of memory: a single term (IRI or literal) over 16 MiB is "
            "more than it takes",
            file=relative,
        ) from None
    return LoadedFile(path=relative, default_graph=graph), scanned


def read_utf8(path: Path, *, display: str) -> str:
    """The text of ``path``; a byte that is not UTF-8 is reported with its line."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(error.strerror or str(error), file=display) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise InputError(
            f"not UTF-8: byte 0x{raw[error.start]:02x} cannot be decoded",
            file=display,
            line=line,
            column=column,
        ) from None


def check_literals(text: str, *, display: str) -> int:
    """Refuse typed literals whose lexical form is not valid for their XSD datatype.

    A line scan of ``"…"^^xsd:T`` and ``"…"^^<…XMLSchema#T>``; returns how many
    it checked, so the loader knows whether a typed literal may have escaped it
    (``load_guards.check_typed_literals`` then checks the store).
    """
    checked = 0
    # Visit only the lines that hold "^^" (found at C speed), and count lines for the
    # error alone: a Python loop over every line costs more than the parse.
    position = text.find("^^")
    while position != -1:
        start = text.rfind("\n", 0, position) + 1
        end = text.find("\n", position)
        end = len(text) if end == -1 else end
        for match in _TYPED_LITERAL.finditer(text, start, end):
            checked += 1
            datatype = match.group(2) or match.group(3)
            pattern = LEXICAL.get(datatype)
            if pattern is not None:
                valid = pattern.fullmatch(match.group(1))
                why = calendar_error(datatype, match.group(1)) if valid else ""
            elif datatype in CONVERTED_TYPES:
                why = "" if ill_typed(datatype, _unescape(match.group(1))) else None
            else:
                continue
            if why is not None:
                reason = f": {why}" if why else ""
                raise InputError(
                    f'"{match.group(1)}" is not a valid xsd:{datatype}{reason}',
                    file=display,
                    line=text.count("\n", 0, start) + 1,
                    column=match.start() - start + 1,
                )
        position = text.find("^^", end)
    return checked


def _unescape(lexical: str) -> str:
    return lexical.replace('\\"', '"').replace("\\\\", "\\") if "\\" in lexical else lexical


def _ontology_iri(text: str, fmt: ox.RdfFormat, display: str) -> str | None:
    try:
        for quad in ox.parse(text.encode("utf-8"), format=fmt):
            if (
                quad.predicate.value == RDF + "type"
                and isinstance(quad.object, ox.NamedNode)
                and quad.object.value == OWL + "Ontology"
                and isinstance(quad.subject, ox.NamedNode)
            ):
                return quad.subject.value
    except SyntaxError as error:
        raise _input_error(error, display, text) from None
    return None


def _input_error(error: SyntaxError, display: str, text: str) -> InputError:
    message = str(error.args[0]) if error.args else str(error)
    if "LoadDocumentCallback" in message:  # pyoxigraph has no loader for remote contexts
        return remote_context_error(text, display=display)
    message = _PARSER_PREFIX.sub("", message)
    line, column = error.lineno, error.offset
    keyword = _JSONLD_KEYWORD_ERROR.match(message)
    if line is None and keyword:  # pyoxigraph gives JSON-LD keyword errors no position
        found = re.search(rf'"{re.escape(keyword.group(1))}"\s*:\s*(?!"|null\b)', text)
        if found:
            line, column = position(text, found.start())
    return InputError(message, file=display, line=line, column=column)
