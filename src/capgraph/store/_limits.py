"""Limits checked before a file reaches a parser: nesting depth, token size, calendar dates.

- **Nesting.** pyoxigraph's JSON-LD parser recurses once per ``[`` or ``{``
  and overflows its stack (SIGSEGV, no exception) at about 3,000 levels, a
  36 KB file. The text is scanned first, strings skipped, and a file nested
  deeper than ``MAX_JSON_NESTING`` is refused with the place where it passes
  the limit.
- **Dates.** The lexical check of ``capgraph._lexical`` accepts any day 01-31;
  ``"2021-02-30"^^xsd:date`` is refused here, against the calendar (and the
  same for the date part of ``xsd:dateTime``). Years outside 0001-9999 are
  refused too: XSD 1.0, which rdflib and pySHACL follow, has no year zero, and
  Python's ``datetime`` (rdflib's conversion) holds no year past 9999.
"""

from __future__ import annotations

import calendar
import re

from capgraph.errors import InputError

__all__ = [
    "CONVERTED_TYPES",
    "MAX_JSON_NESTING",
    "calendar_error",
    "check_json_nesting",
    "ill_typed",
]

#: XSD types outside ``capgraph._lexical`` that rdflib converts to Python values; an
#: ill-typed one makes rdflib log a traceback (during ``validate``), so they are checked
#: at load with rdflib's own conversion.
CONVERTED_TYPES = frozenset(
    {
        "int", "long", "short", "byte", "unsignedInt", "unsignedLong", "unsignedShort",
        "unsignedByte", "negativeInteger", "nonPositiveInteger", "double", "float",
        "time", "duration", "dayTimeDuration", "yearMonthDuration", "gMonth", "gDay",
        "gMonthDay", "hexBinary", "base64Binary",
    }
)  # fmt: skip

#: The deepest nesting of JSON arrays and objects a JSON-LD file may have.
MAX_JSON_NESTING = 256

_JSON_PART = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)
_YEAR_MONTH_DAY = re.compile(r"(-?\d{4,})(?:-(\d{2})(?:-(\d{2}))?)?")
_HOUR_24 = re.compile(r"T24:")


def check_json_nesting(text: str, *, display: str) -> None:
    """Refuse JSON nested deeper than ``MAX_JSON_NESTING``, at the bracket that passes it."""
    if text.count("[") + text.count("{") <= MAX_JSON_NESTING:
        return
    depth = 0
    for match in _JSON_PART.finditer(text):
        char = match.group()
        if char in "[{":
            depth += 1
            if depth > MAX_JSON_NESTING:
                line = text.count("\n", 0, match.start()) + 1
                column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
                raise InputError(
                    f"JSON nested more than {MAX_JSON_NESTING} levels deep (the limit, "
                    "so that the parser cannot overflow its stack)",
                    file=display,
                    line=line,
                    column=column,
                )
        elif char in "]}":
            depth -= 1


def calendar_error(datatype: str, lexical: str) -> str | None:
    """Why a lexically valid date-like literal is not a real day; None if it is.

    Checked: ``xsd:date`` and ``xsd:dateTime`` against the calendar, hour 24 in a
    ``xsd:dateTime``, and the year of those and of ``xsd:gYear``/``xsd:gYearMonth``,
    which must lie in 0001-9999 (what rdflib, pySHACL and Python's ``datetime`` can
    hold; outside it rdflib logs a traceback for every such literal).
    """
    if datatype not in ("date", "dateTime", "gYear", "gYearMonth"):
        return None
    match = _YEAR_MONTH_DAY.match(lexical)
    if match is None:
        return None
    year = int(match.group(1))
    if not 1 <= year <= 9999:
        return f"year {match.group(1)} is outside 0001-9999, the years capgraph can check"
    if datatype == "dateTime" and _HOUR_24.search(lexical):
        return "hour 24 is refused; write 00:00:00 of the next day"
    if datatype not in ("date", "dateTime") or match.group(3) is None:
        return None
    month, day = int(match.group(2)), int(match.group(3))
    if not 1 <= month <= 12:
        return None  # the lexical check reports it
    last = calendar.monthrange(year, month)[1]
    if day > last:
        return f"{calendar.month_name[month]} {year} has {last} days"
    return None


def ill_typed(datatype: str, lexical: str) -> bool:
    """True if rdflib cannot convert ``lexical`` as an ``xsd:datatype`` (one of CONVERTED_TYPES)."""
    import logging

    import rdflib

    from capgraph.namespaces import XSD

    log = logging.getLogger("rdflib.term")
    was_disabled, log.disabled = log.disabled, True
    try:
        return bool(rdflib.Literal(lexical, datatype=rdflib.URIRef(XSD + datatype)).ill_typed)
    finally:
        log.disabled = was_disabled
