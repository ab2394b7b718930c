"""A real Chromium driven by Playwright, for the tests of pages people click through.

Debian's ``chromium`` is launched through Playwright's Python package with
``executable_path``: Playwright downloads no browser. Import the fixtures where they are
used::

    from conftest_browser import browser, page  # noqa: F401  (fixtures)

``page`` records every request the page makes (``page.requests_made``), so a test can
assert that a page asks for nothing beyond its own origin.
"""

from __future__ import annotations

import atexit
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium is not installed (Debian: apt-get install chromium)",
)


_SHARED: dict[str, Any] = {}


def _chromium() -> Any:
    """The one Playwright and Chromium of this process, started on first use.

    Each test module that imports the ``browser`` fixture gets a fixture of its own, and a
    second sync Playwright cannot start while the first runs; so they all share this one,
    which is stopped when the process exits.
    """
    if "browser" not in _SHARED:
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        _SHARED["browser"] = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )  # fmt: skip

        def stop() -> None:
            _SHARED.pop("browser").close()
            playwright.stop()

        atexit.register(stop)
    return _SHARED["browser"]


@pytest.fixture(scope="session")
def browser() -> Any:
    """One headless Chromium for the session."""
    if CHROMIUM is None:
        pytest.skip("headless Chromium is not installed (Debian: apt-get install chromium)")
    return _chromium()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page (its own context) that lists every URL it requests in ``requests_made``."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    new_page = context.new_page()
    made: list[str] = []
    new_page.on("request", lambda request: made.append(request.url))
    new_page.requests_made = made
    try:
        yield new_page
    finally:
        context.close()
