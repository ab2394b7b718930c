"""What the query page relies on, over plain HTTP: named-query parameters bound by the
server, the page's own assets, and a record site served under ``/site/`` that no path
can leave."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph as ox
import pytest

from capgraph.errors import InputError
from capgraph.query import KnowledgeGraph, rows_from_solutions
from capgraph.server import SparqlServer, make_server
from conftest_servers import run_cli

from .named_cases import assert_same_rows, case_id, cases

pytestmark = pytest.mark.server

STATIC = Path(__file__).parents[2] / "src" / "capgraph" / "server" / "static"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, form: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of a GET (or a form POST), redirects not followed."""
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    try:
        with _OPENER.open(urllib.request.Request(url, data=data), timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site")
    (root / "id" / "body" / "council").mkdir(parents=True)
    (root / "id" / "body" / "council" / "index.html").write_text("<h1>Council</h1>\n")
    (root / "index.html").write_text("<h1>Record</h1>\n")
    outside = tmp_path_factory.mktemp("outside")
    (outside / "secret.txt").write_text("not part of the site\n")
    (root / "escape").symlink_to(outside, target_is_directory=True)
    return root


@pytest.fixture(scope="module")
def base(record: KnowledgeGraph, site: Path) -> Iterator[str]:
    """The record served with ``site`` in a thread; the server's origin."""
    server: SparqlServer = make_server(record, port=0, site=site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.url.rsplit("/", 1)[0]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def bound(base: str, name: str, text: str, params: dict[str, str]) -> tuple[int, bytes]:
    form = {"query": text, "named": name, **{f"param.{k}": v for k, v in params.items()}}
    status, _headers, body = fetch(base + "/sparql", form)
    return status, body


@pytest.mark.parametrize("case", cases(), ids=case_id)
def test_served_binding_equals_embedded(
    case: tuple[str, dict[str, str]], base: str, record: KnowledgeGraph
) -> None:
    name, params = case
    named = record.queries.get(name)
    status, body = bound(base, name, named.text, params)
    assert status == 200, body
    served = rows_from_solutions(ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON))
    assert_same_rows(record.query(name, params), served, named)


def test_a_literal_value_cannot_add_to_the_query(base: str, record: KnowledgeGraph) -> None:
    text = record.queries.get("cq-paragraph").text
    status, body = bound(base, "cq-paragraph", text, {"paragraph": '5" } } INSERT DATA { <a:b> '})
    assert status == 200
    assert b'"bindings": []' in body or b'"bindings":[]' in body


@pytest.mark.parametrize(
    ("form", "status", "message"),
    [
        ({"param.body": "id:body/council"}, 400, "need 'named='"),
        ({"named": "no-such-query"}, 404, "no named query 'no-such-query'"),
        ({"named": "cq-body-sessions"}, 400, "needs parameter 'body'"),
        ({"named": "cq-body-sessions", "param.body": "x"}, 400, "must be an absolute IRI"),
        ({"named": "cq-body-sessions", "param.nobody": "x"}, 400, "has no parameter 'nobody'"),
    ],
    ids=["no-name", "unknown-query", "missing", "not-an-iri", "unknown-param"],
)
def test_bad_parameters_get_the_librarys_message(
    base: str, form: dict[str, str], status: int, message: str
) -> None:
    answer, headers, body = fetch(base + "/sparql", {"query": "SELECT * {}", **form})
    assert (answer, headers["Content-Type"]) == (status, "text/plain; charset=utf-8")
    assert message in body.decode()


def test_the_form_posts_without_a_script(base: str) -> None:
    # With no script, the page's form posts the text area and the empty "(your own query)".
    status, _headers, body = fetch(base + "/sparql", {"query": "ASK {}", "named": ""})
    assert (status, json.loads(body)["boolean"]) == (200, True)


def test_an_empty_optional_value_is_left_unbound(base: str, record: KnowledgeGraph) -> None:
    text = record.queries.get("cq-documents").text
    status, body = bound(base, "cq-documents", text, {"kind": ""})
    served = rows_from_solutions(ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON))
    assert status == 200
    assert len(served) == len(record.query("cq-documents")) > 0


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [v or "" for k, v in attrs if k in ("src", "href", "action")]


def test_the_page_asks_only_its_own_server(base: str) -> None:
    status, headers, body = fetch(base + "/")
    assert status == 200
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    links = _Links()
    links.feed(body.decode())
    assert links.found
    assert all(link.startswith("/") and not link.startswith("//") for link in links.found)
    for link in links.found:
        if link.startswith("/static/"):
            assert fetch(base + link)[0] == 200, link
    for asset in STATIC.iterdir():
        assert "://" not in asset.read_text(encoding="utf-8"), asset.name


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/static/query.js", 200),
        ("/static/query.css", 200),
        ("/static/nothing.js", 404),
        ("/static/../_http.py", 404),
        ("/static/%2e%2e/_http.py", 404),
        ("/site/", 200),
        ("/site/id/body/council/", 200),
        ("/site/id/body/council/index.html", 200),
        ("/site/id/body/council", 301),
        ("/site", 301),
        ("/site/id/body/nowhere/", 404),
        ("/site/%2e%2e/outside/secret.txt", 404),
        ("/site/escape/secret.txt", 404),
    ],
)
def test_files_are_served_from_the_package_and_the_site_only(
    base: str, path: str, status: int
) -> None:
    answer, headers, _body = fetch(base + path)
    assert answer == status
    if status == 301:
        assert headers["Location"] == path + "/"


def test_without_a_site_there_is_no_site(served_record: SparqlServer) -> None:
    origin = served_record.url.rsplit("/", 1)[0]
    assert fetch(origin + "/site/")[0] == 404
    assert b'"site": null' in fetch(origin + "/")[2]


def test_a_site_that_is_not_a_folder_is_refused(record: KnowledgeGraph, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a folder"):
        make_server(record, port=0, site=tmp_path / "missing")
    code, out, err = run_cli("serve", "--port", "0", "--site", str(tmp_path / "missing"))
    assert (code, out) == (2, "")
    assert len(err.strip().splitlines()) == 1
    assert "missing" in err
