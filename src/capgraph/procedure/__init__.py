"""Stage 3, procedure: where each process stands (status), where a tool comes from
(trace), and the versions of the Terms of Reference (history).

Everything here is computed from SPARQL answers (built-in queries), so a remote
endpoint gives the same results. May import: the query and store stages and the
shared modules.
"""

from capgraph.procedure._decisions import Citation, DecisionRecord, SessionRef
from capgraph.procedure._history import ProcessRef, VersionHistory, history
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
    "Citation",
    "DecisionRecord",
    "Inversion",
    "ProcessInfo",
    "ProcessRef",
    "ProcessStatus",
    "RecordState",
    "SessionRef",
    "StepState",
    "StepStatus",
    "ToolInfo",
    "TraceNode",
    "VersionHistory",
    "history",
    "list_processes",
    "list_tools",
    "status",
    "trace",
]
