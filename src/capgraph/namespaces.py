"""The one place where prefixes and namespace IRIs are defined."""

from __future__ import annotations

from typing import Final

__all__ = [
    "CAP",
    "CAPSH",
    "DCTERMS",
    "ID",
    "ONTOLOGY_IRI",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SH",
    "SKOS",
    "XSD",
    "shorten",
]

ONTOLOGY_IRI: Final = "https://w3id.org/capgraph/ontology"
CAP: Final = ONTOLOGY_IRI + "#"
ID: Final = "https://w3id.org/capgraph/id/"
#: The shapes in ``shapes/``: results name them ``capsh:Local``.
CAPSH: Final = "https://w3id.org/capgraph/shapes#"

ORG: Final = "http://www.w3.org/ns/org#"
PROV: Final = "http://www.w3.org/ns/prov#"
DCTERMS: Final = "http://purl.org/dc/terms/"
SKOS: Final = "http://www.w3.org/2004/02/skos/core#"
SCHEMA: Final = "https://schema.org/"
RDF: Final = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS: Final = "http://www.w3.org/2000/01/rdf-schema#"
OWL: Final = "http://www.w3.org/2002/07/owl#"
XSD: Final = "http://www.w3.org/2001/XMLSchema#"
SH: Final = "http://www.w3.org/ns/shacl#"

#: Prefixes in the order they are written by every serialiser (stable exports).
PREFIXES: Final[dict[str, str]] = {
    "cap": CAP,
    "capsh": CAPSH,
    "id": ID,
    "dcterms": DCTERMS,
    "org": ORG,
    "owl": OWL,
    "prov": PROV,
    "rdf": RDF,
    "rdfs": RDFS,
    "schema": SCHEMA,
    "sh": SH,
    "skos": SKOS,
    "xsd": XSD,
}


def shorten(iri: str) -> str:
    """Return ``prefix:local`` for an IRI under a known namespace, else the IRI itself."""
    best = ""
    best_prefix = ""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(best):
            best, best_prefix = namespace, prefix
    return f"{best_prefix}:{iri[len(best) :]}" if best else iri
