"""SHACL-SPARQL constraints run once over all their focus nodes, in Oxigraph.

pySHACL evaluates a ``sh:sparql`` constraint once per focus node, with ``$this``
pre-bound, through rdflib's SPARQL engine. On a record of 100K triples that took
over 200 s for the seventeen constraints capgraph ships; the same questions asked once each of
the store, with ``$this`` joined to the shape's targets, take under a second
(``python -m benchmarks.constraints`` measures both).

:func:`split` takes out of a shapes graph every constraint for which one query
over all focus nodes gives the same results as pySHACL's per-node evaluation,
and leaves everything else to pySHACL. A constraint qualifies when:

- its shape is a node shape (no ``sh:path``) that no other shape refers to (so
  it is only ever checked against its own targets), has no implicit class
  target, no ``sh:target`` and is not deactivated, and has at least one
  ``sh:targetClass``, ``sh:targetNode``, ``sh:targetSubjectsOf`` or
  ``sh:targetObjectsOf``;
- it has one ``sh:select`` and at least one ``sh:message`` (on it or its shape);
- its query has no ``LIMIT``, ``OFFSET``, ``VALUES``, ``MINUS`` or ``SERVICE``; uses
  none of ``$currentShape``, ``$shapesGraph``, ``$PATH`` or ``?failure``; each
  sub-SELECT projects ``$this`` (as SHACL requires); and each SELECT that aggregates
  groups by ``$this``. Under those rules,
  joining the focus nodes at the top of the WHERE clause is the same as
  pre-binding ``$this`` in each evaluation.

Each row becomes a result as pySHACL makes it (``pyshacl.constraints.sparql``):
the focus is ``$this``; the path is ``?path`` if bound; the value is ``?value``,
or the focus node when ``?value`` is unbound; each message has ``{?var}`` and
``{$var}`` replaced by the lexical form of that variable's binding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from capgraph._severity import Severity
from capgraph.namespaces import OWL, RDFS, SH
from capgraph.query._lex import AGGREGATES, iter_tokens
from capgraph.validation._classes import PATHS, Classes, Membership
from capgraph.validation._select import Select, store_select

if TYPE_CHECKING:
    import pyoxigraph as ox
    import rdflib

#: How each target kind binds ``?this`` (SHACL 2.1.3); ``targetClass`` asks a Membership.
_TARGETS = {
    "targetClass": "",
    "targetNode": "VALUES ?this {{ <{0}> }}",
    "targetSubjectsOf": "?this <{0}> ?capgraph_target_object .",
    "targetObjectsOf": "?capgraph_target_subject <{0}> ?this .",
}
_NOT_SET_SAFE = {"LIMIT", "OFFSET", "VALUES", "MINUS", "SERVICE"}
_RESERVED_VARIABLES = {"currentShape", "shapesGraph", "PATH", "failure"}


@dataclass(frozen=True)
class SetConstraint:
    """One SHACL-SPARQL constraint, rewritten to run once over all focus nodes."""

    shape: str
    severity: Severity
    messages: tuple[str, ...]
    #: the rewritten query, over all focus nodes (class targets as paths: ``query_with``)
    query: str
    #: the query as the shape writes it (``$this`` pre-bound), with its prefixes
    select: str
    #: the shape's targets, as (kind, IRI) pairs
    targets: tuple[tuple[str, str], ...] = ()

    def query_with(self, classes: Membership) -> str:
        """The query over all focus nodes, with its class targets spelled by ``classes``."""
        rewritten = _rewrite(self.select, _focus(self.targets, classes))
        assert rewritten is not None, "the query was rewritten when it was split off"
        return rewritten


@dataclass(frozen=True)
class Row:
    """One result of a :class:`SetConstraint`, in pyoxigraph terms."""

    focus: ox.NamedNode | ox.BlankNode | ox.Literal
    path: ox.NamedNode | None
    value: Any
    messages: tuple[str, ...]


def split(shapes: rdflib.Graph) -> tuple[rdflib.Graph, tuple[SetConstraint, ...]]:
    """The shapes graph left for pySHACL, and the constraints taken out of it."""
    import rdflib

    sh = rdflib.Namespace(SH)
    remaining = rdflib.Graph()
    remaining += shapes
    for prefix, namespace in shapes.namespaces():
        remaining.bind(prefix, namespace)
    taken = []
    for shape, constraint in sorted(shapes.subject_objects(sh.sparql)):
        found = _set_constraint(shapes, shape, constraint)
        if found is not None:
            remaining.remove((shape, sh.sparql, constraint))
            taken.append(found)
    return remaining, tuple(taken)


def _set_constraint(shapes: rdflib.Graph, shape: Any, constraint: Any) -> SetConstraint | None:
    import rdflib

    sh = rdflib.Namespace(SH)
    if not isinstance(shape, rdflib.URIRef) or not _stands_alone(shapes, shape):
        return None
    if any(_is_true(v) for v in shapes.objects(constraint, sh.deactivated)):
        return None
    selects = list(shapes.objects(constraint, sh.select))
    messages = [str(m) for m in shapes.objects(shape, sh.message)]
    messages += [str(m) for m in shapes.objects(constraint, sh.message) if str(m) not in messages]
    if len(selects) != 1 or not isinstance(selects[0], rdflib.Literal) or not messages:
        return None
    targets = _target_pairs(shapes, shape)
    prefixes = _prefixes(shapes, constraint)
    if targets is None or prefixes is None:
        return None
    query = _rewrite(prefixes + str(selects[0]), _focus(targets, PATHS))
    if query is None or not _parses(query):
        return None
    severity = shapes.value(shape, sh.severity)
    return SetConstraint(
        shape=str(shape),
        severity=Severity.parse(str(severity)) if severity is not None else Severity.VIOLATION,
        messages=tuple(messages),
        query=query,
        select=prefixes + str(selects[0]),
        targets=targets,
    )


def _stands_alone(shapes: rdflib.Graph, shape: Any) -> bool:
    """A node shape checked only against its own explicit targets."""
    import rdflib

    sh = rdflib.Namespace(SH)
    classes = {rdflib.URIRef(RDFS + "Class"), rdflib.URIRef(OWL + "Class")}
    return (
        shapes.value(shape, sh.path) is None
        and shapes.value(shape, sh.target) is None
        and not any(_is_true(v) for v in shapes.objects(shape, sh.deactivated))
        and not classes & set(shapes.objects(shape, rdflib.RDF.type))
        and next(iter(shapes.subjects(None, shape)), None) is None
    )


def _is_true(term: Any) -> bool:
    return str(term).lower() in ("true", "1")


def focus_pattern(shapes: rdflib.Graph, shape: Any, *, classes: Membership = PATHS) -> str | None:
    """The shape's targets as a pattern binding ``?this`` (a UNION of several)."""
    targets = _target_pairs(shapes, shape)
    return None if targets is None else _focus(targets, classes) or None


