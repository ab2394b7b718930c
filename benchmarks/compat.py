"""The store compatibility table of docs/remote.md, generated from a run of the store tests.

    python -m benchmarks.compat [--write]

Runs the tests that put the record in each real store (Oxigraph's server, Virtuoso,
Jena TDB2, and recorded answers in Comunica's style) with pytest's JUnit output, sorts
each test into a column by its name, and prints the table (or, with ``--write``, puts it
into docs/remote.md between its two markers). A cell is "N/N" passed, or names what failed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "remote.md"
BEGIN, END = "<!-- compat-table: begin -->", "<!-- compat-table: end -->"

#: store -> (test file, the store's setting)
STORES: dict[str, tuple[str, str]] = {
    "Oxigraph server 0.5": (
        "tests/endpoint/test_remote.py tests/validation/test_endpoint.py "
        "tests/sources/test_conflicts.py",
        "`oxigraph serve --union-default-graph`",
    ),
    "Virtuoso 7.2 (Debian)": (
        "tests/endpoint/test_virtuoso.py",
        "none (a query without FROM reads every graph); update rights for publish",
    ),
    "Jena TDB2 4.5 (Debian)": (
        "tests/endpoint/test_jena.py",
        "`tdb2.tdbquery --set tdb:unionDefaultGraph=true`",
    ),
    "Comunica-style answers": (
        "tests/endpoint/test_protocol.py",
        "answers in `application/sparql-results+json` with a `metadata` member",
    ),
}
#: column -> words in a test's name that put it there
COLUMNS: dict[str, tuple[str, ...]] = {
    "named and built-in queries": (
        "named_query",
        "named_queries",
        "lossless_format",
        "csv_is_read",
    ),
    "commands": ("command_same", "commands_same", "against_a_remote_store"),
    "publish": ("publish",),
    "validate --endpoint": ("same_report", "no_line_numbers", "same_json", "does_not_answer"),
    "protocol and set-up": ("union", "accept", "graph_uris", "names_the_store", "asks_for"),
}


def run(store_file: str, junit: Path) -> dict[str, list[tuple[str, bool]]]:
    """Each column's (test, passed) pairs for one test file."""
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *store_file.split(),
         f"--junitxml={junit}"],
        cwd=ROOT, capture_output=True, check=False,
    )  # fmt: skip
    cells: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    if not junit.exists():
        return cells
    for case in ET.parse(junit).iter("testcase"):
        name = case.get("name", "")
        skipped = case.find("skipped")
        if skipped is not None and skipped.get("type") != "pytest.xfail":
            continue
        # an expected failure (strict xfail) is a known failure of the store, and is shown
        passed = skipped is None and case.find("failure") is None and case.find("error") is None
        for column, words in COLUMNS.items():
            if any(word in name for word in words):
                cells[column].append((name, passed))
                break
    return cells


def table() -> str:
    header = ["store", *COLUMNS, "setting it needs"]
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    with tempfile.TemporaryDirectory() as scratch:
        for store, (test_file, setting) in STORES.items():
            cells = run(test_file, Path(scratch) / "junit.xml")
            row = [store]
            for column in COLUMNS:
                results = cells.get(column, [])
                if not results:
                    row.append("not tested")
                    continue
                failed = [
                    name.partition("[")[2].removesuffix("]") or name
                    for name, ok in results
                    if not ok
                ]
                passed = len(results) - len(failed)
                row.append(
                    f"{passed}/{len(results)}"
                    + (f" (fails: {', '.join(failed)})" if failed else "")
                )
            row.append(setting)
            lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="put the table into docs/remote.md")
    args = parser.parse_args(argv)
    text = table()
    if not args.write:
        print(text, end="")
        return 0
    doc = DOC.read_text(encoding="utf-8")
    head, _, rest = doc.partition(BEGIN)
    _, _, tail = rest.partition(END)
    DOC.write_text(f"{head}{BEGIN}\n{text}{END}{tail}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
