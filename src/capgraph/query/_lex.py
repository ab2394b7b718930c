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

from capgraph.errors import InputError

__all__ = [
    "AGGREGATES",
    "MAX_QUERY_NESTING",
    "QUERY_FORMS",
    "UPDATE_FORMS",
    "check_nesting",
    "is_loopback_iri",
    "iter_tokens",
    "mentions_service",
    "nesting_depth",
    "query_form",
    "refuse_service",
    "remote_services",
    "service_targets",
]

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
#: The SPARQL 1.1 aggregate function keywords.
AGGREGATES = frozenset({"COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT"})
UPDATE_FORMS = (
    "INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH",
)  # fmt: skip

# The terminals of SPARQL 1.1 (section 19.8) that decide where a token ends.
_PN_CHARS_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff"
    "\u200c-\u200d\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf"
    "\ufdf0-\ufffd\U00010000-\U000effff"
)
_PN_CHARS_U = _PN_CHARS_BASE + "_"
_PN_CHARS = _PN_CHARS_U + "\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
_PN_PREFIX = rf"[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"
_PN_LOCAL = (
    rf"(?:[{_PN_CHARS_U}:0-9]|{_PLX})"
    rf"(?:(?:[{_PN_CHARS}.:]|{_PLX})*(?:[{_PN_CHARS}:]|{_PLX}))?"
)
_VARNAME = rf"[{_PN_CHARS_U}0-9][{_PN_CHARS_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*"
_ECHAR = r"\\[tbnrf\\\"']"
_UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"

_TOKEN = re.compile(
    rf"""
    (?P<string>'''(?:(?:'|'')?(?:[^'\\]|{_ECHAR}|{_UCHAR}))*'''
      |\"\"\"(?:(?:"|"")?(?:[^"\\]|{_ECHAR}|{_UCHAR}))*\"\"\"
      |'(?:[^'\\\n\r]|{_ECHAR}|{_UCHAR})*'
      |"(?:[^"\\\n\r]|{_ECHAR}|{_UCHAR})*")
    |(?P<iri><(?:[^<>"{{}}|^`\\\x00-\x20]|{_UCHAR})*>)
    |(?P<comment>\#[^\r\n]*)
    |(?P<var>[?$]{_VARNAME})
    |(?P<pname>(?:{_PN_PREFIX})?:(?:{_PN_LOCAL})?)
    |(?P<word>[A-Za-z_][A-Za-z_0-9]*)
    |(?P<space>[\x20\t\r\n]+)
    |(?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_LOCAL_ESCAPE = re.compile(r"\\(.)")
_MENTIONS_SERVICE = re.compile(r"service", re.IGNORECASE)
#: The deepest nesting of brackets (``(``, ``{``, ``[``) a query may have. Oxigraph's
#: parser recurses once per bracket and overflows its stack (SIGSEGV) at a few
#: thousand; no hand-written query comes near this.
MAX_QUERY_NESTING = 200
_OPEN = frozenset("({[")
_CLOSE = frozenset(")}]")
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


def nesting_depth(text: str) -> int:
    """The deepest nesting of brackets in ``text``, outside strings, IRIs and comments."""
    depth = deepest = 0
    for match in iter_tokens(text):
        if match.lastgroup == "other":
            char = match.group()
            if char in _OPEN:
                depth += 1
                deepest = max(deepest, depth)
            elif char in _CLOSE:
                depth = max(0, depth - 1)
    return deepest


def check_nesting(text: str, *, file: str) -> None:
    """Refuse SPARQL nested deeper than ``MAX_QUERY_NESTING`` before a parser recurses into it."""
    depth = nesting_depth(text)
    if depth > MAX_QUERY_NESTING:
        raise InputError(
            f"the query nests brackets {depth} deep; the limit is {MAX_QUERY_NESTING} "
            "(so that the parser cannot overflow its stack)",
            file=file,
        )


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
    if any(
        kind == "other" and value == "\\" for kind, value in tokens
    ) and _MENTIONS_SERVICE.search(text):
        # A backslash outside a string, an IRI or a prefixed name is text this reading
        # does not follow; the engine might. Refuse rather than guess.
        targets.append(None)
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
        return None if namespace is None else namespace + _LOCAL_ESCAPE.sub(r"\1", local)
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


def mentions_service(text: str) -> bool:
    """True if ``text`` holds the word SERVICE anywhere (a cheap first look)."""
    return _MENTIONS_SERVICE.search(text) is not None


def refuse_service(text: str, *, file: str) -> None:
    """Refuse a project file's query that calls SERVICE: it would fetch from the network."""
    if mentions_service(text) and service_targets(text):
        raise InputError(
            "SERVICE is not allowed in a project's queries, checks or shapes (it makes "
            "capgraph fetch from the network); pass --allow-service to run it",
            file=file,
        )


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
