"""capgraph's SPARQL 1.1 Protocol client against recorded answers, served on 127.0.0.1.

The answers are written here (synthetic, not recorded from a real store): a JSON results
document with a member the standard does not define, as Comunica adds, and the same
solutions in XML, TSV and CSV. A real HTTP server on loopback sends them, so the
client's request (method, Accept header, dataset parameters) is checked too.
"""

from __future__ import annotations

import json
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

import capgraph
from capgraph.errors import EndpointError

SOLUTIONS = {
    "head": {"vars": ["s", "n"]},
    "results": {
        "bindings": [
            {
                "s": {"type": "uri", "value": "https://w3id.org/capgraph/id/body/ptc"},
                "n": {
                    "type": "literal",
                    "value": "3",
                    "datatype": "http://www.w3.org/2001/XMLSchema#integer",
                },
            }
        ]
    },
}
WITH_METADATA = {**SOLUTIONS, "metadata": {"httpRequests": 2, "cardinality": {"value": 1}}}
XML = b"""<?xml version="1.0"?>
<sparql xmlns="http://www.w3.org/2005/sparql-results#">
 <head><variable name="s"/><variable name="n"/></head>
 <results><result>
  <binding name="s"><uri>https://w3id.org/capgraph/id/body/ptc</uri></binding>
  <binding name="n"><literal datatype="http://www.w3.org/2001/XMLSchema#integer">3</literal></binding>
 </result></results>
</sparql>"""
TSV = b'?s\t?n\n<https://w3id.org/capgraph/id/body/ptc>\t"3"^^<http://www.w3.org/2001/XMLSchema#integer>\n'
CSV = b"s,n\r\nhttps://w3id.org/capgraph/id/body/ptc,3\r\n"
EXPECTED = [{"s": "https://w3id.org/capgraph/id/body/ptc", "n": 3}]

ANSWERS: dict[str, tuple[str, bytes]] = {
    "standard": ("application/sparql-results+json", json.dumps(SOLUTIONS).encode()),
    "metadata": ("application/sparql-results+json", json.dumps(WITH_METADATA).encode()),
    "json": ("application/json", json.dumps(WITH_METADATA).encode()),
    "xml": ("application/sparql-results+xml", XML),
    "tsv": ("text/tab-separated-values", TSV),
    "html": ("text/html", b"<html>not results</html>"),
}


class _Recorded(BaseHTTPRequestHandler):
    seen: ClassVar[list[dict[str, object]]] = []
    server_version = "recorded-answers/1"
    sys_version = ""

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        form = urllib.parse.parse_qs(self.rfile.read(length).decode())
        type(self).seen.append({"accept": self.headers.get("Accept"), "form": form})
        name = self.path.strip("/")
        media, body = ANSWERS.get(name, ("text/csv", CSV))
        self.send_response(200)
        self.send_header("Content-Type", media + "; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def _server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorded)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


QUERY = "SELECT ?s ?n WHERE { ?s ?p ?n }"


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with _server() as url:
        yield url


def _remote(url: str) -> capgraph.RemoteGraph:
    # The recorded answers are not a store with named graphs: name the graph, so that
    # the union check is the caller's choice and is not made.
    return capgraph.remote(url, default_graph_uris=("urn:x:graph",))


@pytest.mark.parametrize("answer", ["standard", "metadata", "json", "xml", "tsv"])
def test_every_lossless_format_gives_the_same_rows(base: str, answer: str) -> None:
    assert _remote(f"{base}/{answer}").select(QUERY) == EXPECTED


def test_csv_is_read_as_text(base: str) -> None:
    rows = _remote(f"{base}/csv").select(QUERY)
    assert rows == [{"s": "https://w3id.org/capgraph/id/body/ptc", "n": "3"}]


def test_asks_for_sparql_results_json_first_and_never_plain_json(base: str) -> None:
    _Recorded.seen.clear()
    _remote(f"{base}/standard").select(QUERY)
    accept = str(_Recorded.seen[-1]["accept"])
    assert accept.startswith("application/sparql-results+json,")
    assert "application/json" not in accept
    assert _Recorded.seen[-1]["form"] == {"query": [QUERY], "default-graph-uri": ["urn:x:graph"]}


def test_named_graph_uris_are_sent(base: str) -> None:
    _Recorded.seen.clear()
    capgraph.remote(
        f"{base}/standard", default_graph_uris=("urn:x:a",), named_graph_uris=("urn:x:b", "urn:x:c")
    ).select(QUERY)
    form = _Recorded.seen[-1]["form"]
    assert form == {"query": [QUERY], "default-graph-uri": ["urn:x:a"],
                    "named-graph-uri": ["urn:x:b", "urn:x:c"]}  # fmt: skip


def test_an_answer_that_is_not_results_names_the_store(base: str) -> None:
    with pytest.raises(EndpointError, match=r"\(recorded-answers/1 ?\): answered text/html"):
        _remote(f"{base}/html").select(QUERY)
