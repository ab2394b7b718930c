"""The red-team findings of issue 14 about files and input, each as a test.

Crashes are checked in a subprocess, by its exit status: a segfault is a
negative return code, never exit 2.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from capgraph.store._limits import MAX_JSON_NESTING

from .support import CliResult, child_env, run_capgraph

# --- finding 3: parser recursion -------------------------------------------------------


def _deep_jsonld(levels: int) -> str:
    return '{"@id": "https://e/x", "https://e/p": ' + "[" * levels + "1" + "]" * levels + "}"


def test_deep_jsonld_is_refused_not_a_segfault(project: Path) -> None:
    (project / "data" / "deep.jsonld").write_text(_deep_jsonld(3300), encoding="utf-8")
    result = run_capgraph("--project", str(project), "info")
    result.assert_one_line_error(
        rf"data/deep\.jsonld:1:\d+: JSON nested more than {MAX_JSON_NESTING}"
    )


def test_jsonld_at_the_limit_loads(project: Path, cli: Callable[..., CliResult]) -> None:
    (project / "data" / "deep.jsonld").write_text(
        _deep_jsonld(MAX_JSON_NESTING - 1), encoding="utf-8"
    )
    assert cli("--project", str(project), "info").code == 0


def test_deep_query_file_is_refused_not_a_segfault(project: Path, tmp_path: Path) -> None:
    query = tmp_path / "deep.rq"
    query.write_text(
        "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
        encoding="utf-8",
    )
    result = run_capgraph("--project", str(project), "query", str(query))
    result.assert_one_line_error(r"deep\.rq: the query nests brackets 5002 deep; the limit is 200")


# --- finding 4: nothing skipped in silence ---------------------------------------------


@pytest.mark.parametrize("name", ["licenses.ttl", "changelog-2020.trig", "README-data.ttl"])
def test_files_named_like_documentation_are_loaded(
    project: Path, cli: Callable[..., CliResult], name: str
) -> None:
    (project / "data" / name).write_text(
        "<https://e/doc> <https://e/p> <https://e/o> .\n", encoding="utf-8"
    )
    result = cli("--project", str(project), "info")
    assert result.code == 0, result.err
    assert f"data/{name}" in result.out


@pytest.mark.parametrize("name", ["README.md", "LICENSE", "changelog.md", "readme.txt"])
def test_documentation_files_are_passed_over(
    project: Path, cli: Callable[..., CliResult], name: str
) -> None:
    (project / "data" / name).write_text("not RDF\n", encoding="utf-8")
    assert cli("--project", str(project), "info").code == 0


def test_a_dangling_symlink_is_refused(project: Path, cli: Callable[..., CliResult]) -> None:
    (project / "data" / "gone.ttl").symlink_to(project / "nowhere.ttl")
    cli("--project", str(project), "info").assert_one_line_error(r"gone\.ttl: a dangling symbolic")


def test_a_fifo_is_refused(project: Path, cli: Callable[..., CliResult]) -> None:
    os.mkfifo(project / "data" / "pipe.ttl")
    cli("--project", str(project), "info").assert_one_line_error(r"pipe\.ttl: not a regular file")


def test_a_symlink_leaving_the_project_is_refused(
    project: Path, tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    outside = tmp_path / "outside.nt"
    outside.write_text("<https://e/a> <https://e/b> <https://e/c> .\n", encoding="utf-8")
    (project / "data" / "out.nt").symlink_to(outside)
    result = cli("--project", str(project), "info")
    result.assert_one_line_error(r"out\.nt: a symbolic link that leaves the project")


def test_a_symlink_inside_the_project_is_loaded(
    project: Path, cli: Callable[..., CliResult]
) -> None:
    (project / "spare").mkdir()
    (project / "spare" / "more.nt").write_text(
        "<https://e/a> <https://e/b> <https://e/c> .\n", encoding="utf-8"
    )
    (project / "data" / "more.nt").symlink_to(project / "spare" / "more.nt")
    result = cli("--project", str(project), "export", "--format", "nq")
    assert result.code == 0, result.err
    assert str(project) not in result.out  # no local path in any graph name


def test_a_hidden_rdf_file_is_refused(project: Path, cli: Callable[..., CliResult]) -> None:
    (project / "data" / ".draft.ttl").write_text("", encoding="utf-8")
    cli("--project", str(project), "info").assert_one_line_error(r"\.draft\.ttl: a hidden RDF")


def _without_root_file_access() -> None:
    """In the child, before exec: drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (root's
    licence to read any folder) from the bounding set, so that permissions count."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "PR_CAPBSET_DROP")


def test_an_unreadable_folder_is_refused(project: Path) -> None:
    locked = project / "data" / "locked"
    locked.mkdir()
    (locked / "x.ttl").write_text("", encoding="utf-8")
    locked.chmod(0)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "capgraph", "--project", str(project), "info"],
            capture_output=True,
            text=True,
            env=child_env(),
            preexec_fn=_without_root_file_access if os.geteuid() == 0 else None,
            timeout=120,
            check=False,
        )
    finally:
        locked.chmod(0o755)
    result = CliResult(done.returncode, done.stdout, done.stderr)
    result.assert_one_line_error(r"locked: cannot read this folder: Permission denied")


