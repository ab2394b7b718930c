"""Where validation time goes: every SHACL-SPARQL constraint, two ways.

    python -m benchmarks.constraints --project DIR [--sample 15]

- *per focus node in rdflib*: what pySHACL does (and so ``capgraph.validate`` today): the
  constraint's SELECT runs once per focus node, ``$this`` pre-bound, on an rdflib graph of
  the union. Timed on an evenly spaced sample of the focus nodes and scaled to all of them.
- *once in Oxigraph*: the same SELECT with ``$this`` left free and joined to the target
  class, run once over the whole store, as a SPARQL engine can (the way the architecture
  plans to run the shapes on a remote store).

Both give the same violations; the figures say what moving the SPARQL constraints off
rdflib would save. Prints a Markdown table; ``--json FILE`` also writes the rows.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

_SH = "http://www.w3.org/ns/shacl#"
_TARGETS = {
    "targetClass": "?this <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>/"
    "<http://www.w3.org/2000/01/rdf-schema#subClassOf>* <{0}> .",
    "targetSubjectsOf": "?this <{0}> ?target_object_ .",
    "targetObjectsOf": "?target_subject_ <{0}> ?this .",
    "targetNode": "VALUES ?this {{ <{0}> }}",
}


def _focus_pattern(shapes: Any, shape: Any) -> str | None:
    """The shape's targets as a SPARQL pattern binding ?this (a UNION of several)."""
    import rdflib

    parts = [
        "{ " + pattern.format(value) + " }"
        for kind, pattern in _TARGETS.items()
        for value in shapes.objects(shape, rdflib.URIRef(_SH + kind))
    ]
    return " UNION ".join(parts) or None


def constraint_costs(project: Path, *, sample: int) -> list[dict[str, Any]]:
    """One row per (shape, SPARQL constraint) with a target."""
    import rdflib
    from rdflib.plugins.sparql import prepareQuery

    import capgraph

    kg = capgraph.open(project)
    union = kg.union_graph()
    sh = rdflib.Namespace(_SH)
    shapes = rdflib.Graph()
    for path in kg.project.shape_files:
        shapes.parse(path, format="turtle")
    prefixes = "".join(
        f"PREFIX {shapes.value(d, sh.prefix)}: <{shapes.value(d, sh.namespace)}>\n"
        for d in shapes.objects(None, sh.declare)
    )
    rows = []
    for shape, constraint in sorted(shapes.subject_objects(sh.sparql)):
        target = _focus_pattern(shapes, shape)
        select = shapes.value(constraint, sh.select)
        if target is None or select is None:
            continue
        text = prefixes + str(select).replace("$this", "?this")
        focus = [
            rdflib.URIRef(str(r["this"]))
            for r in kg.select(f"SELECT DISTINCT ?this WHERE {{ {target} }}")
        ]
        picked = focus[:: max(1, len(focus) // sample)][:sample]
        prepared = prepareQuery(text)
        start = time.perf_counter()
        for node in picked:
            list(union.query(prepared, initBindings={"this": node}))
        per_focus = (time.perf_counter() - start) / max(1, len(picked))
        at = text.index("WHERE {") + len("WHERE {")
        whole = text[:at] + f"\n{{ SELECT DISTINCT ?this WHERE {{ {target} }} }}" + text[at:]
        start = time.perf_counter()
        found = kg.select(whole)
        once = time.perf_counter() - start
        rows.append(
            {
                "shape": str(shape).rsplit("#", 1)[-1],
                "focus_nodes": len(focus),
                "rdflib_per_focus_ms": per_focus * 1000,
                "rdflib_total_s": per_focus * len(focus),
                "oxigraph_once_s": once,
                "rows": len(found),
            }
        )
    return rows


def markdown(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| SPARQL constraint | focus nodes | rdflib ms per focus | rdflib, all foci (s) "
        "| Oxigraph, once (s) |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for r in sorted(rows, key=lambda r: -float(r["rdflib_total_s"])):
        lines.append(
            f"| {r['shape']} | {r['focus_nodes']:,} | {r['rdflib_per_focus_ms']:.1f} | "
            f"{r['rdflib_total_s']:.1f} | {r['oxigraph_once_s']:.3f} |"
        )
    total_rdf = sum(float(r["rdflib_total_s"]) for r in rows)
    total_ox = sum(float(r["oxigraph_once_s"]) for r in rows)
    lines.append(f"| **all** | | | **{total_rdf:.1f}** | **{total_ox:.2f}** |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.constraints")
    parser.add_argument("--project", type=Path, required=True)
    parser.add_argument("--sample", type=int, default=15, help="focus nodes timed per shape")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    args = parser.parse_args(argv)
    rows = constraint_costs(args.project, sample=args.sample)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    print(markdown(rows), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
