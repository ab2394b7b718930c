"""Bind and run the endpoint: ``make_server`` and ``serve``."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from capgraph.errors import CapgraphError
from capgraph.query._lex import is_loopback_iri
from capgraph.server._connections import ConnectionLimits
from capgraph.server._http import DEFAULT_HOST, DEFAULT_PORT, ListedQuery, SparqlServer
from capgraph.server._pool import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_RESULTS,
    DEFAULT_MAX_RUNNING,
    DEFAULT_TIMEOUT,
    HttpError,
    Limits,
)

if TYPE_CHECKING:
    from capgraph.query import KnowledgeGraph

__all__ = ["make_server", "serve"]


def make_server(
    kg: KnowledgeGraph,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    timeout: float = DEFAULT_TIMEOUT,
    max_results: int = DEFAULT_MAX_RESULTS,
    max_running: int = DEFAULT_MAX_RUNNING,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_memory: int = 0,
    connections: ConnectionLimits | None = None,
    allow_service_to: Sequence[str] = (),
) -> SparqlServer:
    """Bind the endpoint (port 0 picks a free port) without serving yet.

    ``max_memory`` 0 is the default per worker (``capgraph.server._pool.default_max_memory``).
    """
    catalogue = [
        ListedQuery(
            name=q.name,
            title=q.title,
            params=", ".join(f"{p.name} ({p.type_label})" for p in q.params),
            text=q.text,
        )
        for q in kg.queries.all()
    ]
    limits = Limits(
        timeout=timeout,
        max_results=max_results,
        max_running=max_running,
        max_bytes=max_bytes,
        max_memory=max_memory,
        confine=not allow_service_to,
    )
    try:
        return SparqlServer(
            (host, port),
            kg.store,
            limits=limits,
            catalogue=catalogue,
            title=kg.project.root.name,
            connections=connections,
            allow_service_to=allow_service_to,
        )
    except OSError as error:
        raise CapgraphError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    except HttpError as error:
        raise CapgraphError(f"cannot start the endpoint: {error.message}") from None


def serve(
    kg: KnowledgeGraph,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    timeout: float = DEFAULT_TIMEOUT,
    max_results: int = DEFAULT_MAX_RESULTS,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_memory: int = 0,
    connections: ConnectionLimits | None = None,
    allow_service_to: Sequence[str] = (),
) -> None:
    """Serve ``kg`` read-only until interrupted (Ctrl-C)."""
    server = make_server(
        kg,
        host=host,
        port=port,
        timeout=timeout,
        max_results=max_results,
        max_bytes=max_bytes,
        max_memory=max_memory,
        connections=connections,
        allow_service_to=allow_service_to,
    )
    if threading.current_thread() is threading.main_thread():
        # A plain `kill` must also stop the workers and remove the record's copy.
        signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        print(
            f"capgraph: serving the record read-only at {server.url} (Ctrl-C stops)",
            file=sys.stderr,
        )
        if not is_loopback_iri(server.url):
            print(
                f"capgraph: warning: {host} is not a loopback address; "
                "anyone who can reach this machine can query the record",
                file=sys.stderr,
            )
        if allow_service_to:
            print(
                "capgraph: warning: SERVICE is allowed to "
                + ", ".join(allow_service_to)
                + "; the query workers may open network sockets",
                file=sys.stderr,
            )
        sys.stderr.flush()
        server.serve_forever()
    except KeyboardInterrupt:
        print("capgraph: stopped", file=sys.stderr)
    finally:
        server.server_close()


def _stop_on_sigterm(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
