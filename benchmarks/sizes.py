"""Sizes written as 10k, 100k, 1m, 10m or a plain number of triples."""

from __future__ import annotations

_SUFFIXES = {"k": 1_000, "m": 1_000_000}


def parse_size(text: str) -> int:
    """``"100k"`` → 100000; ``"2.5m"`` → 2500000; ``"12000"`` → 12000."""
    cleaned = text.strip().lower().replace("_", "")
    factor = _SUFFIXES.get(cleaned[-1:], 1)
    number = cleaned[:-1] if factor > 1 else cleaned
    try:
        value = int(float(number) * factor)
    except ValueError:
        raise ValueError(
            f"size {text!r}: expected a number of triples such as 10k, 1m or 250000"
        ) from None
    if value < 1_000:
        raise ValueError(f"size {text!r}: at least 1k triples")
    return value


def size_label(size: int) -> str:
    """100000 → ``"100k"``; 1000000 → ``"1m"``; 123456 → ``"123456"``."""
    for suffix, factor in (("m", 1_000_000), ("k", 1_000)):
        if size % factor == 0:
            return f"{size // factor}{suffix}"
    return str(size)
