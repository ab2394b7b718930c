"""Every fact cites its passage, and every quote is the source's own words."""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from capgraph import KnowledgeGraph

from .support import CAP, DOC, ID, PREFIXES, SOURCE_GRAPH, data_files, normalise

EXPECTED_PASSAGES = {
    DOC + "/summary": "summary",
    **{f"{DOC}/para/{n}": str(n) for n in range(1, 12)},
    DOC + "/footnote/1": "footnote 1",
}


def _graphs_by_file() -> dict[str, set[str]]:
    owners: dict[str, set[str]] = defaultdict(set)
    for path in data_files():
        store = ox.Store()
        store.load(path=str(path), format=ox.RdfFormat.TRIG)
        for graph in store.named_graphs():
            owners[graph.value].add(path.name)
        # Nothing in the default graph: every triple sits in a claim or the source description.
        assert list(store.quads_for_pattern(None, None, None, ox.DefaultGraph())) == [], path.name
    return owners


def test_every_triple_is_in_a_named_graph_and_each_graph_in_one_file() -> None:
    owners = _graphs_by_file()
    assert owners, "no named graphs in data/"
    split = {graph: files for graph, files in owners.items() if len(files) > 1}
    assert split == {}


def test_every_data_graph_is_a_claim_or_the_source_description(kg: KnowledgeGraph) -> None:
    rows = kg.select(
        PREFIXES
        + """
        SELECT ?g (COUNT(DISTINCT ?type) AS ?types) (SAMPLE(?type) AS ?t) WHERE {
          GRAPH ?g { OPTIONAL { ?g a ?type } }
          FILTER(STRSTARTS(STR(?g), "https://w3id.org/capgraph/id/"))
        } GROUP BY ?g"""
    )
    kinds = {row["g"]: (row["types"], row["t"]) for row in rows}
    assert kinds.pop(SOURCE_GRAPH) == (1, "https://w3id.org/capgraph/ontology#SourceDescription")
    # The sentence coverage of the source (data/coverage.trig) describes the source too.
    assert kinds.pop(SOURCE_GRAPH + "-coverage") == (1, CAP + "SourceDescription")
    wrong = {g: kind for g, kind in kinds.items() if kind != (1, CAP_CLAIM)}
    assert wrong == {}
    assert len(kinds) == 70


CAP_CLAIM = "https://w3id.org/capgraph/ontology#Claim"


def test_every_claim_has_one_passage_and_one_quote(kg: KnowledgeGraph) -> None:
    rows = kg.select(
        PREFIXES
        + """
        SELECT ?claim (COUNT(DISTINCT ?passage) AS ?passages) (COUNT(DISTINCT ?quote) AS ?quotes)
               (SAMPLE(?passage) AS ?p) (SAMPLE(?label) AS ?l) WHERE {
          GRAPH ?claim { ?claim a cap:Claim .
                         OPTIONAL { ?claim dcterms:source ?passage }
                         OPTIONAL { ?claim prov:value ?quote } }
          OPTIONAL { GRAPH ?sd { ?passage a cap:Passage ; cap:passageLabel ?label ;
                                   dcterms:isPartOf ?doc } }
        } GROUP BY ?claim"""
    )
    assert len(rows) == 70
    for row in rows:
        assert (row["passages"], row["quotes"]) == (1, 1), row["claim"]
        assert row["p"] in EXPECTED_PASSAGES, row
        assert row["l"] == EXPECTED_PASSAGES[str(row["p"])], row
        # The claim's IRI names its passage: …/claim/ptc-item-iii-k/{para-5|summary|footnote-1}/n
        slug = str(row["l"]).replace("footnote ", "footnote-")
        slug = slug if not slug.isdigit() else f"para-{slug}"
        assert str(row["claim"]).startswith(f"{ID}claim/ptc-item-iii-k/{slug}/"), row


def test_every_quote_occurs_verbatim_in_the_source(kg: KnowledgeGraph, source_text: str) -> None:
    rows = kg.select(PREFIXES + "SELECT * WHERE { ?claim a cap:Claim ; prov:value ?quote }")
    assert len(rows) == 70
    missing = {
        row["claim"]: row["quote"]
        for row in rows
        if normalise(str(row["quote"])) not in source_text
    }
    assert missing == {}


def test_a_quote_that_is_not_in_the_source_is_caught(source_text: str) -> None:
    # The check above must be able to fail: a paraphrase and a closed quotation are not verbatim.
    assert normalise("delegates approved the revised Terms of Reference") not in source_text
    assert "other pandemics”" not in source_text
    assert normalise("Customs Co-\noperation Council") in source_text


def test_the_source_and_its_passages_are_described(kg: KnowledgeGraph, source_text: str) -> None:
    rows = kg.select(
        PREFIXES
        + """
        SELECT ?passage ?label ?text WHERE { GRAPH ?source {
          ?passage a cap:Passage ; dcterms:isPartOf ?doc ;
                   cap:passageLabel ?label ; cap:passageText ?text } }""",
        {"source": ox.NamedNode(SOURCE_GRAPH), "doc": ox.NamedNode(DOC)},
    )
    assert {row["passage"]: row["label"] for row in rows} == EXPECTED_PASSAGES
    for row in rows:
        assert str(row["text"]) in source_text, row["label"]
    # Together the passages cover the whole body of the document, in order.
    texts = [str(row["text"]) for row in sorted(rows, key=lambda r: _order(str(r["label"])))]
    positions = [source_text.index(text) for text in texts]
    assert positions == sorted(positions)
    doc = kg.select(
        PREFIXES
        + """
        SELECT ?title ?item ?type ?file WHERE { GRAPH ?g {
          ?doc a cap:WorkingDocument ; dcterms:title ?title ;
               cap:agendaItem ?item ; cap:agendaItemType ?type ; cap:textFile ?file } }""",
        {"doc": ox.NamedNode(DOC)},
    )
    assert list(doc) == [
        {
            "title": "Terms of Reference (ToR) of the CAP Group",
            "item": "III. (k)",
            "type": "C",
            "file": "data/sources/000_b0be07e943ed1eb1.txt",
        }
    ]
    assert "(Item III. (k) on the Agenda)" in source_text
    assert "(“C” Item on the Agenda)" in source_text


def _order(label: str) -> float:
    if label == "summary":
        return 0
    if label == "footnote 1":
        return 7.5
    return float(label)


def test_names_and_titles_are_spelt_as_the_source_spells_them(
    kg: KnowledgeGraph, source_text: str
) -> None:
    rows = kg.select(
        PREFIXES
        + "PREFIX org: <http://www.w3.org/ns/org#>"
        + """
        SELECT ?s ?name WHERE {
          { ?s a cap:Tool } UNION { ?s a cap:ToolFeature } UNION { ?s a cap:Priority }
          UNION { ?s a cap:Body } UNION { ?s a cap:Document } UNION { ?s a org:FormalOrganization }
          { ?s rdfs:label ?name } UNION { ?s dcterms:title ?name } UNION { ?s skos:altLabel ?name }
          FILTER(!STRSTARTS(STR(?s), "https://w3id.org/capgraph/id/tor/"))
        }"""
    )
    assert len(rows) == 27
    # Composed labels (not titles) that the source does not spell out as one phrase.
    composed = {
        "CLiKC! e-learning module",
        "first Implementation Plan for financial year 2022/2023",
    }
    not_verbatim = {
        (row["s"], row["name"])
        for row in rows
        if str(row["name"]) not in source_text and row["name"] not in composed
    }
    assert not_verbatim == set()
