"""A summary of a loaded project, for ``capgraph info``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from capgraph._json import member
from capgraph.query._graph import KnowledgeGraph
from capgraph.query._rows import Value


@dataclass(frozen=True)
class ProjectInfo:
    """Files, graphs and record counts of a loaded project."""

    root: str = field(metadata=member(key="project"))
    #: ``(path, number of graphs)`` per source file.
    files: tuple[tuple[str, int], ...] = field(
        metadata=member(convert=lambda files: [{"path": p, "graphs": n} for p, n in files])
    )
    #: ``(graph IRI, file, triples)`` per named graph.
    graphs: tuple[tuple[str, str, int], ...] = field(
        metadata=member(
            convert=lambda graphs: [{"graph": g, "file": f, "triples": n} for g, f, n in graphs]
        )
    )
    counts: tuple[tuple[str, int], ...] = field(metadata=member(convert=dict))
    queries: int = field(metadata=member(key="named_queries"))
    shapes: int = field(metadata=member(key="shape_files"))
    #: How many of ``queries`` ship with capgraph, and which of those the project overrides.
    builtin_queries: int = field(default=0, metadata=member(key="builtin_queries"))
    overridden: tuple[str, ...] = field(default=(), metadata=member(key="overridden_queries"))
    #: Content taken from the bundled record because the project has none of its own.
    bundled: tuple[str, ...] = ()

    __json__: ClassVar[tuple[str, ...]] = (
        "root", "files", "graphs", "triples", "counts", "queries", "builtin_queries",
        "overridden", "shapes", "bundled",
    )  # fmt: skip

    @property
    def triples(self) -> int:
        """Triples in every graph."""
        return sum(n for _, _, n in self.graphs)


def describe(kg: KnowledgeGraph) -> ProjectInfo:
    """Count what ``kg`` holds."""
    graph_files = kg.graph_files()
    sizes = kg.query("info-graph-sizes", drafts=True)
    graphs = tuple(
        (str(row["g"]), graph_files.get(str(row["g"]), ""), _count(row["n"])) for row in sizes
    )
    per_file: dict[str, int] = {}
    for path in kg.project.source_files:
        per_file[kg.project.relative(path)] = 0
    for _, file, _ in graphs:
        if file in per_file:
            per_file[file] += 1
    order = ["classes", "bodies", "sessions", "documents", "ToR versions", "decisions",
             "processes", "tools", "claims"]  # fmt: skip
    rows = kg.query("info-counts", drafts=True)
    found = {str(row["kind"]): _count(row["count"]) for row in rows}
    return ProjectInfo(
        root=str(kg.project.root),
        files=tuple(per_file.items()),
        graphs=graphs,
        counts=tuple((kind, found.get(kind, 0)) for kind in order),
        queries=len(kg.queries.names()),
        shapes=len(kg.project.shape_files),
        builtin_queries=sum(kg.queries.is_builtin(name) for name in kg.queries.names()),
        overridden=tuple(n for n in kg.queries.names() if kg.queries.overrides(n)),
        bundled=kg.project.bundled,
    )


def _count(value: Value) -> int:
    return value if isinstance(value, int) else 0
