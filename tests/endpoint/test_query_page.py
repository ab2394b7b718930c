"""The query page at ``/`` of a running ``capgraph serve``, clicked through in a real Chromium.

Pick a named query, fill its parameter, run it, read the table, download CSV, see an
error as the endpoint returns it, and follow a result's IRI into a record site served
beside the page with ``--site``. The page asks nothing of any other origin.
"""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from capgraph.query import KnowledgeGraph
from conftest_browser import browser, page  # noqa: F401  (fixtures)
from conftest_servers import ServeProcess, capgraph_serve_process

pytestmark = [pytest.mark.server, pytest.mark.slow]

ID = "https://w3id.org/capgraph/id/"
SESSIONS = "cq-body-sessions"
#: The pages of the small site built for the test: a body and one of its sessions.
PAGES = {"id/body/council": "Council", "id/body/council/session/137": "137th Council Session"}


def build_site(root: Path) -> Path:
    """A static record site by the rule of ``capgraph site``: IRI base -> site root."""
    for path, title in PAGES.items():
        folder = root / path
        folder.mkdir(parents=True)
        (folder / "index.html").write_text(
            f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f'</head><body><h1 id="title">{title}</h1><a href="../../">up</a></body></html>\n',
            encoding="utf-8",
        )
    (root / "index.html").write_text("<!doctype html><title>site</title>\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServeProcess]:
    site = build_site(tmp_path_factory.mktemp("site"))
    with capgraph_serve_process("--site", str(site)) as process:
        yield process


def origin(served: ServeProcess) -> str:
    return served.url.rsplit("/", 1)[0]


def endpoint_csv(served: ServeProcess, name: str, text: str, params: dict[str, str]) -> str:
    """What the endpoint itself answers in CSV for the named query with ``params``."""
    form = {"query": text, "named": name, **{f"param.{k}": v for k, v in params.items()}}
    request = urllib.request.Request(
        served.url, data=urllib.parse.urlencode(form).encode(), headers={"Accept": "text/csv"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return str(response.read().decode("utf-8"))


def table(page: Any) -> list[list[str]]:  # noqa: F811  (the fixture's name)
    page.wait_for_selector("#result-table")
    head = page.locator("#result-table thead th").all_inner_texts()
    rows = [
        row.locator("td").all_inner_texts() for row in page.locator("#result-table tbody tr").all()
    ]
    return [head, *rows]


def only_own_origin(page: Any, served: ServeProcess) -> None:  # noqa: F811
    own = origin(served)
    elsewhere = [
        url
        for url in page.requests_made
        if not (url.startswith(own + "/") or url.startswith(f"blob:{own}/"))
    ]
    assert elsewhere == []
    assert page.requests_made  # the page was loaded at all


def test_pick_fill_run_and_download_csv(
    page: Any,  # noqa: F811
    served: ServeProcess,
    record: KnowledgeGraph,
    tmp_path: Path,
) -> None:
    params = {"body": "id:body/council"}
    named = record.queries.get(SESSIONS)
    page.goto(origin(served) + "/")
    page.select_option("#named", SESSIONS)
    assert page.input_value("#query") == named.text
    assert page.locator("#param-body").get_attribute("placeholder") == ID + "body/council"
    page.fill("#param-body", params["body"])
    page.click("#run")
    shown = table(page)
    expected = record.query(SESSIONS, params)
    assert shown[0] == list(expected.variables)
    assert [row[0] for row in shown[1:]] == [row["session"] for row in expected]
    assert [row[2] for row in shown[1:]] == [row["label"] for row in expected]
    assert len(expected) >= 2  # the Council has several sessions in the record
    assert page.inner_text("#status") == f"{len(expected)} rows"

    with page.expect_download() as info:
        page.click("#download-csv")
    download = info.value
    assert download.suggested_filename == f"{SESSIONS}.csv"
    saved = tmp_path / "rows.csv"
    download.save_as(saved)
    content = saved.read_bytes().decode("utf-8")  # CSV results end lines with CRLF
    assert content == endpoint_csv(served, SESSIONS, named.text, params)
    rows = list(csv.DictReader(io.StringIO(content)))
    assert [row["session"] for row in rows] == [row["session"] for row in expected]
    only_own_origin(page, served)


def test_json_download_is_the_endpoints_json(page: Any, served: ServeProcess) -> None:  # noqa: F811
    page.goto(origin(served) + "/")
    page.fill("#query", "SELECT ?n WHERE { VALUES ?n { 1 2 } } ORDER BY ?n")
    with page.expect_download() as info:
        page.click("#download-json")
    assert info.value.suggested_filename == "results.json"
    answer = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert [b["n"]["value"] for b in answer["results"]["bindings"]] == ["1", "2"]


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("SELECT * WHERE { ?s ?p }", "400", "error at 1:25"),
        (
            "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
            "403",
            "SERVICE is refused",
        ),
    ],
    ids=["syntax-error", "service"],
)
def test_an_error_is_shown_as_the_endpoint_returns_it(
    page: Any,  # noqa: F811
    served: ServeProcess,
    query: str,
    status: str,
    message: str,
) -> None:
    page.goto(origin(served) + "/")
    page.fill("#query", query)
    page.click("#run")
    page.wait_for_selector("#error:not([hidden])")
    assert page.inner_text("#status").startswith(f"The endpoint answered {status}")
    body = page.inner_text("#error")
    assert message in body
    form = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(served.url, data=form)
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert body.strip() == refused.value.read().decode("utf-8").strip()
    assert page.locator("#result-table").count() == 0
    only_own_origin(page, served)


def test_a_wrong_parameter_value_is_shown_not_pasted(page: Any, served: ServeProcess) -> None:  # noqa: F811
    page.goto(origin(served) + "/")
    page.select_option("#named", SESSIONS)
    page.fill("#param-body", "> } INSERT DATA { <urn:x> <urn:y> <urn:z> } #")
    page.click("#run")
    page.wait_for_selector("#error:not([hidden])")
    assert page.inner_text("#status").startswith("The endpoint answered 400")
    assert "must be an absolute IRI" in page.inner_text("#error")


def test_a_result_iri_links_to_its_site_page(page: Any, served: ServeProcess) -> None:  # noqa: F811
    page.goto(origin(served) + "/")
    page.select_option("#named", SESSIONS)
    page.fill("#param-body", ID + "body/council")
    page.click("#run")
    page.wait_for_selector("#result-table")
    links = page.locator("#result-table a.iri")
    # Only the session with a page in the site is a link; the others are plain text.
    assert links.all_inner_texts() == [ID + "body/council/session/137"]
    assert links.first.get_attribute("href") == "/site/id/body/council/session/137/"
    links.first.click()
    page.wait_for_url(origin(served) + "/site/id/body/council/session/137/")
    assert page.inner_text("#title") == "137th Council Session"
    page.click("text=up")  # the site's relative links resolve under /site/
    assert page.inner_text("#title") == "Council"
    only_own_origin(page, served)
