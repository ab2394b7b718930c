"""Read SPARQL text without a parser: its query form, and the targets of its SERVICE calls.

pyoxigraph's Python API offers no query parser, and SPARQLWrapper guesses the
query form with a regular expression that comments can fool (a header line
saying "described" made it send a SELECT as a DESCRIBE). This module reads the
text with a small SPARQL tokenizer: string literals, IRIs and comments are
whole tokens, so a keyword inside them does not count.

It serves two purposes:

- ``query_form``: SELECT, ASK, CONSTRUCT, DESCRIBE, or the update keyword a
  request starts with, so that the remote client sends queries as queries and
  refuses updates;
- ``remote_services``: the served endpoint refuses ``SERVICE`` calls that
  leave this machine. pyoxigraph evaluates ``SERVICE <http://...>`` by
  fetching over HTTP and has no switch to turn federation off. ``PREFIX`` and
  ``BASE`` are followed, and the token after ``SERVICE [SILENT]`` is resolved.

The SERVICE guard errs on the side of refusing:

- a variable (``SERVICE ?endpoint``) or a target it cannot read is reported as
  unresolvable (``None``), which the server refuses;
- the text is checked twice, as sent and with ``\\uXXXX`` escapes expanded
  (SPARQL 1.1 section 19.2 allows them anywhere; Oxigraph expands them only
  inside strings), and a remote target found by either reading counts.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

__all__ = [
    "AGGREGATES",
    "QUERY_FORMS",
    "UPDATE_FORMS",
    "is_loopback_iri",
    "iter_tokens",
    "query_form",
    "remote_services",
    "service_targets",
]

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
#: The SPARQL 1.1 aggregate function keywords.
AGGREGATES = frozenset({"COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT"})
UPDATE_FORMS = (
    "INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH",
)  # fmt: skip

_TOKEN = re.compile(
    r"""
    (?P<string>'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''
      |\"\"\"(?:(?:"|"")?(?:[^"\\]|\\.))*\"\"\"
      |'(?:[^'\\\n\r]|\\.)*'
      |"(?:[^"\\\n\r]|\\.)*")
    |(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    |(?P<comment>\#[^\r\n]*)
    |(?P<var>[?$][^\s(){}\[\],;.<>=!|&+*/^"'#?$-]+)
    |(?P<pname>(?:[^\W\d][\w.\-\u00b7]*)?:(?:[\w\-.:%\\\u00b7]*))
    |(?P<word>[^\W\d]\w*)
    |(?P<space>\s+)
    |(?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def iter_tokens(text: str) -> Iterator[re.Match[str]]:
    """The tokens of ``text`` that carry meaning (no spaces, no comments), with positions."""
    for match in _TOKEN.finditer(text):
        if match.lastgroup not in ("space", "comment"):
            yield match


def _tokens(text: str) -> list[tuple[str, str]]:
    return [(match.lastgroup or "other", match.group()) for match in iter_tokens(text)]


def _expand_codepoints(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        digits = match.group(1) or match.group(2)
        try:
            return chr(int(digits, 16))
        except ValueError:
            return match.group()

    return _CODEPOINT.sub(replace, text)


def query_form(text: str) -> str | None:
    """The first query or update keyword of ``text`` (upper case), or None if there is none."""
    for kind, value in _tokens(text):
        if kind == "word" and value.upper() in QUERY_FORMS + UPDATE_FORMS:
            return value.upper()
    return None


def _targets_in(text: str) -> list[str | None]:
    tokens = _tokens(text)
    prefixes: dict[str, str] = {}
    base: str | None = None
    targets: list[str | None] = []
    for index, (kind, value) in enumerate(tokens):
        if kind != "word":
            continue
        keyword = value.upper()
        following = tokens[index + 1 : index + 4]
        if keyword == "BASE" and following and following[0][0] == "iri":
            base = _resolve(following[0][1][1:-1], base)
        elif keyword == "PREFIX" and len(following) >= 2 and following[1][0] == "iri":
            if following[0][0] == "pname" and following[0][1].endswith(":"):
                prefixes[following[0][1][:-1]] = _resolve(following[1][1][1:-1], base) or ""
        elif keyword == "SERVICE":
            if following and following[0][0] == "word" and following[0][1].upper() == "SILENT":
                following = following[1:]
            targets.append(_target(following[0] if following else None, prefixes, base))
    return targets


def _target(
    token: tuple[str, str] | None, prefixes: dict[str, str], base: str | None
) -> str | None:
    if token is None:
        return None
    kind, value = token
    if kind == "iri":
        return _resolve(value[1:-1], base)
    if kind == "pname":
        prefix, _, local = value.partition(":")
        namespace = prefixes.get(prefix)
        return None if namespace is None else namespace + local.rstrip(".")
    return None


def _resolve(iri: str, base: str | None) -> str | None:
    if urlsplit(iri).scheme:
        return iri
    return urljoin(base, iri) if base else None


def service_targets(query: str) -> list[str | None]:
    """The IRI of every ``SERVICE`` in ``query``; ``None`` where it cannot be resolved."""
    targets = _targets_in(query)
    expanded = _expand_codepoints(query)
    if expanded != query:
        targets += _targets_in(expanded)
    return targets


def is_loopback_iri(iri: str) -> bool:
    """True for an http(s) IRI whose host is a loopback address or ``localhost``."""
    try:
        parts = urlsplit(iri)
        host = parts.hostname
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def remote_services(query: str) -> list[str]:
    """The SERVICE targets of ``query`` that are not on this machine (``?var`` included)."""
    return [
        "an unresolvable target" if target is None else target
        for target in service_targets(query)
        if target is None or not is_loopback_iri(target)
    ]
