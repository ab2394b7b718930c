"""Stage 3, reasoning: OWL consistency with HermiT (through owlready2, the only place
that imports it).

May import: the store stage and the shared modules.
"""

from capgraph.reason._coverage import DatatypeGap, GapKind, VocabularyGap
from capgraph.reason._reason import (
    DEFAULT_TIMEOUT,
    ConsistencyResult,
    check_consistency,
    check_graph_consistency,
    find_java,
)

__all__ = [
    "DEFAULT_TIMEOUT",
    "ConsistencyResult",
    "DatatypeGap",
    "GapKind",
    "VocabularyGap",
    "check_consistency",
    "check_graph_consistency",
    "find_java",
]
