"""The JSON report (schema version 1, documented in docs/validation.md)."""

from __future__ import annotations

from capgraph._json import dump_json
from capgraph._severity import Severity
from capgraph.validation import ValidationReport

#: The ``schema`` member; bump the number on an incompatible change.
VALIDATION_SCHEMA = "https://w3id.org/capgraph/schema/validation/1"

#: Kept beside ``schema`` because scripts read it; bumped with it.
JSON_VERSION = 1


def render_json(report: ValidationReport, *, fail_on: Severity = Severity.VIOLATION) -> str:
    """The report as a JSON document, keys in a fixed order, results in report order."""
    return dump_json(
        {
            "schema": VALIDATION_SCHEMA,
            "version": JSON_VERSION,
            "tool": "capgraph validate",
            "fail_on": fail_on,
            "conforms": report.conforms_at(fail_on),
            "counts": report.counts(),
            "results": report.results,
            "rules": report.rules,
            "fallbacks": report.fallbacks,
        }
    )
