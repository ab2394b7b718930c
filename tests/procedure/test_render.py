"""Renderers: JSON against the schema in docs/status.md, Mermaid, terminal tables."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from capgraph.procedure import history, list_tools, status, trace
from capgraph.query import KnowledgeGraph
from capgraph.render import (
    history_json,
    history_table,
    status_json,
    status_mermaid,
    status_table,
    trace_json,
    trace_mermaid,
    trace_tree,
)

DOC = Path(__file__).resolve().parents[2] / "docs" / "status.md"


def fenced_block(heading: str, language: str) -> str:
    """The first ```language block after a heading of docs/status.md."""
    text = DOC.read_text(encoding="utf-8")
    after = text[text.index(heading) :]
    match = re.search(rf"```{language}\n(.*?)\n```", after, re.DOTALL)
    assert match, f"no {language} block after {heading!r} in {DOC.name}"
    return match.group(1)


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(fenced_block("### JSON Schema", "json"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def documents(kg: KnowledgeGraph) -> list[str]:
    return [
        status_json(status(kg)),
        history_json(history(kg)),
        *(trace_json(trace(kg, tool.iri)) for tool in list_tools(kg)),
    ]


def test_every_bundled_document_matches_the_schema(
    record: KnowledgeGraph, validator: jsonschema.Draft202012Validator
) -> None:
    for text in documents(record):
        validator.validate(json.loads(text))


def test_every_fixture_document_matches_the_schema(
    fixture_record: KnowledgeGraph, validator: jsonschema.Draft202012Validator
) -> None:
    for text in documents(fixture_record):
        validator.validate(json.loads(text))


def test_schema_refuses_an_unknown_state(
    record: KnowledgeGraph, validator: jsonschema.Draft202012Validator
) -> None:
    document: Any = json.loads(status_json(status(record, "cap19")))
    document["processes"][0]["steps"][1]["state"] = "probably next"
    assert not validator.is_valid(document)
    del document["processes"][0]["steps"][1]["state"]
    assert not validator.is_valid(document)


def test_documented_examples_are_real_output(record: KnowledgeGraph) -> None:
    cap19 = status(record, "cap19")
    assert fenced_block("### Example: status", "json") == status_json(cap19).rstrip("\n")
    assert fenced_block("## Mermaid", "mermaid") == status_mermaid(cap19).rstrip("\n")


def test_output_is_deterministic(record: KnowledgeGraph) -> None:
    assert documents(record) == documents(record)


def test_status_mermaid_classes_follow_the_states(fixture_record: KnowledgeGraph) -> None:
    text = status_mermaid(status(fixture_record))
    assert text.startswith("flowchart LR\n")
    classes = re.findall(r"^  class (\S+) (\S+)$", text, re.MULTILINE)
    assert sorted({c for _, c in classes}) == [
        "done", "next", "outOfOrder", "pending", "skipped", "skippedAllowed",
    ]  # fmt: skip
    for name in ("done", "next", "outOfOrder", "pending", "skipped", "skippedAllowed"):
        assert f"  classDef {name} " in text
    # every node is declared once, inside a subgraph, and every chain is linked in order
    declared = re.findall(r'^    (p\d+s\d+)\["', text, re.MULTILINE)
    assert sorted(declared) == sorted(node for node, _ in classes)
    assert text.count("  subgraph ") == text.count("\n  end\n") == len(status(fixture_record))
    assert '"' not in "".join(re.findall(r'\["(.*?)"\]', text))


def test_trace_mermaid_edges_name_link_and_passage(record: KnowledgeGraph) -> None:
    text = trace_mermaid(trace(record, "ipr-handbook"))
    assert text.startswith("flowchart TD\n")
    assert '-->|"under mandate · para 5"|' in text
    assert '-->|"revision of · para 5"|' in text
    assert '-->|"decision · para 3"|' in text
    nodes = re.findall(r'^  (n\d+)\["', text, re.MULTILINE)
    edges = re.findall(r"^  (n\d+) -->\|.*\| (n\d+)$", text, re.MULTILINE)
    assert len(edges) == len(nodes) - 1  # a tree
    assert {b for _, b in edges} == set(nodes) - {"n0"}


def test_tables_show_states_summaries_and_citations(record: KnowledgeGraph) -> None:
    text = status_table(status(record, "cap19"), width=200)
    # The caption wraps at the table's width; words, not line breaks, are what is checked.
    words = " ".join(text.split())
    for expected in (
        "CAP Group approves", "done", "next", "pending", "expected",
        "summary (endorsed), para 10 (approved)",  # each citation with its own verb
        "next: PTC endorses (expected)",
    ):  # fmt: skip
        assert expected in words
    tree = trace_tree(trace(record, "ipr-handbook"), width=400)
    assert "under mandate → ToR version: ToR of the CAP Group, as revised in 2019-2020" in tree
    assert (
        'para 5: "the IPR Strategy 2020, endorsed by the 40th Enforcement Committee (EC)"' in tree
    )
    table = history_table(history(record), width=300)
    assert "[para 3]" in table
    assert "[para 5]" in table
    assert "amendment aim: take into consideration" in table
