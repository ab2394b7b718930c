"""Where a bound parameter's VALUES block goes: the WHERE clause, and the sub-SELECTs that
pass the variable through unchanged (and only those)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from capgraph.query import with_values

X = ox.NamedNode("http://example.org/x")
BLOCK = "VALUES (?v) { (<http://example.org/x>) }"


def _blocks(query: str) -> int:
    return with_values(query, {"v": X}).count(BLOCK)


@pytest.mark.parametrize(
    ("query", "blocks"),
    [
        ("SELECT ?v WHERE { ?v ?p ?o }", 1),
        (
            "SELECT ?v ?n WHERE { { SELECT ?v (COUNT(?o) AS ?n) WHERE { ?v ?p ?o } GROUP BY ?v } }",
            2,
        ),
        ("SELECT ?v WHERE { { SELECT ?v WHERE { ?v ?p ?o } } }", 2),
        ("SELECT ?v WHERE { { SELECT DISTINCT ?v WHERE { ?v ?p ?o } } ?v ?q ?r }", 2),
        (
            "SELECT * WHERE { OPTIONAL { SELECT ?v (MAX(?o) AS ?m) "
            "WHERE { ?v ?p ?o } GROUP BY ?v } }",
            2,
        ),
        # nested: the inner sub-SELECT is reached through the outer one
        ("SELECT ?v WHERE { { SELECT ?v WHERE { { SELECT ?v WHERE { ?v ?p ?o } } } } }", 3),
        # not projected, so a different ?v inside
        ("SELECT ?v WHERE { ?v ?p ?o { SELECT ?o WHERE { ?v ?q ?o } } }", 1),
        # the outer sub-SELECT does not pass ?v on, so the inner ?v is another variable
        (
            "SELECT ?v WHERE { ?v ?p ?o "
            "{ SELECT ?o WHERE { { SELECT ?v ?o WHERE { ?v ?q ?o } } } } }",
            1,
        ),
        # computed, not passed through
        ("SELECT ?v WHERE { { SELECT (MIN(?s) AS ?v) WHERE { ?s ?p ?o } } }", 1),
        ("SELECT ?v WHERE { { SELECT ?o (SAMPLE(?s) AS ?v) WHERE { ?s ?p ?o } GROUP BY ?o } }", 1),
        # grouped by something else: restricting first would change the groups
        ("SELECT ?v WHERE { { SELECT ?v ?o WHERE { ?v ?p ?o } GROUP BY ?o ?v2 } }", 1),
        ("SELECT ?v WHERE { { SELECT ?v WHERE { ?v ?p ?o } GROUP BY (STR(?o) AS ?v) } }", 1),
        # LIMIT and OFFSET pick rows before the join
        ("SELECT ?v WHERE { { SELECT ?v WHERE { ?v ?p ?o } LIMIT 3 } }", 1),
        ("SELECT ?v WHERE { { SELECT ?v WHERE { ?v ?p ?o } ORDER BY ?o OFFSET 1 } }", 1),
        # a string that looks like a sub-SELECT is not one
        ('SELECT ?v WHERE { ?v ?p "{ SELECT ?v WHERE { ?v ?p ?o } }" }', 1),
    ],
)
def test_where_values_blocks_go(query: str, blocks: int) -> None:
    assert _blocks(query) == blocks


def test_a_construct_with_a_sub_select() -> None:
    query = "CONSTRUCT { ?v ?p ?o } WHERE { { SELECT ?v ?p ?o WHERE { ?v ?p ?o } } }"
    assert _blocks(query) == 2


def test_same_answers_on_a_small_store() -> None:
    store = ox.Store()
    store.load(
        b"@prefix ex: <http://example.org/> . ex:x ex:p 1, 2 . ex:y ex:p 3 .",
        format=ox.RdfFormat.TURTLE,
    )
    query = "SELECT ?v ?n WHERE { { SELECT ?v (COUNT(?o) AS ?n) WHERE { ?v ?p ?o } GROUP BY ?v } }"
    answers = [
        [(s["v"], s["n"]) for s in store.query(with_values(query, {"v": X}, into_subqueries=f))]
        for f in (True, False)
    ]
    assert (
        answers[0]
        == answers[1]
        == [(X, ox.Literal("2", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))]
    )


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?v WHERE { { SELECT ?v WHERE",
        "SELECT ?v WHERE { { SELECT ?v ",
        "SELECT ?v WHERE { {",
    ],
)
def test_a_truncated_query_is_left_for_the_store_to_refuse(query: str) -> None:
    bound = with_values(query, {"v": X})
    assert bound.count(BLOCK) == 1
    with pytest.raises(SyntaxError):
        ox.Store().query(bound)
