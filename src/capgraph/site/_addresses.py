"""Page addresses: a record's IRI -> its page's path in the site, and relative links."""

from __future__ import annotations

import posixpath
import re

from capgraph.namespaces import ID

#: The IRI the site's root stands for: ``<SITE_BASE>id/body/council`` has its page at
#: ``id/body/council/index.html``, so the site hosted at this base resolves the IRIs.
SITE_BASE = ID.removesuffix("id/")

#: A path segment that is safe as a folder name on every file system and host.
_SEGMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]*")


def page_folder(iri: str) -> str | None:
    """The folder of ``iri``'s page relative to the site root, or None if it gets no page.

    Only record IRIs (under ``ID``) get a page, and only if every path segment is a
    plain name (no query, fragment, percent-escape, ``.`` or ``..``).

    >>> page_folder("https://w3id.org/capgraph/id/body/council")
    'id/body/council'
    >>> page_folder("https://w3id.org/capgraph/ontology#Body") is None
    True
    """
    if not iri.startswith(ID):
        return None
    path = iri.removeprefix(SITE_BASE)
    segments = path.split("/")
    if not all(_SEGMENT.fullmatch(s) and s not in (".", "..") for s in segments):
        return None
    if len(segments) < 2:
        return None
    return path


def page_path(folder: str) -> str:
    """The page file of a folder (``""`` is the site root)."""
    return posixpath.join(folder, "index.html") if folder else "index.html"


def relative(from_folder: str, to_path: str) -> str:
    """``to_path`` (relative to the site root) as seen from a page in ``from_folder``.

    >>> relative("id/body/council", "id/body/ptc/index.html")
    '../ptc/index.html'
    >>> relative("", "assets/site.css")
    'assets/site.css'
    """
    return posixpath.relpath(to_path, from_folder or ".")
