"""Stage 3, procedure: where each process stands (status), where a tool comes from
(trace), and the versions of the Terms of Reference (history); each also as the record
stood on a date (``*_as_of``).

Everything here is computed from SPARQL answers (built-in queries), so a remote
endpoint gives the same results. May import: the query and store stages and the
shared modules.
"""

from capgraph.procedure._asof import (
    AsOf,
    HistoryAsOf,
    StatusAsOf,
    TraceAsOf,
    Uncertainty,
    VersionAsOf,
    history_as_of,
    status_as_of,
    trace_as_of,
)
from capgraph.procedure._dated import (
    AS_OF_PARAMS,
    AsOfState,
    DatedDecision,
    as_of_query_params,
    parse_as_of,
)
from capgraph.procedure._decisions import Citation, DecisionRecord, SessionRef
from capgraph.procedure._history import ProcessRef, VersionHistory, history
from capgraph.procedure._periods import Period, in_force_periods
from capgraph.procedure._status import list_processes, status
from capgraph.procedure._steps import (
    Inversion,
    ProcessInfo,
    ProcessStatus,
    RecordState,
    StepState,
    StepStatus,
)
from capgraph.procedure._trace import ToolInfo, TraceNode, list_tools, trace

__all__ = [
    "AS_OF_PARAMS",
    "AsOf",
    "AsOfState",
    "Citation",
    "DatedDecision",
    "DecisionRecord",
    "HistoryAsOf",
    "Inversion",
    "Period",
    "ProcessInfo",
    "ProcessRef",
    "ProcessStatus",
    "RecordState",
    "SessionRef",
    "StatusAsOf",
    "StepState",
    "StepStatus",
    "ToolInfo",
    "TraceAsOf",
    "TraceNode",
    "Uncertainty",
    "VersionAsOf",
    "VersionHistory",
    "as_of_query_params",
    "history",
    "history_as_of",
    "in_force_periods",
    "list_processes",
    "list_tools",
    "parse_as_of",
    "status",
    "status_as_of",
    "trace",
    "trace_as_of",
]
