"""Building the site: repeatable bytes, drafts only on request, RDF beside each page,
addresses that follow the IRIs, and one clear line for bad input."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import DRAFT_RECORD, build_site
from site_support import read_page

import capgraph
from capgraph.namespaces import CAP
from capgraph.site import page_folder
from conftest_servers import run_cli

ROOT = Path(__file__).resolve().parents[2]


def _tree(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_two_builds_are_byte_identical(bundled_site: Path, tmp_path: Path) -> None:
    again = build_site(tmp_path / "again")
    assert _tree(again) == _tree(bundled_site)


def test_a_rebuild_replaces_the_site_whole(tmp_path: Path) -> None:
    site = build_site(tmp_path / "site", "--drafts", project=DRAFT_RECORD)
    assert (site / "id" / "body" / "example-panel" / "index.html").is_file()
    build_site(site, project=DRAFT_RECORD)
    assert not (site / "id" / "body" / "example-panel").exists()  # no page left over
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no staging folder left


def _without_drafts(html: str) -> str:
    """A page with its draft rows and the drafts note taken out."""
    return "".join(
        line for line in html.splitlines(keepends=True)
        if "draft-fact" not in line and "drafts-note" not in line
    )  # fmt: skip


def test_drafts_add_only_draft_pages_and_facts(draft_sites: tuple[Path, Path]) -> None:
    plain, drafts = (_tree(site) for site in draft_sites)
    assert set(plain) < set(drafts)
    added = sorted({name.rsplit("/", 1)[0] for name in set(drafts) - set(plain)})
    assert added == ["id/body/example-panel"]  # stated only by draft claims
    panel = drafts["id/body/example-panel/index.html"].decode()
    assert panel.count('<tr class="fact draft-fact">') == 3
    assert '<tr class="fact">' not in panel
    for name, body in plain.items():
        if name.endswith("index.html") and name != "index.html":
            assert _without_drafts(drafts[name].decode()) == body.decode(), name
    committee = drafts["id/body/example-committee/index.html"].decode()
    assert "The Example Panel, also called the EP, advises it" in committee
    assert "advises it" not in plain["id/body/example-committee/index.html"].decode()


def _quads(body: bytes, fmt: ox.RdfFormat) -> set[ox.Quad]:
    return set(ox.parse(body, format=fmt))


def test_drafts_add_only_draft_triples(draft_sites: tuple[Path, Path]) -> None:
    plain, drafts = (_tree(site) for site in draft_sites)
    draft_graphs = {
        "https://w3id.org/capgraph/id/claim/example-note/para-1/3",
        "https://w3id.org/capgraph/id/claim/example-note/para-1/4",
    }
    for name, body in plain.items():
        if name.endswith("index.trig"):
            before = _quads(body, ox.RdfFormat.TRIG)
            after = _quads(drafts[name], ox.RdfFormat.TRIG)
            assert before <= after, name
            assert {q.graph_name.value for q in after - before} <= draft_graphs, name  # type: ignore[union-attr]


def test_each_page_has_its_rdf_beside_it(bundled_site: Path) -> None:
    folder = bundled_site / "id" / "tool" / "ipr-handbook"
    iri = ox.NamedNode("https://w3id.org/capgraph/id/tool/ipr-handbook")
    trig = _quads((folder / "index.trig").read_bytes(), ox.RdfFormat.TRIG)
    jsonld = _quads((folder / "index.jsonld").read_bytes(), ox.RdfFormat.JSON_LD)
    turtle = {q.triple for q in _quads((folder / "index.ttl").read_bytes(), ox.RdfFormat.TURTLE)}
    assert trig == jsonld
    assert {q.triple for q in trig} == turtle
    kg = capgraph.open()
    facts = set(kg.store.quads_for_pattern(iri, None, None, None))
    assert facts
    assert facts <= trig  # every triple about the tool, in its claim graph
    claims = {q.graph_name for q in facts}
    for claim in claims:  # and each claim's passage and quote
        cited = set(kg.store.quads_for_pattern(claim, None, None, claim))  # type: ignore[arg-type]
        assert cited <= trig
    page = read_page(folder / "index.html")
    alternates = {
        a["type"]: a["href"] for t, a in page.tags if t == "link" and a.get("rel") == "alternate"
    }
    assert alternates == {
        "text/turtle": "index.ttl",
        "application/trig": "index.trig",
        "application/ld+json": "index.jsonld",
    }


def test_page_addresses_follow_the_iris() -> None:
    assert page_folder("https://w3id.org/capgraph/id/body/council") == "id/body/council"
    assert page_folder("https://w3id.org/capgraph/id/body/council/session/137") == (
        "id/body/council/session/137"
    )
    for outside in (
        "https://example.org/id/body/council",
        CAP + "Body",
        "https://w3id.org/capgraph/id/body/../x",
        "https://w3id.org/capgraph/id/body/council?x=1",
        "https://w3id.org/capgraph/id/body/council/",
        "https://w3id.org/capgraph/id/",
    ):
        assert page_folder(outside) is None, outside


def test_iris_outside_the_base_are_plain_text(bundled_site: Path) -> None:
    html = (bundled_site / "id" / "body" / "council" / "index.html").read_text(encoding="utf-8")
    page = read_page(bundled_site / "id" / "body" / "council" / "index.html")
    assert all("://" not in link for link in page.links)
    assert '<td><span class="value">body</span></td>' in html  # cap:Body, by its label


def test_the_base_url_gives_canonical_links_and_a_sitemap(tmp_path: Path) -> None:
    base = "https://records.example.org/cap"
    site = build_site(tmp_path / "site", "--base-url", base, project=DRAFT_RECORD)
    page = read_page(site / "id" / "body" / "example-committee" / "index.html")
    links = {(a["rel"], a.get("type", "")): a["href"] for t, a in page.tags if t == "link"}
    assert links[("canonical", "")] == base + "/id/body/example-committee/"
    assert links[("alternate", "text/turtle")] == base + "/id/body/example-committee/index.ttl"
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{base}/id/body/example-committee/</loc>" in sitemap
    assert f"<loc>{base}/</loc>" in sitemap
    assert not (build_site(tmp_path / "plain", project=DRAFT_RECORD) / "sitemap.xml").exists()


def test_the_search_index_is_json_and_a_script(bundled_site: Path) -> None:
    entries = json.loads(
        (bundled_site / "assets" / "search-index.json").read_text(encoding="utf-8")
    )
    script = (bundled_site / "assets" / "search-index.js").read_text(encoding="utf-8")
    assert (
        json.loads(script.removeprefix("window.capgraphSearchIndex = ").removesuffix(";\n"))
        == entries
    )
    handbook = next(e for e in entries if e["url"] == "id/tool/ipr-handbook/index.html")
    assert handbook["kind"] == "tool"
    assert "IPR Handbook" in handbook["text"]
    assert all((bundled_site / e["url"]).is_file() for e in entries)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        ("missing-project", "not found"),
        ("output-is-a-file", "the output must be a folder"),
        ("output-is-not-a-site", "holds no site built by capgraph"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, make: str, message: str) -> None:
    project: list[str] = []
    output = tmp_path / "out"
    if make == "missing-project":
        project = ["--project", str(tmp_path / "nowhere")]
    elif make == "output-is-a-file":
        output.write_text("a file\n", encoding="utf-8")
    else:
        output.mkdir()
        (output / "notes.txt").write_text("keep me\n", encoding="utf-8")
    code, out, err = run_cli(*project, "site", "--output", str(output))
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1, err
    assert message in err.lower(), err
    assert "Traceback" not in err
    if make == "output-is-not-a-site":
        assert (output / "notes.txt").read_text(encoding="utf-8") == "keep me\n"


def test_the_index_lists_conflicts_between_sources(tmp_path: Path) -> None:
    from capgraph.site._pages import Renderer, SiteOptions
    from capgraph.site._record import read_record
    from capgraph.sources import Conflict, Side

    kg = capgraph.open(DRAFT_RECORD)
    renderer = Renderer(read_record(kg.store, drafts=False), SiteOptions(None, False))
    side = Side(value="twice", claim="c1", document="https://w3id.org/capgraph/id/document/example-note",
                passage="1", quote="The Example Committee met twice",
                record="https://w3id.org/capgraph/id/body/example-committee")  # fmt: skip
    other = Side(value="once", claim="c2", document="https://example.org/elsewhere",
                 passage="2", quote="met once",
                 record="https://w3id.org/capgraph/id/body/example-committee")  # fmt: skip
    conflict = Conflict("meetings", "https://w3id.org/capgraph/id/body/example-committee",
                        side, other, reviewed=False)  # fmt: skip
    html = renderer.index(overview=None, processes=(), conflicts=[conflict])
    assert "Where sources disagree" in html
    assert '<a href="id/body/example-committee/index.html">Example Committee</a>' in html
    assert "<q>met once</q>" in html
    assert "Where sources disagree" not in renderer.index(overview=None, processes=(), conflicts=[])


def test_templates_and_assets_are_in_the_wheel(tmp_path: Path) -> None:
    from hatchling.builders.wheel import WheelBuilder

    (wheel,) = WheelBuilder(str(ROOT)).build(directory=str(tmp_path), versions=["standard"])
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("templates/base.html", "templates/resource.html", "templates/index.html",
                 "templates/_macros.html", "static/site.css", "static/search.js"):  # fmt: skip
        assert f"capgraph/site/{name}" in names, name


def test_no_pictures_leaves_out_only_the_drawings(bundled_site: Path, tmp_path: Path) -> None:
    plain = _tree(build_site(tmp_path / "site", "--no-pictures"))
    full = _tree(bundled_site)
    assert set(plain) == set(full) - {"overview.html", "id/tor/cap-group/history.html"}
    assert not any(b"<svg" in body for name, body in plain.items() if name.endswith(".html"))
    assert sum(b"<svg" in body for body in full.values()) >= 12


def test_without_drafts_status_and_views_do_not_see_them_either() -> None:
    from capgraph.site._build import record_graph
    from capgraph.site._record import read_record

    kg = capgraph.open(DRAFT_RECORD)
    ask = "ASK { <https://w3id.org/capgraph/id/body/example-panel> ?p ?o }"
    assert kg.store.query(ask, use_default_graph_as_union=True)
    plain = record_graph(kg, read_record(kg.store, drafts=False))
    assert not plain.store.query(ask, use_default_graph_as_union=True)
    drafts = record_graph(kg, read_record(kg.store, drafts=True))
    assert drafts is kg
