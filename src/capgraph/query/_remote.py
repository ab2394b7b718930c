"""Remote SPARQL 1.1 endpoints: the same queries as the embedded store.

``remote(url)`` answers capgraph's named queries over the SPARQL 1.1 Protocol
(:mod:`capgraph.query._protocol`), with parameters bound in a ``VALUES`` block, and
decodes the answers with pyoxigraph, so its rows equal the embedded store's rows.

Before its first query it checks, with one cheap query, that the store's default graph
is the union of its named graphs, as every capgraph query assumes; a store set up
otherwise is named with the setting to change, instead of answering "0 rows".
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence

import pyoxigraph as ox

from capgraph.errors import EndpointError, ParameterError, QueryError
from capgraph.project import Project
from capgraph.query._binding import with_values
from capgraph.query._lex import QUERY_FORMS, query_form
from capgraph.query._library import NamedQuery, QueryLibrary, Term, bind_params
from capgraph.query._protocol import (
    GRAPH_ACCEPT,
    LOSSLESS_ACCEPT,
    SOLUTIONS_ACCEPT,
    check_http_url,
    parse_graph,
    parse_results,
    parse_solutions,
    post_query,
)
from capgraph.query._rows import Rows, rows_from_triples

__all__ = ["UNION_SETTINGS", "RemoteGraph", "remote"]

#: What to set, store by store, so that the default graph is the union of the named graphs.
UNION_SETTINGS = (
    "Oxigraph: oxigraph serve --union-default-graph; "
    "Fuseki/TDB2: tdb2:unionDefaultGraph true (ja:context); "
    "Jena tdb2.tdbquery: --set tdb:unionDefaultGraph=true; "
    "Virtuoso: a query without FROM already reads every graph; "
    "or name the graphs with --default-graph-uri"
)
#: Sent as the only graph when every graph of a dataset is a draft (none would mean all).
_NO_GRAPH = "urn:capgraph:no-graph"


class RemoteGraph:
    """A SPARQL 1.1 endpoint that answers the project's named queries.

    It only reads: an update given to ``query`` or ``select`` is refused before
    anything is sent.
    """

    def __init__(
        self,
        endpoint_url: str,
        queries: QueryLibrary,
        *,
        timeout: float = 30.0,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
        drafts: bool = False,
    ) -> None:
        self.endpoint_url = endpoint_url
        self.queries = queries
        self.timeout = timeout
        #: Sent as ``default-graph-uri``; empty means the store's own default graph.
        self.default_graph_uris = tuple(default_graph_uris)
        #: Sent as ``named-graph-uri``; empty means the store's own named graphs.
        self.named_graph_uris = tuple(named_graph_uris)
        #: Whether queries see the draft claim graphs when they are not told (``--drafts``).
        self.drafts = drafts
        # Whether the union check has run; given graphs are the caller's choice.
        self._checked = bool(self.default_graph_uris)

    def __repr__(self) -> str:
        return f"RemoteGraph({self.endpoint_url!r})"

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

    def select(
        self, sparql: str, bindings: dict[str, Term] | None = None, *, drafts: bool | None = None
    ) -> Rows:
        """Run SPARQL text with optional pre-bound variables (drafts left out unless ``drafts``)."""
        named = NamedQuery.from_text(sparql, name="(inline query)")
        return self.run(named, bindings or {}, drafts=drafts)

    def run(
        self, named: NamedQuery, bindings: Mapping[str, Term], *, drafts: bool | None = None
    ) -> Rows:
        """Run a query whose parameters are already bound as RDF terms.

        Unless drafts are asked for (``drafts``, else the ``drafts`` attribute), one cheap
        query first asks for the draft claim graphs; when there are any, the other graphs
        are sent as the query's dataset (``default-graph-uri`` and ``named-graph-uri``). A
        store without drafts is asked exactly as it would be without this option.
        """
        form = query_form(named.text)
        if form not in QUERY_FORMS:
            found = f"{form} is an update" if form else "no query form found"
            raise QueryError(
                f"{named.path or named.name}: {found}; a remote endpoint is only queried here"
            )
        default, named_graphs = self._dataset(self.drafts if drafts is None else drafts)
        graph_form = form in ("CONSTRUCT", "DESCRIBE")
        answer = post_query(
            self.endpoint_url,
            with_values(named.text, bindings),
            accept=GRAPH_ACCEPT if graph_form else SOLUTIONS_ACCEPT,
            timeout=self.timeout,
            default_graph_uris=default,
            named_graph_uris=named_graphs,
        )
        if graph_form:
            return rows_from_triples(parse_graph(answer, self.endpoint_url))
        result = parse_solutions(answer, self.endpoint_url)
        if isinstance(result, bool):
            return Rows(["result"], [{"result": result}])
        return result

    def check_union_default_graph(self) -> None:
        """Raise ``EndpointError`` unless the default graph holds the named graphs' triples.

        One triple of some named graph is looked up in the default graph; a store with
        no named graphs passes (there is nothing to check).
        """
        sample = self._terms("remote-a-named-triple", {})
        if not sample:
            return
        subject, predicate, value = sample
        if self._terms("remote-default-holds", {"s": subject, "p": predicate, "o": value}):
            return
        raise EndpointError(
            f"{self.endpoint_url}: the store's default graph is not the union of its named "
            f"graphs (it lacks {subject} {predicate} {value}), and every capgraph query "
            f"reads the union; set the store up so ({UNION_SETTINGS})"
        )

    def draft_graphs(self) -> tuple[str, ...]:
        """The claim graphs marked ``cap:reviewStatus cap:draft`` (built-in ``drafts-graphs``)."""
        return self._iris("drafts-graphs")

    def _dataset(self, drafts: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The ``default-graph-uri`` and ``named-graph-uri`` values for one query."""
        hidden = set() if drafts else set(self.draft_graphs())
        if not hidden:
            if not self._checked:
                self._checked = True
                self.check_union_default_graph()
            return self.default_graph_uris, self.named_graph_uris
        # An explicit dataset: the store's union setting no longer matters.
        every: tuple[str, ...] | None = None
        chosen = []
        for given in (self.default_graph_uris, self.named_graph_uris):
            if not given:
                every = self._iris("remote-graphs") if every is None else every
            kept = tuple(g for g in (given or every or ()) if g not in hidden)
            # No graph left: name one that does not exist, since none would mean all.
            chosen.append(kept or (_NO_GRAPH,))
        return chosen[0], chosen[1]

    def _iris(self, name: str) -> tuple[str, ...]:
        """The ``?graph`` column of a built-in query (any results format: IRIs lose nothing)."""
        answer = post_query(
            self.endpoint_url,
            self.queries.get(name).text,
            accept=SOLUTIONS_ACCEPT,
            timeout=self.timeout,
        )
        rows = parse_solutions(answer, self.endpoint_url)
        if isinstance(rows, bool):
            raise EndpointError(f"{self.endpoint_url}: a SELECT was answered as an ASK")
        return tuple(str(row["graph"]) for row in rows if row.get("graph") is not None)

    def _terms(self, name: str, bindings: Mapping[str, Term]) -> tuple[Term, ...]:
        answer = post_query(
            self.endpoint_url,
            with_values(self.queries.get(name).text, bindings),
            accept=LOSSLESS_ACCEPT,
            timeout=self.timeout,
        )
        results = parse_results(answer, self.endpoint_url)
        if not isinstance(results, ox.QuerySolutions):
            raise EndpointError(f"{self.endpoint_url}: a SELECT was answered as an ASK")
        for solution in results:
            return tuple(solution[v] for v in results.variables)
        return ()


