"""The W3C SHACL test suite: its manifests as test cases, and reports as comparable keys.

The suite is not copied into the repository: it is read from ``shared/w3c-shacl-tests``
next to the repository (as CI clones it), and the tests are skipped, saying so, without it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import rdflib
from rdflib.collection import Collection

from capgraph.errors import CapgraphError
from capgraph.validation import ValidationResult

REPO = Path(__file__).resolve().parents[2]
SUITE = REPO.parent / "shared" / "w3c-shacl-tests" / "data-shapes-test-suite" / "tests"

MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = rdflib.Namespace("http://www.w3.org/ns/shacl-test#")
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")

Key = tuple[str, str, str | None, str | None, str, str]


@dataclass(frozen=True)
class Case:
    """One ``sht:Validate`` entry: its data and shapes files and the expected report."""

    id: str
    data: Path
    shapes: Path
    #: the expected results with literals as rdflib reads them (for pySHACL), and as
    #: Oxigraph stores them (for capgraph: "4.0"^^xsd:decimal is stored as "4");
    #: None when the test expects the shapes to be rejected
    expected: frozenset[Key] | None
    expected_in_store: frozenset[Key] | None
    #: why capgraph cannot represent the expected report, if it cannot
    unrepresentable: str = ""


def _as_stored(path: Path) -> rdflib.Graph:
    """The file as Oxigraph stores it, in rdflib terms that keep each lexical form."""
    import pyoxigraph as ox

    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.as_uri())
    graph = rdflib.Graph()
    for quad in store:
        graph.add(tuple(_rdflib(t) for t in (quad.subject, quad.predicate, quad.object)))
    return graph


def _rdflib(term: Any) -> Any:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=term.datatype.value, normalize=False)


def _stored_result(result: Any, graph: rdflib.Graph, stored: rdflib.Graph) -> Any:
    """The expected report's node in the stored graph (found by its test entry)."""
    if not isinstance(result, rdflib.BNode):
        return result
    return stored.value(graph.value(None, MF.result, result), MF.result)


def _expected(graph: rdflib.Graph, result: Any) -> frozenset[Key] | None:
    from capgraph.validation._pyshacl import read_report

    if result == SHT.Failure:
        return None
    report = rdflib.Graph()
    for node in graph.objects(result, SH.result):
        _copy_tree(graph, node, report)
        report.add((result, SH.result, node))
    return keys(read_report(report))


def _copy_tree(source: rdflib.Graph, node: Any, target: rdflib.Graph) -> None:
    for p, o in source.predicate_objects(node):
        target.add((node, p, o))
        if isinstance(o, rdflib.BNode):
            _copy_tree(source, o, target)


def cases() -> list[Case]:
    """Every test of the suite's core and SPARQL manifests, in a stable order."""
    if not SUITE.is_dir():
        return []
    found: list[Case] = []
    for part in ("core", "sparql"):
        found.extend(_manifest_cases(SUITE / part / "manifest.ttl"))
    return sorted(found, key=lambda c: c.id)


def _manifest_cases(path: Path) -> Iterator[Case]:
    graph = rdflib.Graph().parse(path, format="turtle", publicID=path.as_uri())
    for include in graph.objects(None, MF.include):
        yield from _manifest_cases(_local(include))
    for entries in graph.objects(None, MF.entries):
        for entry in Collection(graph, entries):
            if (entry, rdflib.RDF.type, SHT.Validate) not in graph:
                continue
            action = graph.value(entry, MF.action)
            result = graph.value(entry, MF.result)
            try:
                expected, why = _expected(graph, result), ""
                stored = _as_stored(path)
                in_store = _expected(stored, _stored_result(result, graph, stored))
            except CapgraphError as error:
                expected, in_store, why = frozenset(), frozenset(), str(error)
            yield Case(
                id=str(_local(entry).relative_to(SUITE)),
                data=_local(graph.value(action, SHT.dataGraph)),
                shapes=_local(graph.value(action, SHT.shapesGraph)),
                expected=expected,
                expected_in_store=in_store,
                unrepresentable=why,
            )


def _local(iri: Any) -> Path:
    from urllib.parse import urlparse
    from urllib.request import url2pathname

    return Path(url2pathname(urlparse(str(iri)).path))


def keys(results: Iterable[ValidationResult]) -> frozenset[Key]:
    """What the suite prescribes of each result; blank nodes match any blank node.

    A set: capgraph's report holds each distinct result once.
    """
    return frozenset(
        (
            r.severity.label,
            _blank(r.focus),
            _blank(r.path),
            _blank(r.value),
            _blank(r.shape),
            r.constraint,
        )
        for r in results
    )


def _blank(text: str | None) -> Any:
    return "_:" if text is not None and text.startswith("_:") else text
