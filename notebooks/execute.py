"""Run the notebooks top to bottom and save them with their outputs, so that they diff cleanly.

    python notebooks/execute.py              # run every notebook here, save in place
    python notebooks/execute.py --check      # fail if a saved notebook differs from a fresh run
    python notebooks/execute.py 02-approval-history.ipynb

The saved form has no timestamps, no random cell ids, no kernel version, and execution
counts 1, 2, 3...; the tests (tests/views/test_notebooks.py) use the same functions.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
TIMEOUT = 300


def notebooks() -> list[Path]:
    return sorted(HERE.glob("[0-9][0-9]-*.ipynb"))


def execute(path: Path) -> Any:
    """The notebook at ``path`` run in a fresh ``python3`` kernel, normalised."""
    import nbformat
    from nbclient import NotebookClient

    os.environ["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(SRC), os.environ.get("PYTHONPATH")])
    )
    os.environ.setdefault("MPLBACKEND", "Agg")
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=TIMEOUT,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    return normalise(notebook)


def normalise(notebook: Any) -> Any:
    """Drop what changes from run to run: cell ids, timings, kernel and Python versions."""
    notebook.metadata.pop("widgets", None)
    language = notebook.metadata.get("language_info")
    if language is not None:
        notebook.metadata["language_info"] = {"name": language.get("name", "python")}
    count = 0
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{index:02d}"
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        count += 1
        cell.execution_count = count
        cell.outputs = _join_streams(cell.outputs)
        for output in cell.outputs:
            if "execution_count" in output:
                output["execution_count"] = count
            output.get("metadata", {}).pop("execution", None)
    return notebook


def _join_streams(outputs: list[Any]) -> list[Any]:
    """One output per run of a stream: a busy kernel may send one print in several pieces."""
    joined: list[Any] = []
    for output in outputs:
        last = joined[-1] if joined else None
        if (
            last is not None
            and output.get("output_type") == "stream"
            and last.get("output_type") == "stream"
            and last.get("name") == output.get("name")
        ):
            last["text"] += output["text"]
        else:
            joined.append(output)
    return joined


def text(notebook: Any) -> str:
    import nbformat

    return str(nbformat.writes(notebook)) + "\n"


def errors(notebook: Any) -> list[str]:
    """The error outputs of a run (nbclient raises on the first; kept for ``--check``)."""
    return [
        f"cell {i}: {o.get('ename')}: {o.get('evalue')}"
        for i, cell in enumerate(notebook.cells)
        if cell.cell_type == "code"
        for o in cell.outputs
        if o.get("output_type") == "error"
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="notebooks to run (default: all)")
    parser.add_argument("--check", action="store_true", help="compare instead of saving")
    args = parser.parse_args(argv)
    paths = [HERE / n for n in args.names] if args.names else notebooks()
    stale = []
    for path in paths:
        fresh = text(execute(path))
        if args.check:
            if path.read_text(encoding="utf-8") != fresh:
                stale.append(path.name)
        else:
            path.write_text(fresh, encoding="utf-8")
            print(f"saved {path.name}")
    if stale:
        print("differ from a fresh run: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