# --- finding 6: literals against the calendar ------------------------------------------


@pytest.mark.parametrize(
    ("literal", "reason"),
    [
        ('"2021-02-30"^^xsd:date', "February 2021 has 28 days"),
        ('"2021-04-31"^^xsd:date', "April 2021 has 30 days"),
        ("'2100-02-29'^^xsd:date", "February 2100 has 28 days"),
        ('"2021-02-30T10:00:00"^^xsd:dateTime', "February 2021 has 28 days"),
        ('"0000-01-01"^^xsd:date', "year 0000 is outside 0001-9999"),
        ('"99999-01-01"^^xsd:date', "year 99999 is outside"),
        ('"-0044-03-15"^^xsd:date', "year -0044 is outside"),
        ('"10000"^^xsd:gYear', "year 10000 is outside"),
        ('"2021-06-30T24:00:00"^^xsd:dateTime', "hour 24 is refused"),
    ],
)
def test_dates_are_checked_against_the_calendar(
    project: Path, cli: Callable[..., CliResult], literal: str, reason: str
) -> None:
    (project / "data" / "dates.ttl").write_text(
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        f"<https://e/x> <https://e/d> {literal} .\n",
        encoding="utf-8",
    )
    cli("--project", str(project), "info").assert_one_line_error(r"dates\.ttl:2:\d+: .*" + reason)


def test_a_leap_day_loads(project: Path, cli: Callable[..., CliResult]) -> None:
    (project / "data" / "dates.ttl").write_text(
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        '<https://e/x> <https://e/d> "2000-02-29"^^xsd:date, "2024-02-29"^^xsd:date .\n',
        encoding="utf-8",
    )
    assert cli("--project", str(project), "info").code == 0


def test_a_calendar_error_in_jsonld_is_found_in_the_store(
    project: Path, cli: Callable[..., CliResult]
) -> None:
    (project / "data" / "d.jsonld").write_text(
        '{"@id": "https://e/x", "https://e/d": {"@value": "2021-02-30", '
        '"@type": "http://www.w3.org/2001/XMLSchema#date"}}',
        encoding="utf-8",
    )
    cli("--project", str(project), "info").assert_one_line_error(r"d\.jsonld.*February 2021")


# --- finding 5: one line, not a traceback ----------------------------------------------


@pytest.mark.parametrize("where", ["iri", "literal"])
def test_an_oversized_token_is_one_line(project: Path, where: str) -> None:
    big = "x" * (17 * 2**20)
    triple = (
        f'<https://e/{big}> <https://e/b> "x" .'
        if where == "iri"
        else (f'<https://e/a> <https://e/b> "{big}" .')
    )
    (project / "data" / "big.nt").write_text(triple + "\n", encoding="utf-8")
    result = run_capgraph("--project", str(project), "info")
    result.assert_one_line_error(r"big\.nt: the parser ran out of memory: .* over 16 MiB")