def _target_pairs(shapes: rdflib.Graph, shape: Any) -> tuple[tuple[str, str], ...] | None:
    """The shape's (target kind, IRI) pairs; None if a target is not an IRI."""
    import rdflib

    pairs = []
    for kind in _TARGETS:
        for value in shapes.objects(shape, rdflib.URIRef(SH + kind)):
            if not isinstance(value, rdflib.URIRef):
                return None
            pairs.append((kind, str(value)))
    return tuple(pairs)


def _focus(targets: tuple[tuple[str, str], ...], classes: Membership) -> str:
    parts = [
        classes.instances("?this", f"<{iri}>", via="?capgraph_target_class")
        if kind == "targetClass"
        else _TARGETS[kind].format(iri)
        for kind, iri in targets
    ]
    return " UNION ".join(sorted("{ " + part + " }" for part in parts))


def _prefixes(shapes: rdflib.Graph, constraint: Any) -> str | None:
    """PREFIX lines for the ``sh:declare`` of the constraint's ``sh:prefixes`` (as pySHACL)."""
    import rdflib

    sh = rdflib.Namespace(SH)
    lines = []
    for holder in shapes.objects(constraint, sh.prefixes):
        for declaration in shapes.objects(holder, sh.declare):
            prefix = shapes.value(declaration, sh.prefix)
            namespace = shapes.value(declaration, sh.namespace)
            if prefix is None or namespace is None:
                return None
            lines.append(f"PREFIX {prefix}: <{namespace}>\n")
    return "".join(sorted(set(lines)))


def _rewrite(select: str, targets: str) -> str | None:
    """``select`` with ``$this`` free and joined to ``targets``, or None if that would differ."""
    tokens = list(iter_tokens(select))
    words = [t.group().upper() for t in tokens if t.lastgroup == "word"]
    variables = {t.group()[1:] for t in tokens if t.lastgroup == "var"}
    scopes = _select_scopes(tokens)
    if (
        scopes is None
        or _NOT_SET_SAFE & set(words)
        or _RESERVED_VARIABLES & variables
        or not all(_set_safe(scope, outer=n == 0) for n, scope in enumerate(scopes))
    ):
        return None
    brace = next((t for t in tokens if t.group() == "{"), None)
    if brace is None:
        return None
    focus = f" {{ SELECT DISTINCT ?this WHERE {{ {targets} }} }}"
    projection = _projection_insert(tokens, brace.start())
    pieces = []
    last = 0
    for token in tokens:
        if token.start() == projection:
            pieces.append(select[last : token.start()] + "?this ")
            last = token.start()
        if token.lastgroup == "var" and token.group()[1:] == "this":
            pieces.append(select[last : token.start()] + "?this")
            last = token.end()
        elif token is brace:
            pieces.append(select[last : token.end()] + focus)
            last = token.end()
    pieces.append(select[last:])
    return "".join(pieces)


