"""capgraph: the WCO CAP Group's governance record as a knowledge graph.

>>> import capgraph
>>> kg = capgraph.open()                       # the bundled record, in memory
>>> rows = kg.query("cq-mandates")             # a named query from queries/
"""

from __future__ import annotations

import os
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING

from capgraph.errors import (
    CapgraphError,
    EndpointError,
    InputError,
    ParameterError,
    ProjectNotFoundError,
    QueryError,
    ReasonerError,
)
from capgraph.graph import KnowledgeGraph, open
from capgraph.project import Project
from capgraph.rows import Rows

if TYPE_CHECKING:
    from capgraph.endpoint import RemoteGraph

try:
    __version__ = version("capgraph")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+unknown"

__all__ = [
    "CapgraphError",
    "EndpointError",
    "InputError",
    "KnowledgeGraph",
    "ParameterError",
    "Project",
    "ProjectNotFoundError",
    "QueryError",
    "ReasonerError",
    "Rows",
    "__version__",
    "open",
    "remote",
]


def remote(
    endpoint_url: str,
    *,
    project_dir: str | os.PathLike[str] | None = None,
    timeout: float = 30.0,
) -> RemoteGraph:
    """The same ``.query()`` against any SPARQL 1.1 endpoint.

    Named queries come from ``project_dir`` (the bundled record by default).
    """
    from capgraph.endpoint import remote as _remote

    return _remote(endpoint_url, project_dir=project_dir, timeout=timeout)
