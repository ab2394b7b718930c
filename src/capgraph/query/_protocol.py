"""The SPARQL 1.1 Protocol, client side: one request, content negotiation, results parsing.

capgraph speaks the protocol itself (``urllib``) rather than through SPARQLWrapper: it
must ask for ``application/sparql-results+json`` alone (SPARQLWrapper adds
``application/json``, for which Comunica answers in a format of its own), fall back to
XML, TSV and CSV by quality value, and read a JSON answer that carries members the
standard does not define (Comunica's ``metadata``) instead of rejecting it.
"""

from __future__ import annotations

import csv
import io
import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from capgraph.errors import EndpointError
from capgraph.query._rows import Rows, rows_from_solutions

__all__ = [
    "GRAPH_ACCEPT",
    "LOSSLESS_ACCEPT",
    "SOLUTIONS_ACCEPT",
    "USER_AGENT",
    "Answer",
    "check_http_url",
    "connection_message",
    "http_message",
    "parse_graph",
    "parse_results",
    "parse_solutions",
    "post_query",
]

USER_AGENT = "capgraph (SPARQL 1.1 client)"
#: What a SELECT or ASK asks for, best first.
SOLUTIONS_ACCEPT = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.8, "
    "text/tab-separated-values;q=0.6, text/csv;q=0.4"
)
#: What a SELECT asks for when its terms must come back exactly (no CSV).
LOSSLESS_ACCEPT = SOLUTIONS_ACCEPT.removesuffix(", text/csv;q=0.4")
#: What a CONSTRUCT or DESCRIBE asks for, best first.
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.8, application/rdf+xml;q=0.5"
_MESSAGE_LIMIT = 500
#: The members a SPARQL JSON results document may have (SPARQL 1.1 Query Results JSON).
_JSON_MEMBERS = ("head", "results", "boolean")


@dataclass(frozen=True)
class Answer:
    """A store's answer: its media type, its body and the store's name (``Server``)."""

    media_type: str
    body: bytes
    server: str | None


def post_query(
    url: str,
    query: str,
    *,
    accept: str,
    timeout: float,
    default_graph_uris: Sequence[str] = (),
    named_graph_uris: Sequence[str] = (),
) -> Answer:
    """POST ``query`` (SPARQL 1.1 Protocol, form-encoded) and return the answer."""
    fields = [("query", query)]
    fields += [("default-graph-uri", g) for g in default_graph_uris]
    fields += [("named-graph-uri", g) for g in named_graph_uris]
    request = urllib.request.Request(
        url, data=urllib.parse.urlencode(fields).encode("utf-8"), method="POST"
    )
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    request.add_header("Accept", accept)
    request.add_header("User-Agent", USER_AGENT)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body: bytes = response.read()
            media = response.headers.get_content_type()
            server = response.headers.get("Server")
    except urllib.error.HTTPError as error:
        raise EndpointError(http_message(url, error)) from None
    except (urllib.error.URLError, OSError) as error:
        raise EndpointError(connection_message(url, error)) from None
    return Answer(media_type=media, body=body, server=server)


def parse_solutions(answer: Answer, url: str) -> Rows | bool:
    """The rows of a SELECT answer, or the value of an ASK answer, in any accepted format."""
    if answer.media_type == "text/csv":
        return _csv_rows(answer.body)
    result = parse_results(answer, url)
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    return rows_from_solutions(result)


def parse_results(answer: Answer, url: str) -> ox.QuerySolutions | ox.QueryBoolean:
    """A SELECT or ASK answer in a lossless format (JSON, XML, TSV), as RDF terms."""
    media = answer.media_type
    body = answer.body
    if media in ("application/sparql-results+json", "application/json"):
        results_format = ox.QueryResultsFormat.JSON
    elif media in ("application/sparql-results+xml", "application/xml"):
        results_format = ox.QueryResultsFormat.XML
    elif media == "text/tab-separated-values":
        results_format = ox.QueryResultsFormat.TSV
    else:
        raise EndpointError(
            f"{_where(url, answer)}: answered {media}, which is not a SPARQL results format "
            f"(asked for {SOLUTIONS_ACCEPT})"
        )
    try:
        if results_format == ox.QueryResultsFormat.JSON:
            body = _standard_json(body)
        return ox.parse_query_results(body, results_format)
    except (SyntaxError, ValueError) as error:
        raise EndpointError(
            f"{_where(url, answer)}: the answer is not valid {media}: {error}"
        ) from None


def parse_graph(answer: Answer, url: str) -> list[ox.Triple]:
    """The triples of a CONSTRUCT or DESCRIBE answer."""
    rdf_format = ox.RdfFormat.from_media_type(answer.media_type)
    if rdf_format is None:
        raise EndpointError(
            f"{_where(url, answer)}: answered {answer.media_type}, which is not an RDF format"
        )
    try:
        return [t.triple for t in ox.parse(answer.body, format=rdf_format)]
    except SyntaxError as error:
        raise EndpointError(
            f"{_where(url, answer)}: the answer is not valid RDF: {error}"
        ) from None


def _standard_json(body: bytes) -> bytes:
    """Only the members the standard defines; any other (Comunica's ``metadata``) is dropped."""
    try:
        document = json.loads(body)
    except ValueError as error:
        raise SyntaxError(f"not JSON ({error})") from None
    if not isinstance(document, dict):
        raise SyntaxError("a SPARQL JSON results document is a JSON object")
    kept = {key: document[key] for key in _JSON_MEMBERS if key in document}
    return json.dumps(kept).encode("utf-8")


def _csv_rows(body: bytes) -> Rows:
    """SPARQL CSV results, the last fallback: every value a string, an empty one unbound.

    CSV keeps no datatypes, so numbers and booleans stay text; the other formats are
    asked for first.
    """
    reader = csv.reader(io.StringIO(body.decode("utf-8")))
    header = next(reader, [])
    rows = []
    for record in reader:
        row: dict[str, object] = {}
        for name, value in zip(header, record, strict=False):
            row[name] = None if value == "" else value
        rows.append(row)
    return Rows(header, rows)  # type: ignore[arg-type]


def _where(url: str, answer: Answer) -> str:
    return f"{url} ({answer.server})" if answer.server else url


def check_http_url(url: str, *, what: str) -> None:
    """Refuse anything but an http(s) URL with a host, in one line."""
    try:
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname
    except ValueError as error:
        raise EndpointError(f"{url}: not a valid {what} URL ({error})") from None
    if parts.scheme not in ("http", "https") or not host:
        raise EndpointError(
            f"{url!r} is not an http(s) {what} URL, e.g. http://127.0.0.1:7878/query"
        )


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MESSAGE_LIMIT else text[: _MESSAGE_LIMIT - 1] + "…"


def http_message(url: str, error: urllib.error.HTTPError) -> str:
    """``URL (store): HTTP 400 Bad Request: what the store said``."""
    try:
        detail = error.read().decode("utf-8", "replace")
    except OSError:
        detail = ""
    server = error.headers.get("Server") if error.headers else None
    where = f"{url} ({server})" if server else url
    reason = f"HTTP {error.code} {error.reason}"
    return f"{where}: {reason}" + (f": {_shorten(detail)}" if detail.strip() else "")


def connection_message(url: str, error: BaseException) -> str:
    """``URL: cannot connect (why)``, or that the time limit ran out."""
    reason = error.reason if isinstance(error, urllib.error.URLError) else error
    if isinstance(reason, socket.timeout | TimeoutError):
        return f"{url}: no answer within the time limit"
    return f"{url}: cannot connect ({reason})"
