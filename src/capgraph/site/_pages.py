"""Pages from templates: one per resource, the index, and the files they need."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from capgraph.namespaces import CAP
from capgraph.procedure import ProcessStatus, TraceNode, VersionHistory
from capgraph.site._addresses import page_path
from capgraph.site._context import (
    Results,
    passage_claims,
    passage_text,
    referrers,
    statements,
)
from capgraph.site._links import Links
from capgraph.site._rdf import RDF_FILES
from capgraph.site._record import KINDS, Record, Resource
from capgraph.site._views import View
from capgraph.sources import Conflict

#: Assets shipped in the package, copied to ``assets/`` in the site.
ASSETS: tuple[str, ...] = ("site.css", "search.js")
SEARCH_INDEX = "assets/search-index.json"
SEARCH_SCRIPT = "assets/search-index.js"


@dataclass(frozen=True)
class SiteOptions:
    """How the site is addressed (``base_url``: absolute, ends in ``/``, or None), whether
    it shows draft claims, and whether it draws the views (about 2 s a drawing)."""

    base_url: str | None
    drafts: bool
    pictures: bool = True


def _environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("capgraph.site", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["KIND_HEADINGS"] = {kind: heading for kind, heading, _ in KINDS}
    return env


class Renderer:
    """Renders the pages of one site from its templates."""

    def __init__(self, record: Record, options: SiteOptions) -> None:
        self.record = record
        self.options = options
        self.env = _environment()

    def _common(self, folder: str, title: str) -> dict[str, Any]:
        base = self.options.base_url
        canonical = f"{base}{folder}/" if base and folder else base
        return {
            "links": Links(self.record, folder),
            "title": title,
            "canonical": canonical,
            "alternate_base": f"{base}{folder}/" if base and folder else "",
            "rdf_files": RDF_FILES if folder else (),
            "drafts": self.options.drafts,
            "search_index": SEARCH_SCRIPT,
        }

    def resource(self, resource: Resource, results: Results) -> str:
        context = self._common(resource.folder, resource.label)
        passage = resource.kind == "passage" or CAP + "Passage" in resource.types
        context.update(
            resource=resource,
            kind_heading=dict((k, h) for k, h, _ in KINDS)[resource.kind],
            statements=statements(resource.facts),
            referrers=referrers(resource),
            passage_text=passage_text(resource) if passage else None,
            claims=passage_claims(self.record, resource.iri) if passage else [],
            results=results,
        )
        return str(self.env.get_template("resource.html").render(context))

    def index(
        self,
        *,
        overview: View | None,
        processes: tuple[ProcessStatus, ...],
        conflicts: list[Conflict],
    ) -> str:
        context = self._common("", "The CAP Group's governance record")
        counts = [
            (kind, heading, self.record.of_kind(kind))
            for kind, heading, _ in KINDS
            if self.record.of_kind(kind)
        ]
        context.update(
            overview=overview,
            open_processes=[p for p in processes if p.process_status != "complete"],
            counts=counts,
            conflicts=conflicts,
        )
        return str(self.env.get_template("index.html").render(context))


def search_entries(record: Record) -> list[dict[str, str]]:
    """One entry per page: its label, kind, address and the quotes that cite it."""
    entries = []
    for resource in sorted(record.resources.values(), key=lambda r: (r.label, r.iri)):
        quotes = sorted(
            {f.citation.quote for f in resource.facts if f.citation and f.citation.quote}
        )
        text = passage_text(resource)
        entries.append(
            {
                "label": resource.label,
                "kind": resource.kind,
                "url": page_path(resource.folder),
                "text": " … ".join(([text] if text else []) + quotes),
            }
        )
    return entries


def search_files(record: Record) -> dict[str, bytes]:
    """The search index as JSON, and as a script: pages opened from ``file://`` cannot fetch."""
    data = json.dumps(search_entries(record), ensure_ascii=False, sort_keys=True, indent=0)
    return {
        SEARCH_INDEX: (data + "\n").encode("utf-8"),
        SEARCH_SCRIPT: f"window.capgraphSearchIndex = {data};\n".encode(),
    }


def trace_nodes(node: TraceNode | None) -> list[TraceNode]:
    return [node] if node is not None else []


def version_history(versions: tuple[VersionHistory, ...], iri: str) -> VersionHistory | None:
    return next((v for v in versions if v.iri == iri), None)
