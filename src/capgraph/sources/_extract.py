"""``extract``: a document -> its text under ``data/sources/`` and a draft TriG record."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from capgraph._io import atomic_write
from capgraph.errors import InputError
from capgraph.sources._documents import read_document
from capgraph.sources._draft import build_draft
from capgraph.sources._lexicon import build_lexicon
from capgraph.sources._model import Draft, slug
from capgraph.sources._trig import to_trig

if TYPE_CHECKING:
    from capgraph.query import Queryable


@dataclass(frozen=True)
class Extraction:
    """What ``extract`` wrote: the draft, its file, the copied text and the claim count."""

    draft: Draft
    draft_file: Path
    text_file: Path

    @property
    def claims(self) -> int:
        return len(self.draft.claims)


def default_source_id(document: Path) -> str:
    return slug(document.stem, words=12)


def extract(
    document: str | Path,
    *,
    project_dir: str | Path,
    record: Queryable | None,
    source_id: str | None = None,
    output: str | Path | None = None,
) -> Extraction:
    """Draft the record of ``document`` into the project at ``project_dir``.

    ``record`` is the project as loaded (or ``None`` for a project without data yet): its
    bodies, documents, tools and decisions are linked to by IRI.
    """
    path = Path(document)
    text = read_document(path)
    ident = source_id or default_source_id(path)
    if slug(ident, words=99) != ident:
        raise InputError(f"--source-id {ident!r} must be a lower-case slug [a-z0-9-]+")
    root = Path(project_dir)
    sources = root / "data" / "sources"
    sources.mkdir(parents=True, exist_ok=True)
    text_file = sources / (f"{ident}.txt")
    if path.suffix.lower() == ".txt":
        if path.resolve() != text_file.resolve():
            shutil.copyfile(path, text_file)
    else:
        atomic_write(text_file, text)
    relative = text_file.relative_to(root).as_posix()
    draft = build_draft(
        text, source_id=ident, text_file=relative, lexicon=build_lexicon(record, source_id=ident)
    )
    target = Path(output) if output else root / "data" / "drafts" / f"{ident}.trig"
    header = (
        f"DRAFT record of {relative}, written by capgraph extract: review every claim.\n"
        "A reviewed claim loses its 'cap:reviewStatus cap:draft' line; a wrong one is deleted."
    )
    atomic_write(target, to_trig(draft, header=header))
    return Extraction(draft, target, text_file)


__all__ = ["Extraction", "default_source_id", "extract"]
