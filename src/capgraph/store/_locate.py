"""Where each record is described: a file:line index of the subjects in the data files."""

from __future__ import annotations

import re
from collections.abc import Iterable, Set
from dataclasses import dataclass
from pathlib import Path

from capgraph.project import Project
from capgraph.store._load import read_utf8

_PREFIX_DECL = re.compile(r"^\s*(?:@prefix|PREFIX)\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.I)
_BASE_DECL = re.compile(r"^\s*(?:@base|BASE)\s+<([^>]*)>", re.I)
#: the first characters of ``@prefix``, ``PREFIX``, ``@base`` and ``BASE``
_DECL_STARTS = frozenset("@PpBb")
_LINE_START = re.compile(
    r"^\s*(?:GRAPH\s+)?(<[^>\s]*>|(?:[A-Za-z][\w.-]*)?:[^\s;,.{}()\[\]]*(?:\.[^\s;,.{}()\[\]]+)*)",
    re.I,
)


@dataclass(frozen=True, order=True)
class Location:
    """A place in a project file: the path relative to the project root, and a 1-based line."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


def build_index(project: Project) -> dict[str, Location]:
    """Map every IRI that starts a line of a Turtle/TriG file to its first such line.

    Records are written one subject block per record, so the first line that
    starts with a record's IRI is where that record is described. Graph names
    (``<g> {`` or ``GRAPH <g> {``) are indexed the same way.
    """
    return first_locations(build_file_index(project))


def build_file_index(
    project: Project, *, only: Set[str] | None = None, file: str | None = None
) -> dict[tuple[str, str], Location]:
    """Map (file, IRI) to the first line of that file that starts with the IRI.

    Files are read in the project's load order, and so are the keys. ``only`` keeps the
    IRIs it holds, ``file`` (a path relative to the project root) reads that file alone.
    """
    index: dict[tuple[str, str], Location] = {}
    for path in project.data_files + project.ontology_files:
        if path.suffix.lower() not in (".ttl", ".trig", ".nt", ".nq"):
            continue
        display = project.relative(path)
        if file is None or display == file:
            _index_file(path, display, index, only)
    return index


def find_locations(
    project: Project, iris: Iterable[str], *, file: str | None = None
) -> dict[str, Location]:
    """Where each of ``iris`` is first described (those that are), in one pass over the files.

    Only these IRIs are kept: the whole index of a 1M-triple record is 225,000 entries and
    80 MiB, where a validation needs the few hundred IRIs it reports. With ``file``, the
    first line of that file that describes each.
    """
    return first_locations(build_file_index(project, only=set(iris), file=file))


def first_locations(file_index: dict[tuple[str, str], Location]) -> dict[str, Location]:
    """For each IRI, its location in the first file (in load order) that describes it."""
    first: dict[str, Location] = {}
    for (_file, iri), location in file_index.items():
        first.setdefault(iri, location)
    return first


def _index_file(
    path: Path, display: str, index: dict[tuple[str, str], Location], only: Set[str] | None
) -> None:
    prefixes: dict[str, str] = {}
    base = ""
    # A subject (or graph name) can only start after a statement or a block ended:
    # lines that go on after ";" or "," hold predicates and objects.
    expect_subject = True
    for number, line in enumerate(read_utf8(path, display=display).splitlines(), start=1):
        # Inside a statement (most lines) only where it ends matters: testing each line for
        # a declaration and a subject made the index twice as slow (1M triples).
        if expect_subject and line.lstrip()[:1] in _DECL_STARTS:
            declared = _PREFIX_DECL.match(line)
            if declared:
                prefixes[declared.group(1) or ""] = declared.group(2)
                continue
            based = _BASE_DECL.match(line)
            if based:
                base = based.group(1)
                continue
        code = _strip_comment(line).rstrip()
        if not code:
            continue
        match = _LINE_START.match(code) if expect_subject else None
        if match:
            iri = _expand(match.group(1), prefixes, base)
            if iri is not None and (only is None or iri in only) and (display, iri) not in index:
                index[display, iri] = Location(display, number)
        expect_subject = code.endswith((".", "{", "}"))


def _strip_comment(line: str) -> str:
    """The line without a trailing comment (a ``#`` outside IRIs and strings)."""
    if "#" not in line:
        return line
    in_iri = escaped = False
    quote = ""
    for position, char in enumerate(line):
        if quote:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "<":
            in_iri = True
        elif char == ">":
            in_iri = False
        elif char == "#" and not in_iri:
            return line[:position]
    return line


def _expand(token: str, prefixes: dict[str, str], base: str) -> str | None:
    if token.startswith("<"):
        iri = token[1:-1]
        return iri if ":" in iri else base + iri
    prefix, _, local = token.partition(":")
    namespace = prefixes.get(prefix)
    return None if namespace is None else namespace + local.replace("\\", "")
