"""Stage 5, site: the record as a static website, one page per record.

``build(kg, "site")`` writes a page for every record IRI (``…/id/body/council`` ->
``id/body/council/index.html``), each fact with the passage and quote that state it,
the record's RDF beside each page, the views drawn by :mod:`capgraph.views`, status,
trace and history from :mod:`capgraph.procedure`, and a search index. Links are
relative, so the site works from ``file://`` and from any static host.

May import: stages 0-4 (the shared modules, store, query, procedure, sources, views).
"""

from capgraph.site._addresses import SITE_BASE, page_folder
from capgraph.site._build import SiteSummary, build

__all__ = ["SITE_BASE", "SiteSummary", "build", "page_folder"]
