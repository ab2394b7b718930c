"""Build the site: read the record, ask the procedure and views stages, write every file."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from xml.sax.saxutils import escape

import pyoxigraph as ox

from capgraph.errors import OutputError
from capgraph.procedure import VersionHistory, history, list_tools, status, trace
from capgraph.query import KnowledgeGraph
from capgraph.site._addresses import page_path
from capgraph.site._context import Results
from capgraph.site._pages import ASSETS, Renderer, SiteOptions, search_files
from capgraph.site._rdf import page_quads, serialise
from capgraph.site._record import Record, read_record
from capgraph.site._views import View
from capgraph.site._views import draw as draw_view
from capgraph.sources import conflicts

#: Draws one view for a page, or gives None (nothing to draw, or pictures are off).
Draw = Callable[..., View | None]

#: The file that marks a folder as a capgraph site, so that a rebuild may replace it.
MARKER = ".capgraph-site"


@dataclass(frozen=True)
class SiteSummary:
    """What ``build`` wrote: the folder, its pages and its files."""

    output: str
    pages: int
    files: int
    drafts: bool


def build(
    kg: KnowledgeGraph,
    output: str | os.PathLike[str],
    *,
    base_url: str | None = None,
    drafts: bool = False,
    pictures: bool = True,
) -> SiteSummary:
    """Write the static site of the record to ``output``; the same record gives the same bytes.

    ``output`` must be missing, empty or a site built before (it is replaced whole).
    ``base_url`` (the address the site is hosted at) gives canonical links and a sitemap.
    ``pictures=False`` leaves the views out (each drawing takes about two seconds).
    """
    target = Path(output)
    _check_output(target)
    if base_url is not None and not base_url.endswith("/"):
        base_url += "/"
    files = site_files(kg, SiteOptions(base_url=base_url, drafts=drafts, pictures=pictures))
    _write_tree(target, files)
    pages = sum(1 for name in files if name.endswith(".html") and Path(name).name == "index.html")
    return SiteSummary(str(target), pages, len(files), drafts)


def site_files(kg: KnowledgeGraph, options: SiteOptions) -> dict[str, bytes]:
    """Every file of the site by its path relative to the root."""
    record = read_record(kg.store, drafts=options.drafts)
    kg = record_graph(kg, record)
    renderer = Renderer(record, options)
    files: dict[str, bytes] = {MARKER: b"capgraph site\n"}
    by_subject = _by_subject(record)
    draw = _drawer(options.pictures)
    results = _results(kg, record, draw)
    for resource in sorted(record.resources.values(), key=lambda r: r.iri):
        found = results.get(resource.iri, Results())
        files[page_path(resource.folder)] = renderer.resource(resource, found).encode("utf-8")
        for name, body in serialise(page_quads(resource, by_subject)).items():
            files[f"{resource.folder}/{name}"] = body
        for view in found.views:
            if view.html is not None:
                files[f"{resource.folder}/{view.name}.html"] = view.html
    processes = status(kg) if any(r.kind == "process" for r in record.resources.values()) else ()
    overview = draw(kg, "overview", key="overview", interactive=True)
    files["index.html"] = renderer.index(
        overview=overview, processes=processes, conflicts=conflicts(kg)
    ).encode("utf-8")
    if overview is not None and overview.html is not None:
        files["overview.html"] = overview.html
    files.update(search_files(record))
    for asset in ASSETS:
        files[f"assets/{asset}"] = (
            resources.files("capgraph.site") / "static" / asset
        ).read_bytes()
    if options.base_url:
        files["sitemap.xml"] = _sitemap(options.base_url, record).encode("utf-8")
    return dict(sorted(files.items()))


def record_graph(kg: KnowledgeGraph, record: Record) -> KnowledgeGraph:
    """The graph status, trace, history, the views and conflicts are asked: without drafts,
    a store of the record's quads without the draft claims, so every part of a page agrees."""
    if record.drafts:
        return kg
    store = ox.Store()
    store.extend(record.quads)
    return KnowledgeGraph(kg.project, store, kg.summary)


def _by_subject(record: Record) -> dict[str, list[ox.Quad]]:
    found: dict[str, list[ox.Quad]] = defaultdict(list)
    for quad in record.quads:
        found[
            str(quad.subject) if isinstance(quad.subject, ox.Triple) else quad.subject.value
        ].append(quad)
    return found


def _drawer(pictures: bool) -> Draw:
    if pictures:
        return draw_view

    def nothing(*_: object, **__: object) -> None:
        return None

    return nothing


def _results(kg: KnowledgeGraph, record: Record, draw: Draw) -> dict[str, Results]:
    """Status, trace and history where a page shows them, with the views that draw them."""
    found: dict[str, Results] = defaultdict(Results)
    kinds = {r.kind for r in record.resources.values()}
    if "process" in kinds:
        for process in status(kg):
            if process.iri in record.resources:
                found[process.iri].status = process
                _add_view(
                    found[process.iri], draw(kg, "approvals", item=process.iri, key="approvals")
                )
    if "tool" in kinds:
        for tool in list_tools(kg):
            if tool.iri in record.resources:
                found[tool.iri].trace = trace(kg, tool.iri)
                _add_view(found[tool.iri], draw(kg, "provenance", item=tool.iri, key="provenance"))
    if "tor" in kinds:
        versions: tuple[VersionHistory, ...] = history(kg)
        for version in versions:
            found[version.iri].history = version
        works = {v.work for v in versions if v.work}
        for work in sorted(works):
            _add_view(found[work], draw(kg, "history", key="history", interactive=True))
    return found


def _add_view(results: Results, view: View | None) -> None:
    if view is not None:
        results.views.append(view)


def _check_output(target: Path) -> None:
    if target.is_file() or (target.exists() and not target.is_dir()):
        raise OutputError(f"{target}: the output must be a folder, and this is a file")
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).is_file():
        raise OutputError(
            f"{target}: the folder is not empty and holds no site built by capgraph "
            f"(no {MARKER}); choose an empty or new folder"
        )


def _write_tree(target: Path, files: dict[str, bytes]) -> None:
    """Write into a new folder beside ``target``, then put it in ``target``'s place."""
    parent = target.absolute().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=parent))
        for name, body in files.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(body)
            path.chmod(0o644)
        staging.chmod(0o755)
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    except OSError as error:
        raise OutputError(f"{target}: cannot write the site: {error.strerror or error}") from None


def _sitemap(base_url: str, record: Record) -> str:
    urls = [base_url] + [
        f"{base_url}{r.folder}/" for r in sorted(record.resources.values(), key=lambda r: r.folder)
    ]
    body = "".join(f"  <url><loc>{escape(url)}</loc></url>\n" for url in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{body}</urlset>\n"
    )
