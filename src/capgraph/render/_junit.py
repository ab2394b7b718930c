"""The JUnit XML report: one test suite per shape, one test case per result.

A result at or above the fail level is a failing test case (``<failure>``, whose
``type`` is its severity); a result below it is a passing test case with the result
in its ``<system-out>``, so the CI test tab agrees with the exit code and counts
every finding. A rule that
reported nothing is one passing test case, so the tab also shows what ran. A shape
that pySHACL checked instead of the compiled engine says so, and why, in a property of
its test suite.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from capgraph._severity import Severity
from capgraph.namespaces import shorten
from capgraph.render._validation_text import FALLBACK_HEADING
from capgraph.validation import ValidationReport, ValidationResult


def render_junit(report: ValidationReport, *, fail_on: Severity = Severity.VIOLATION) -> str:
    """The report as JUnit XML (the schema CI systems read): one test case per result."""
    by_shape: dict[str, list[ValidationResult]] = {}
    for result in report.results:
        by_shape.setdefault(result.shape, []).append(result)
    for rule in report.rules:
        by_shape.setdefault(rule.id, [])
    fallbacks = {f.shape: f.reason for f in report.fallbacks}
    for shape in fallbacks:
        by_shape.setdefault(shape, [])
    root = ET.Element("testsuites", name="capgraph validate")
    total_tests = total_failures = 0
    for shape in sorted(by_shape):
        suite = ET.SubElement(root, "testsuite", name=shape)
        if shape in fallbacks:  # which engine checked the shape, and why
            properties = ET.SubElement(suite, "properties")
            ET.SubElement(properties, "property", name=FALLBACK_HEADING, value=fallbacks[shape])
        results = sorted(by_shape[shape], key=ValidationResult.sort_key)
        failures = sum(_testcase(suite, shape, result, fail_on) for result in results)
        if not results:
            ET.SubElement(suite, "testcase", classname=shape, name="(every record conforms)")
        tests = max(1, len(results))
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


def _testcase(suite: ET.Element, shape: str, result: ValidationResult, fail_on: Severity) -> int:
    """Add one test case for one result; return 1 if it fails at ``fail_on``."""
    name = shorten(result.focus)
    if result.path:
        name += f" {result.path}"
    if result.value:
        name += f" = {result.value}"
    case = ET.SubElement(suite, "testcase", classname=shape, name=name)
    if result.location is not None:
        case.set("file", result.location.file)
        case.set("line", str(result.location.line))
    if result.severity >= fail_on:
        failure = ET.SubElement(case, "failure", type=result.severity.label, message=result.message)
        failure.text = _describe(result)
        return 1
    ET.SubElement(case, "system-out").text = _describe(result)
    return 0


def _describe(result: ValidationResult) -> str:
    where = f"{result.location}: " if result.location else ""
    extra = "".join(
        f" {name} {text}" for name, text in (("path", result.path), ("value", result.value)) if text
    )
    return f"{where}{result.severity.label}: {result.message} [{result.shape}{extra}]"
