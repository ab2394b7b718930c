"""Where a tool comes from: its provenance trail, with a citation for every link.

A trail starts at a tool and follows, through the ``trace-*`` queries:

- tool → development activity (``prov:wasGeneratedBy``);
- activity → plan and agent (``prov:qualifiedAssociation``), and mandate (``cap:underMandate``);
- plan, priority or ToR version → every decision on it (``cap:onObject``): a strategy's
  endorsement, a priority's setting, a version's approval chain;
- ToR version → the version it revises (``prov:wasRevisionOf``), and on to its decisions.

Each node is visited once per trail; a node met again is shown without its children.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import ClassVar

from capgraph.errors import NothingToShow, ParameterError
from capgraph.namespaces import CAP, shorten
from capgraph.procedure._decisions import (
    Citation,
    DecisionRecord,
    citation_from_row,
    decision_rows,
    decisions_from_rows,
    first,
    local_name,
    sort_citations,
)
from capgraph.query import Queryable, Value, expand_iri

#: cap: classes, most specific first, and the word a trail shows for each.
KINDS: tuple[tuple[str, str], ...] = (
    ("Tool", "tool"),
    ("ToolFeature", "tool feature"),
    ("ToolDevelopment", "activity"),
    ("Priority", "priority"),
    ("Strategy", "strategy"),
    ("StrategicPlan", "strategic plan"),
    ("ImplementationPlan", "implementation plan"),
    ("ToRVersion", "ToR version"),
    ("Decision", "decision"),
    ("Body", "body"),
    ("Session", "session"),
    ("Document", "document"),
)

#: Kinds whose node has no links to follow.
_LEAVES = frozenset({"body", "session", "decision"})


@dataclass(frozen=True)
class TraceNode:
    """One node of a provenance trail and the link that leads to it from its parent."""

    iri: str
    kind: str
    label: str
    relation: str | None = None
    citations: tuple[Citation, ...] = ()
    status: str | None = None
    decision: DecisionRecord | None = None
    repeated: bool = False
    children: tuple[TraceNode, ...] = field(default=())

    __json__: ClassVar[tuple[str, ...]] = (
        "iri", "kind", "label", "relation", "status", "citations", "decision", "repeated",
        "children",
    )  # fmt: skip

    def walk(self) -> list[TraceNode]:
        """This node and every node below it, depth first."""
        nodes = [self]
        for child in self.children:
            nodes.extend(child.walk())
        return nodes

    def path_kinds(self) -> list[list[str]]:
        """Every root-to-leaf path as a list of kinds, for quick checks of a trail's shape."""
        if not self.children:
            return [[self.kind]]
        return [[self.kind, *rest] for child in self.children for rest in child.path_kinds()]


@dataclass(frozen=True)
class ToolInfo:
    """A tool as ``trace-tools`` lists it."""

    iri: str
    label: str | None
    status: str | None
    citations: tuple[Citation, ...]

    @property
    def name(self) -> str:
        return local_name(self.iri) or self.iri


def list_tools(source: Queryable) -> tuple[ToolInfo, ...]:
    """Every tool in the record, sorted by IRI."""
    grouped: dict[str, list[Mapping[str, Value]]] = {}
    for row in source.query("trace-tools"):
        grouped.setdefault(str(row["tool"]), []).append(row)
    return tuple(
        ToolInfo(
            iri=iri,
            label=first(r.get("label") for r in rows),
            status=local_name(first(r.get("status") for r in rows)),
            citations=sort_citations(c for c in map(citation_from_row, rows) if c),
        )
        for iri, rows in sorted(grouped.items())
    )


def resolve_tool(tools: tuple[ToolInfo, ...], tool: str) -> ToolInfo:
    """The tool named by IRI, prefixed name or short name (the last segment of its IRI)."""
    if not tools:
        raise NothingToShow("the record has no tools (nothing is a cap:Tool): nothing to trace")
    full = expand_iri(tool)
    for info in tools:
        if tool == info.name or full == info.iri:
            return info
    known = ", ".join(t.name for t in tools) or "(none)"
    raise ParameterError(f"unknown tool {tool!r}; known tools: {known}")


def trace(source: Queryable, tool: str) -> TraceNode:
    """The provenance trail of one tool, as a tree rooted at the tool."""
    info = resolve_tool(list_tools(source), tool)
    seen = {info.iri}
    return TraceNode(
        iri=info.iri,
        kind="tool",
        label=info.label or info.name,
        citations=info.citations,
        status=info.status,
        children=_children(source, info.iri, seen),
    )


def _children(source: Queryable, iri: str, seen: set[str]) -> tuple[TraceNode, ...]:
    links: dict[tuple[str, str], list[Mapping[str, Value]]] = {}
    for row in source.query("trace-links", {"node": iri}):
        links.setdefault((str(row["relation"]), str(row["target"])), []).append(row)
    nodes: list[TraceNode] = []
    for (relation, target), rows in sorted(links.items(), key=lambda kv: _link_order(kv[0])):
        kind = _kind(r.get("targetType") for r in rows)
        repeated = target in seen
        seen.add(target)
        nodes.append(
            TraceNode(
                iri=target,
                kind=kind,
                label=first(r.get("targetLabel") for r in rows) or shorten(target),
                relation=relation,
                citations=sort_citations(c for c in map(citation_from_row, rows) if c),
                repeated=repeated,
                children=() if repeated or kind in _LEAVES else _children(source, target, seen),
            )
        )
    # A version's own approval chain comes before the version it revises.
    revises = [n for n in nodes if n.relation == "revision of"]
    nodes = [n for n in nodes if n.relation != "revision of"]
    decisions = decisions_from_rows(decision_rows(source, "trace", {"object": iri}))
    for decision in decisions:
        repeated = decision.iri in seen
        seen.add(decision.iri)
        nodes.append(
            TraceNode(
                iri=decision.iri,
                kind="decision",
                label=decision.headline,
                relation=_decided(decision),
                citations=decision.citations,
                status=decision.status,
                decision=decision,
                repeated=repeated,
            )
        )
    return tuple(nodes + revises)


#: The order in which a node's links are shown: where it comes from before what it rests on.
_RELATION_ORDER = ("generated by", "carried out by", "plan", "under mandate", "revision of")


def _link_order(key: tuple[str, str]) -> tuple[int, str]:
    relation, target = key
    rank = _RELATION_ORDER.index(relation) if relation in _RELATION_ORDER else len(_RELATION_ORDER)
    return (rank, target)


def _kind(types: Iterable[Value]) -> str:
    found = {str(t) for t in types if t}
    for local, word in KINDS:
        if CAP + local in found:
            return word
    cap_types = sorted(t.removeprefix(CAP) for t in found if t.startswith(CAP))
    return cap_types[0] if cap_types else "thing"


def _decided(decision: DecisionRecord) -> str:
    return "decision" if decision.taken else f"decision ({decision.status or 'status unknown'})"
