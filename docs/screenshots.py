"""Write the README's screenshots of the record's website with Debian's Chromium.

    python docs/screenshots.py

builds the bundled record's site in a temporary folder, opens it from ``file://`` in
headless Chromium (through Playwright, ``executable_path``: no browser download) and
writes ``docs/img/site-index.png`` (the index page) and ``docs/img/site-tool.png`` (the
page of the IPR Handbook: its trace, its provenance picture, its facts).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IMAGES = ROOT / "docs" / "img"
#: (file, page of the site, height of the picture in CSS pixels)
SHOTS = (
    ("site-index.png", "index.html", 1100),
    ("site-tool.png", "id/tool/ipr-handbook/index.html", 1500),
)


def main() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    import capgraph
    from capgraph.site import build

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("screenshots: Chromium is not installed (Debian: apt-get install chromium)")
        return 2
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "site"
        build(capgraph.open(), site)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            try:
                for name, page_path, height in SHOTS:
                    page = browser.new_page(viewport={"width": 1100, "height": height})
                    page.goto((site / page_path).as_uri())
                    page.screenshot(path=str(IMAGES / name))
                    page.close()
                    print(f"wrote docs/img/{name}")
            finally:
                browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
