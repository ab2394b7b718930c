"""The interactive page in headless Chromium: it draws the nodes, filters them, and fetches
nothing from the network.

The page is served by a local HTTP server on 127.0.0.1 that logs every request; Chromium
writes a net-log of every request it makes. The page may ask for nothing but itself.
Requests Chromium makes on its own behalf (update checks and the like, with no page
origin) are told apart by their initiator.
"""

from __future__ import annotations

import http.server
import json
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from capgraph import views
from capgraph.query import KnowledgeGraph

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium is not installed (Debian: apt-get install chromium)",
)


@dataclass
class Site:
    root: str
    requests: list[str] = field(default_factory=list)


@pytest.fixture
def site(tmp_path: Path, record: KnowledgeGraph) -> Iterator[Site]:
    pages = tmp_path / "site"
    views.write(views.approvals(record), pages / "approvals.html")
    log: list[str] = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(pages), **kwargs)  # type: ignore[arg-type]

        def log_message(self, format: str, *args: object) -> None:
            log.append(self.path)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(f"http://127.0.0.1:{server.server_address[1]}", log)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def open_page(url: str, scratch: Path) -> tuple[str, list[tuple[str, str]]]:
    """The page's DOM after its scripts ran, and (url, initiator) of every request made."""
    net_log = scratch / "net-log.json"
    assert CHROMIUM is not None
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", f"--user-data-dir={scratch / 'profile'}",
        f"--log-net-log={net_log}", "--window-size=1400,900", "--virtual-time-budget=10000",
        "--dump-dom", url,
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout, requests(net_log)


def requests(net_log: Path) -> list[tuple[str, str]]:
    data = json.loads(net_log.read_text(encoding="utf-8"))
    start = data["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return [
        (event["params"]["url"], str(event["params"].get("initiator", "")))
        for event in data["events"]
        if event["type"] == start and "url" in event.get("params", {})
    ]


def body_attributes(dom: str) -> dict[str, str]:
    found = re.search(r"<body([^>]*)>", dom)
    assert found is not None, dom[:500]
    return dict(re.findall(r'([\w-]+)="([^"]*)"', found.group(1)))


def test_the_page_draws_every_node_offline(site: Site, tmp_path: Path) -> None:
    page = f"{site.root}/approvals.html"
    dom, made = open_page(page, tmp_path)
    body = body_attributes(dom)
    assert body["data-view"] == "approvals"
    assert body["data-rendered"] == "8"  # vis-network placed all eight decisions on routes
    assert body["data-shown"] == "8"
    assert "<canvas" in dom
    assert "8 of 8 shown" in dom
    # Filters: a checkbox for every body and every state.
    assert len(re.findall(r'<input type="checkbox"', dom)) == 4 + 3
    # Nothing but the page itself was fetched, and only from the local server.
    from_page = [(url, who) for url, who in made if who != "not an origin"]
    assert all(url.startswith(site.root + "/") for url, _who in from_page), from_page
    assert [url for url, _who in made if url.startswith(site.root)] == [page]
    assert site.requests == ["/approvals.html"]  # no favicon either: the page has a data: one


def test_the_filters_hide_nodes(site: Site, tmp_path: Path) -> None:
    dom, _made = open_page(f"{site.root}/approvals.html#state=done", tmp_path)
    body = body_attributes(dom)
    assert body["data-rendered"] == "6"
    assert body["data-shown"] == "6"
    assert "6 of 8 shown" in dom
    council = "https%3A%2F%2Fw3id.org%2Fcapgraph%2Fid%2Fbody%2Fcouncil"
    dom, _made = open_page(f"{site.root}/approvals.html#body={council}", tmp_path)
    assert body_attributes(dom)["data-shown"] == "3"
