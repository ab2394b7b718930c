"""A diff as terminal text, as a pull-request comment (Markdown) and as JSON.

The renderers live beside the diff rather than in ``capgraph.render`` so that this stage
ships whole; they only read the values of ``_model``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

from capgraph.namespaces import shorten
from capgraph.review._model import Category, Diff, Kind, RecordChange, TripleChange, Word

#: The ``schema`` member of the JSON document; bump the number on an incompatible change.
SCHEMA = "https://w3id.org/capgraph/schema/diff/1"
#: The first line of every Markdown comment, so a workflow can find and update its own.
MARKER = "<!-- capgraph-diff -->"
#: Markdown characters that would change how free text (labels, quotes) is shown.
_MARKDOWN_SPECIAL = "\\`*_[]<>#|~"
#: Kinds of change whose fields are shown as ``old → new``; the others show one side.
_BEFORE_AND_AFTER = (Kind.CHANGED, Kind.TAKEN)


def diff_text(diff: Diff) -> str:
    """Terminal text: one block per category, each record with its changed fields."""
    if not diff.changed:
        return f"No changes from {diff.old} to {diff.new}.\n"
    lines = [f"Changes from {diff.old} to {diff.new}: {_counts(diff)}"]
    for category, changes in diff.by_category().items():
        lines += ["", category.heading]
        for change in changes:
            lines.append(f"  {change.kind.value:<11} {_name(change)}")
            lines += [f"      {line}" for line in _field_lines(change, _text_words, str)]
    if diff.other:
        lines += ["", f"Other changes ({_triples(len(diff.other))})"]
        lines += [f"  {_triple(triple)}" for triple in diff.other]
    return "\n".join(lines) + "\n"


def diff_markdown(diff: Diff) -> str:
    """A pull-request comment: a heading, one list per category, other triples folded."""
    title = f"{MARKER}\n### capgraph diff: `{diff.old}` → `{diff.new}`\n\n"
    if not diff.changed:
        return title + "No changes to the record.\n"
    lines = [f"{_counts(diff)}."]
    for category, changes in diff.by_category().items():
        lines += ["", f"#### {category.heading}", ""]
        for change in changes:
            label = f" — {_escape(change.label)}" if change.label else ""
            other = f" ≠ {_code(shorten(change.other))}" if change.other else ""
            lines.append(f"- **{change.kind.value}** {_code(shorten(change.record))}{other}{label}")
            lines += [f"  - {line}" for line in _field_lines(change, _markdown_words, _code)]
    if diff.other:
        lines += ["", f"<details><summary>Other changes: {_triples(len(diff.other))}</summary>", ""]
        lines += ["```diff", *(_triple(triple) for triple in diff.other), "```", "", "</details>"]
    return title + "\n".join(lines) + "\n"


def diff_json(diff: Diff) -> str:
    """One JSON document with a ``schema`` member; field values as in the text output."""
    document = {
        "schema": SCHEMA,
        "old": diff.old,
        "new": diff.new,
        "changed": diff.changed,
        "records": [_record_json(change) for change in diff.records],
        "other": [
            {
                "sign": t.sign,
                "graph": t.graph,
                "subject": t.subject,
                "predicate": t.predicate,
                "object": t.object,
            }
            for t in diff.other
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _record_json(change: RecordChange) -> dict[str, object]:
    return {
        "category": change.category.value,
        "record": change.record,
        "kind": change.kind.value,
        "label": change.label,
        "other": change.other,
        "fields": [
            {
                "field": f.field,
                "old": list(f.old),
                "new": list(f.new),
                "words": [{"op": w.op, "text": w.text} for w in f.words],
            }
            for f in change.fields
        ],
    }


def _counts(diff: Diff) -> str:
    records = len(diff.records)
    parts = [f"{records} record change{'' if records == 1 else 's'}"] if records else []
    if diff.other:
        parts.append(f"{_triples(len(diff.other))} in no category")
    return ", ".join(parts)


def _triple(triple: TripleChange) -> str:
    """``+ id:body/council rdfs:label "Council" .  # in id:claim/…``: terms with prefixes."""
    terms = " ".join(_term(t) for t in (triple.subject, triple.predicate, triple.object))
    where = "" if triple.graph == "DEFAULT" else f"  # in {_term(triple.graph)}"
    return f"{triple.sign} {terms} .{where}"


def _term(text: str) -> str:
    """An N-Triples term with its IRIs (a literal's datatype too) shortened where a prefix fits."""
    if text.startswith("<") and text.endswith(">"):
        short = shorten(text[1:-1])
        return text if short == text[1:-1] else short
    head, sep, datatype = text.rpartition("^^")
    if sep and head.endswith('"') and datatype.startswith("<"):
        return f"{head}^^{_term(datatype)}"
    return text


def _triples(count: int) -> str:
    return f"{count} triple{'' if count == 1 else 's'}"


def _name(change: RecordChange) -> str:
    name = shorten(change.record)
    if change.other:
        name += f" ≠ {shorten(change.other)}"
    return name + (f"  {change.label}" if change.label else "")


def _field_lines(
    change: RecordChange,
    words_of: Callable[[tuple[Word, ...]], str],
    value_of: Callable[[str], str],
) -> Iterator[str]:
    """One line per field: ``date: 2020-12 → 2020-11``, or the values of an added record."""
    for field in change.fields:
        if field.words:
            yield f"{field.field}: {words_of(field.words)}"
            continue
        old, new = _values(field.old, value_of), _values(field.new, value_of)
        if change.category is Category.CONFLICT:
            yield f"{field.field}: {old} ≠ {new}"
        elif change.kind not in _BEFORE_AND_AFTER:
            yield f"{field.field}: {new if field.new else old}"
        else:
            yield f"{field.field}: {old} → {new}"


def _values(values: tuple[str, ...], value_of: Callable[[str], str]) -> str:
    return ", ".join(value_of(v) for v in values) if values else "(none)"


def _text_words(words: tuple[Word, ...]) -> str:
    """``git diff --word-diff=plain`` style: ``[-old-]{+new+}``."""
    marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
    return " ".join(marks[w.op].format(w.text) for w in words)


def _markdown_words(words: tuple[Word, ...]) -> str:
    marks = {"equal": "{}", "delete": "~~{}~~", "insert": "**{}**"}
    return " ".join(marks[w.op].format(_escape(w.text)) for w in words)


def _escape(text: str) -> str:
    return "".join("\\" + c if c in _MARKDOWN_SPECIAL else c for c in text)


def _code(text: str) -> str:
    """Inline code that survives backticks in the text."""
    fence = "``" if "`" in text else "`"
    pad = " " if fence == "``" else ""
    return f"{fence}{pad}{text}{pad}{fence}"
