"""Every page of the site: no broken link, and the structure accessibility asks for."""

from __future__ import annotations

from pathlib import Path

import pytest
from site_support import broken_links, read_page


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_the_site_has_a_page_per_kind_of_record(bundled_site: Path) -> None:
    for folder in (
        "id/body/council",
        "id/body/council/session/137",
        "id/document/TR0077Ea",
        "id/tor/cap-group/2020",
        "id/process/tor-revision-cap19",
        "id/tool/ipr-handbook",
        "id/document/ptc-item-iii-k/para/5",
    ):
        assert (bundled_site / folder / "index.html").is_file(), folder


def test_no_link_is_broken(bundled_site: Path, draft_sites: tuple[Path, Path]) -> None:
    for site in (bundled_site, *draft_sites):
        pages = _pages(site)
        assert len(pages) > 10 or site != bundled_site
        broken = {
            str(p.relative_to(site)): b for p in pages if (b := broken_links(site, p, read_page(p)))
        }
        assert not broken, broken


def test_the_checker_finds_a_broken_link(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text(
        '<a href="missing/index.html">x</a><a href="#nowhere">y</a>'
        '<a href="https://example.org/">z</a><a href="index.html#top">w</a>',
        encoding="utf-8",
    )
    found = broken_links(tmp_path, page, read_page(page))
    assert [f.split(" ")[0] for f in found] == [
        "missing/index.html", "#nowhere", "https://example.org/", "index.html#top",
    ]  # fmt: skip


def _own_pages(site: Path) -> list[Path]:
    """The pages the site's templates make (the views' interactive pages are their own)."""
    return [p for p in _pages(site) if p.name == "index.html"]


@pytest.mark.parametrize("check", ["lang", "one-h1", "heading-order", "viewport", "skip-link"])
def test_every_page_is_accessible(bundled_site: Path, check: str) -> None:
    wrong = []
    for path in _own_pages(bundled_site):
        page = read_page(path)
        tags = dict.fromkeys(t for t, _ in page.tags)
        html = next(a for t, a in page.tags if t == "html")
        metas = [a for t, a in page.tags if t == "meta"]
        ok = {
            "lang": html.get("lang") == "en",
            "one-h1": page.headings.count(1) == 1 and page.headings[0] == 1,
            "heading-order": all(
                b <= a + 1 for a, b in zip(page.headings, page.headings[1:], strict=False)
            ),
            "viewport": any(m.get("name") == "viewport" for m in metas),
            "skip-link": "main" in page.ids and "a" in tags,
        }[check]
        if not ok:
            wrong.append(str(path.relative_to(bundled_site)))
    assert not wrong, f"{check}: {wrong}"


def test_every_drawing_has_a_role_and_a_title(bundled_site: Path) -> None:
    drawings = 0
    for path in _own_pages(bundled_site):
        page = read_page(path)
        for index, (tag, attrs) in enumerate(page.tags):
            if tag != "svg":
                continue
            drawings += 1
            assert attrs.get("role") == "img", path
            title_id = attrs["aria-labelledby"]
            assert page.tags[index + 1] == ("title", {"id": title_id}), path
        assert len(page.ids) == len([a for t, a in page.tags if "id" in a]), (
            f"{path}: an id used twice"
        )
    assert drawings >= 12
