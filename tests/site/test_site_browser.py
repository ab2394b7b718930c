"""The bundled record's site in a real Chromium, opened from ``file://``.

A reader starts at the index, follows real links to a body, one of its sessions, a
decision taken there and a tool, and searches. Each page must show its citations (a
link to the passage and the quote, which is the source's own text), and no page may
ask for anything outside the site's folder.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from conftest_browser import needs_chromium

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "data" / "sources" / "000_b0be07e943ed1eb1.txt"

pytestmark = needs_chromium


def _words(text: str) -> str:
    return " ".join(text.split())


def _source_text() -> str:
    return _words(SOURCE.read_text(encoding="utf-8"))


def _check_citations(page: Any, site: Path) -> int:
    """Every citation on the page links to a passage page and quotes the source verbatim."""
    citations = page.locator("li.citation")
    count = citations.count()
    assert count > 0, f"{page.url}: no citations"
    source = _source_text()
    for index in range(count):
        citation = citations.nth(index)
        href = citation.locator("a").first.get_attribute("href")
        assert href is not None
        assert href.endswith("/index.html")
        target = (Path(page.url.removeprefix("file://")).parent / href).resolve()
        assert target.is_relative_to(site.resolve())
        assert "/id/document/" in target.as_posix()
        assert target.is_file()
        quote = _words(citation.locator("q").inner_text())
        assert quote in source, f"{page.url}: a quote not in the source: {quote!r}"
        assert quote
    return count


def _check_offline(page: Any, site: Path) -> None:
    prefix = site.resolve().as_uri() + "/"
    outside = [url for url in page.requests_made if not url.startswith(prefix)]
    assert not outside, f"requests outside the site: {outside}"


def _follow(page: Any, site: Path, name: str, kind_path: str) -> None:
    page.get_by_role("link", name=name, exact=True).first.click()
    page.wait_for_load_state()
    assert kind_path in page.url, page.url
    assert page.locator("h1").inner_text() == name
    _check_citations(page, site)
    _check_offline(page, site)


def test_a_reader_follows_links_from_the_index(page: Any, bundled_site: Path) -> None:
    page.goto((bundled_site / "index.html").as_uri())
    assert page.locator("h1").count() == 1
    assert page.locator("figure.view svg[role=img]").count() == 1  # the overview
    assert "revision-cap19" in page.locator("#open-heading + ul").inner_html()
    _check_offline(page, bundled_site)

    _follow(page, bundled_site, "Customs Co-operation Council", "/id/body/council/")
    _follow(page, bundled_site, "137th Session of the Customs Co-operation Council",
            "/id/body/council/session/137/")  # fmt: skip
    _follow(page, bundled_site,
            "137th Session of the Council approved the revised mandate of the CAP Group",
            "/id/decision/")  # fmt: skip
    page.get_by_role("link", name="CAP Group governance record").click()
    _follow(page, bundled_site,
            "IPR Handbook on Legal and Practical Measures Against IPR-Related Offences",
            "/id/tool/ipr-handbook/")  # fmt: skip
    assert page.locator("#trace-heading").count() == 1
    assert page.locator("figure.view svg[role=img] title").count() == 1  # the provenance


def test_a_passage_page_shows_its_text_and_its_claims(page: Any, bundled_site: Path) -> None:
    page.goto(
        (bundled_site / "id" / "document" / "ptc-item-iii-k" / "para" / "3" / "index.html").as_uri()
    )
    text = _words(page.locator("blockquote.passage").inner_text())
    assert text.startswith("The Terms of Reference (ToR) for the CAP Group were adopted")
    assert text in _source_text()
    assert page.locator("ul.claims > li").count() >= 1
    _check_offline(page, bundled_site)


@pytest.mark.parametrize(
    ("word", "page_path"),
    [
        ("destruction", "id/tool/storage-destruction-guidelines/index.html"),
        ("inaugurated", "id/event/cap-group-inauguration/index.html"),
    ],
)
def test_the_search_box_finds_a_word_of_a_quote(
    page: Any, bundled_site: Path, word: str, page_path: str
) -> None:
    page.goto((bundled_site / "id" / "body" / "council" / "index.html").as_uri())
    page.get_by_label("Search labels and quotes").fill(word)
    results = page.locator("#search-results a")
    results.first.wait_for()
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    wanted = (bundled_site / page_path).resolve()
    assert any(
        (bundled_site / "id" / "body" / "council" / h).resolve() == wanted for h in hrefs if h
    ), hrefs
    target = next(i for i, h in enumerate(hrefs) if h and h.endswith(page_path.split("id/", 1)[1]))
    results.nth(target).click()
    page.wait_for_load_state()
    assert page.url == wanted.as_uri()
    assert re.search(word, page.content(), re.IGNORECASE)
    _check_offline(page, bundled_site)


def test_a_page_is_readable_on_a_phone(browser: Any, bundled_site: Path) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=2)
    try:
        phone = context.new_page()
        phone.goto((bundled_site / "id" / "tool" / "ipr-handbook" / "index.html").as_uri())
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"the page scrolls sideways on a phone: {width}px wide"
    finally:
        context.close()
