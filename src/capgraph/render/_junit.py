"""The JUnit XML report: one test suite per shape, one test case per shape and focus node.

A result at or above the fail level is a ``<failure>`` whose ``type`` is its
severity; results below it leave their test case passing and are listed in its
``<system-out>``, so the CI test tab agrees with the exit code. A rule that
reported nothing is one passing test case, so the tab also shows what ran.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from itertools import groupby

from capgraph._severity import Severity
from capgraph.namespaces import shorten
from capgraph.validation import ValidationReport, ValidationResult


def render_junit(report: ValidationReport, *, fail_on: Severity = Severity.VIOLATION) -> str:
    """The report as JUnit XML (the schema CI systems read)."""
    by_shape: dict[str, list[ValidationResult]] = {}
    for result in report.results:
        by_shape.setdefault(result.shape, []).append(result)
    for rule in report.rules:
        by_shape.setdefault(rule.id, [])
    root = ET.Element("testsuites", name="capgraph validate")
    total_tests = total_failures = 0
    for shape in sorted(by_shape):
        suite = ET.SubElement(root, "testsuite", name=shape)
        tests = failures = 0
        results = sorted(by_shape[shape], key=lambda r: (r.focus, r.sort_key()))
        for focus, group in groupby(results, key=lambda r: r.focus):
            failures += _testcase(suite, shape, focus, list(group), fail_on)
            tests += 1
        if not results:
            ET.SubElement(suite, "testcase", classname=shape, name="(every record conforms)")
            tests += 1
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        total_tests += tests
        total_failures += failures
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _testcase(
    suite: ET.Element, shape: str, focus: str, results: list[ValidationResult], fail_on: Severity
) -> int:
    """Add one test case; return 1 if it failed."""
    case = ET.SubElement(suite, "testcase", classname=shape, name=shorten(focus))
    first = results[0]
    if first.location is not None:
        case.set("file", first.location.file)
        case.set("line", str(first.location.line))
    failing = [r for r in results if r.severity >= fail_on]
    passing = [r for r in results if r.severity < fail_on]
    if failing:
        worst = max(r.severity for r in failing)
        failure = ET.SubElement(
            case, "failure", type=worst.label, message="; ".join(r.message for r in failing)
        )
        failure.text = "\n".join(_describe(r) for r in failing)
    if passing:
        out = ET.SubElement(case, "system-out")
        out.text = "\n".join(_describe(r) for r in passing)
    return 1 if failing else 0


def _describe(result: ValidationResult) -> str:
    where = f"{result.location}: " if result.location else ""
    extra = "".join(
        f" {name} {text}" for name, text in (("path", result.path), ("value", result.value)) if text
    )
    return f"{where}{result.severity.label}: {result.message} [{result.shape}{extra}]"
