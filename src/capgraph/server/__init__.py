"""Stage 6, the server: a read-only SPARQL 1.1 endpoint on loopback, with content
negotiation and a pool of confined worker processes.

May import: the query and store stages and the shared modules.
"""

from capgraph.server._http import (
    DEFAULT_HOST,
    DEFAULT_PORT,
    SparqlServer,
    make_server,
    serve,
)
from capgraph.server._pool import DEFAULT_MAX_RESULTS, DEFAULT_TIMEOUT, Limits

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_MAX_RESULTS",
    "DEFAULT_PORT",
    "DEFAULT_TIMEOUT",
    "Limits",
    "SparqlServer",
    "make_server",
    "serve",
]
