"""Helpers for the validation tests: copy the bundled project, apply a case, compare results.

A case is a folder under ``cases/`` with any of:

- ``remove.txt``: triple patterns, one per line, removed from every graph of
  every data file (``S P O``; ``<rel/iri>`` is relative to the record base
  ``https://w3id.org/capgraph/id/``, ``prefix:local`` uses capgraph's prefixes,
  ``"lexical"^^xsd:type`` is a literal, ``*`` matches anything; ``#`` comments);
- ``add.trig`` / ``patch.trig``: TriG added to the project as ``data/zz-case.trig``
  (both, if both exist; ``@base`` is the record base unless the file sets one);
- ``expected.json``: the exact list of results, each with ``severity``,
  ``focus`` (``id:`` short form), ``shape``, ``path`` and ``value`` (``null``
  when absent) and, optionally, the exact ``message``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from capgraph.namespaces import ID, PREFIXES, shorten
from capgraph.project import bundled_project_dir
from capgraph.validation import ValidationReport, ValidationResult

CASES = Path(__file__).parent / "cases"
ROOT = Path(__file__).resolve().parents[2]
_FINDING = re.compile(r": (error|warning) ([A-Z]+\d+): (.*)")

Key = tuple[str, str, str, str | None, str | None]


def copy_bundled(target: Path) -> Path:
    """A writable copy of the bundled record's content folders."""
    source = bundled_project_dir()
    for name in ("ontology", "data", "shapes", "queries"):
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name)
    return target


def apply_case(case: Path, project: Path) -> None:
    """Apply ``remove.txt``, then ``add.trig`` and ``patch.trig``, to ``project``.

    Every line of ``remove.txt`` must match at least one triple, so that a case
    cannot silently stop testing anything when the bundled record changes.
    """
    if (case / "remove.txt").exists():
        patterns = [
            _pattern(line)
            for line in (case / "remove.txt").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.lstrip().startswith("#")
        ]
        for pattern in patterns:
            if remove_triples(project, [pattern]) == 0:
                raise AssertionError(f"{case.name}/remove.txt: {pattern} matches no triple")
    added = [
        (case / name).read_text(encoding="utf-8")
        for name in ("add.trig", "patch.trig")
        if (case / name).exists()
    ]
    if added:
        header = f"@base <{ID}> .\n" + "".join(
            f"@prefix {prefix}: <{iri}> .\n" for prefix, iri in PREFIXES.items() if prefix != "id"
        )
        (project / "data" / "zz-case.trig").write_text(header + "\n".join(added), encoding="utf-8")


Term = ox.NamedNode | ox.Literal
Pattern = tuple[Term | None, Term | None, Term | None]


def remove_triples(project: Path, patterns: list[Pattern]) -> int:
    """Remove every quad matching one of ``patterns`` from the project's data files."""
    removed = 0
    for path in sorted((project / "data").glob("*.trig")):
        quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TRIG))
        kept = [q for q in quads if not any(_matches(q, p) for p in patterns)]
        if len(kept) != len(quads):
            removed += len(quads) - len(kept)
            data = ox.serialize(kept, format=ox.RdfFormat.TRIG, prefixes=dict(PREFIXES))
            path.write_bytes(data or b"")
    return removed


def _matches(quad: ox.Quad, pattern: Pattern) -> bool:
    return all(
        want is None or want == got
        for want, got in zip(pattern, (quad.subject, quad.predicate, quad.object), strict=True)
    )


def _pattern(line: str) -> Pattern:
    parts = _split(line.strip())
    if len(parts) != 3:
        raise ValueError(f"remove.txt: expected 'S P O', got {line!r}")
    return (_term(parts[0]), _term(parts[1]), _term(parts[2]))


def _split(line: str) -> list[str]:
    parts: list[str] = []
    current = ""
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        if char == " " and not quoted:
            if current:
                parts.append(current)
            current = ""
        else:
            current += char
    if current:
        parts.append(current)
    return parts


def _term(text: str) -> Term | None:
    if text == "*":
        return None
    if text.startswith("<") and text.endswith(">"):
        iri = text[1:-1]
        return ox.NamedNode(iri if ":" in iri else ID + iri)
    if text.startswith('"'):
        lexical, _, datatype = text[1:].partition('"^^')
        if not datatype:
            return ox.Literal(lexical.rstrip('"'))
        return ox.Literal(lexical, datatype=ox.NamedNode(_expand(datatype)))
    if text in ("true", "false"):
        return ox.Literal(text, datatype=ox.NamedNode(PREFIXES["xsd"] + "boolean"))
    return ox.NamedNode(_expand(text))


def _expand(name: str) -> str:
    prefix, _, local = name.partition(":")
    if prefix == "id":
        return ID + local
    return PREFIXES[prefix] + local


def result_key(result: ValidationResult) -> Key:
    """What a case compares: severity, focus, shape, path and value, IRIs shortened."""
    return (
        result.severity.label,
        shorten(result.focus),
        result.shape,
        result.path,
        None if result.value is None else shorten(result.value),
    )


def expected_keys(case: Path) -> list[Key]:
    return sorted(
        (e["severity"], e["focus"], e["shape"], e["path"], e["value"]) for e in load_expected(case)
    )


def load_expected(case: Path) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    return data


def report_keys(report: ValidationReport) -> list[Key]:
    return sorted(result_key(r) for r in report.results)


def dump_expected(report: ValidationReport) -> str:
    """The expected.json text for ``report`` (used when writing a new case by hand)."""
    entries = [
        {
            "severity": r.severity.label,
            "focus": shorten(r.focus),
            "shape": r.shape,
            "path": r.path,
            "value": None if r.value is None else shorten(r.value),
            "message": r.message,
        }
        for r in report.results
    ]
    return json.dumps(entries, indent=2, ensure_ascii=False) + "\n"


def _multitool() -> str:
    local = ROOT / ".ci" / "tools" / "node_modules" / ".bin" / "sarif-multitool"
    found = str(local) if local.exists() else shutil.which("sarif-multitool")
    if found is None:
        pytest.skip("the SARIF Multitool is not installed (npm @microsoft/sarif-multitool)")
    return found


def sarif_findings(sarif: Path) -> list[str]:
    """The SARIF Multitool's findings on ``sarif`` with GitHub's rules (skipped if absent)."""
    done = subprocess.run(
        [_multitool(), "validate", str(sarif), "--rule-kind", "Gh;Sarif"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert "Analysis completed successfully" in done.stdout, done.stdout + done.stderr
    return [" ".join(m.groups()) for m in map(_FINDING.search, done.stdout.splitlines()) if m]
