"""A summary of a loaded project, for ``capgraph info``."""

from __future__ import annotations

from dataclasses import dataclass

from capgraph.namespaces import shorten
from capgraph.query._graph import KnowledgeGraph


@dataclass(frozen=True)
class ProjectInfo:
    """Files, graphs and record counts of a loaded project."""

    root: str
    files: tuple[tuple[str, int], ...]
    graphs: tuple[tuple[str, str, int], ...]
    counts: tuple[tuple[str, int], ...]
    queries: int
    shapes: int
    #: How many of ``queries`` ship with capgraph, and which of those the project overrides.
    builtin_queries: int = 0
    overridden: tuple[str, ...] = ()
    #: Content taken from the bundled record because the project has none of its own.
    bundled: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "project": self.root,
            "files": [{"path": p, "graphs": n} for p, n in self.files],
            "graphs": [{"graph": g, "file": f, "triples": n} for g, f, n in self.graphs],
            "triples": sum(n for _, _, n in self.graphs),
            "counts": dict(self.counts),
            "named_queries": self.queries,
            "builtin_queries": self.builtin_queries,
            "overridden_queries": list(self.overridden),
            "shape_files": self.shapes,
            "bundled": list(self.bundled),
        }

    def as_text(self) -> str:
        total = sum(n for _, _, n in self.graphs)
        lines = [
            f"project: {self.root}",
            f"{len(self.files)} files, {len(self.graphs)} named graphs, {total} triples, "
            f"{self.queries} named queries, {self.shapes} shape files",
        ]
        if self.bundled:
            lines.append(
                f"from the bundled record (the project has none): {', '.join(self.bundled)}"
            )
        lines.append(
            f"built-in queries: {self.builtin_queries}"
            + (
                f", overridden by the project: {', '.join(self.overridden)}"
                if self.overridden
                else ""
            )
        )
        lines += [
            "",
            "files:",
        ]
        lines += [f"  {path}  ({n} graph{'s' if n != 1 else ''})" for path, n in self.files]
        lines += ["", "records:"]
        lines += [f"  {kind:<14}{count:>6}" for kind, count in self.counts]
        lines += ["", "triples per graph:"]
        lines += [f"  {n:>6}  {shorten(g)}" for g, _, n in self.graphs]
        return "\n".join(lines) + "\n"


def describe(kg: KnowledgeGraph) -> ProjectInfo:
    """Count what ``kg`` holds."""
    graph_files = kg.graph_files()
    sizes = kg.query("info-graph-sizes")
    graphs = tuple(
        (str(row["g"]), graph_files.get(str(row["g"]), ""), int(row["n"] or 0)) for row in sizes
    )
    per_file: dict[str, int] = {}
    for path in kg.project.source_files:
        per_file[kg.project.relative(path)] = 0
    for _, file, _ in graphs:
        if file in per_file:
            per_file[file] += 1
    order = ["classes", "bodies", "sessions", "documents", "ToR versions", "decisions",
             "processes", "tools", "claims"]  # fmt: skip
    rows = kg.query("info-counts")
    found = {str(row["kind"]): int(row["count"] or 0) for row in rows}
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
