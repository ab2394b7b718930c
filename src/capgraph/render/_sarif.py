"""The SARIF 2.1.0 report, for code-scanning annotations on the line that describes a record.

Each result's ``physicalLocation`` is the project file (relative to the
project root) and the line where the focus node is first written as a
subject; its ``logicalLocation`` is the focus node's IRI. Rules are the shapes
and checks, with their messages; levels are error / warning / note.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from capgraph._json import dump_json
from capgraph._severity import Severity
from capgraph.render._validation_text import FALLBACK_HEADING
from capgraph.validation import Fallback, Rule, ValidationReport, ValidationResult

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
#: Where a reader of the report learns what capgraph is (the tool's ``informationUri``).
INFORMATION_URI = "https://w3id.org/capgraph"
#: A message's SHACL template variable, ``{?name}`` or ``{$name}``.
_TEMPLATE = re.compile(r"\{[?$](\w+)\}")

_LEVELS = {Severity.VIOLATION: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render_sarif(report: ValidationReport, *, root: str = "") -> str:
    """The report as one SARIF 2.1.0 run.

    ``root`` is the records project's folder relative to the repository root (for a
    project in a subfolder), prefixed to every file path so that code scanning finds it.
    """
    from capgraph import __version__

    rules = {rule.id: rule for rule in report.rules}
    for result in report.results:  # a shape without a target may still report
        rules.setdefault(result.shape, Rule(result.shape, result.severity, result.message))
    for fallback in report.fallbacks:
        rules.setdefault(fallback.shape, Rule(fallback.shape, Severity.VIOLATION, ""))
    rule_ids = sorted(rules)
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "capgraph",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_rule(rules[rule_id]) for rule_id in rule_ids],
            }
        },
        "results": [_result(result, index[result.shape], root) for result in report.results],
    }
    if report.fallbacks:
        notifications = [_fallback(f, index[f.shape]) for f in report.fallbacks]
        run["invocations"] = [
            {"executionSuccessful": True, "toolExecutionNotifications": notifications}
        ]
    return dump_json({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]})


def _fallback(fallback: Fallback, rule_index: int) -> dict[str, Any]:
    """A shape that pySHACL checked, as a notification about the shape's rule."""
    return {
        "level": "warning",
        "message": {"text": f"{fallback.shape} {FALLBACK_HEADING}: {fallback.reason}"},
        "descriptor": {"id": "capgraph/pyshacl-fallback"},
        "associatedRule": {"id": fallback.shape, "index": rule_index},
    }


def _rule(rule: Rule) -> dict[str, Any]:
    """A rule with the descriptions GitHub's code scanning requires (templates spelt out)."""
    text = _untemplated(rule.description) or rule.id
    first = text.split("; ")[0].split(" / ")[0]
    kind = "SPARQL check" if rule.id.startswith("check:") else "SHACL shape"
    help_text = f"{text} ({kind} {rule.id}, {rule.severity.label})."
    return {
        "id": rule.id,
        "name": _rule_name(rule.id),
        "shortDescription": {"text": first},
        "fullDescription": {"text": text},
        "help": {
            "text": help_text,
            "markdown": f"{text}\n\n{kind} `{rule.id}`, severity **{rule.severity.label}**.",
        },
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
    }


def _untemplated(message: str) -> str:
    """A message template as a description: ``{?position}`` becomes ``<position>``."""
    return _TEMPLATE.sub(lambda match: f"<{match.group(1)}>", message)


def _rule_name(rule_id: str) -> str:
    """``capsh:Session-heldBy`` → ``SessionHeldBy`` (SARIF rule names are identifiers)."""
    local = rule_id.rsplit(":", 1)[-1]
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", local))


def _result(result: ValidationResult, rule_index: int, root: str) -> dict[str, Any]:
    location: dict[str, Any] = {
        "logicalLocations": [{"fullyQualifiedName": result.focus, "kind": "resource"}]
    }
    if result.location is not None:
        location["physicalLocation"] = {
            "artifactLocation": {"uri": _join(root, result.location.file)},
            "region": {"startLine": result.location.line},
        }
    properties = {
        key: value
        for key, value in (
            ("focus", result.focus),
            ("label", result.label),
            ("path", result.path),
            ("value", result.value),
            ("constraint", result.constraint),
        )
        if value is not None
    }
    return {
        "ruleId": result.shape,
        "ruleIndex": rule_index,
        "level": _LEVELS[result.severity],
        "message": {"text": result.message},
        "locations": [location],
        "partialFingerprints": {"capgraphResult/v1": _fingerprint(result)},
        "properties": properties,
    }


def _fingerprint(result: ValidationResult) -> str:
    """Stable across runs and line moves: what is wrong, where in the graph."""
    key = "\0".join((result.shape, result.focus, result.path or "", result.value or ""))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _join(root: str, file: str) -> str:
    root = root.strip("/")
    return f"{root}/{file}" if root and root != "." else file
