"""Compare validation results with the defects the generator planted.

A planted defect is *found* when every result it implies is reported. A result is
*unexplained* when it is a Violation or a Warning that no planted defect implies: on a
generated record that is a false alarm (or a generator bug). Info results must be exactly
the awaited steps of the open processes, which the generator lists too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Result = dict[str, Any]


@dataclass(frozen=True)
class Outcome:
    """What validation found, measured against what was planted."""

    planted: int
    found: int
    missed: tuple[str, ...]
    unexplained: tuple[Result, ...]
    info_expected: int
    info_found: int
    info_missing: int
    info_unexpected: int
    by_kind: dict[str, list[int]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return (
            not self.missed
            and not self.unexplained
            and self.info_missing == 0
            and self.info_unexpected == 0
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "planted": self.planted,
            "found": self.found,
            "missed": list(self.missed),
            "unexplained_count": len(self.unexplained),
            "unexplained": list(self.unexplained[:20]),
            "info_expected": self.info_expected,
            "info_found": self.info_found,
            "info_missing": self.info_missing,
            "info_unexpected": self.info_unexpected,
            "by_kind": self.by_kind,
        }


def _key(result: Result) -> tuple[str, str, str | None, str | None]:
    return (result["severity"], result["focus"], result.get("value"), result.get("shape"))


def _matches(result: Result, expected: Result) -> bool:
    if result["severity"] != expected["severity"] or result["focus"] != expected["focus"]:
        return False
    if expected.get("shape") and result.get("shape") != expected["shape"]:
        return False
    return expected.get("value") is None or result.get("value") == expected["value"]


def _nested_detail(result: Result, implied_foci: set[str]) -> bool:
    """pySHACL's nested detail of an ``sh:node`` result: blank shape, focus an implied value."""
    return result.get("shape") is None and result["focus"] in implied_foci


def compare(results: list[Result], defects: dict[str, Any]) -> Outcome:
    """Match ``results`` (severity, focus, value, shape) against ``defects.json``."""
    planted = defects["defects"]
    expected = [e for d in planted for e in d["expected"]]
    # Results pySHACL may also list on the value of an implied result (sh:detail).
    implied_values = {e["value"] for e in expected if e.get("value")}
    missed: list[str] = []
    by_kind: dict[str, list[int]] = {}
    for defect in planted:
        hit = all(any(_matches(r, e) for r in results) for e in defect["expected"])
        counts = by_kind.setdefault(defect["kind"], [0, 0])
        counts[0] += 1
        counts[1] += hit
        if not hit:
            missed.append(defect["subject"])
    unexplained = tuple(
        r
        for r in results
        if r["severity"] in ("Violation", "Warning")
        and not any(_matches(r, e) for e in expected)
        and not _nested_detail(r, implied_values)
    )
    wanted_info = {_key(e) for e in defects.get("expected_info", [])}
    got_info = {_key(r) for r in results if r["severity"] == "Info"}
    return Outcome(
        planted=len(planted),
        found=len(planted) - len(missed),
        missed=tuple(missed),
        unexplained=unexplained,
        info_expected=len(wanted_info),
        info_found=len(got_info),
        info_missing=len(wanted_info - got_info),
        info_unexpected=len(got_info - wanted_info),
        by_kind=by_kind,
    )
