"""extract: the seed and the synthetic documents give drafts that load and validate."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import capgraph
from capgraph import Severity
from capgraph.namespaces import CAP, ID, PROV

from .conftest import SEED, SYNTHETIC, run_cli

DOCUMENTS = [
    SEED,
    SYNTHETIC / "synthetic-ptc-working-document.txt",
    SYNTHETIC / "synthetic-meeting-report.txt",
    SYNTHETIC / "synthetic-news-note.txt",
]


def _extract(project: Path, document: Path, *args: str) -> tuple[int, str, str]:
    (project / "data").mkdir(parents=True, exist_ok=True)
    return run_cli("--project", str(project), "extract", str(document), *args)


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.stem)
def test_a_draft_validates_apart_from_its_draft_infos(tmp_path: Path, document: Path) -> None:
    code, out, err = _extract(tmp_path, document, "--source-id", "doc")
    assert (code, err) == (0, "")
    kg = capgraph.open(tmp_path)
    claims = kg.select(f"SELECT ?c WHERE {{ GRAPH ?c {{ ?c a <{CAP}Claim> }} }}", drafts=True)
    report = capgraph.validate(kg)
    assert {(r.severity, r.shape) for r in report.results} == {(Severity.INFO, "check:draft")}
    assert len(report.results) == len(claims) > 0
    assert f"claims: {len(claims)} (" in out


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.stem)
def test_every_quote_is_verbatim_in_the_copied_source_text(tmp_path: Path, document: Path) -> None:
    _extract(tmp_path, document, "--source-id", "doc")
    source = " ".join((tmp_path / "data" / "sources" / "doc.txt").read_text("utf-8").split())
    kg = capgraph.open(tmp_path)
    rows = kg.select(
        f"SELECT ?quote ?text WHERE {{ ?c <{PROV}value> ?quote ; "
        f"<http://purl.org/dc/terms/source> ?p . ?p <{CAP}passageText> ?text }}",
        drafts=True,
    )
    assert rows
    for row in rows:
        assert str(row["quote"]) in str(row["text"])
        assert str(row["text"]) in source


def test_the_seed_sessions_are_found_with_their_dates(tmp_path: Path) -> None:
    _extract(tmp_path, SEED, "--source-id", "seed")
    kg = capgraph.open(tmp_path)
    rows = kg.select(
        "SELECT DISTINCT ?s ?p ?d WHERE { ?s a <https://w3id.org/capgraph/ontology#Session> "
        "OPTIONAL { ?s ?p ?d FILTER(?p IN (<http://purl.org/dc/terms/date>, "
        "<https://schema.org/startDate>, <https://schema.org/endDate>)) } }",
        drafts=True,
    )
    found = {(str(r["s"]).removeprefix(ID + "body/"), str(r["d"] or "-")) for r in rows}
    assert found == {
        ("council/session/113", "2009-06"), ("council/session/114", "2009-06"),
        ("cap-group/session/16", "2019-09-30"), ("cap-group/session/16", "2019-10-01"),
        ("enforcement-committee/session/39", "2019-10"), ("ptc/session/227", "2020-07"),
        ("ptc/session/228", "2020-07"), ("policy-commission/session/83", "2020-12"),
        ("council/session/137", "2020-12"), ("enforcement-committee/session/40", "-"),
        ("council/session/139", "2022-06"), ("council/session/140", "2022-06"),
        ("policy-commission/session/86", "-"), ("cap-group/session/17", "-"),
        ("cap-group/session/18", "-"), ("cap-group/session/19", "-"),
    }  # fmt: skip


def test_a_presentation_to_a_body_drafts_no_decision_by_it(tmp_path: Path) -> None:
    _, out, _ = _extract(tmp_path, SEED, "--source-id", "seed", "--format", "json")
    report = json.loads(out)
    assert report["schema"] == "https://w3id.org/capgraph/schema/extraction/1"
    para4 = [u for u in report["unextracted"] if u["passage"] == "4"]
    assert [u["reason"][:46] for u in para4] == ["presented or submitted to a body: the recipien"]
    kg = capgraph.open(tmp_path)
    deciders = kg.select(
        f"SELECT DISTINCT ?b WHERE {{ ?d <{CAP}decidedBy> ?b ; <{CAP}atSession> ?s . "
        f"?s <{CAP}ordinal> ?n FILTER(?n IN (39, 227, 228, 83)) }}",
        drafts=True,
    )
    assert list(deciders) == []


def test_the_draft_is_the_same_each_time(tmp_path: Path) -> None:
    _extract(tmp_path, SEED, "--source-id", "seed")
    first = (tmp_path / "data" / "drafts" / "seed.trig").read_text("utf-8")
    _extract(tmp_path, SEED, "--source-id", "seed")
    assert (tmp_path / "data" / "drafts" / "seed.trig").read_text("utf-8") == first
    assert first.count("cap:reviewStatus cap:draft .") == first.count("a cap:Claim ;")


def test_validate_fail_on_info_makes_review_required(tmp_path: Path) -> None:
    _extract(tmp_path, SYNTHETIC / "synthetic-meeting-report.txt")
    assert run_cli("--project", str(tmp_path), "validate")[0] == 0
    assert run_cli("--project", str(tmp_path), "validate", "--fail-on", "info")[0] == 1


def test_a_second_source_proposes_the_same_decision_link(two_sources: Path) -> None:
    draft = (two_sources / "data" / "drafts" / "synthetic-news-note.trig").read_text("utf-8")
    assert sorted(re.findall(r"cap:sameDecisionAs <([^>]+)>", draft)) == [
        "decision/council-139-140-set-priority-e-commerce",
        "decision/ec-40-endorsed-ipr-strategy-2020",
        "decision/ptc-endorsement-tr0077ea",
    ]


def _pdf(text: str) -> bytes:
    """A one-page PDF whose text layer holds ``text`` (one line per Tj)."""
    lines = "".join(f"({line}) Tj T* " for line in text.split("\n"))
    stream = f"BT /F1 10 Tf 14 TL 40 800 Td {lines}ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


SYNTHETIC_LINES = (
    "Synthetic test document (not a WCO text)\n\n"
    "The 88th Session of the Policy Commission (December 2022) endorsed the IPR Strategy 2023."
)


def test_a_pdf_text_layer_is_read(tmp_path: Path) -> None:
    pdf = tmp_path / "synthetic-note.pdf"
    pdf.write_bytes(_pdf(SYNTHETIC_LINES.replace("\n\n", "\n")))
    code, _, err = _extract(tmp_path / "p", pdf)
    assert (code, err) == (0, ""), err
    draft = (tmp_path / "p" / "data" / "drafts" / "synthetic-note.trig").read_text("utf-8")
    assert (
        '<body/policy-commission/session/88> a cap:Session ;\n    dcterms:date "2022-12"' in draft
    )
    assert (tmp_path / "p" / "data" / "sources" / "synthetic-note.txt").is_file()


def test_a_docx_is_read(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for paragraph in SYNTHETIC_LINES.split("\n\n"):
        document.add_paragraph(paragraph)
    path = tmp_path / "synthetic-note.docx"
    document.save(str(path))
    code, _, err = _extract(tmp_path / "p", path)
    assert (code, err) == (0, "")
    draft = (tmp_path / "p" / "data" / "drafts" / "synthetic-note.trig").read_text("utf-8")
    assert "cap:action cap:endorsed" in draft


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.odt", b"x", "unknown document type '.odt'; expected one of .txt, .pdf, .docx"),
        ("broken.pdf", b"%PDF-1.4 not really", "not a readable PDF"),
        ("broken.docx", b"not a zip", "not a readable DOCX file"),
        ("latin1.txt", "Comit\xe9".encode("latin-1"), "not UTF-8 text (byte 5)"),
        ("empty.txt", b"  \n", "the document holds no text"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = _extract(tmp_path / "p", path)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert message in err
    assert name in err


def test_a_missing_document_and_a_bad_source_id_are_errors(tmp_path: Path) -> None:
    code, _, err = _extract(tmp_path, tmp_path / "missing.txt")
    assert code == 2
    assert "document not found" in err
    code, _, err = _extract(tmp_path, SEED, "--source-id", "Not A Slug")
    assert code == 2
    assert "must be a lower-case slug" in err


def test_extract_help_has_an_example() -> None:
    with pytest.raises(SystemExit) as exit_info:
        run_cli("extract", "--help")
    assert exit_info.value.code == 0
