"""What a template needs to link from one page: relative addresses, labels, short names."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from capgraph.namespaces import shorten
from capgraph.site._addresses import page_path, relative
from capgraph.site._record import Record


@dataclass(frozen=True)
class Links:
    """Links as seen from the page in ``folder`` (``""`` is the index page)."""

    record: Record
    folder: str

    def page(self, iri: str | None) -> str | None:
        """The relative link to ``iri``'s page, or None when it has none."""
        resource = self.record.resources.get(iri or "")
        return relative(self.folder, page_path(resource.folder)) if resource else None

    def asset(self, path: str) -> str:
        """A file of the site (``assets/site.css``) relative to this page."""
        return relative(self.folder, path)

    def label(self, iri: str | None) -> str:
        """The resource's label, else its short name."""
        if not iri:
            return ""
        resource = self.record.resources.get(iri)
        return resource.label if resource else self.record.label(iri) or shorten(iri)

    def short(self, iri: str) -> str:
        return shorten(iri)

    def term(self, term: ox.NamedNode | ox.BlankNode | ox.Literal) -> tuple[str, str | None]:
        """(text, link) for an object: a literal's lexical form, or a resource's label."""
        if isinstance(term, ox.Literal):
            return term.value, None
        if isinstance(term, ox.BlankNode):
            return "(a blank node)", None
        return self.label(term.value), self.page(term.value)
