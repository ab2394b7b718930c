"""The one way a result becomes JSON: :func:`to_json` for values, :func:`dump_json` for text.

A dataclass becomes an object whose keys are its field names in camelCase
(``body_label`` → ``bodyLabel``). A field whose JSON differs says so in its
metadata, made by :func:`member`: another key, a conversion (an IRI's local name), or the value of
a property instead of the field. A class whose JSON leaves fields out, adds
properties or orders its members differently lists them in ``__json__`` (names
of fields, properties or methods that take no argument). Enums become their
value (a ``Severity`` its label), dates their lexical form, tuples lists.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import json
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from capgraph._dates import PartialDate
from capgraph._severity import Severity

__all__ = ["camel_case", "dump_json", "member", "to_json"]

_META = "capgraph.json"


@dataclasses.dataclass(frozen=True)
class _Member:
    key: str | None
    source: str | None
    convert: Callable[[Any], Any] | None


def member(
    *,
    key: str | None = None,
    source: str | None = None,
    convert: Callable[[Any], Any] | None = None,
) -> Mapping[str, object]:
    """The metadata of a dataclass field whose JSON differs from its name and value.

    ``field(metadata=member(key="object"))``. ``key``: the JSON key (default: the
    name in camelCase); ``source``: the attribute whose value is written instead of
    the field's; ``convert``: applied to the value before it is turned into JSON.
    """
    return MappingProxyType({_META: _Member(key, source, convert)})


def camel_case(name: str) -> str:
    """``earlier_position`` → ``earlierPosition``."""
    return re.sub(r"_([a-z0-9])", lambda m: m.group(1).upper(), name)


def to_json(value: Any) -> Any:
    """``value`` as plain JSON values: dicts, lists, strings, numbers, booleans, ``None``."""
    if isinstance(value, enum.Enum):
        return value.label if isinstance(value, Severity) else to_json(value.value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, PartialDate | datetime.date | Decimal):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _object(value)
    if isinstance(value, Mapping):
        return {str(to_json(k)): to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(item) for item in value]
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def dump_json(document: Any) -> str:
    """The document as JSON text: UTF-8 characters kept, two-space indent, a final newline."""
    return json.dumps(to_json(document), indent=2, ensure_ascii=False) + "\n"


def _object(value: Any) -> dict[str, Any]:
    fields = {f.name: f for f in dataclasses.fields(value)}
    names: tuple[str, ...] = getattr(type(value), "__json__", tuple(fields))
    document: dict[str, Any] = {}
    for name in names:
        spec = fields[name].metadata.get(_META) if name in fields else None
        if spec is None:
            spec = _Member(None, None, None)
        item = getattr(value, spec.source or name)
        if callable(item):
            item = item()
        if spec.convert is not None:
            item = spec.convert(item)
        document[spec.key or camel_case(name)] = to_json(item)
    return document
