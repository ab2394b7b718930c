"""KnowledgeGraph: the loaded record in one pyoxigraph store, queried as one union graph."""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Iterable, Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from capgraph._io import atomic_write
from capgraph._progress import NO_PROGRESS, Progress
from capgraph.errors import InputError, QueryError
from capgraph.namespaces import XSD
from capgraph.project import Project
from capgraph.query._binding import with_values
from capgraph.query._lex import check_nesting, refuse_service
from capgraph.query._library import NamedQuery, QueryLibrary, Term, bind_params
from capgraph.query._rows import Rows, rows_from_solutions, rows_from_triples
from capgraph.store import (
    LoadSummary,
    Location,
    build_file_index,
    file_graph_iri,
    find_locations,
    first_locations,
    load_project,
    offline,
)

if TYPE_CHECKING:
    import rdflib

_MANIFEST = "capgraph-manifest.json"
_STORE_FORMAT = 1


class KnowledgeGraph:
    """A records project loaded into an embedded store.

    Every query sees the default graph as the union of all named graphs, except the
    draft claim graphs: those are left out unless ``drafts`` is true (for one query, or
    for every query of the graph with the ``drafts`` attribute).
    """

    def __init__(self, project: Project, store: ox.Store, summary: LoadSummary | None) -> None:
        self.project = project
        self.store = store
        #: What was loaded; ``None`` when a persistent store was reused as it was.
        self.summary = summary
        self.queries = QueryLibrary.for_project(project.query_files, root=project.root)
        #: Whether the project's own queries, checks and shapes may call SERVICE
        #: (``--allow-service``); without it they are refused, and run where no
        #: socket can be opened (``capgraph.store._confine``).
        self.allow_service = False
        #: Whether queries see the draft claim graphs when they are not told (``--drafts``).
        self.drafts = False
        #: (the draft graphs, the record without them) once a query needed it.
        self._reviewed: tuple[tuple[str, ...], KnowledgeGraph] | None = None

    def query(
        self,
        name_or_text: str,
        /,
        params: Mapping[str, object] | None = None,
        *,
        drafts: bool | None = None,
    ) -> Rows:
        """Run a named query (or an ``.rq`` file, or SPARQL text) with ``params`` bound.

        ``params`` maps parameter names to values (IRIs may be written ``id:…``); a
        mapping, not keyword arguments, so that no parameter name can ever clash
        with an option of this method. The draft claim graphs are in the dataset only
        if ``drafts`` is true (``None``: the graph's ``drafts`` attribute).
        """
        named = self.queries.resolve(name_or_text)
        return self.run(named, bind_params(named, params or {}), drafts=drafts)

    def including_drafts(self) -> KnowledgeGraph:
        """The same record (the same store) whose queries see the drafts unless told not to."""
        view = copy.copy(self)
        view.drafts = True
        return view

    def draft_graphs(self) -> tuple[str, ...]:
        """The claim graphs marked ``cap:reviewStatus cap:draft`` (built-in ``drafts-graphs``)."""
        return self._draft_state()[0]

    def reviewed(self) -> KnowledgeGraph:
        """The record without its draft claim graphs: ``self`` when it has none.

        Otherwise a copy in memory of every other quad, made once (and again when the set
        of draft graphs changes; other changes to ``store`` after opening do not reach
        it). A triple that a draft graph shares with a reviewed graph stays, and so do
        the ontology's and the shapes' graphs.
        """
        return self._draft_state()[1]

    def _draft_state(self) -> tuple[tuple[str, ...], KnowledgeGraph]:
        # The lookup runs every time (60 µs on 11k triples); len(store) would count every
        # quad (ms), so the copy is keyed by the draft graphs it leaves out.
        named = self.queries.get("drafts-graphs")
        found = tuple(str(row["graph"]) for row in self._run(named, {}))
        if not found:
            return (), self
        if self._reviewed is None or self._reviewed[0] != found:
            self._reviewed = (found, self._without(found))
        return self._reviewed

    def _without(self, graphs: tuple[str, ...]) -> KnowledgeGraph:
        # A copy, not a dataset of the other graphs: Oxigraph answers a query whose
        # default graph lists 600 graphs about 100x slower than over the union (measured).
        left_out = {ox.NamedNode(g) for g in graphs}
        store = ox.Store()
        store.bulk_extend(
            q
            for q in self.store.quads_for_pattern(None, None, None)
            if q.graph_name not in left_out
        )
        kept = copy.copy(self)
        kept.store = store
        for built_from_the_store in ("_rdflib_dataset", "_union_graph"):
            kept.__dict__.pop(built_from_the_store, None)
        kept._reviewed = None
        return kept

    def run(
        self, named: NamedQuery, bindings: dict[str, Term], *, drafts: bool | None = None
    ) -> Rows:
        """Run a query whose parameters are already bound as RDF terms (drafts as for ``query``)."""
        if not (self.drafts if drafts is None else drafts):
            reviewed = self.reviewed()
            if reviewed is not self:
                reviewed.allow_service = self.allow_service
                return reviewed.run(named, bindings, drafts=True)
        where = named.path or named.name
        check_nesting(named.text, file=where)
        if named.path is not None and not self.allow_service:
            refuse_service(named.text, file=named.path)
        try:
            if self.allow_service:
                return self._run(named, bindings)
            return offline(lambda: self._run(named, bindings))
        except SyntaxError as error:
            raise QueryError(f"{where}: SPARQL syntax error: {error}") from None
        except OSError as error:  # SERVICE that could not connect (or was not allowed to)
            raise QueryError(f"{where}: the query failed: {error}") from None

    def _run(self, named: NamedQuery, bindings: dict[str, Term]) -> Rows:
        result = self.store.query(
            with_values(named.text, bindings), use_default_graph_as_union=True
        )
        if isinstance(result, ox.QuerySolutions):
            return rows_from_solutions(result)
        if isinstance(result, ox.QueryBoolean):
            return Rows(["result"], [{"result": bool(result)}])
        return rows_from_triples(result)

    def select(
        self, sparql: str, bindings: dict[str, Term] | None = None, *, drafts: bool | None = None
    ) -> Rows:
        """Run SPARQL text with optional pre-bound variables (drafts left out unless ``drafts``)."""
        named = NamedQuery.from_text(sparql, name="(inline query)")
        return self.run(named, bindings or {}, drafts=drafts)

    def graph_names(self) -> list[str]:
        """The named graphs in the store, sorted."""
        return sorted(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))

    def graph_files(self) -> dict[str, str]:
        """Named graph → the project file that defines it."""
        files: dict[str, str] = {}
        prefix = file_graph_iri("")
        for name in self.graph_names():
            location = self.locate(name)
            if name.startswith(prefix):
                files[name] = name[len(prefix) :]
            elif location is not None:
                files[name] = location.file
        return files

    def locate(self, iri: str, *, file: str | None = None) -> Location | None:
        """The file and line where ``iri`` is first described as a subject or graph.

        With ``file`` (a path relative to the project root), the first line of that
        file that describes it.
        """
        if file is not None:
            return self._file_index.get((file, iri))
        return self._index.get(iri)

    def locate_many(self, iris: Iterable[str], *, file: str | None = None) -> dict[str, Location]:
        """:meth:`locate` for each of ``iris`` (those found), without building the whole index.

        From the index once :meth:`locate` has built it; else in one pass over the files
        that keeps only these IRIs (:func:`capgraph.store.find_locations`).
        """
        if "_file_index" not in self.__dict__:
            return find_locations(self.project, iris, file=file)
        found = {iri: self.locate(iri, file=file) for iri in iris}
        return {iri: where for iri, where in found.items() if where is not None}

    @cached_property
    def _file_index(self) -> dict[tuple[str, str], Location]:
        return build_file_index(self.project)

    @cached_property
    def _index(self) -> dict[str, Location]:
        return first_locations(self._file_index)

    def dump(self, fmt: ox.RdfFormat = ox.RdfFormat.N_QUADS) -> bytes:
        """Every quad of the store, serialised."""
        return self.store.dump(format=fmt) or b""

    def to_rdflib(self) -> rdflib.Dataset:
        """The store as an rdflib Dataset (same named graphs); built once, then cached."""
        return self._rdflib_dataset

    @cached_property
    def _rdflib_dataset(self) -> rdflib.Dataset:
        import rdflib

        dataset = rdflib.Dataset()
        dataset.parse(data=self.dump(), format="nquads")
        return dataset

    def union_graph(self) -> rdflib.Graph:
        """Ontology and data as one rdflib Graph (what pySHACL and HermiT see)."""
        return self._union_graph

    @cached_property
    def _union_graph(self) -> rdflib.Graph:
        import rdflib

        # Term by term from the store, not through N-Triples for rdflib to parse: 2.4x
        # faster at 100K triples, 35 s against 55 s at 1M. Blank nodes keep their labels.
        graph = rdflib.Graph()
        convert = _RdflibTerms()
        graph.addN(
            (convert(q.subject), convert(q.predicate), convert(q.object), graph)
            for q in self.store.quads_for_pattern(None, None, None)
        )
        return graph

    def __len__(self) -> int:
        return len(self.store)

    def __repr__(self) -> str:  # no memory address: notebook outputs stay the same run to run
        return f"<KnowledgeGraph: {len(self)} triples in {len(self.graph_names())} named graphs>"

    def _repr_html_(self) -> str:
        """A short summary for notebooks: triples, named graphs and records by kind."""
        from html import escape

        from capgraph.query._info import describe

        info = describe(self)
        counts = "".join(
            f"<tr><td>{escape(kind)}</td><td>{count}</td></tr>" for kind, count in info.counts
        )
        return (
            f"<p><strong>KnowledgeGraph</strong>: {info.triples} triples in "
            f"{len(info.graphs)} named graphs, {info.queries} named queries</p>"
            f'<table class="capgraph-counts"><thead><tr><th>kind</th><th>records</th></tr>'
            f"</thead><tbody>{counts}</tbody></table>"
        )


