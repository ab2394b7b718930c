"""Extraction benchmark: ``python -m benchmarks.extraction``.

Runs ``extract`` on the seed document and on the synthetic documents in
``benchmarks/extraction/`` (each into a fresh project, so nothing is linked to the
record it is scored against) and compares the draft with the expected record: for the
seed, the curated record in ``data/``; for a synthetic document, the hand-written
``*.expected.json`` beside it. Scored per kind: sessions (body + ordinal), dates (body +
ordinal + property + value, so precision counts), decisions (body + sessions + action +
object + status), documents, tools. Objects, documents and tools are matched by name
(title, label, alternative label or code), since a fresh project mints its own slugs.
Also reported: the share of quotes verbatim in the source text, dates whose parts do not
appear in their claim's quote ("invented", must be 0), and whether ``conflicts`` finds
every disagreement planted in the synthetic news note.

The seed's gold leaves out the curated decisions whose action is presentedForApproval or
submitted: the body a document is presented to is a recipient, not a decider (issue 13),
and extract drafts no decision for it. Recall against the full curated set is printed too.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks" / "extraction"
SEED = ROOT / "data" / "sources" / "000_b0be07e943ed1eb1.txt"
CAP = "https://w3id.org/capgraph/ontology#"
ID = "https://w3id.org/capgraph/id/"
RECIPIENT_ACTIONS = {"presentedForApproval", "submitted"}
KINDS = ("sessions", "dates", "decisions", "documents", "tools")
MONTHS = "January February March April May June July August September October November December"


def _normal(name: str) -> str:
    text = name.replace("- ", "-").replace("“", "").replace("”", "")
    text = " ".join(text.split()).strip(" ,.;:").lower()
    return re.sub(r"^(the|its|a|an)\s+", "", text)


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _body(iri: str) -> str:
    return iri.removeprefix(ID + "body/")


@dataclass(frozen=True)
class Keys:
    """What a record says, as comparable keys; items with names carry a frozenset."""

    sessions: list[tuple[object, ...]]
    dates: list[tuple[object, ...]]
    decisions: list[tuple[object, ...]]
    documents: list[tuple[object, ...]]
    tools: list[tuple[object, ...]]


def _store(files: Iterable[Path]) -> ox.Store:
    store = ox.Store()
    for path in files:
        fmt = ox.RdfFormat.TRIG if path.suffix == ".trig" else ox.RdfFormat.TURTLE
        store.load(
            path=str(path),
            format=fmt,
            to_graph=None if fmt == ox.RdfFormat.TRIG else ox.DefaultGraph(),
        )
    return store


def _select(store: ox.Store, name: str) -> list[dict[str, str]]:
    text = (HERE / f"{name}.rq").read_text(encoding="utf-8")
    solutions = store.query(text, use_default_graph_as_union=True)
    variables = [v.value for v in solutions.variables]  # type: ignore[union-attr]
    return [
        {v: row[v].value for v in variables if row[v] is not None}
        for row in solutions  # type: ignore[union-attr]
    ]


def record_keys(store: ox.Store, *, leave_out_recipients: bool) -> Keys:
    names: dict[str, set[str]] = {}
    kinds: dict[str, str] = {}
    for row in _select(store, "keys-things"):
        names.setdefault(row["thing"], set()).add(_normal(row["name"]))
        kinds[row["thing"]] = row["kind"]
    sessions, dates = set(), set()
    for row in _select(store, "keys-sessions"):
        sessions.add((_body(row["body"]), int(row["ordinal"])))
        if "date" in row:
            dates.add(
                (_body(row["body"]), int(row["ordinal"]), _local(row["property"]), row["date"])
            )
    grouped: dict[str, dict[str, object]] = {}
    for row in _select(store, "keys-decisions"):
        if leave_out_recipients and _local(row["action"]) in RECIPIENT_ACTIONS:
            continue
        entry = grouped.setdefault(row["decision"], {**row, "sessions": set()})
        if "session" in row:
            entry["sessions"].add(int(_local(row["session"])))  # type: ignore[attr-defined]
    decisions = {
        (
            _body(d["body"]),
            tuple(sorted(d["sessions"])),
            _local(d["action"]),  # type: ignore[arg-type]
            _local(d["status"]),
            frozenset(names.get(d["object"], {_local(d["object"])})),
        )  # type: ignore[arg-type]
        for d in grouped.values()
    }
    things = {
        kind: [(frozenset(names[t]),) for t, k in kinds.items() if k == kind]
        for kind in ("document", "tool")
    }
    return Keys(
        sorted(sessions),
        sorted(dates),
        sorted(decisions, key=str),
        things["document"],
        things["tool"],
    )


def expected_keys(path: Path) -> Keys:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Keys(
        sessions=[tuple(s) for s in data["sessions"]],
        dates=[tuple(d) for d in data["dates"]],
        decisions=[
            (b, tuple(o), a, s, frozenset({_normal(n)})) for b, o, a, n, s in data["decisions"]
        ],
        documents=[(frozenset({_normal(n)}),) for n in data["documents"]],
        tools=[(frozenset({_normal(n)}),) for n in data["tools"]],
    )


def _same(a: tuple[object, ...], b: tuple[object, ...]) -> bool:
    if len(a) != len(b):
        return False
    for x, y in zip(a, b, strict=True):
        if isinstance(x, frozenset) and isinstance(y, frozenset):
            if not x & y:
                return False
        elif x != y:
            return False
    return True


def score(found: list[tuple[object, ...]], gold: list[tuple[object, ...]]) -> tuple[int, int, int]:
    """(true positives, found, gold), matching each gold item at most once."""
    unused = list(gold)
    hits = 0
    for item in found:
        match = next((g for g in unused if _same(item, g)), None)
        if match is not None:
            unused.remove(match)
            hits += 1
    return hits, len(found), len(gold)


@dataclass(frozen=True)
class Quality:
    quotes: int
    verbatim: int
    dates: int
    invented: int


def _date_in_quote(date: str, quote: str) -> bool:
    parts = date.split("-")
    if parts[0] not in quote:
        return False
    if len(parts) > 1 and MONTHS.split()[int(parts[1]) - 1] not in quote:
        return False
    return len(parts) < 3 or re.search(rf"\b{int(parts[2])}\b", quote) is not None


def quality(store: ox.Store, source_text: str) -> Quality:
    source = " ".join(source_text.split())
    quotes: dict[str, bool] = {}
    dates = invented = 0
    for row in _select(store, "keys-quotes"):
        quotes[row["claim"]] = row["quote"] in row["text"] and row["text"] in source
        if "date" in row:
            dates += 1
            invented += not _date_in_quote(row["date"], row["quote"])
    return Quality(len(quotes), sum(quotes.values()), dates, invented)


def _draft(document: Path, project: Path, record: bool) -> Path:
    from capgraph.cli import main

    if record:
        shutil.copytree(ROOT / "ontology", project / "ontology")
        shutil.copytree(ROOT / "data", project / "data")
    (project / "data").mkdir(parents=True, exist_ok=True)
    code = main(
        [
            "--project",
            str(project),
            "extract",
            str(document),
            "--report",
            str(project / "report.txt"),
        ]
    )
    if code != 0:
        raise SystemExit(f"extract failed on {document.name}")
    return next((project / "data" / "drafts").glob("*.trig"))


def run(out: Path | None) -> str:
    lines = [
        "| document | kind | precision | recall | found | expected |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    notes = []
    with tempfile.TemporaryDirectory(prefix="capgraph-extraction-") as scratch:
        cases = [(SEED, None)] + [
            (p, p.with_suffix("").with_suffix(".expected.json"))
            for p in sorted(HERE.glob("synthetic-*.txt"))
        ]
        for document, expected in cases:
            project = Path(scratch) / document.stem
            draft = _draft(document, project, record=False)
            drafted = _store([ROOT / "ontology" / "capgraph.ttl", draft])
            found = record_keys(drafted, leave_out_recipients=False)
            if expected is None:
                curated = _store(
                    [ROOT / "ontology" / "capgraph.ttl", *sorted((ROOT / "data").glob("*.trig"))]
                )
                gold = record_keys(curated, leave_out_recipients=True)
                full = record_keys(curated, leave_out_recipients=False)
                hits, _, total = score(found.decisions, full.decisions)
                notes.append(
                    "seed decisions against the full curated set (with presentations and "
                    f"submissions): recall {hits}/{total} = {hits / total:.2f}"
                )
            else:
                gold = expected_keys(expected)
            name = "seed" if expected is None else document.stem
            for kind in KINDS:
                hits, n_found, n_gold = score(getattr(found, kind), getattr(gold, kind))
                precision = hits / n_found if n_found else 1.0
                recall = hits / n_gold if n_gold else 1.0
                lines.append(
                    f"| {name} | {kind} | {precision:.2f} | {recall:.2f} | {n_found} | {n_gold} |"
                )
            q = quality(
                drafted,
                (project / "data" / "sources" / f"{draft.stem}.txt").read_text(encoding="utf-8"),
            )
            notes.append(
                f"{name}: verbatim quotes {q.verbatim}/{q.quotes}, "
                f"invented dates {q.invented} of {q.dates}"
            )
        notes.append(_planted_conflicts(Path(scratch) / "conflicts"))
    text = "\n".join([*lines, "", *notes]) + "\n"
    if out is not None:
        out.write_text(text, encoding="utf-8")
    return text


def _planted_conflicts(project: Path) -> str:
    import capgraph
    from capgraph.namespaces import shorten
    from capgraph.sources import conflicts

    note = HERE / "synthetic-news-note.txt"
    _draft(note, project, record=True)
    planted = {
        tuple(c)
        for c in json.loads(note.with_suffix(".expected.json").read_text("utf-8"))["conflicts"]
    }
    found = {(c.aspect, shorten(c.subject)) for c in conflicts(capgraph.open(project))}
    missed = sorted(planted - found)
    return (
        f"planted conflicts found by conflicts: {len(planted & found)}/{len(planted)}"
        + (f" (missed: {missed})" if missed else "")
        + f"; other conflicts: {len(found - planted)}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.extraction", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--output", type=Path, help="also write the table to this file")
    args = parser.parse_args(argv)
    sys.stdout.write(run(args.output))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