def test_store_that_is_a_file(project: Path, tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    (tmp_path / "afile").write_text("", encoding="utf-8")
    result = cli("--project", str(project), "info", "--store", str(tmp_path / "afile"))
    result.assert_one_line_error(r"afile: cannot use the store: .*not a directory")


def test_a_damaged_store(project: Path, tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    store = tmp_path / "store"
    assert cli("--project", str(project), "info", "--store", str(store)).code == 0
    (store / "CURRENT").write_text("junk\n", encoding="utf-8")
    (store / "capgraph-manifest.json").unlink()
    result = cli("--project", str(project), "info", "--store", str(store))
    result.assert_one_line_error(r"store: the store is damaged; delete the folder")


def test_a_store_in_use(project: Path, tmp_path: Path) -> None:
    import pyoxigraph as ox

    store = tmp_path / "store"
    held = ox.Store(str(store))  # as a running `capgraph serve --store` holds it
    try:
        result = run_capgraph("--project", str(project), "info", "--store", str(store))
    finally:
        del held
    result.assert_one_line_error(r"store: the store is in use by another process")


def _run_unprivileged(*args: str) -> CliResult:
    done = subprocess.run(
        [sys.executable, "-m", "capgraph", *args],
        capture_output=True,
        text=True,
        env=child_env(),
        preexec_fn=_without_root_file_access if os.geteuid() == 0 else None,
        timeout=120,
        check=False,
    )
    return CliResult(done.returncode, done.stdout, done.stderr)


def test_a_read_only_store_folder(project: Path, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = _run_unprivileged("--project", str(project), "info", "--store", str(folder / "s"))
    finally:
        folder.chmod(0o755)
    result.assert_one_line_error(r"s: cannot use the store: .*Permission denied")


def test_an_unreadable_data_file_when_fingerprinting(project: Path, tmp_path: Path) -> None:
    data = project / "data" / "things.trig"
    data.chmod(0)
    try:
        result = _run_unprivileged(
            "--project", str(project), "info", "--store", str(tmp_path / "s")
        )
    finally:
        data.chmod(0o644)
    result.assert_one_line_error(r"data/things\.trig: cannot read: Permission denied")


# --- views on generated records (finding 5 and 9) --------------------------------------


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from benchmarks.generate import generate

    out = tmp_path_factory.mktemp("generated") / "record"
    generate(out, size=10_000, seed=1)
    return out


def test_overview_of_a_generated_record(generated: Path, tmp_path: Path) -> None:
    """A body that is part of another and passes to it on a route: one edge, both kinds."""
    result = run_capgraph(
        "--project", str(generated), "render", "overview", "--output", str(tmp_path / "o.mmd")
    )
    assert result.code == 0, result.err
    assert (tmp_path / "o.mmd").read_text(encoding="utf-8").strip()


@pytest.mark.parametrize(("view", "hint"), [("approvals", "--item"), ("history", "no filter")])
def test_a_view_too_large_to_draw_is_refused(generated: Path, view: str, hint: str) -> None:
    import capgraph
    from capgraph import views
    from capgraph.errors import ParameterError

    graph = views.build(capgraph.open(generated), view)
    with pytest.raises(
        ParameterError, match=rf"the {view} view has \d+ nodes, more than the 50 .*{hint}"
    ):
        views.render(graph, "mmd", max_nodes=50)
    assert views.render(graph, "mmd", max_nodes=graph.number_of_nodes())


# --- finding 9: the smaller ones -------------------------------------------------------


def test_an_unknown_prefix_in_a_param_is_refused(cli: Callable[..., CliResult]) -> None:
    result = cli("query", "cq-body-sessions", "--param", "body=nope:x")
    result.assert_one_line_error(r"unknown prefix 'nope:' in 'nope:x'; known prefixes: .*id:")


def test_a_repeated_param_is_refused(cli: Callable[..., CliResult]) -> None:
    result = cli(
        "query", "cq-body-sessions", "--param", "body=id:body/council", "--param", "body=id:x"
    )
    result.assert_one_line_error(r"--param body is given twice")


def test_a_doctype_with_a_non_ascii_name_is_refused(
    project: Path, cli: Callable[..., CliResult]
) -> None:
    (project / "data" / "dtd.rdf").write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE \u00e9f SYSTEM "http://127.0.0.1:9/x.dtd">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>\n',
        encoding="utf-8",
    )
    result = cli("--project", str(project), "info")
    result.assert_one_line_error(r"dtd\.rdf:2:1: a DOCTYPE whose name capgraph cannot read")


def test_output_onto_a_symlink_writes_through_it(
    tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    target = tmp_path / "target.csv"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    result = cli("query", "cq-bodies", "--format", "csv", "--output", str(link))
    assert result.code == 0, result.err
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8").startswith("body")


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ('{"@id": 5}', "1:2"),
        ('{"@context": {"@vocab": 5}}', "1:15"),
        ('{\n "@id": "https://e/x",\n "https://e/p": {"@value": "x", "@language": 5}}', "3:33"),
    ],
)
def test_jsonld_keyword_errors_have_a_position(
    project: Path, cli: Callable[..., CliResult], text: str, place: str
) -> None:
    (project / "data" / "j.jsonld").write_text(text, encoding="utf-8")
    result = cli("--project", str(project), "info")
    result.assert_one_line_error(rf"j\.jsonld:{place}: @\w+ value must be")


def test_an_invalid_sh_pattern_is_one_line(project: Path, cli: Callable[..., CliResult]) -> None:
    (project / "shapes" / "pattern.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix hd: <https://example.org/hard#> .\n"
        "hd:PatternShape a sh:NodeShape ; sh:targetClass hd:Thing ;\n"
        '  sh:property [ sh:path hd:label ; sh:pattern "(" ] .\n',
        encoding="utf-8",
    )
    result = cli("--project", str(project), "validate")
    result.assert_one_line_error(r"shapes/pattern\.ttl: sh:pattern '\(' is not a valid regular")


@pytest.mark.parametrize(
    "literal",
    ['"abc"^^xsd:int', "'x'^^xsd:double", '"""P1Q"""^^xsd:duration', '"25:00:00"^^xsd:time'],
)
def test_other_xsd_types_are_checked_at_load(project: Path, literal: str) -> None:
    """rdflib logged a traceback for each of these during validate; now loading refuses them."""
    (project / "data" / "typed.ttl").write_text(
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        f"<https://e/x> <https://e/d> {literal} .\n",
        encoding="utf-8",
    )
    result = run_capgraph("--project", str(project), "validate")
    result.assert_one_line_error(r"typed\.ttl:2:\d+: .* is not a valid xsd:\w+")
