"""Lexical forms of the XSD datatypes the record uses (shared by loading and parameters)."""

from __future__ import annotations

import re

__all__ = ["LEXICAL"]

# Lexical forms of the XSD datatypes the record uses. Oxigraph stores ill-typed
# literals silently; a records keeper wants "2020-13-45"^^xsd:date refused.
_YEAR = r"-?[0-9]{4,}"
_MONTH = r"(0[1-9]|1[0-2])"
_DAY = r"(0[1-9]|[12][0-9]|3[01])"
_TZ = r"(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))?"
LEXICAL: dict[str, re.Pattern[str]] = {
    "date": re.compile(rf"{_YEAR}-{_MONTH}-{_DAY}{_TZ}"),
    "gYearMonth": re.compile(rf"{_YEAR}-{_MONTH}{_TZ}"),
    "gYear": re.compile(rf"{_YEAR}{_TZ}"),
    "dateTime": re.compile(
        rf"{_YEAR}-{_MONTH}-{_DAY}T([01][0-9]|2[0-4]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?{_TZ}"
    ),
    "integer": re.compile(r"[+-]?[0-9]+"),
    "positiveInteger": re.compile(r"\+?0*[1-9][0-9]*"),
    "nonNegativeInteger": re.compile(r"(\+?[0-9]+|-0+)"),
    "decimal": re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)"),
    "boolean": re.compile(r"true|false|1|0"),
}