class _RdflibTerms:
    """pyoxigraph terms as rdflib terms, each distinct term converted once."""

    def __init__(self) -> None:
        self._seen: dict[object, Any] = {}

    def __call__(self, term: object) -> Any:
        found = self._seen.get(term)
        if found is None:
            found = self._seen[term] = _rdflib_term(term)
        return found


def _rdflib_term(term: object) -> Any:
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        if term.datatype.value == XSD + "string":
            return rdflib.Literal(term.value)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    raise TypeError(f"not an RDF 1.1 term: {term!r}")


def open(
    project_dir: str | os.PathLike[str] | None = None,
    *,
    store: str | os.PathLike[str] | None = None,
    drafts: bool = False,
    progress: Progress = NO_PROGRESS,
) -> KnowledgeGraph:
    """Load a records project (the bundled record by default) into an embedded store.

    With ``store=PATH`` the store lives on disk and is reused while the project's
    files are unchanged; when any of them changes it is rebuilt. Its queries leave the
    draft claim graphs out unless ``drafts`` is true (or a query asks for them). ``progress``
    hears how the load goes (:mod:`capgraph._progress`).
    """
    project = Project.discover(project_dir)
    if store is None:
        memory = ox.Store()
        kg = KnowledgeGraph(project, memory, load_project(project, memory, progress=progress))
    else:
        try:
            kg = _open_persistent(project, Path(store), progress)
        except (OSError, RuntimeError) as error:  # RocksDB: not a folder, locked, corrupt
            raise InputError(_store_fault(error), file=str(store)) from None
    kg.drafts = drafts
    return kg


def _store_fault(error: Exception) -> str:
    text = " ".join(str(error).split())
    if "lock" in text.lower():
        return f"the store is in use by another process (a running capgraph serve?): {text}"
    if "Corruption" in text:
        return f"the store is damaged; delete the folder and it is rebuilt: {text}"
    return f"cannot use the store: {text}"


def _open_persistent(project: Project, path: Path, progress: Progress) -> KnowledgeGraph:
    manifest_path = path / _MANIFEST
    wanted = {"format": _STORE_FORMAT, "fingerprint": project.fingerprint()}
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = None
    disk = ox.Store(str(path))
    if manifest == wanted:
        return KnowledgeGraph(project, disk, None)
    # Drop the manifest first: a load that fails half-way must not look current.
    manifest_path.unlink(missing_ok=True)
    disk.clear()
    summary = load_project(project, disk, progress=progress)
    disk.flush()
    atomic_write(manifest_path, json.dumps(wanted))
    return KnowledgeGraph(project, disk, summary)
