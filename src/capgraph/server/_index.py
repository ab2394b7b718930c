"""The query page at ``/``: a text area, the named queries with their parameters as form
fields, results as a table, downloads, and links into a record site served beside it.

The HTML is a Jinja2 template in the package; the script and the style are static files
beside it (``capgraph.server._files``). What the script needs (the named queries, their
parameters, the site's pages) is embedded in the page as JSON.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from capgraph.namespaces import ID
from capgraph.server._files import SITE_PREFIX, site_pages

if TYPE_CHECKING:
    import jinja2

    from capgraph.query import NamedQuery, Param
    from capgraph.server._http import SparqlServer

__all__ = ["RECORD_BASE", "index_page"]

#: The record's IRI base: ``{RECORD_BASE}id/body/council`` has its page at
#: ``id/body/council/index.html`` of a site.
RECORD_BASE = ID.removesuffix("id/")

#: The security policy of the page: nothing from any other origin, no inline script.
PAGE_POLICY = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def index_page(server: SparqlServer) -> str:
    limits = server.runner.limits
    queries = list(server.catalogue.values())
    site = None
    if server.site is not None:
        site = {"prefix": SITE_PREFIX, "base": RECORD_BASE, "pages": site_pages(server.site)}
    return _template().render(
        title=server.title,
        url=server.url,
        site=site is not None,
        allowed=", ".join(sorted(server.allow_service_to)),
        timeout=f"{limits.timeout:g}",
        max_results=limits.max_results,
        queries=[{"name": q.name, "title": q.title, "param_labels": _labels(q)} for q in queries],
        data={"endpoint": "/sparql", "queries": [_entry(q) for q in queries], "site": site},
    )


def _labels(query: NamedQuery) -> str:
    return ", ".join(f"{p.name} ({p.type_label})" for p in query.params)


def _entry(query: NamedQuery) -> dict[str, Any]:
    return {
        "name": query.name,
        "title": query.title,
        "description": query.description,
        "text": query.text,
        "params": [_param(p) for p in query.params],
    }


def _param(param: Param) -> dict[str, Any]:
    return {
        "name": param.name,
        "kind": "iri" if param.kind == "iri" else "literal",
        "type": param.type_label.removesuffix("?"),
        "optional": param.optional,
        "description": param.description,
        "example": param.description.partition("e.g. ")[2].strip(),
    }


@cache
def _template() -> jinja2.Template:
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("capgraph.server", "templates"),
        autoescape=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    return environment.get_template("query.html.j2")
