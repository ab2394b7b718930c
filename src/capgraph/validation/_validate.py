"""Check a loaded record: SHACL shapes plus SPARQL dataset checks → ValidationReport.

The shapes run on the union of ontology and data (the store's union graph), so
individuals declared in the ontology count. What the union cannot show (which
named graph holds a fact) is asked of the store itself by the ``.rq`` checks
under ``shapes/``; a check's file name ends in ``-violation``, ``-warning`` or
``-info`` and that decides the severity of its rows (as in the Ontology
Development Kit).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import logging
import os
import re
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from capgraph._progress import NO_PROGRESS, Progress
from capgraph.errors import InputError
from capgraph.namespaces import SH
from capgraph.project import Project
from capgraph.query._lex import mentions_service, refuse_service
from capgraph.store import default_workers, read_utf8
from capgraph.validation import _sparql_constraints as shacl_sparql
from capgraph.validation._checks import check_results, check_rule
from capgraph.validation._report import ValidationReport
from capgraph.validation._shacl import Engine, collect, shape_results, split, submit
from capgraph.validation._shapes import shape_rules
from capgraph.validation._target import Target, embedded, endpoint, labels, locate_results

if TYPE_CHECKING:
    import rdflib

    from capgraph.query import KnowledgeGraph


_log = logging.getLogger(__name__)


def validate(
    kg: KnowledgeGraph,
    *,
    shapes: Sequence[Path] | None = None,
    checks: Sequence[Path] | None = None,
    engine: Engine | str = Engine.COMPILED,
    progress: Progress = NO_PROGRESS,
    jobs: int | None = None,
) -> ValidationReport:
    """Validate ``kg`` with its project's shapes and checks (or the ones given).

    A project without a ``shapes/`` folder is checked with the bundled shapes
    (:attr:`Project.bundled`). ``engine`` picks what checks the core shapes:
    ``"compiled"`` (SPARQL in the store, pySHACL only for the shapes it cannot
    compile, named in :attr:`ValidationReport.fallbacks`) or ``"pyshacl"``.
    ``progress`` hears of each phase and each shape done (:mod:`capgraph._progress`).
    ``jobs`` queries run side by side (default: the CPUs, up to 4; see :func:`workers`).
    """
    return _validate(embedded(kg), shapes, checks, _engine(engine), progress, workers(jobs))


def validate_endpoint(
    endpoint_url: str,
    *,
    project_dir: str | os.PathLike[str] | None = None,
    shapes: Sequence[Path] | None = None,
    checks: Sequence[Path] | None = None,
    timeout: float = 30.0,
    progress: Progress = NO_PROGRESS,
    jobs: int | None = None,
) -> ValidationReport:
    """Validate the record held by a SPARQL 1.1 endpoint with the same compiled queries.

    The endpoint must answer over the union of its named graphs (Oxigraph:
    ``--union-default-graph``). The shapes and checks are those of
    ``project_dir`` (default: the bundled ones); with ``project_dir``, results
    also point at the file and line of its data files. A shape the compiler does
    not support is checked by pySHACL on a copy of the endpoint's triples. ``jobs``
    requests are sent side by side (default: as for :func:`validate`).
    """
    target = endpoint(endpoint_url, project_dir=project_dir, timeout=timeout)
    return _validate(target, shapes, checks, Engine.COMPILED, progress, workers(jobs))


def workers(jobs: int | None) -> int:
    """How many queries run side by side: ``jobs``, or the CPUs up to 4 (as many as the
    embedded store's confined threads, :func:`capgraph.store.default_workers`)."""
    if jobs is None:
        return default_workers()
    if jobs < 1:
        raise InputError(f"jobs must be at least 1, not {jobs}")
    return jobs


def _validate(
    target: Target,
    shapes: Sequence[Path] | None,
    checks: Sequence[Path] | None,
    engine: Engine,
    progress: Progress,
    jobs: int,
) -> ValidationReport:
    with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="capgraph-validate") as pool:
        shape_files, check_files = _rule_files(target.project, shapes, checks)
        if not target.allow_service:
            _refuse_service_in_selects(target.project, shape_files)
        _check_patterns(target.project, shape_files)
        key = tuple((p, p.stat().st_mtime_ns) for p in shape_files)
        phases: dict[str, float] = {}
        # the dataset checks are the longest queries: they start first, and the shapes' queries
        # fill the other workers
        checked = submit(pool, [functools.partial(check_results, target, p) for p in check_files])
        with _timed(phases, "shapes"):
            shapes_graph = _load_shapes(key)
            core_graph, set_constraints = _split_shapes(key)
        with _timed(phases, f"SHACL ({engine.value})"):
            run = shape_results(
                core_graph,
                set_constraints,
                target.store,
                data=target.data,
                engine=engine,
                select=target.select,
                project=target.project,
                shape_files=shape_files,
                progress=progress,
                pool=pool,
            )
            results = list(run.results)
        with _timed(phases, "dataset checks"):
            results += collect(checked, "checks", progress)
        with _timed(phases, "locations"):
            results = locate_results(target, results)
        progress.start("report", total=1)
        with _timed(phases, "labels"):
            found = labels(target.select, (r.focus for r in results))
            results = [dataclasses.replace(r, label=found.get(r.focus)) for r in results]
        _log.info(
            "validation: %s",
            ", ".join(f"{name} {seconds:.2f} s" for name, seconds in phases.items()),
            extra={"phases": phases},
        )
        for fallback in run.fallbacks:
            _log.warning("shape %s checked by pySHACL: %s", fallback.shape, fallback.reason)
        rules = shape_rules(shapes_graph) + tuple(check_rule(p) for p in check_files)
        report = ValidationReport.of(results, rules, run.fallbacks)
        progress.advance()
        return report


