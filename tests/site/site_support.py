"""Reading generated pages with the standard library's HTML parser."""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

#: Attributes whose value is an address the browser may follow or fetch.
LINK_ATTRIBUTES = ("href", "src")


@dataclass(eq=False)
class Page(HTMLParser):
    """What a page links to, its ids, headings, and the elements with a class."""

    links: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    headings: list[int] = field(default_factory=list)
    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.tags.append((tag, values))
        self.links += [values[a] for a in LINK_ATTRIBUTES if a in values]
        if "id" in values:
            self.ids.add(values["id"])
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self.headings.append(int(tag[1]))


def read_page(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def broken_links(site: Path, path: Path, page: Page) -> list[str]:
    """The links of ``page`` that do not resolve to a file of ``site`` or an id on the page."""
    broken = []
    for link in page.links:
        parts = urllib.parse.urlsplit(link)
        if parts.scheme == "data":
            continue  # inline content (the interactive views' empty icon), nothing fetched
        if parts.scheme or parts.netloc:
            broken.append(f"{link} (leaves the site)")
            continue
        if not parts.path:
            if parts.fragment not in page.ids:
                broken.append(f"{link} (no such id on the page)")
            continue
        target = (path.parent / urllib.parse.unquote(parts.path)).resolve()
        if not target.is_file() or not target.is_relative_to(site.resolve()):
            broken.append(f"{link} (no file {target})")
        elif parts.fragment and parts.fragment not in read_page(target).ids:
            broken.append(f"{link} (no id {parts.fragment} in {target.name})")
    return broken
