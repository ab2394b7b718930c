"""The lexical reading of SPARQL: query forms, SERVICE targets, and content negotiation."""

from __future__ import annotations

import pytest

from capgraph.query._lex import is_loopback_iri, query_form, remote_services, service_targets
from capgraph.server._results import GRAPH_MEDIA_TYPES, SOLUTION_MEDIA_TYPES, negotiate


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
        ("# described below\n# ask me\nPREFIX a: <http://x/insert>\nselect ?x {}", "SELECT"),
        ('BASE <http://x/> ASK { ?s ?p "DELETE" }', "ASK"),
        ("construct where { ?s ?p ?o }", "CONSTRUCT"),
        ("PREFIX ex: <http://x/> INSERT DATA { ex:a ex:b ex:c }", "INSERT"),
        ("LOAD <http://example.org/x.ttl>", "LOAD"),
        ("?select ?ask", None),
    ],
)
def test_query_form_ignores_comments_strings_and_iris(text: str, form: str | None) -> None:
    assert query_form(text) == form


@pytest.mark.parametrize(
    ("query", "targets"),
    [
        (
            "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
            ["http://example.org/sparql"],
        ),
        (
            "PREFIX e: <http://evil.org/> SELECT * { SeRvIcE SILENT e:q. { } }",
            ["http://evil.org/q"],
        ),
        ("BASE <http://10.0.0.1/> SELECT * { SERVICE <x> { } }", ["http://10.0.0.1/x"]),
        ("SELECT * { SERVICE ?endpoint { } }", [None]),
        ("SELECT * { SERVICE <relative> { } }", [None]),
        ("SELECT * { SERVICE undeclared:x { } }", [None]),
        ('SELECT * { ?s ?p "SERVICE <http://evil/> {}" } # SERVICE <http://evil2/>', []),
        ("SELECT * { FILTER(?a<?b) SERVICE<http://evil/>{} }", ["http://evil/"]),
    ],
)
def test_service_targets(query: str, targets: list[str | None]) -> None:
    assert service_targets(query) == targets


def test_codepoint_escapes_cannot_hide_a_service() -> None:
    # Read as sent, the SERVICE is plain; with \\u0022 expanded it would sit in a string.
    sneaky = r'SELECT * { ?s ?p "\u0022" SERVICE <http://evil/> { } "x" }'
    assert remote_services(sneaky) == ["http://evil/"]
    # And an escaped keyword is found too, although Oxigraph would reject it anyway.
    assert remote_services(r"SELECT * { \u0053ERVICE <http://evil/> { } }") == ["http://evil/"]


@pytest.mark.parametrize(
    ("iri", "loopback"),
    [
        ("http://127.0.0.1:7878/sparql", True),
        ("http://127.8.9.10/", True),
        ("https://[::1]:8443/q", True),
        ("http://localhost/q", True),
        ("http://localhost.example.org/q", False),
        ("http://10.0.0.1/q", False),
        ("http://0.0.0.0/q", False),
        ("ftp://127.0.0.1/q", False),
        ("urn:x:y", False),
        ("http://[::1/q", False),
    ],
)
def test_loopback_iris(iri: str, loopback: bool) -> None:
    assert is_loopback_iri(iri) is loopback


def test_loopback_services_are_not_reported() -> None:
    query = "SELECT * { SERVICE <http://127.0.0.1:3030/ds> { } SERVICE <http://localhost/q> { } }"
    assert remote_services(query) == []


@pytest.mark.parametrize(
    ("accept", "chosen"),
    [
        (None, "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
        ("text/*", "text/csv"),
        ("text/csv;q=0.5, text/tab-separated-values", "text/tab-separated-values"),
        ("text/html,application/xml;q=0.9,*/*;q=0.8", "application/xml"),
        ("application/json;q=0, */*;q=0.1", "application/sparql-results+json"),
        ("image/png", None),
    ],
)
def test_negotiate_solutions(accept: str | None, chosen: str | None) -> None:
    assert negotiate(accept, list(SOLUTION_MEDIA_TYPES)) == chosen


def test_negotiate_graphs() -> None:
    assert negotiate("text/turtle", list(GRAPH_MEDIA_TYPES)) == "text/turtle"
    assert negotiate(None, list(GRAPH_MEDIA_TYPES)) == "application/n-triples"
