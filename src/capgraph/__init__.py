"""capgraph: the WCO CAP Group's governance record as a knowledge graph.

>>> import capgraph
>>> kg = capgraph.open()                       # the bundled record, in memory
>>> rows = kg.query("cq-mandates")             # a named query
>>> [process.iri for process in capgraph.status(kg, "tor-revision-cap19")]
['https://w3id.org/capgraph/id/process/tor-revision-cap19']

The public API is this namespace (``__all__``); everything it names is imported on
first use, so ``import capgraph`` loads neither rdflib, pySHACL nor owlready2. The
stages behind it are described in ``docs/internals.md``.
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from capgraph._dates import PartialDate as PartialDate
from capgraph._dates import Precision as Precision
from capgraph._severity import Severity as Severity
from capgraph.errors import CapgraphError as CapgraphError
from capgraph.errors import EndpointError as EndpointError
from capgraph.errors import InputError as InputError
from capgraph.errors import OutputError as OutputError
from capgraph.errors import ParameterError as ParameterError
from capgraph.errors import ProjectNotFoundError as ProjectNotFoundError
from capgraph.errors import QueryError as QueryError
from capgraph.errors import ReasonerError as ReasonerError

if TYPE_CHECKING:
    from capgraph.procedure import ProcessStatus as ProcessStatus
    from capgraph.procedure import RecordState as RecordState
    from capgraph.procedure import StepState as StepState
    from capgraph.procedure import StepStatus as StepStatus
    from capgraph.procedure import TraceNode as TraceNode
    from capgraph.procedure import VersionHistory as VersionHistory
    from capgraph.procedure import history as history
    from capgraph.procedure import status as status
    from capgraph.procedure import trace as trace
    from capgraph.project import Project as Project
    from capgraph.query import KnowledgeGraph as KnowledgeGraph
    from capgraph.query import ProjectInfo as ProjectInfo
    from capgraph.query import PublishSummary as PublishSummary
    from capgraph.query import RemoteGraph as RemoteGraph
    from capgraph.query import Rows as Rows
    from capgraph.query import describe as describe
    from capgraph.query import open as open
    from capgraph.query import publish as publish
    from capgraph.query import remote as remote
    from capgraph.reason import ConsistencyResult as ConsistencyResult
    from capgraph.reason import check_consistency as check_consistency
    from capgraph.server import serve as serve
    from capgraph.store import export as export
    from capgraph.validation import ValidationReport as ValidationReport
    from capgraph.validation import ValidationResult as ValidationResult
    from capgraph.validation import validate as validate

try:
    __version__ = version("capgraph")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+unknown"

#: Public name -> the stage module that defines it (imported on first use).
_LAZY: dict[str, str] = {
    "ConsistencyResult": "capgraph.reason",
    "KnowledgeGraph": "capgraph.query",
    "ProcessStatus": "capgraph.procedure",
    "Project": "capgraph.project",
    "ProjectInfo": "capgraph.query",
    "PublishSummary": "capgraph.query",
    "RecordState": "capgraph.procedure",
    "RemoteGraph": "capgraph.query",
    "Rows": "capgraph.query",
    "StepState": "capgraph.procedure",
    "StepStatus": "capgraph.procedure",
    "TraceNode": "capgraph.procedure",
    "ValidationReport": "capgraph.validation",
    "ValidationResult": "capgraph.validation",
    "VersionHistory": "capgraph.procedure",
    "check_consistency": "capgraph.reason",
    "describe": "capgraph.query",
    "export": "capgraph.store",
    "history": "capgraph.procedure",
    "open": "capgraph.query",
    "publish": "capgraph.query",
    "remote": "capgraph.query",
    "serve": "capgraph.server",
    "status": "capgraph.procedure",
    "trace": "capgraph.procedure",
    "validate": "capgraph.validation",
}

__all__ = sorted(
    [
        "CapgraphError",
        "EndpointError",
        "InputError",
        "OutputError",
        "ParameterError",
        "PartialDate",
        "Precision",
        "ProjectNotFoundError",
        "QueryError",
        "ReasonerError",
        "Severity",
        "__version__",
        *_LAZY,
    ],
    key=str.casefold,
)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'capgraph' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
