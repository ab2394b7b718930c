"""The JSON report (schema version 1, documented in docs/validation.md)."""

from __future__ import annotations

import json
from typing import Any

from capgraph._severity import Severity
from capgraph.validation import ValidationReport, ValidationResult

#: Bumped whenever a field changes meaning or disappears; new fields may be added freely.
JSON_VERSION = 1


def render_json(report: ValidationReport, *, fail_on: Severity = Severity.VIOLATION) -> str:
    """The report as a JSON document, keys in a fixed order, results in report order."""
    document = {
        "version": JSON_VERSION,
        "tool": "capgraph validate",
        "fail_on": fail_on.label,
        "conforms": report.conforms_at(fail_on),
        "counts": {severity.label: count for severity, count in report.counts().items()},
        "results": [result_to_dict(result) for result in report.results],
        "rules": [
            {"id": rule.id, "severity": rule.severity.label, "description": rule.description}
            for rule in report.rules
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def result_to_dict(result: ValidationResult) -> dict[str, Any]:
    """One result as the JSON object the schema describes."""
    location = None
    if result.location is not None:
        location = {"file": result.location.file, "line": result.location.line}
    return {
        "severity": result.severity.label,
        "focus": result.focus,
        "label": result.label,
        "path": result.path,
        "value": result.value,
        "shape": result.shape,
        "constraint": result.constraint,
        "message": result.message,
        "location": location,
    }
