"""What was loaded (``info``), what was published, and which named queries there are."""

from __future__ import annotations

from capgraph._json import dump_json, to_json
from capgraph.namespaces import shorten
from capgraph.query import ProjectInfo, PublishSummary, QueryLibrary

#: The ``schema`` member of ``info --format json``; bump the number on an incompatible change.
INFO_SCHEMA = "https://w3id.org/capgraph/schema/info/1"


def info_json(info: ProjectInfo) -> str:
    return dump_json({"schema": INFO_SCHEMA, **to_json(info)})


def info_text(info: ProjectInfo) -> str:
    lines = [
        f"project: {info.root}",
        f"{len(info.files)} files, {len(info.graphs)} named graphs, {info.triples} triples, "
        f"{info.queries} named queries, {info.shapes} shape files",
    ]
    if info.bundled:
        lines.append(f"from the bundled record (the project has none): {', '.join(info.bundled)}")
    overridden = f", overridden by the project: {', '.join(info.overridden)}"
    lines.append(
        f"built-in queries: {info.builtin_queries}" + (overridden if info.overridden else "")
    )
    lines += ["", "files:"]
    lines += [f"  {path}  ({n} graph{'s' if n != 1 else ''})" for path, n in info.files]
    lines += ["", "records:"]
    lines += [f"  {kind:<14}{count:>6}" for kind, count in info.counts]
    lines += ["", "triples per graph:"]
    lines += [f"  {n:>6}  {shorten(g)}" for g, _, n in info.graphs]
    return "\n".join(lines) + "\n"


def publish_text(summary: PublishSummary) -> str:
    """One line per graph, then the totals."""
    width = max((len(str(g.triples)) for g in summary.graphs), default=1)
    lines = [f"{g.triples:>{width}}  {g.iri or '(default graph)'}" for g in summary.graphs]
    lines.append(
        f"published {len(summary.graphs)} graphs, {summary.triples} triples, "
        f"to {summary.graph_store_url}"
    )
    return "\n".join(lines) + "\n"


def queries_text(library: QueryLibrary) -> str:
    """Each named query with its title and parameters; built-in ones and overrides are marked."""
    lines = []
    for query in library.all():
        mark = ""
        if library.overrides(query.name):
            mark = "  [overrides a built-in query]"
        elif library.is_builtin(query.name):
            mark = "  [built-in]"
        lines.append(f"{query.name}: {query.title}{mark}")
        for param in query.params:
            lines.append(f"    --param {param.name}=…  ({param.type_label}) {param.description}")
    return "\n".join(lines) + "\n"
