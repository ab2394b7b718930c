"""Open the bundled record and run every named query: capgraph (Oxigraph) vs rdflib's engine.

    python -m benchmarks.bundled_record [--repeat 5]

Both engines run the same query text, with parameters bound the same way (a VALUES
block) from the examples in each query's header, in one process. Medians are printed.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from collections.abc import Callable

import capgraph
from capgraph.query import NamedQuery, bind_params, with_values

_EXAMPLE = re.compile(r"e\.g\.\s+(\S+?)[,.]?(?:\s|$)")


def example_params(query: NamedQuery) -> dict[str, str]:
    """Values for the required parameters, from the ``e.g.`` in their descriptions."""
    params = {}
    for param in query.params:
        match = _EXAMPLE.search(param.description)
        if not param.optional and match:
            params[param.name] = match.group(1)
    return params


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat

    import rdflib

    open_time = median_seconds(capgraph.open, repeat)
    kg = capgraph.open()

    def rdflib_open() -> rdflib.Dataset:
        dataset = rdflib.Dataset(default_union=True)
        for path in kg.project.ontology_files + kg.project.data_files:
            dataset.parse(path, format="trig" if path.suffix == ".trig" else "turtle")
        return dataset

    rdflib_open_time = median_seconds(rdflib_open, repeat)
    dataset = rdflib_open()

    total_ox = total_rdf = 0.0
    print(f"{'query':34} {'rows':>5} {'capgraph ms':>12} {'rdflib ms':>10} {'ratio':>7}")
    for query in kg.queries.all():
        text = with_values(query.text, bind_params(query, example_params(query)))
        ox_rows = kg.select(text)
        rdf_rows = dataset.query(text)
        ox_time = median_seconds(lambda text=text: kg.select(text), repeat)
        rdf_time = median_seconds(lambda text=text: list(dataset.query(text)), repeat)
        total_ox += ox_time
        total_rdf += rdf_time
        print(
            f"{query.name:34} {len(ox_rows):>5} {ox_time * 1000:>12.2f} "
            f"{rdf_time * 1000:>10.2f} {rdf_time / ox_time:>6.0f}x"
            + ("" if len(rdf_rows) == len(ox_rows) else f"  (rdflib: {len(rdf_rows)} rows)")
        )
    print(
        f"\nopen: capgraph {open_time * 1000:.0f} ms, rdflib parse {rdflib_open_time * 1000:.0f} ms"
    )
    print(
        f"all {len(kg.queries.names())} named queries: capgraph {total_ox * 1000:.1f} ms, "
        f"rdflib {total_rdf * 1000:.1f} ms ({total_rdf / total_ox:.0f}x)"
    )
    print(
        f"open + all queries: capgraph {(open_time + total_ox) * 1000:.0f} ms, "
        f"rdflib {(rdflib_open_time + total_rdf) * 1000:.0f} ms "
        f"(median of {repeat})"
    )


if __name__ == "__main__":
    main()
