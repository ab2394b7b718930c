"""Documentation that runs: docstring examples, ``--help`` examples, docs/internals.md.

Every ``>>>`` example in the package runs with the bundled record in a temporary folder
(the model is pyoxigraph's ``python/tests/test_doc.py``). Every ``capgraph ...`` line of
the top-level ``--help`` epilog and of each command's runs as written, except that a
server's port is a free one.
"""

from __future__ import annotations

import contextlib
import doctest
import importlib
import io
import re
import shlex
import shutil
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

import capgraph
from capgraph.cli import COMMANDS, main
from conftest_servers import capgraph_serve_process, oxigraph_server, run_cli

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "capgraph"
INTERNALS = ROOT / "docs" / "internals.md"


# --- docstring examples ------------------------------------------------------------------


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules_with_examples() -> list[str]:
    return sorted(
        _module_name(path)
        for path in PACKAGE.rglob("*.py")
        if ">>> " in path.read_text(encoding="utf-8")
    )


def test_the_package_has_docstring_examples() -> None:
    assert {"capgraph", "capgraph.views"} <= set(_modules_with_examples())


@pytest.mark.parametrize("name", _modules_with_examples())
def test_docstring_examples_run(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # examples that write files write them here
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    report = io.StringIO()
    for test in finder.find(module, name):
        runner.run(test, out=report.write)
    result = runner.summarize(verbose=False)
    assert result.attempted > 0, f"{name} has '>>> ' outside its docstrings"
    assert result.failed == 0, report.getvalue()


# --- --help examples ---------------------------------------------------------------------

#: An example line: ``capgraph ARGS``, then (after two spaces or a ``#``) what it does.
_EXAMPLE = re.compile(r"^ {2}(capgraph(?: \S+)*)(?: {2,}.*| +#.*)?$")


def _help(*argv: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit) as exit_:
        main([*argv, "--help"])
    assert exit_.value.code == 0
    return out.getvalue()


def _examples_in(text: str) -> list[str]:
    """The command lines of the ``example:``/``examples:`` section of a help text."""
    found, inside = [], False
    for line in text.splitlines():
        if line in ("example:", "examples:"):
            inside = True
        elif inside and not line.strip():
            inside = False
        elif inside:
            match = _EXAMPLE.match(line)
            assert match, f"an example line that is not a capgraph command: {line!r}"
            found.append(match.group(1))
    return found


def _help_examples() -> list[str]:
    examples = _examples_in(_help())
    for command in COMMANDS:
        examples += _examples_in(_help(command))
    return list(dict.fromkeys(examples))


EXAMPLES = _help_examples()


def test_every_command_has_an_example() -> None:
    for command in COMMANDS:
        assert _examples_in(_help(command)), f"capgraph {command} --help shows no example"


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder to run examples in, with ``../my-records``: a records repository of data only."""
    shutil.copytree(capgraph.Project.discover(None).root / "data", tmp_path / "my-records" / "data")
    work = tmp_path / "work"
    work.mkdir()
    # a document for the extract example: the synthetic news note of the extraction benchmark
    repository = Path(__file__).resolve().parents[1]
    shutil.copy(
        repository / "benchmarks" / "extraction" / "synthetic-news-note.txt", work / "notice.txt"
    )
    monkeypatch.chdir(work)
    return work


def _outputs(argv: list[str]) -> list[str]:
    return [argv[i + 1] for i, arg in enumerate(argv[:-1]) if arg == "--output"]


@pytest.mark.parametrize(
    "example",
    [
        pytest.param(e, marks=pytest.mark.java) if " reason" in e else e
        for e in EXAMPLES
        if " serve" not in e and " publish" not in e
    ],
)
def test_help_example_runs(example: str, workdir: Path) -> None:
    if " reason" in example:
        from capgraph.reason import find_java

        try:
            find_java()
        except capgraph.ReasonerError:
            pytest.skip("no Java runtime (HermiT needs one)")
    argv = shlex.split(example)[1:]
    code, out, err = run_cli(*argv)
    assert code == 0, f"{example}: exit {code}\n{err}"
    assert out or _outputs(argv), f"{example} printed nothing"
    for output in _outputs(argv):
        assert (workdir / output).stat().st_size > 0, f"{example} wrote no {output}"


@pytest.mark.server
@pytest.mark.parametrize("example", [e for e in EXAMPLES if e.startswith("capgraph publish")])
def test_help_example_publishes(example: str, workdir: Path) -> None:
    argv = shlex.split(example)[1:]
    with oxigraph_server() as server:
        endpoint = argv.index("--endpoint") + 1
        argv[endpoint] = server.query_url
        code, _out, err = run_cli(*argv)
        assert code == 0, f"{example}: exit {code}\n{err}"
        ask = urllib.parse.quote("ASK { ?s ?p ?o }")
        with urllib.request.urlopen(f"{server.query_url}?query={ask}", timeout=10) as answer:
            assert b"true" in answer.read()


@pytest.mark.server
@pytest.mark.parametrize("example", [e for e in EXAMPLES if e.startswith("capgraph serve")])
def test_help_example_serves(example: str, workdir: Path) -> None:
    argv = shlex.split(example)[2:]  # after "capgraph serve"
    if "--port" in argv:
        argv[argv.index("--port") + 1] = "0"  # a free port, not the one in the example
    with capgraph_serve_process(*argv) as served:
        ask = urllib.parse.quote("ASK { ?s ?p ?o }")
        request = urllib.request.Request(
            f"{served.url}?query={ask}", headers={"Accept": "application/sparql-results+json"}
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            assert b"true" in answer.read()
    said = _help("serve").split("then query ", 1)
    if len(said) == 2:  # the URL the example promises has the path the server announced
        assert urllib.parse.urlsplit(said[1].split()[0]).path == (
            urllib.parse.urlsplit(served.url).path
        )


def test_bare_capgraph_prints_the_help() -> None:
    code, out, err = run_cli()
    assert (code, err) == (0, "")
    assert out == _help()


@pytest.mark.parametrize(
    ("argv", "suggestion"),
    [
        (["qurey", "--list"], "did you mean query?"),
        (["validate", "--format", "sarf"], "did you mean sarif?"),
        (["query", "cq-sessions-of-body"], "did you mean cq-body-sessions?"),
    ],
)
def test_an_unknown_name_suggests_the_nearest(argv: list[str], suggestion: str) -> None:
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        try:
            code: object = main(argv)
        except SystemExit as exit_:  # argparse's usage errors
            code = exit_.code
    assert code == 2
    lines = err.getvalue().splitlines()
    assert len(lines) == 1, lines
    assert suggestion in lines[0]


def test_a_far_name_gets_no_suggestion() -> None:
    code, _out, err = run_cli("query", "zzzz")
    assert code == 2
    assert "did you mean" not in err


# --- docs/internals.md -------------------------------------------------------------------

#: A module path in docs/internals.md: `store/_load.py`, `errors.py`, `sparql/`.
_MODULE_PATH = re.compile(r"`((?:[a-z_]+/)*(?:[a-z_]+\.py|[a-z_]+/))`")


def _named_in_internals() -> set[str]:
    return set(_MODULE_PATH.findall(INTERNALS.read_text(encoding="utf-8")))


#: Paths that start with one of these are the repository's; the others are the package's.
_REPOSITORY_FOLDERS = {
    "src",
    "tests",
    "benchmarks",
    "docs",
    "data",
    "ontology",
    "shapes",
    "queries",
}


def _resolve(named: str) -> Path:
    return (ROOT if named.split("/")[0] in _REPOSITORY_FOLDERS else PACKAGE) / named


def test_every_module_internals_names_exists() -> None:
    missing = sorted(p for p in _named_in_internals() if not _resolve(p).exists())
    assert not missing, f"docs/internals.md names modules that do not exist: {missing}"


def test_internals_names_every_module() -> None:
    named = _named_in_internals()
    modules = {
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if path.name != "__init__.py"
    }
    stages = {f"{path.name}/" for path in PACKAGE.iterdir() if (path / "__init__.py").exists()}
    missing = sorted((modules | stages) - named)
    assert not missing, f"docs/internals.md does not describe: {missing}"


def test_internals_ranks_the_stages_as_the_layout_test_does() -> None:
    from layout.test_stages import RANK

    rows = re.findall(
        r"^\| (\d) \| `([a-z_]+)(?:\.py|/)`", INTERNALS.read_text(encoding="utf-8"), re.M
    )
    assert {name: int(rank) for rank, name in rows} == RANK