def _select_scopes(tokens: list[re.Match[str]]) -> list[list[re.Match[str]]] | None:
    """The tokens of each SELECT, the outer query first, a sub-SELECT's own not in its parent's.

    None when a SELECT is neither the query nor a sub-SELECT (a group opened by ``{ SELECT``).
    """
    owner = [0] * len(tokens)  # the innermost SELECT (0: the query) holding each token
    scopes = 1
    stack: list[tuple[int, int]] = []  # (scope, brace depth at which it closes)
    depth = 0
    seen = False
    for index, token in enumerate(tokens):
        text = token.group()
        if text.upper() == "SELECT" and seen:
            if tokens[index - 1].group() != "{":
                return None
            stack.append((scopes, depth - 1))
            owner[index - 1] = scopes
            scopes += 1
        seen = seen or text.upper() == "SELECT"
        depth += {"{": 1, "}": -1}.get(text, 0)
        owner[index] = stack[-1][0] if stack else 0
        if text == "}" and stack and depth == stack[-1][1]:
            stack.pop()
    if not seen:
        return None
    return [[t for t, o in zip(tokens, owner, strict=True) if o == n] for n in range(scopes)]


def _set_safe(scope: list[re.Match[str]], *, outer: bool) -> bool:
    """Whether joining ``$this`` after this SELECT answers as pre-binding it would.

    A SELECT that aggregates must group by ``$this``; a sub-SELECT must also project it.
    """
    words = {t.group().upper() for t in scope if t.lastgroup == "word"}
    if (AGGREGATES & words or "GROUP" in words) and not _groups_by_this(scope):
        return False
    if outer:
        return True
    first = next(
        (
            i
            for i, t in enumerate(scope)
            if t.group().upper() == "WHERE" or (i > 1 and t.group() == "{")
        ),
        len(scope),
    )
    return any(t.lastgroup == "var" and t.group()[1:] == "this" for t in scope[:first])


def _groups_by_this(tokens: list[re.Match[str]]) -> bool:
    """True when the query has a GROUP BY whose keys include ``$this``."""
    texts = [t.group().upper() for t in tokens]
    for index in range(len(texts) - 1):
        if texts[index] == "GROUP" and texts[index + 1] == "BY":
            for text in texts[index + 2 :]:
                if text in ("HAVING", "ORDER", "LIMIT", "OFFSET", "}"):
                    break
                if text in ("?THIS", "$THIS"):
                    return True
    return False


def _projection_insert(tokens: list[re.Match[str]], where: int) -> int | None:
    """Where ``?this `` must go so that the SELECT projects it (None if it already does)."""
    head = [t for t in tokens if t.start() < where]
    select = next(i for i, t in enumerate(head) if t.group().upper() == "SELECT")
    projected = head[select + 1 :]
    if any(t.group() == "*" for t in projected):
        return None
    depth = 0
    for token in projected:
        depth += {"(": 1, ")": -1}.get(token.group(), 0)
        if depth == 0 and token.lastgroup == "var" and token.group()[1:] == "this":
            return None
    modifiers = [t for t in projected[:1] if t.group().upper() in ("DISTINCT", "REDUCED")]
    after = modifiers[0] if modifiers else head[select]
    following = [t for t in tokens if t.start() > after.start()]
    return following[0].start() if following else None


def _parses(query: str) -> bool:
    import pyoxigraph as ox

    try:
        ox.Store().query(query)
    except SyntaxError:
        return False
    return True


def run(
    store: ox.Store | Select, constraint: SetConstraint, *, classes: Membership | None = None
) -> Iterator[Row]:
    """The results of ``constraint`` over the union of the store's graphs (or an endpoint's).

    ``classes`` answers which classes are subclasses of which (asked of the store if not given).
    """
    select = store if callable(store) else store_select(store)
    for bound in select(constraint.query_with(classes or Classes(select))):
        bound = dict(bound)
        focus = bound.pop("this")
        path = bound.pop("path", None)
        value = bound.pop("value", focus)
        bound["this"] = focus
        if path is not None:
            bound["path"] = path
        bound["value"] = value
        yield Row(
            focus=focus,
            path=path,
            value=value,
            messages=tuple(_fill(m, bound) for m in constraint.messages),
        )


def _fill(message: str, bound: dict[str, Any]) -> str:
    """``{?var}`` and ``{$var}`` replaced by the lexical form of each bound variable."""
    for name, term in bound.items():
        message = re.sub(r"\{[?$]" + re.escape(name) + r"\}", _Lexical(term), message)
    return message


@dataclass(frozen=True)
class _Lexical:
    """A ``re.sub`` replacement: a term's lexical form, taken as it is (no escapes)."""

    term: Any

    def __call__(self, _match: re.Match[str]) -> str:
        return str(self.term.value)
