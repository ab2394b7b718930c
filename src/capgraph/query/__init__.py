"""Stage 2, queries: the named-query library, parameters, binding, rows, remote endpoints.

The library's own queries ship in the package (``capgraph.sparql``); a project's
``queries/`` adds to them and may override one by name.

May import: the store stage and the shared modules.
"""

from capgraph.query._binding import with_values
from capgraph.query._graph import KnowledgeGraph, open
from capgraph.query._info import ProjectInfo, describe
from capgraph.query._library import (
    NamedQuery,
    Param,
    QueryLibrary,
    Term,
    bind_params,
    expand_iri,
    to_term,
)
from capgraph.query._publish import PublishedGraph, PublishSummary, graph_store_url_for, publish
from capgraph.query._remote import UNION_SETTINGS, RemoteGraph, remote
from capgraph.query._rows import Queryable, Rows, Value, rows_from_solutions, term_to_python

__all__ = [
    "UNION_SETTINGS",
    "KnowledgeGraph",
    "NamedQuery",
    "Param",
    "ProjectInfo",
    "PublishSummary",
    "PublishedGraph",
    "QueryLibrary",
    "Queryable",
    "RemoteGraph",
    "Rows",
    "Term",
    "Value",
    "bind_params",
    "describe",
    "expand_iri",
    "graph_store_url_for",
    "open",
    "publish",
    "remote",
    "rows_from_solutions",
    "term_to_python",
    "to_term",
    "with_values",
]
