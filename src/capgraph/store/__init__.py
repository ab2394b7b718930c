"""Stage 1, the store: a project's files -> one pyoxigraph store.

Loading with its guards (no network, no entity bombs, checked literals), the index of
source lines that reports point into, deterministic export, and the confinement that
keeps queries of a project's files off the network (``confine``, ``offline``).

May import: the shared modules (``capgraph.errors``, ``namespaces``, ``project``,
``_io``, ``_lexical``, ``sparql``). Nothing from a stage above.
"""

from capgraph.store._confine import ConfinementError, confine, default_workers, offline
from capgraph.store._export import FORMATS, canonical_quads, export
from capgraph.store._load import LoadedFile, LoadSummary, file_graph_iri, load_project, read_utf8
from capgraph.store._locate import (
    Location,
    build_file_index,
    build_index,
    find_locations,
    first_locations,
)

__all__ = [
    "FORMATS",
    "ConfinementError",
    "LoadSummary",
    "LoadedFile",
    "Location",
    "build_file_index",
    "build_index",
    "canonical_quads",
    "confine",
    "default_workers",
    "export",
    "file_graph_iri",
    "find_locations",
    "first_locations",
    "load_project",
    "offline",
    "read_utf8",
]
