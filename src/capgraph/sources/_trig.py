"""Write a draft as TriG: stable prefixes, one graph per claim, sorted, so diffs stay small."""

from __future__ import annotations

from capgraph.namespaces import CAP, DCTERMS, ID, ORG, OWL, PROV, RDFS, SCHEMA, SKOS, XSD
from capgraph.sources._model import A, Draft, Literal, Object, Triple

_PREFIXES = {
    "cap": CAP,
    "dcterms": DCTERMS,
    "org": ORG,
    "owl": OWL,
    "prov": PROV,
    "rdfs": RDFS,
    "schema": SCHEMA,
    "skos": SKOS,
    "xsd": XSD,
}


def _iri(iri: str) -> str:
    if iri == A:
        return "a"
    if iri.startswith(ID):
        return f"<{iri[len(ID) :]}>"
    for prefix, namespace in _PREFIXES.items():
        local = iri[len(namespace) :]
        if iri.startswith(namespace) and local.replace("_", "a").isalnum():
            return f"{prefix}:{local}"
    return f"<{iri}>"


def _literal(literal: Literal) -> str:
    escaped = literal.value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    if literal.datatype is None:
        return f'"{escaped}"'
    return f'"{escaped}"^^{_iri(literal.datatype)}'


def _term(obj: Object) -> str:
    return _literal(obj) if isinstance(obj, Literal) else _iri(obj)


def _block(triples: list[Triple], graph: str) -> list[str]:
    """Triples grouped by subject: the graph's own node first, then the others sorted."""
    subjects = sorted({s for s, _, _ in triples}, key=lambda s: (s != graph, s))
    lines: list[str] = []
    for subject in subjects:
        own = [(p, o) for s, p, o in triples if s == subject]
        own.sort(key=lambda po: (po[0] != A, po[0] != RDFS + "label", po[0], str(po[1])))
        body = " ;\n    ".join(f"{_iri(p)} {_term(o)}" for p, o in own)
        lines.append(f"{_iri(subject)} {body} .")
    return lines


def to_trig(draft: Draft, *, header: str) -> str:
    """The draft as a TriG document; ``header`` becomes the leading comment."""
    out = [f"# {line}".rstrip() for line in header.splitlines()]
    out.append("")
    out += [f"@prefix {p}: <{ns}> ." for p, ns in sorted(_PREFIXES.items())]
    out.append(f"@base <{ID}> .")
    for graph, triples in draft.graphs():
        out += ["", f"{_iri(graph)} {{"]
        out += _block(triples, graph)
        out.append("}")
    return "\n".join(out) + "\n"
