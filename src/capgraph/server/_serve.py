"""Bind and run the endpoint: ``make_server`` and ``serve``."""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from capgraph.errors import CapgraphError, InputError
from capgraph.query._lex import is_loopback_iri
from capgraph.server._connections import ConnectionLimits
from capgraph.server._http import DEFAULT_HOST, DEFAULT_PORT, SparqlServer
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
    site: str | os.PathLike[str] | None = None,
) -> SparqlServer:
    """Bind the endpoint (port 0 picks a free port) without serving yet.

    ``max_memory`` 0 is the default per worker (``capgraph.server._pool.default_max_memory``).
    ``site`` is a static record site (``capgraph site``) to serve under ``/site/``; the
    query page links the IRIs in its results to the site's pages.
    """
    if site is not None and not Path(site).is_dir():
        raise InputError("the record site to serve is not a folder", file=str(site))
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
            catalogue=kg.queries.all(),
            title=kg.project.root.name,
            connections=connections,
            allow_service_to=allow_service_to,
            site=Path(site) if site is not None else None,
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
    site: str | os.PathLike[str] | None = None,
) -> None:
    """Serve ``kg`` read-only until interrupted (Ctrl-C); ``site`` as for ``make_server``."""
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
        site=site,
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