def remote(
    endpoint_url: str,
    *,
    project_dir: str | os.PathLike[str] | None = None,
    timeout: float = 30.0,
    default_graph_uris: Iterable[str] = (),
    named_graph_uris: Iterable[str] = (),
    drafts: bool = False,
) -> RemoteGraph:
    """The named queries of ``project_dir`` (default: the bundled record), asked of a remote store.

    The store must answer over the union of its named graphs (Oxigraph:
    ``--union-default-graph``), or be given the graphs as ``default_graph_uris``;
    ``named_graph_uris`` restricts the named graphs (SPARQL 1.1 Protocol). Its queries
    leave the draft claim graphs out unless ``drafts`` is true (or a query asks for them).
    """
    check_http_url(endpoint_url, what="endpoint")
    for name, value in (
        ("default_graph_uris", default_graph_uris),
        ("named_graph_uris", named_graph_uris),
    ):
        if isinstance(value, str):
            raise ParameterError(
                f"{name} takes several IRIs, got one string {value!r}; pass a list or tuple of IRIs"
            )
    project = Project.discover(project_dir)
    queries = QueryLibrary.for_project(project.query_files, root=project.root)
    return RemoteGraph(
        endpoint_url,
        queries,
        timeout=timeout,
        default_graph_uris=tuple(default_graph_uris),
        named_graph_uris=tuple(named_graph_uris),
        drafts=drafts,
    )
