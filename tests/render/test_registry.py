"""One registry of renderers; every JSON document names its schema; formats answer questions."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import pytest

import capgraph
from capgraph.cli import build_parser
from capgraph.query import KnowledgeGraph, Rows, describe
from capgraph.reason import ConsistencyResult, DatatypeGap, GapKind, VocabularyGap
from capgraph.render import SCHEMAS, Format, Kind, RenderOptions, formats, render
from capgraph.validation import Rule, ValidationReport, ValidationResult

XSD = "http://www.w3.org/2001/XMLSchema#"


def sample(kind: Kind, record: KnowledgeGraph) -> object:
    """A result of ``kind`` to render."""
    if kind is Kind.ROWS:
        return Rows(["x"], [{"x": 1}])
    if kind is Kind.INFO:
        return describe(record)
    if kind is Kind.STATUS:
        return capgraph.status(record, "cap19")
    if kind is Kind.TRACE:
        return capgraph.trace(record, "ipr-handbook")
    if kind is Kind.HISTORY:
        return capgraph.history(record)
    if kind in (Kind.STATUS_AS_OF, Kind.HISTORY_AS_OF, Kind.TRACE_AS_OF):
        return _as_of_sample(kind, record)
    if kind is Kind.VALIDATION:
        result = ValidationResult(
            capgraph.Severity.WARNING, "urn:x:a", None, None, "capsh:S", "sh:X", "Genève"
        )
        return ValidationReport.of([result], [Rule("capsh:S", capgraph.Severity.WARNING, "d")])
    if kind is Kind.REASON:
        gap = DatatypeGap(XSD + "gYear", 2, ("http://purl.org/dc/terms/date",))
        return ConsistencyResult(True, "HermiT", None, 1.0, 3, 4, 5, ignored_values=(gap,))
    if kind is Kind.SOURCES:
        from capgraph.sources import sources

        return sources(record)
    if kind is Kind.CONFLICTS:
        from capgraph.sources import conflicts

        return conflicts(record)
    if kind is Kind.EXTRACTION:
        return _extraction()
    raise AssertionError(f"no sample for {kind}")


def _as_of_sample(kind: Kind, record: KnowledgeGraph) -> object:
    from capgraph import procedure

    date = procedure.parse_as_of("2020-12")
    if kind is Kind.STATUS_AS_OF:
        return procedure.status_as_of(record, date, "cap19")
    if kind is Kind.TRACE_AS_OF:
        return procedure.trace_as_of(record, "ipr-handbook", date)
    return procedure.history_as_of(record, date)


def _extraction() -> object:
    """A real extraction: the seed document drafted into an empty project."""
    import tempfile

    from capgraph.sources import extract

    seed = capgraph.Project.discover(None).root / "data" / "sources" / "000_b0be07e943ed1eb1.txt"
    project = Path(tempfile.mkdtemp(prefix="capgraph-render-"))
    return extract(seed, project_dir=project, record=None, source_id="seed-copy")


JSON_KINDS = [kind for kind in Kind if Format.JSON in formats(kind)]


@pytest.mark.parametrize("kind", JSON_KINDS, ids=str)
def test_every_json_document_names_its_schema(kind: Kind, record: KnowledgeGraph) -> None:
    text = render(kind, Format.JSON, sample(kind, record))
    assert text.endswith("}\n") or text.endswith("]\n")
    document = json.loads(text)
    if kind is Kind.ROWS:  # the bare array the README documents
        assert document == [{"x": 1}]
        assert kind not in SCHEMAS
        return
    assert next(iter(document)) == "schema"
    assert document["schema"] == SCHEMAS[kind]
    assert document["schema"] == f"https://w3id.org/capgraph/schema/{kind}/1"


def test_the_json_writer_keeps_non_ascii_text(record: KnowledgeGraph) -> None:
    text = render(Kind.VALIDATION, Format.JSON, sample(Kind.VALIDATION, record))
    assert "Genève" in text
    assert "\\u00e8" not in text


def test_info_json_keeps_its_members(record: KnowledgeGraph) -> None:
    document = json.loads(render(Kind.INFO, "json", describe(record)))
    assert list(document) == [
        "schema", "project", "files", "graphs", "triples", "counts", "named_queries",
        "builtin_queries", "overridden_queries", "shape_files", "bundled",
    ]  # fmt: skip
    assert document["triples"] == len(record)
    assert set(document["graphs"][0]) == {"graph", "file", "triples"}
    assert document["counts"]["bodies"] > 0


def test_reason_json_uses_camel_case_and_the_gap_messages(record: KnowledgeGraph) -> None:
    document = json.loads(render(Kind.REASON, Format.JSON, sample(Kind.REASON, record)))
    assert list(document) == [
        "schema", "consistent", "reasoner", "explanation", "seconds", "classes",
        "individuals", "triples", "ignoredValues", "vocabularyGaps", "skippedImports",
    ]  # fmt: skip
    (gap,) = document["ignoredValues"]
    assert gap["properties"] == ["http://purl.org/dc/terms/date"]
    assert gap["message"].startswith("2 xsd:gYear values")


def test_reason_text_points_at_the_sources() -> None:
    gap = VocabularyGap(GapKind.UNDECLARED, "urn:x:p", 1, "urn:x:s")
    result = ConsistencyResult(False, "HermiT", "why", 1.0, 1, 1, 1, vocabulary_gaps=(gap,))
    text = render(Kind.REASON, Format.TEXT, result, RenderOptions(locate=lambda iri: "a.ttl:3"))
    assert text.splitlines()[0].startswith("INCONSISTENT")
    assert "  - a.ttl:3: urn:x:p is used (1 triple, e.g. urn:x:s)" in text


def test_an_unknown_format_names_the_known_ones(record: KnowledgeGraph) -> None:
    with pytest.raises(ValueError, match="expected one of table, json, mermaid"):
        render(Kind.STATUS, "csv", ())


def test_formats_answer_questions() -> None:
    assert Format.SARIF.media_type == "application/sarif+json"
    assert Format.JSON.extension == "json"
    assert Format.from_extension(".mmd") is Format.MERMAID
    assert Format.from_extension("txt") is Format.TEXT
    with pytest.raises(ValueError, match="expected one of"):
        Format.from_extension("docx")
    assert all(fmt.media_type and fmt.extension for fmt in Format)


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


@pytest.mark.parametrize(
    ("command", "kind"),
    [("query", Kind.ROWS), ("info", Kind.INFO), ("validate", Kind.VALIDATION),
     ("status", Kind.STATUS), ("trace", Kind.TRACE), ("history", Kind.HISTORY),
     ("reason", Kind.REASON)],
)  # fmt: skip
def test_format_choices_come_from_the_registry(command: str, kind: Kind) -> None:
    parser = _subcommands()[command]
    (option,) = [a for a in parser._actions if "--format" in a.option_strings]
    assert list(option.choices or ()) == [str(f) for f in formats(kind)]
    assert option.default == str(formats(kind)[0])


def test_every_kind_renders_in_each_of_its_formats(record: KnowledgeGraph) -> None:
    rendered: dict[tuple[Kind, Format], Any] = {}
    for kind in Kind:
        if kind in (Kind.QUERIES, Kind.PUBLISH):
            continue
        value = sample(kind, record)
        for fmt in formats(kind):
            rendered[kind, fmt] = render(kind, fmt, value, RenderOptions(width=100))
    assert all(isinstance(text, str) and text for text in rendered.values())
