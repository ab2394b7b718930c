"""Where validation time goes: every SHACL-SPARQL constraint, two ways.

    python -m benchmarks.constraints --project DIR [--sample 15]

- *per focus node in rdflib*: what plain pySHACL does. The constraint's SELECT runs once
  per focus node, ``$this`` pre-bound, on an rdflib graph of the union. Timed on an evenly
  spaced sample of the focus nodes and scaled to all of them.
- *once in Oxigraph*: what ``capgraph validate`` does
  (``capgraph.validation``). The same
  SELECT with ``$this`` joined to the shape's targets, run once over the whole store.

Both give the same results (``tests/validation/test_set_constraints.py``). Prints a
Markdown table; ``--json FILE`` also writes the rows.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any


def constraint_costs(project: Path, *, sample: int) -> list[dict[str, Any]]:
    """One row per SHACL-SPARQL constraint that ``capgraph validate`` runs in the store."""
    import rdflib
    from rdflib.plugins.sparql import prepareQuery

    import capgraph
    from capgraph.validation import _sparql_constraints as shacl_sparql

    kg = capgraph.open(project)
    union = kg.union_graph()
    shapes = rdflib.Graph()
    for path in kg.project.shape_files:
        shapes.parse(path, format="turtle")
    _remaining, constraints = shacl_sparql.split(shapes)
    rows = []
    for constraint in constraints:
        target = shacl_sparql.focus_pattern(shapes, rdflib.URIRef(constraint.shape))
        focus = [
            rdflib.URIRef(str(r["this"]))
            for r in kg.select(f"SELECT DISTINCT ?this WHERE {{ {target} }}")
        ]
        picked = focus[:: max(1, len(focus) // sample)][:sample]
        prepared = prepareQuery(constraint.select)
        start = time.perf_counter()
        for node in picked:
            list(union.query(prepared, initBindings={"this": node}))
        per_focus = (time.perf_counter() - start) / max(1, len(picked))
        start = time.perf_counter()
        found = list(shacl_sparql.run(kg.store, constraint))
        once = time.perf_counter() - start
        rows.append(
            {
                "shape": constraint.shape.rsplit("#", 1)[-1],
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
