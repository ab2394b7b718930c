"""Content negotiation and serialisation of query results for the served endpoint.

A query worker collects solutions one at a time (so it can stop at a row limit)
and so cannot hand pyoxigraph's lazy ``QuerySolutions`` to its serialiser. It
writes the collected rows as SPARQL JSON (``capgraph.server._worker``) and
CONSTRUCT results as N-Triples; the server turns those into the format the client asked
for with pyoxigraph's own serialisers.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from capgraph.namespaces import PREFIXES

__all__ = [
    "GRAPH_MEDIA_TYPES",
    "SOLUTION_MEDIA_TYPES",
    "Rendered",
    "negotiate",
    "render_boolean",
    "render_solutions",
    "render_triples",
]


#: Media types offered for SELECT and ASK, the first being the default.
SOLUTION_MEDIA_TYPES: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}

#: Media types offered for CONSTRUCT and DESCRIBE, the first being the default.
GRAPH_MEDIA_TYPES: dict[str, ox.RdfFormat] = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "text/plain": ox.RdfFormat.N_TRIPLES,
}

_CHARSET = {"text/csv", "text/tab-separated-values", "text/turtle", "text/plain"}


@dataclass(frozen=True)
class Rendered:
    """A response body and the Content-Type it is sent with."""

    body: bytes
    content_type: str
    #: More headers, e.g. the query page's Content-Security-Policy.
    headers: tuple[tuple[str, str], ...] = ()


def negotiate(accept: str | None, offers: Sequence[str]) -> str | None:
    """The offer the ``Accept`` header prefers, the first offer without one, else None."""
    if not accept or not accept.strip():
        return offers[0]
    best_key: tuple[float, int, int] | None = None
    best_offer: str | None = None
    for order, item in enumerate(accept.split(",")):
        media, _, params = item.strip().partition(";")
        media = media.strip().lower()
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        offer = next((candidate for candidate in offers if _matches(media, candidate)), None)
        if quality <= 0 or offer is None:
            continue
        specificity = 0 if media == "*/*" else 1 if media.endswith("/*") else 2
        rank = (quality, specificity, -order)
        if best_key is None or rank > best_key:
            best_key, best_offer = rank, offer
    return best_offer


def _matches(pattern: str, offer: str) -> bool:
    if pattern in ("*/*", offer):
        return True
    return pattern.endswith("/*") and offer.startswith(pattern[:-1])


def _content_type(media: str) -> str:
    return f"{media}; charset=utf-8" if media in _CHARSET else media


def _convert(json_body: bytes, media: str, kind: ox.QueryResultsFormat) -> Rendered:
    if kind == ox.QueryResultsFormat.JSON:
        return Rendered(json_body, _content_type(media))
    parsed = ox.parse_query_results(json_body, ox.QueryResultsFormat.JSON)
    return Rendered(parsed.serialize(format=kind) or b"", _content_type(media))


def render_solutions(json_body: bytes, media: str) -> Rendered:
    """SELECT results, given as SPARQL JSON, as ``media``."""
    return _convert(json_body, media, SOLUTION_MEDIA_TYPES[media])


def render_boolean(value: bool, media: str) -> Rendered:
    """An ASK result as ``media``."""
    body = json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    return _convert(body, media, SOLUTION_MEDIA_TYPES[media])


def render_triples(ntriples: bytes, media: str) -> Rendered:
    """CONSTRUCT or DESCRIBE results, given as N-Triples, as ``media``."""
    kind = GRAPH_MEDIA_TYPES[media]
    if kind == ox.RdfFormat.N_TRIPLES:
        return Rendered(ntriples, _content_type(media))
    triples = list(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES))
    used = {str(term) for t in triples for term in (t.subject, t.predicate, t.object)}
    prefixes = {
        prefix: namespace
        for prefix, namespace in PREFIXES.items()
        if any("<" + namespace in value for value in used)
    }
    body = ox.serialize(triples, format=kind, prefixes=prefixes) or b""
    return Rendered(body, _content_type(media))
