"""Generate a synthetic records project of a given size, with planted defects.

    python -m benchmarks.generate --size 100k --seed 1 --defect-rate 0.02 --out DIR

The project (``ontology/``, ``shapes/``, ``queries/`` copied from this repository, and a
generated ``data/`` with the source texts under ``data/sources/``) opens with
``capgraph --project DIR``. Two sidecar files sit beside it: ``benchmark.json`` (seed, size,
counts, and sample values for query parameters) and ``defects.json`` (what was planted and
the validation results it implies). Same seed, size and rate: byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import shutil
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path

from benchmarks.defects import ID, Defect, awaited, plant
from benchmarks.groups import add_group
from benchmarks.record import GROUPS_PER_ORGANISATION, Builder
from benchmarks.sizes import parse_size, size_label
from benchmarks.trig import HEADER, Paragraph

#: Bumped whenever the generated record changes for the same seed and size.
GENERATOR_VERSION = 1
REPO = Path(__file__).resolve().parents[1]
_COPIED = ("ontology", "shapes", "queries")
CAP = "https://w3id.org/capgraph/ontology#"


@dataclass(frozen=True)
class GeneratedRecord:
    """Where a generated project is, and what is in it."""

    path: Path
    size: int
    seed: int
    defect_rate: float
    triples: int
    counts: dict[str, int]
    samples: dict[str, str]
    defects: tuple[Defect, ...]


def build(size: int, seed: int) -> Builder:
    """Organisations and working groups until the record holds about ``size`` triples."""
    builder = Builder(seed)
    span = max(12, min(70, size // 3000))
    org = builder.add_organisation(span)
    while True:
        if org.groups >= GROUPS_PER_ORGANISATION:
            org = builder.add_organisation(span)
        add_group(builder, org)
        if builder.triples >= size:
            return builder


def generate(out: Path, *, size: int, seed: int = 1, defect_rate: float = 0.02) -> GeneratedRecord:
    """Write the project for ``size`` triples into ``out`` (emptied first)."""
    builder = build(size, seed)
    defects = plant(builder, defect_rate)
    _prepare(out)
    for folder in _COPIED:
        shutil.copytree(REPO / folder, out / folder)
    _write_data(builder, out)
    counts = _counts(builder, defects)
    samples = _samples(builder, {d.subject for d in defects})
    record = GeneratedRecord(
        out, size, seed, defect_rate, builder.triples, counts, samples, tuple(defects)
    )
    meta = {
        "generator": GENERATOR_VERSION,
        "size": size,
        "size_label": size_label(size),
        "seed": seed,
        "defect_rate": defect_rate,
        "data_triples": builder.triples,
        "counts": counts,
        "samples": samples,
    }
    _dump(out / "benchmark.json", meta)
    _dump(
        out / "defects.json",
        {
            "seed": seed,
            "defect_rate": defect_rate,
            "defects": [d.to_json() for d in defects],
            "expected_info": [asdict(e) for e in awaited(builder)],
        },
    )
    return record


def _prepare(out: Path) -> None:
    """Empty ``out``, refusing a folder that is not a generated project."""
    if out.exists():
        if any(out.iterdir()) and not (out / "benchmark.json").is_file():
            raise FileExistsError(f"{out}: not empty and not a generated project; not touching it")
        shutil.rmtree(out)
    out.mkdir(parents=True)


def _write_data(builder: Builder, out: Path) -> None:
    by_doc: dict[str, list[Paragraph]] = defaultdict(list)
    for paragraph in builder.paragraphs:
        by_doc[paragraph.document].append(paragraph)
        paragraph.number = len(by_doc[paragraph.document])
    files: dict[str, list[str]] = defaultdict(list)
    for paragraph in builder.paragraphs:
        if paragraph.cited:
            org = paragraph.document.split("-", 1)[0]
            files[f"{org}/{paragraph.kind}.trig"].append(paragraph.trig())
    sources = out / "data" / "sources"
    sources.mkdir(parents=True)
    for slug, document in builder.documents.items():
        paragraphs = by_doc[slug]
        files[f"{slug.split('-', 1)[0]}/sources.trig"].append(document.trig(paragraphs))
        (sources / f"{slug}.txt").write_text(
            document.text(paragraphs, seed=builder.seed), encoding="utf-8"
        )
    for name, blocks in files.items():
        path = out / "data" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        header = "# Synthetic benchmark record (benchmarks/generate.py); not a real record.\n\n"
        path.write_text(header + HEADER + "\n" + "\n".join(blocks), encoding="utf-8")


def _counts(builder: Builder, defects: list[Defect]) -> dict[str, int]:
    decisions = [d for p in builder.processes for d in p.decisions]
    kinds: dict[str, int] = defaultdict(int)
    for defect in defects:
        kinds[defect.kind] += 1
    return {
        "organisations": len(builder.organisations),
        "working_groups": sum(o.groups for o in builder.organisations),
        "source_documents": len(builder.documents),
        "paragraphs": len(builder.paragraphs),
        "meeting_reports": sum(o.reports for o in builder.organisations),
        "processes": len(builder.processes),
        "processes_complete": sum(p.complete for p in builder.processes),
        "process_decisions_taken": sum(d.taken for d in decisions),
        "process_decisions_expected": sum(not d.taken for d in decisions),
        "tools": len(builder.tools),
        "defects_missing_step": kinds["missing-step"],
        "defects_out_of_order": kinds["out-of-order"],
        "defects_tool_without_plan": kinds["tool-without-plan"],
    }


def _samples(builder: Builder, defective: set[str]) -> dict[str, str]:
    """Typical values for query parameters: a long complete process and what it touches."""
    longest = max(len(p.steps) for p in builder.processes)
    processes = [
        p for p in builder.processes
        if p.complete and len(p.steps) == longest and ID + p.iri not in defective
        and len(p.taken()) == longest
    ] or [p for p in builder.processes if p.complete]  # fmt: skip
    process = processes[len(processes) // 2]
    decision = process.taken()[-1]
    assert decision.paragraph is not None
    tools = [t for t, _ in builder.tools if t.features and t.with_plan] or [
        t for t, _ in builder.tools
    ]
    tool = tools[len(tools) // 2]
    return {
        "process": ID + process.iri,
        "version": ID + process.version,
        "work": ID + process.version.rsplit("/", 1)[0],
        "decision": ID + decision.iri,
        "session": ID + decision.sessions[0].iri,
        "body": ID + decision.step.body.iri,
        "tool": ID + tool.iri,
        "plan": ID + tool.plan,
        "document": ID + "document/" + decision.paragraph.document,
        "paragraph": str(decision.paragraph.number),
        "kind": CAP + "MeetingReport",
        "status": CAP + "inDevelopment",
    }


def _dump(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.generate", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--size", default="10k", help="10k, 100k, 1m, 10m or a number")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--defect-rate", type=float, default=0.02)
    parser.add_argument("--out", type=Path, help="project folder (default benchmarks/out/…)")
    args = parser.parse_args(argv)
    size = parse_size(args.size)
    out = args.out or REPO / "benchmarks" / "out" / f"project-{size_label(size)}-s{args.seed}"
    record = generate(out, size=size, seed=args.seed, defect_rate=args.defect_rate)
    print(f"{record.triples} data triples, {len(record.defects)} defects planted → {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
