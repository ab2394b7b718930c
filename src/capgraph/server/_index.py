"""The endpoint's index page: what it serves, its limits, and its named queries."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from capgraph.server._http import SparqlServer

__all__ = ["index_page"]


def index_page(server: SparqlServer) -> str:
    limits = server.runner.limits
    rows = "\n".join(
        f'<tr><td><a href="/queries/{html.escape(q.name)}.rq">'
        f"<code>{html.escape(q.name)}</code></a></td><td>{html.escape(q.title)}</td>"
        f"<td>{html.escape(q.params) or '—'}</td></tr>"
        for q in server.catalogue.values()
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>capgraph SPARQL endpoint</title></head>
<body>
<h1>capgraph: read-only SPARQL 1.1 endpoint</h1>
<p>The governance record <strong>{html.escape(server.title)}</strong>, queried over the union of
its named graphs. Send queries to <code>{html.escape(server.url)}</code> with GET
(<code>?query=</code>) or POST (form-encoded, or <code>application/sparql-query</code>).</p>
<p>Updates are refused (403). <code>SERVICE</code> is refused (403).
Each query may run {limits.timeout:g} s and return {limits.max_results} rows.
Results: SPARQL JSON, XML, CSV, TSV; graphs: N-Triples, Turtle.</p>
<pre>curl {html.escape(server.url)} \\
  --data-urlencode 'query=SELECT * WHERE {{ ?s ?p ?o }} LIMIT 5'</pre>
<h2>Named queries</h2>
<table><tr><th>name</th><th>title</th><th>parameters</th></tr>
{rows}
</table>
</body></html>
"""