def _engine(engine: Engine | str) -> Engine:
    if isinstance(engine, Engine):
        return engine
    try:
        return Engine(engine)
    except ValueError:
        choices = ", ".join(e.value for e in Engine)
        raise InputError(
            f"unknown validation engine {engine!r}; expected one of {choices}"
        ) from None


@contextlib.contextmanager
def _timed(phases: dict[str, float], name: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        phases[name] = time.perf_counter() - start


def _refuse_service_in_selects(project: Project, shape_files: Sequence[Path]) -> None:
    import rdflib

    for path in shape_files:
        display = project.relative(path)
        if not mentions_service(read_utf8(path, display=display)):
            continue
        graph = rdflib.Graph().parse(path, format="turtle")
        for text in graph.objects(None, rdflib.URIRef(SH + "select")):
            refuse_service(str(text), file=display)


def _rule_files(
    project: Project, shapes: Sequence[Path] | None, checks: Sequence[Path] | None
) -> tuple[tuple[Path, ...], tuple[Path, ...]]:
    shape_files = tuple(project.shape_files if shapes is None else shapes)
    check_files = tuple(project.check_files if checks is None else checks)
    if not shape_files:
        raise InputError("no SHACL shape files (.ttl) to validate with", file=str(project.root))
    return shape_files, check_files


# --- SHACL ---------------------------------------------------------------------


@functools.lru_cache(maxsize=8)
def _load_shapes(files: tuple[tuple[Path, int], ...]) -> rdflib.Graph:
    """Parse the shape files into one graph (cached per file set and modification time)."""
    import rdflib

    graph = rdflib.Graph()
    for path, _mtime in files:
        text = read_utf8(path, display=str(path))
        try:
            graph.parse(data=text, format="turtle", publicID=path.as_uri())
        except Exception as error:  # rdflib raises several unrelated types
            raise InputError(f"cannot parse SHACL shapes: {error}", file=str(path)) from None
    _compact_selects(graph)
    return graph


@functools.lru_cache(maxsize=8)
def _split_shapes(
    files: tuple[tuple[Path, int], ...],
) -> tuple[rdflib.Graph, tuple[shacl_sparql.SetConstraint, ...]]:
    """The core shapes, and the SPARQL constraints run once each in the store."""
    return split(_load_shapes(files))


_SHORT_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'')


def _compact_selects(graph: rdflib.Graph) -> None:
    """Write each SHACL-SPARQL query on one line, where that cannot change its meaning.

    pySHACL checks every query text with line-anchored regular expressions, once
    per focus node; on a query of forty lines that check cost more than running
    it. A query with a comment, a long string, or a run of spaces inside a
    string is left as written.
    """
    import rdflib

    select = rdflib.URIRef(SH + "select")
    for subject, text in list(graph.subject_objects(select)):
        query = str(text)
        strings = _SHORT_STRING.findall(query)
        outside = _SHORT_STRING.sub(" ", query)
        if (
            "#" in outside.replace("#>", "")
            or '"""' in query
            or "'''" in query
            or any(re.search(r"\s\s|\t", string) for string in strings)
        ):
            continue
        graph.set((subject, select, rdflib.Literal(" ".join(query.split()))))


def _check_patterns(project: Project, shape_files: Sequence[Path]) -> None:
    """Refuse, in one line naming the file, an ``sh:pattern`` that is no regular expression."""
    import rdflib

    for path in shape_files:
        display = project.relative(path)
        if "pattern" not in read_utf8(path, display=display):
            continue
        graph = rdflib.Graph().parse(path, format="turtle")
        for pattern in graph.objects(None, rdflib.URIRef(SH + "pattern")):
            try:
                re.compile(str(pattern))
            except re.error as bad:
                raise InputError(
                    f"sh:pattern {str(pattern)!r} is not a valid regular expression: {bad}",
                    file=display,
                ) from None
