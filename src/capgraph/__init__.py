"""capgraph: the WCO CAP Group's governance record as a knowledge graph.

>>> import capgraph
>>> kg = capgraph.open()                       # the bundled record, in memory
>>> rows = kg.query("cq-body-sessions", {"body": "id:body/council"})  # a named query
>>> rows[0]["label"], rows[0]["ordinal"]
('113th Council Session', 113)
>>> [process.iri for process in capgraph.status(kg, "tor-revision-cap19")]
['https://w3id.org/capgraph/id/process/tor-revision-cap19']

The public API is this namespace (``__all__``); everything it names is imported on
first use, so ``import capgraph`` loads neither rdflib, pySHACL nor owlready2. The
stages behind it are described in ``docs/internals.md``.
"""

# No ``from __future__ import annotations`` and only private imports: the namespace is
# ``__all__`` (tests/test_public_api.py).
import importlib as _importlib
import typing as _typing
from importlib import metadata as _metadata

from capgraph._dates import PartialDate as PartialDate
from capgraph._dates import Precision as Precision
from capgraph._severity import Severity as Severity
from capgraph.errors import CapgraphError as CapgraphError
from capgraph.errors import EndpointError as EndpointError
from capgraph.errors import InputError as InputError
from capgraph.errors import NothingToShow as NothingToShow
from capgraph.errors import OutputError as OutputError
from capgraph.errors import ParameterError as ParameterError
from capgraph.errors import ProjectNotFoundError as ProjectNotFoundError
from capgraph.errors import QueryError as QueryError
from capgraph.errors import ReasonerError as ReasonerError

if _typing.TYPE_CHECKING:
    from capgraph.notebook import load_ipython_extension as load_ipython_extension
    from capgraph.procedure import Citation as Citation
    from capgraph.procedure import DecisionRecord as DecisionRecord
    from capgraph.procedure import Inversion as Inversion
    from capgraph.procedure import ProcessRef as ProcessRef
    from capgraph.procedure import ProcessStatus as ProcessStatus
    from capgraph.procedure import RecordState as RecordState
    from capgraph.procedure import SessionRef as SessionRef
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
    from capgraph.query import PublishedGraph as PublishedGraph
    from capgraph.query import PublishSummary as PublishSummary
    from capgraph.query import RemoteGraph as RemoteGraph
    from capgraph.query import Rows as Rows
    from capgraph.query import describe as describe
    from capgraph.query import open as open
    from capgraph.query import publish as publish
    from capgraph.query import remote as remote
    from capgraph.reason import ConsistencyResult as ConsistencyResult
    from capgraph.reason import DatatypeGap as DatatypeGap
    from capgraph.reason import GapKind as GapKind
    from capgraph.reason import VocabularyGap as VocabularyGap
    from capgraph.reason import check_consistency as check_consistency
    from capgraph.server import serve as serve
    from capgraph.store import Location as Location
    from capgraph.store import export as export
    from capgraph.validation import Fallback as Fallback
    from capgraph.validation import Rule as Rule
    from capgraph.validation import ValidationReport as ValidationReport
    from capgraph.validation import ValidationResult as ValidationResult
    from capgraph.validation import validate as validate
    from capgraph.validation import validate_endpoint as validate_endpoint

try:
    __version__ = _metadata.version("capgraph")
except _metadata.PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+unknown"

#: Public name -> the stage module that defines it (imported on first use).
_LAZY: dict[str, str] = {
    "Fallback": "capgraph.validation",
    "validate_endpoint": "capgraph.validation",
    "Citation": "capgraph.procedure",
    "ConsistencyResult": "capgraph.reason",
    "DatatypeGap": "capgraph.reason",
    "DecisionRecord": "capgraph.procedure",
    "GapKind": "capgraph.reason",
    "Inversion": "capgraph.procedure",
    "KnowledgeGraph": "capgraph.query",
    "Location": "capgraph.store",
    "ProcessRef": "capgraph.procedure",
    "ProcessStatus": "capgraph.procedure",
    "Project": "capgraph.project",
    "ProjectInfo": "capgraph.query",
    "PublishSummary": "capgraph.query",
    "PublishedGraph": "capgraph.query",
    "RecordState": "capgraph.procedure",
    "RemoteGraph": "capgraph.query",
    "Rows": "capgraph.query",
    "Rule": "capgraph.validation",
    "SessionRef": "capgraph.procedure",
    "StepState": "capgraph.procedure",
    "StepStatus": "capgraph.procedure",
    "TraceNode": "capgraph.procedure",
    "ValidationReport": "capgraph.validation",
    "ValidationResult": "capgraph.validation",
    "VersionHistory": "capgraph.procedure",
    "VocabularyGap": "capgraph.reason",
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
    # ``%load_ext capgraph`` looks for this; IPython is imported only when it is called.
    "load_ipython_extension": "capgraph.notebook",
}

__all__ = sorted(
    [
        "CapgraphError",
        "EndpointError",
        "InputError",
        "NothingToShow",
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


def __getattr__(name: str) -> _typing.Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'capgraph' has no attribute {name!r}")
    value = getattr(_importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
