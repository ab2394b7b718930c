"""Find the ontology/, data/, shapes/ and queries/ of a records project."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from capgraph.errors import InputError, ProjectNotFoundError

__all__ = [
    "CATALOG_NAME",
    "DOCUMENTATION_NAMES",
    "RDF_EXTENSIONS",
    "Project",
    "bundled_project_dir",
]

#: File extensions capgraph reads as RDF, and the format each one is.
RDF_EXTENSIONS: dict[str, str] = {
    ".ttl": "turtle",
    ".trig": "trig",
    ".nt": "n-triples",
    ".nq": "n-quads",
    ".rdf": "rdf/xml",
    ".owl": "rdf/xml",
    ".jsonld": "json-ld",
}

#: Documentation files passed over in a content folder: these exact names, in any case.
DOCUMENTATION_NAMES = frozenset(
    f"{stem}{ext}"
    for stem in ("README", "LICENSE", "LICENCE", "CHANGELOG", "NOTICE", "COPYING", "AUTHORS")
    for ext in ("", ".MD", ".TXT", ".RST")
)

#: Protégé's XML catalog beside an ontology. It is not read: the ontologies in
#: ``ontology/`` are the catalog, and an ``owl:imports`` must name one of them.
CATALOG_NAME = "catalog-v001.xml"


@dataclass(frozen=True)
class Project:
    """The content files of one records project, in a stable (sorted) order."""

    root: Path
    ontology_files: tuple[Path, ...]
    data_files: tuple[Path, ...]
    shape_files: tuple[Path, ...]
    query_files: tuple[Path, ...]
    check_files: tuple[Path, ...] = ()
    #: Content that the project does not hold and that comes from the bundled record
    #: instead: a subset of ``("ontology", "shapes")``.
    bundled: tuple[str, ...] = ()

    @classmethod
    def discover(cls, path: str | os.PathLike[str] | None = None) -> Project:
        """Return the project at ``path``; ``None`` means the bundled record."""
        root = bundled_project_dir() if path is None else Path(path).expanduser().resolve()
        if not root.is_dir():
            raise ProjectNotFoundError("project directory not found", file=str(path))
        data_dir = root / "data"
        if not data_dir.is_dir():
            raise ProjectNotFoundError(
                "no data/ folder: a records project needs at least data/", file=str(root)
            )
        data_files = _rdf_files(data_dir, skip=("sources",))
        if not data_files:
            raise InputError(
                "data/ holds no RDF files (expected " + ", ".join(RDF_EXTENSIONS) + ")",
                file=str(data_dir),
            )
        ontology_files = _rdf_files(root / "ontology", names_passed_over=(CATALOG_NAME,))
        shape_files = _rdf_files(root / "shapes", passed_over=(".rq",))
        check_files = _query_files_in(root / "shapes")
        bundled: list[str] = []
        if not (root / "ontology").is_dir() or not (root / "shapes").is_dir():
            fallback = bundled_project_dir()
            if not (root / "ontology").is_dir() and fallback != root:
                ontology_files = _rdf_files(
                    fallback / "ontology", names_passed_over=(CATALOG_NAME,)
                )
                bundled.append("ontology")
            if not (root / "shapes").is_dir() and fallback != root:
                shape_files = _rdf_files(fallback / "shapes", passed_over=(".rq",))
                check_files = _query_files_in(fallback / "shapes")
                bundled.append("shapes")
        return cls(
            root=root,
            ontology_files=ontology_files,
            data_files=data_files,
            shape_files=shape_files,
            query_files=_query_files(root / "queries", recursive=False),
            check_files=check_files,
            bundled=tuple(bundled),
        )

    def relative(self, path: Path) -> str:
        """``path`` relative to the project root, with forward slashes.

        A bundled file the project falls back on is named as it is in the bundled
        record (``ontology/capgraph.ttl``), so no local path reaches a graph name.
        """
        resolved = path.resolve()
        try:
            return resolved.relative_to(self.root).as_posix()
        except ValueError:
            pass
        if self.bundled:
            try:
                return resolved.relative_to(bundled_project_dir()).as_posix()
            except ValueError:
                pass
        return path.as_posix()

    @property
    def source_files(self) -> tuple[Path, ...]:
        """Every file whose change must rebuild a persistent store."""
        return self.ontology_files + self.data_files

    def fingerprint(self) -> str:
        """A digest of the names and contents of the files loaded into the store."""
        digest = hashlib.sha256()
        for path in self.source_files:
            digest.update(self.relative(path).encode())
            digest.update(b"\0")
            try:
                digest.update(path.read_bytes())
            except OSError as error:
                raise InputError(
                    f"cannot read: {error.strerror or error}", file=self.relative(path)
                ) from None
            digest.update(b"\0")
        return digest.hexdigest()


def bundled_project_dir() -> Path:
    """The record that ships with capgraph (inside the wheel, or the source checkout)."""
    package_dir = Path(__file__).resolve().parent
    for candidate in (package_dir / "_record", package_dir.parents[1]):
        if (candidate / "data").is_dir() and (candidate / "ontology").is_dir():
            return candidate
    raise ProjectNotFoundError("the bundled record is missing from this installation")


def _rdf_files(
    folder: Path,
    *,
    skip: Iterable[str] = (),
    passed_over: tuple[str, ...] = (),
    names_passed_over: tuple[str, ...] = (),
) -> tuple[Path, ...]:
    found: list[Path] = []
    for path in _content_files(folder, skip=skip):
        if path.suffix.lower() in passed_over or path.name in names_passed_over:
            continue
        if path.suffix.lower() not in RDF_EXTENSIONS:
            raise InputError(
                f"unknown file extension {path.suffix or '(none)'!r}; "
                "expected one of " + ", ".join(RDF_EXTENSIONS),
                file=str(path),
            )
        found.append(path)
    return tuple(found)


def _query_files_in(folder: Path) -> tuple[Path, ...]:
    """The ``.rq`` files under ``shapes/`` (the other files there are shapes)."""
    return tuple(path for path in _content_files(folder) if path.suffix.lower() == ".rq")


def _query_files(folder: Path, *, recursive: bool) -> tuple[Path, ...]:
    found: list[Path] = []
    for path in _content_files(folder):
        if path.suffix.lower() != ".rq":
            raise InputError(
                f"unknown file extension {path.suffix or '(none)'!r}; queries/ holds .rq files",
                file=str(path),
            )
        if not recursive and path.parent != folder:
            raise InputError("queries/ is read flat: move this file up a level", file=str(path))
        found.append(path)
    return tuple(found)


def _content_files(folder: Path, *, skip: Iterable[str] = ()) -> list[Path]:
    """Every file under ``folder`` that is content, sorted; anything odd is refused.

    Passed over: the documentation files named in ``DOCUMENTATION_NAMES`` (exactly,
    in any case) and hidden files that are not RDF or SPARQL (``.gitkeep``). Refused:
    hidden RDF or SPARQL files, dangling symbolic links, links that leave the
    project's folder, FIFOs and other special files, and folders that cannot be read.
    """
    if not folder.is_dir():
        return []
    root = folder.resolve().parent
    skipped = {folder / name for name in skip}
    found: list[Path] = []
    pending = [folder]
    seen: set[Path] = set()
    while pending:
        current = pending.pop()
        if current in skipped or current.resolve() in seen:
            continue
        seen.add(current.resolve())
        try:
            entries = sorted(os.scandir(current), key=lambda entry: entry.name)
        except OSError as error:
            raise InputError(
                f"cannot read this folder: {error.strerror or error}", file=str(current)
            ) from None
        for entry in entries:
            path = Path(entry.path)
            if entry.is_symlink():
                _check_link(path, root)
            if entry.is_dir():
                pending.append(path)
                continue
            if _passed_over(path):
                continue
            if not entry.is_file():
                raise InputError(
                    "not a regular file (a FIFO, socket or device): refused", file=str(path)
                )
            found.append(path)
    return sorted(found)


def _passed_over(path: Path) -> bool:
    if path.name.upper() in DOCUMENTATION_NAMES:
        return True
    if path.name.startswith("."):
        suffix = path.suffix.lower()
        if suffix in RDF_EXTENSIONS or suffix == ".rq":
            raise InputError(
                "a hidden RDF or SPARQL file is not loaded; rename it or remove it",
                file=str(path),
            )
        return True
    return False


def _check_link(path: Path, root: Path) -> None:
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        raise InputError("a dangling symbolic link", file=str(path)) from None
    if not target.is_relative_to(root):
        raise InputError(
            "a symbolic link that leaves the project's folder is refused (its target's "
            "local path would reach graph names); copy the file into the project",
            file=str(path),
        )
