"""The record as pages: each resource's facts, each fact with the claim that cites it.

The quads are read once from the store (as ``capgraph export`` reads them, canonical
and sorted). A claim graph is a named graph that describes itself as a ``cap:Claim``
with ``dcterms:source`` (the passage) and ``prov:value`` (the quote); those triples are
the citation, not facts. Claim graphs marked ``cap:reviewStatus cap:draft`` are left
out unless drafts are asked for.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from capgraph.namespaces import CAP, DCTERMS, ID, ORG, PROV, RDF, RDFS, SKOS
from capgraph.site._addresses import page_folder
from capgraph.store import canonical_quads

Term = ox.NamedNode | ox.BlankNode | ox.Literal

_TYPE = RDF + "type"
_CLAIM_TERMS = {_TYPE, DCTERMS + "source", PROV + "value", CAP + "reviewStatus"}
#: Properties that name a resource, best first.
_LABELS = (RDFS + "label", SKOS + "prefLabel", DCTERMS + "title", SKOS + "altLabel")

#: (kind, heading, classes): a resource's kind is the first whose class it has, directly
#: or through ``rdfs:subClassOf``; the order is also the index page's.
KINDS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("body", "Bodies", (CAP + "Body", ORG + "Organization")),
    ("session", "Sessions", (CAP + "Session",)),
    ("process", "Processes", (CAP + "Process",)),
    ("decision", "Decisions", (CAP + "Decision",)),
    ("tor", "Terms of Reference", (CAP + "ToRVersion", CAP + "TermsOfReference")),
    ("tool", "Tools", (CAP + "Tool",)),
    ("plan", "Strategies and plans", (PROV + "Plan",)),
    ("document", "Documents", (CAP + "Document",)),
    ("passage", "Source passages", (CAP + "Passage",)),
    ("other", "Other records", ()),
)


@dataclass(frozen=True)
class Citation:
    """The passage that states a fact, with the exact quote."""

    claim: str
    passage: str | None
    quote: str | None
    draft: bool


@dataclass(frozen=True)
class Fact:
    """One triple about a resource, in the graph that states it."""

    subject: str
    predicate: str
    object: Term
    graph: str | None
    citation: Citation | None


@dataclass
class Resource:
    """A record resource that gets a page: its facts, and the facts that point at it."""

    iri: str
    folder: str
    facts: list[Fact] = field(default_factory=list)
    incoming: list[Fact] = field(default_factory=list)
    types: tuple[str, ...] = ()
    kind: str = "other"
    label: str = ""


@dataclass(frozen=True)
class Record:
    """Everything the pages are made from."""

    resources: dict[str, Resource]
    #: Each claim graph's citation (drafts only when asked for).
    citations: dict[str, Citation]
    #: Every quad the pages may show, canonical and sorted.
    quads: tuple[ox.Quad, ...]
    #: Labels of every IRI that has one, ontology terms included.
    labels: dict[str, str]
    drafts: bool

    def label(self, iri: str) -> str | None:
        return self.labels.get(iri)

    def of_kind(self, kind: str) -> list[Resource]:
        return sorted((r for r in self.resources.values() if r.kind == kind), key=lambda r: r.label)


def read_record(store: ox.Store, *, drafts: bool) -> Record:
    """The record's resources, facts and citations; draft claims only if ``drafts``."""
    quads = canonical_quads(store.quads_for_pattern(None, None, None, None))
    citations = _citations(quads)
    if not drafts:
        citations = {g: c for g, c in citations.items() if not c.draft}
        drafted = {g for g in _claim_graphs(quads) if g not in citations}
        quads = [q for q in quads if _graph(q) not in drafted]
    resources: dict[str, Resource] = {}
    for quad in quads:
        fact = _fact(quad, citations)
        folder = page_folder(fact.subject) if isinstance(quad.subject, ox.NamedNode) else None
        if fact.graph == fact.subject and fact.predicate in _CLAIM_TERMS:
            continue  # a citation triple: shown with the facts it cites
        if folder is not None:
            resources.setdefault(fact.subject, Resource(fact.subject, folder)).facts.append(fact)
    for resource in list(resources.values()):
        for fact in resource.facts:
            target = resources.get(fact.object.value) if _is_iri(fact.object) else None
            if target is not None and target is not resource:
                target.incoming.append(fact)
    labels = _labels(quads)
    _classify(resources, quads, labels)
    return Record(resources, citations, tuple(quads), labels, drafts)


