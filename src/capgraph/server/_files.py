"""Files the server sends as they are: the query page's assets and a static record site.

The page's HTML, script and style ship in the package (``capgraph/server/static``),
so the page asks nothing of any other origin. ``--site DIR`` serves a record site
(``capgraph site``) under ``/site/``; a path never leaves ``DIR``.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from capgraph.server._pool import HttpError
from capgraph.server._results import Rendered

__all__ = [
    "SITE_POLICY",
    "SITE_PREFIX",
    "STATIC_PREFIX",
    "Redirect",
    "asset",
    "media_type",
    "site_file",
    "site_pages",
]

STATIC_PREFIX = "/static/"
SITE_PREFIX = "/site/"

_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".jsonld": "application/ld+json",
    ".ttl": "text/turtle; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".txt": "text/plain; charset=utf-8",
    ".ico": "image/x-icon",
}
_MAX_FILE_BYTES = 64 * 2**20

#: A site's pages may carry their own inline style and script, but ask no other origin.
SITE_POLICY = (
    "default-src 'self' 'unsafe-inline' data: blob:; object-src 'none'; base-uri 'self'; "
    "frame-ancestors 'self'"
)


class Redirect(HttpError):
    """A folder asked for without its final slash: 301 to the address with it."""

    def __init__(self, location: str) -> None:
        super().__init__(301, f"moved to {location}")
        self.location = location


def media_type(name: str) -> str:
    return _TYPES.get(PurePosixPath(name).suffix.lower(), "application/octet-stream")


def asset(name: str) -> Rendered:
    """One of the page's own files, by name (``query.js``)."""
    if not name or "/" in name or name.startswith("."):
        raise HttpError(404, f"no such resource: {STATIC_PREFIX}{name}")
    package = resources.files("capgraph.server") / "static" / name
    if not package.is_file():
        raise HttpError(404, f"no such resource: {STATIC_PREFIX}{name}")
    return Rendered(package.read_bytes(), media_type(name))


def site_file(root: Path, path: str) -> Rendered:
    """The file at URL ``path`` (under ``/site/``).

    A folder is answered by its ``index.html``; ``/site/id/body/council`` redirects to
    ``/site/id/body/council/`` so that the page's relative links resolve.
    """
    relative = unquote(path[len(SITE_PREFIX) :])
    parts = [part for part in relative.split("/") if part]
    if any(part in (".", "..") or "\\" in part or "\x00" in part for part in parts):
        raise HttpError(404, f"no such page: {path}")
    target = root.joinpath(*parts)
    try:
        resolved = target.resolve(strict=True)
    except (OSError, RuntimeError):
        raise HttpError(404, f"no such page: {path}") from None
    if not resolved.is_relative_to(root):  # a link that points out of the site
        raise HttpError(404, f"no such page: {path}")
    if resolved.is_dir():
        if not path.endswith("/"):
            raise Redirect(path + "/")
        resolved = resolved / "index.html"
        if not resolved.is_file():
            raise HttpError(404, f"no such page: {path}")
    if resolved.stat().st_size > _MAX_FILE_BYTES:
        raise HttpError(503, f"{path} is over {_MAX_FILE_BYTES // 2**20} MB")
    return Rendered(
        resolved.read_bytes(),
        media_type(resolved.name),
        (("Content-Security-Policy", SITE_POLICY),),
    )


def site_pages(root: Path) -> list[str]:
    """The folders of the site that have a page (``id/body/council``), sorted."""
    pages = []
    for folder, _dirs, files in os.walk(root):
        if "index.html" in files:
            relative = Path(folder).relative_to(root).as_posix()
            pages.append("" if relative == "." else relative)
    return sorted(pages)
