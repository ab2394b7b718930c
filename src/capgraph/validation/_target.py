"""What validation runs against: the embedded store, or a remote endpoint (plus, optionally,
the project's files, for file:line locations)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from capgraph.project import Project
from capgraph.store import Location, file_graph_iri, find_locations, offline
from capgraph.validation._report import ValidationResult
from capgraph.validation._select import Select, endpoint_select, store_select
from capgraph.validation._shapes import LABELS

if TYPE_CHECKING:
    import rdflib

    from capgraph.query import KnowledgeGraph

_CHUNK = 500


@dataclass(frozen=True)
class Target:
    """The record to validate, seen only through SPARQL (and a file index, when there is one)."""

    project: Project
    select: Select
    #: (iris, file) -> where each is written (those found); file None: the first file that
    #: describes it
    locate: Callable[..., dict[str, Location]]
    #: a named query of capgraph's library, run with its parameters
    query: Callable[..., Any]
    #: the record as an rdflib graph, for the shapes pySHACL must check (built on demand)
    data: Callable[[], rdflib.Graph]
    store: Any = None
    #: Whether the project's checks and ``sh:select`` texts may call SERVICE.
    allow_service: bool = False


def embedded(kg: KnowledgeGraph) -> Target:
    """The embedded store; its queries run where no socket can be opened, unless the
    project is allowed SERVICE (``--allow-service``)."""
    answer = store_select(kg.store)

    def select(text: str) -> Any:
        return answer(text) if kg.allow_service else offline(lambda: answer(text))

    return Target(
        project=kg.project,
        select=select,
        allow_service=kg.allow_service,
        locate=kg.locate_many,
        query=kg.query,
        data=kg.union_graph,
        store=kg.store,
    )


def endpoint(url: str, *, project_dir: Any = None, timeout: float = 30.0) -> Target:
    """A remote SPARQL 1.1 endpoint; with ``project_dir``, locations come from its files."""
    from capgraph.query import remote

    graph = remote(url, project_dir=project_dir, timeout=timeout)
    project = Project.discover(project_dir)
    select = endpoint_select(url, timeout=timeout)

    def locate(iris: Iterable[str], *, file: str | None = None) -> dict[str, Location]:
        return {} if project_dir is None else find_locations(project, iris, file=file)

    return Target(
        project=project,
        select=select,
        locate=locate,
        query=graph.query,
        data=lambda: _fetch_all(select),
    )


def _fetch_all(select: Select) -> rdflib.Graph:
    """Every triple of the endpoint's union graph, as rdflib terms (only for pySHACL)."""
    import rdflib

    graph = rdflib.Graph()
    answer = select("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    graph.addN((_rdflib(r["s"]), _rdflib(r["p"]), _rdflib(r["o"]), graph) for r in answer)
    return graph


def _rdflib(term: Any) -> Any:
    import pyoxigraph as ox
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=term.datatype.value)


def labels(select: Select, iris: Iterable[str]) -> dict[str, str]:
    """Each IRI's rdfs:label, else skos:prefLabel, else dcterms:title (the least, if several)."""
    import pyoxigraph as ox

    wanted = sorted({i for i in iris if ":" in i and not i.startswith("_:")})
    found: dict[str, dict[str, list[str]]] = {}
    # One branch per property with the property written in: with ``VALUES ?p`` instead,
    # Oxigraph scanned every triple per chunk (1.4 s per 500 nodes at 100k, 6 ms this way).
    branches = " UNION ".join(
        f"{{ ?s {ox.NamedNode(p)} ?o BIND({ox.NamedNode(p)} AS ?p) }}" for p in LABELS
    )
    for start in range(0, len(wanted), _CHUNK):
        nodes = []
        for iri in wanted[start : start + _CHUNK]:
            try:
                nodes.append(str(ox.NamedNode(iri)))
            except ValueError:
                continue
        text = f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {' '.join(nodes)} }} {branches} }}"
        for row in select(text):
            found.setdefault(row["s"].value, {}).setdefault(row["p"].value, []).append(
                str(row["o"].value)
            )
    result = {}
    for iri, by_property in found.items():
        for prop in LABELS:
            if prop in by_property:
                result[iri] = min(by_property[prop])
                break
    return result


def locate_results(target: Target, results: Sequence[ValidationResult]) -> list[ValidationResult]:
    """The results, each with where its focus node, or named graph, is first written.

    One pass over the files finds every focus node. A file's own graph (its triples outside
    any graph) starts at the first line of the file that describes one of its subjects.
    """
    focus = {r.focus for r in results}
    found = target.locate(focus)
    prefix = file_graph_iri("")
    for iri in {f for f in focus if f not in found and f.startswith(prefix)}:
        file = iri[len(prefix) :]
        rows = target.query("validate-graph-subjects", {"graph": iri}, drafts=True)
        lines = [w.line for w in target.locate((str(r["s"]) for r in rows), file=file).values()]
        found[iri] = Location(file, min(lines) if lines else 1)
    return [dataclasses.replace(r, location=found.get(r.focus)) for r in results]
