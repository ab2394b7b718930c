"""Stage 6, the server: a read-only SPARQL 1.1 endpoint on loopback, with content
negotiation and a pool of confined worker processes.

May import: the query and store stages and the shared modules.
"""

from capgraph.server._connections import (
    DEFAULT_BODY_TIMEOUT,
    DEFAULT_HEADER_TIMEOUT,
    DEFAULT_MAX_CONNECTIONS,
    ConnectionLimits,
)
from capgraph.server._http import DEFAULT_HOST, DEFAULT_PORT, SparqlServer
from capgraph.server._pool import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_RESULTS,
    DEFAULT_TIMEOUT,
    Limits,
    default_max_memory,
)
from capgraph.server._serve import make_server, serve

__all__ = [
    "DEFAULT_BODY_TIMEOUT",
    "DEFAULT_HEADER_TIMEOUT",
    "DEFAULT_HOST",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_CONNECTIONS",
    "DEFAULT_MAX_RESULTS",
    "DEFAULT_PORT",
    "DEFAULT_TIMEOUT",
    "ConnectionLimits",
    "Limits",
    "SparqlServer",
    "default_max_memory",
    "make_server",
    "serve",
]