def _fact(quad: ox.Quad, citations: dict[str, Citation]) -> Fact:
    graph = _graph(quad)
    return Fact(
        subject=_value(quad.subject),
        predicate=quad.predicate.value,
        object=quad.object,  # type: ignore[arg-type]  # the record holds no quoted triples
        graph=graph,
        citation=citations.get(graph) if graph else None,
    )


def _is_iri(term: object) -> bool:
    return isinstance(term, ox.NamedNode)


def _value(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    return str(term) if isinstance(term, ox.Triple) else term.value


def _graph(quad: ox.Quad) -> str | None:
    name = quad.graph_name
    return name.value if isinstance(name, ox.NamedNode) else None


def _claim_graphs(quads: list[ox.Quad]) -> set[str]:
    return {
        g
        for q in quads
        if (g := _graph(q)) == _value(q.subject)
        and q.predicate.value == _TYPE
        and _value(q.object) == CAP + "Claim"
    }


def _citations(quads: list[ox.Quad]) -> dict[str, Citation]:
    own: dict[str, dict[str, str]] = defaultdict(dict)
    claims = _claim_graphs(quads)
    for quad in quads:
        graph = _graph(quad)
        if graph in claims and _value(quad.subject) == graph and quad.predicate.value != _TYPE:
            own[graph].setdefault(quad.predicate.value, _value(quad.object))
    return {
        graph: Citation(
            claim=graph,
            passage=own[graph].get(DCTERMS + "source"),
            quote=own[graph].get(PROV + "value"),
            draft=own[graph].get(CAP + "reviewStatus") == CAP + "draft",
        )
        for graph in sorted(claims)
    }


def _labels(quads: list[ox.Quad]) -> dict[str, str]:
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for quad in quads:
        literal = quad.object
        if quad.predicate.value not in _LABELS or not isinstance(literal, ox.Literal):
            continue
        if literal.language in (None, "en"):
            found[_value(quad.subject)].setdefault(quad.predicate.value, literal.value)
    return {
        iri: next(names[p] for p in _LABELS if p in names) for iri, names in sorted(found.items())
    }


def _classify(resources: dict[str, Resource], quads: list[ox.Quad], labels: dict[str, str]) -> None:
    parents: dict[str, set[str]] = defaultdict(set)
    for quad in quads:
        if quad.predicate.value == RDFS + "subClassOf" and isinstance(quad.object, ox.NamedNode):
            parents[_value(quad.subject)].add(quad.object.value)
    for resource in resources.values():
        direct = sorted({f.object.value for f in resource.facts if f.predicate == _TYPE})
        resource.types = tuple(direct)
        classes = _closure(direct, parents)
        resource.kind = next((kind for kind, _, wanted in KINDS if classes & set(wanted)), "other")
        resource.label = (
            labels.get(resource.iri) or _passage_label(resource, labels) or _tail(resource.iri)
        )


def _closure(classes: list[str], parents: dict[str, set[str]]) -> set[str]:
    seen: set[str] = set()
    todo = list(classes)
    while todo:
        cls = todo.pop()
        if cls not in seen:
            seen.add(cls)
            todo.extend(parents.get(cls, ()))
    return seen


def _passage_label(resource: Resource, labels: dict[str, str]) -> str | None:
    """``Terms of Reference (ToR) of the CAP Group, para 3``: the document, then the passage."""
    label = next(
        (f.object.value for f in resource.facts if f.predicate == CAP + "passageLabel"), None
    )
    if label is None:
        return None
    name = f"para {label}" if label.isdigit() else label
    document = next(
        (f.object.value for f in resource.facts if f.predicate == DCTERMS + "isPartOf"), None
    )
    return f"{labels[document]}, {name}" if document in labels else name


def _tail(iri: str) -> str:
    return iri.removeprefix(ID)
