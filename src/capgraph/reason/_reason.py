"""OWL 2 consistency of ontology + data, checked by HermiT through owlready2.

This is the only module that imports owlready2. The union of ontology and data is
written as N-Triples, loaded into a fresh owlready2 ``World`` (never the default
world; ``owl:imports`` are dropped first, so nothing is fetched) and saved again
as the N-Triples that HermiT reads, exactly as ``owlready2.sync_reasoner_hermit``
does. HermiT is then run through owlready2's bundled jar with a timeout and only
the consistency test (``-k``); see docs/decisions.md, "Reasoning", for why it is
not called through ``sync_reasoner_hermit`` itself.

HermiT sees only what OWL 2 DL can say. Two things escape it, and the result
lists both rather than hiding them:

* values whose datatype is outside the OWL 2 datatype map (``xsd:date``,
  ``xsd:gYear``, ``xsd:gYearMonth``): HermiT runs with
  ``--ignoreUnsupportedDatatypes`` and treats those assertions as absent;
* properties and classes the ontology does not declare, or uses both ways:
  the OWL API parser guesses, and a functional property it took for an
  annotation is silently not reasoned about.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from capgraph.errors import ReasonerError
from capgraph.namespaces import OWL, RDF, RDFS, XSD, shorten
from capgraph.reason._coverage import (
    DatatypeGap,
    VocabularyGap,
    datatype_gaps,
    vocabulary_gaps,
)

if TYPE_CHECKING:
    import rdflib

    from capgraph.query import KnowledgeGraph
    from capgraph.store import Location

__all__ = [
    "DEFAULT_TIMEOUT",
    "NO_JAVA_MESSAGE",
    "ConsistencyResult",
    "DatatypeGap",
    "VocabularyGap",
    "check_consistency",
    "check_graph_consistency",
    "find_java",
]

NO_JAVA_MESSAGE = "no Java runtime found: install a JRE (e.g. apt-get install default-jre-headless)"

#: Seconds HermiT (and then the explanation) may take before the check gives up.
DEFAULT_TIMEOUT = 300.0

_HERMIT_MAIN = "org.semanticweb.HermiT.cli.CommandLine"
_PELLET_MAIN = "pellet.Pellet"
#: owlready2's own annotations; ``python_module`` makes owlready2 import Python code.
_OWLREADY_NS = "http://www.lesfleursdunormal.fr/static/_downloads/owlready_ontology.owl#"
_INPUT_BASE = "urn:capgraph:reasoning-input#"


@dataclass(frozen=True)
class ConsistencyResult:
    """The verdict of one HermiT run over ontology + data."""

    consistent: bool
    #: Reasoner and version, e.g. ``"HermiT 1.3.8.1099 (owlready2 0.51)"``.
    reasoner: str
    #: Why the record is inconsistent (a justification, when one could be found).
    explanation: str | None
    #: Wall time of the whole check: serialising, loading and reasoning.
    seconds: float
    #: Named classes (``owl:Class``) passed to the reasoner.
    classes: int
    #: Resources typed with a class that is not OWL/RDF(S) vocabulary.
    individuals: int
    #: Triples passed to the reasoner (OWL in its RDF mapping; not an OWL axiom count).
    triples: int
    #: Values HermiT ignores because their datatype is outside the OWL 2 datatype map.
    ignored_values: tuple[DatatypeGap, ...] = ()
    #: Terms HermiT may not see as the ontology means them (undeclared, or used both ways).
    vocabulary_gaps: tuple[VocabularyGap, ...] = ()
    #: Ontologies named by ``owl:imports``: never fetched, so their axioms are not reasoned with.
    skipped_imports: tuple[str, ...] = ()

    def summary(self) -> str:
        """One line: the verdict, the size of the input, the reasoner and the time."""
        size = ", ".join(
            f"{n} {word if n == 1 else plural}"
            for n, word, plural in (
                (self.triples, "triple", "triples"),
                (self.classes, "class", "classes"),
                (self.individuals, "individual", "individuals"),
            )
        )
        timing = f"{self.reasoner}, {self.seconds:.1f} s"
        if self.consistent:
            return f"consistent: ontology + data ({size}; {timing})"
        return f"INCONSISTENT: ontology + data ({size}; {timing})"


def find_java(java: str | os.PathLike[str] | None = None) -> str:
    """The Java executable to run HermiT with.

    ``java`` if given; else ``owlready2.JAVA_EXE`` (``"java"`` unless a program
    set it) looked up on ``PATH``; else ``$JAVA_HOME/bin/java``.
    Raises ReasonerError when none of them is an executable.
    """
    if java is not None:
        found = shutil.which(os.fspath(java))
        if found is None:
            raise ReasonerError(f"{os.fspath(java)}: not an executable Java runtime")
        return found
    import owlready2

    candidates = [str(owlready2.JAVA_EXE)]
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        candidates.append(os.path.join(java_home, "bin", "java"))
    for candidate in candidates:
        found = shutil.which(candidate)
        if found is not None:
            return found
    raise ReasonerError(NO_JAVA_MESSAGE)


def check_consistency(
    kg: KnowledgeGraph,
    *,
    java: str | os.PathLike[str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    explain: bool = True,
) -> ConsistencyResult:
    """Is the union of ontology and data consistent? HermiT decides.

    ``explain``: when it is not, ask Pellet (also bundled with owlready2) for
    one justification. Raises ReasonerError when there is no Java runtime, the
    reasoner fails, or it runs longer than ``timeout`` seconds.
    """
    return check_graph_consistency(
        kg.union_graph(), java=java, timeout=timeout, explain=explain, locate=kg.locate
    )


def check_graph_consistency(
    graph: rdflib.Graph,
    *,
    java: str | os.PathLike[str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    explain: bool = True,
    locate: Callable[[str], Location | None] | None = None,
) -> ConsistencyResult:
    """:func:`check_consistency` for an rdflib Graph holding ontology and data.

    ``locate`` maps an IRI to the file and line that describe it; the
    explanation then says where each individual it names is written.
    """
    import rdflib

    started = time.monotonic()
    java_exe = find_java(java)
    deadline = started + timeout
    passed = _reasoner_input(graph)
    with tempfile.TemporaryDirectory(prefix="capgraph-reason-") as tmp:
        union = Path(tmp) / "union.nt"
        union.write_bytes(passed.serialize(format="nt", encoding="utf-8"))
        owl_input = Path(tmp) / "owlready2.nt"
        _roundtrip_through_owlready2(union, owl_input)
        consistent, message = _run_hermit(java_exe, owl_input, deadline=deadline, timeout=timeout)
        explanation = None
        if not consistent:
            explanation = message
            if explain:
                justification = _explain_with_pellet(java_exe, owl_input, deadline=deadline)
                if justification:
                    explanation = justification + _legend(justification, passed, locate)
    return ConsistencyResult(
        consistent=consistent,
        reasoner=_reasoner_name(),
        explanation=explanation,
        seconds=time.monotonic() - started,
        classes=_count_classes(passed),
        individuals=_count_individuals(passed),
        triples=len(passed),
        ignored_values=datatype_gaps(passed),
        vocabulary_gaps=vocabulary_gaps(passed),
        skipped_imports=tuple(
            sorted({str(o) for o in graph.objects(None, rdflib.URIRef(OWL + "imports"))})
        ),
    )


def _reasoner_input(graph: rdflib.Graph) -> rdflib.Graph:
    """A copy of ``graph`` without what must not reach owlready2.

    ``owl:imports`` would make owlready2 fetch the imported ontology over the
    network; owlready2's own ``python_module`` annotation would make it import
    Python code.
    """
    import rdflib

    imports = rdflib.URIRef(OWL + "imports")
    passed = rdflib.Graph()
    passed.addN(
        (s, p, o, passed)
        for s, p, o in graph
        if p != imports and not str(p).startswith(_OWLREADY_NS)
    )
    return passed


def _roundtrip_through_owlready2(source: Path, target: Path) -> None:
    """Load N-Triples into a fresh owlready2 World and save what it holds as N-Triples."""
    import owlready2

    world = owlready2.World()  # its own in-memory quadstore, never owlready2.default_world
    try:
        with source.open("rb") as stream:
            try:
                world.get_ontology(_INPUT_BASE).load(fileobj=stream, format="ntriples")
            except owlready2.OwlReadyError as error:
                raise ReasonerError(f"owlready2 could not load ontology + data: {error}") from None
        world.save(str(target), format="ntriples")
    finally:
        world.close()


def _owlready2_dir() -> Path:
    import owlready2

    return Path(owlready2.__file__).parent


def _hermit_classpath() -> str:
    # The same class path owlready2.reasoning builds: its patched classes first, then the jar.
    hermit = _owlready2_dir() / "hermit"
    return os.pathsep.join([str(hermit), str(hermit / "HermiT.jar")])


def _pellet_classpath() -> str:
    pellet = _owlready2_dir() / "pellet"
    return os.pathsep.join(str(jar) for jar in sorted(pellet.glob("*.jar")))


def _java_memory() -> str:
    from owlready2 import reasoning

    return f"-Xmx{int(reasoning.JAVA_MEMORY)}M"


def _run_hermit(java: str, path: Path, *, deadline: float, timeout: float) -> tuple[bool, str]:
    """Run HermiT's consistency test; (consistent, HermiT's message)."""
    command = [
        java,
        _java_memory(),
        "-cp",
        _hermit_classpath(),
        _HERMIT_MAIN,
        "-k",  # only: is owl:Thing satisfiable, i.e. is the ontology consistent
        "--ignoreUnsupportedDatatypes",
        path.as_uri(),
    ]
    remaining = max(deadline - time.monotonic(), 1.0)
    try:
        done = subprocess.run(command, capture_output=True, timeout=remaining, check=False)
    except subprocess.TimeoutExpired:
        raise ReasonerError(f"HermiT did not finish within {timeout:g} s") from None
    except OSError as error:
        raise ReasonerError(f"{java}: cannot run Java: {error.strerror}") from None
    out = done.stdout.decode("utf-8", "replace")
    err = done.stderr.decode("utf-8", "replace")
    if "InconsistentOntologyException" in err:
        return False, _exception_message(err) or "Inconsistent ontology"
    if done.returncode == 0 and "is satisfiable" in out:
        return True, out.strip()
    detail = _exception_message(err) or err.strip() or out.strip() or "no output"
    raise ReasonerError(f"HermiT failed (exit code {done.returncode}): {detail}")


def _exception_message(stderr: str) -> str | None:
    """The message of the first Java exception in ``stderr`` (its ``Exception: text`` line)."""
    for line in stderr.splitlines():
        head, sep, message = line.partition(": ")
        if sep and ("Exception" in head or "Error" in head) and not line.startswith("\t"):
            return f"{head.rsplit('.', 1)[-1]}: {message.strip()}"
    return None


def _explain_with_pellet(java: str, path: Path, *, deadline: float) -> str | None:
    """Pellet's justification of the inconsistency, or None if it cannot give one in time."""
    remaining = deadline - time.monotonic()
    if remaining < 1.0:
        return None
    command = [java, _java_memory(), "-cp", _pellet_classpath(), _PELLET_MAIN, "explain",
               "--ignore-imports", str(path)]  # fmt: skip
    try:
        done = subprocess.run(command, capture_output=True, timeout=remaining, check=False)
    except (subprocess.TimeoutExpired, OSError):
        return None
    out = done.stdout.decode("utf-8", "replace")
    _, found, rest = out.partition("Explanation(s):")
    if done.returncode != 0 or not found or not rest.strip():
        return None
    lines = [line.rstrip() for line in rest.strip().splitlines() if line.strip()]
    return "Pellet's justification:\n" + "\n".join(lines)


def _legend(
    explanation: str, graph: rdflib.Graph, locate: Callable[[str], Location | None] | None
) -> str:
    """Pellet writes local names ("137 heldBy council"); say which IRIs they stand for.

    Records get the file and line that describe them; ontology terms only their name.
    """
    import rdflib

    unnumbered = re.sub(r"^\s*\d+\)", "", explanation, flags=re.MULTILINE)
    words = set(re.findall(r"[^\s(),]+", unnumbered))
    names: dict[str, set[str]] = {}
    for triple in graph:
        for term in triple:
            if isinstance(term, rdflib.URIRef):
                iri = str(term)
                local = iri.rsplit("#", 1)[-1] if "#" in iri else iri.rsplit("/", 1)[-1]
                if local in words and not iri.startswith((OWL, RDF, RDFS, XSD)):
                    names.setdefault(local, set()).add(iri)
    if not names:
        return ""
    declared = {
        str(s)
        for kind in ("Class", "ObjectProperty", "DatatypeProperty", "AnnotationProperty")
        for s in graph.subjects(rdflib.RDF.type, rdflib.URIRef(OWL + kind))
    }
    lines = []
    for local, iris in sorted(names.items()):
        described = []
        for iri in sorted(iris):
            where = locate(iri) if locate is not None and iri not in declared else None
            described.append(shorten(iri) if where is None else f"{shorten(iri)} ({where})")
        lines.append(f"  {local} = {' or '.join(described)}")
    return "\nwhere:\n" + "\n".join(lines)


def _count_classes(graph: rdflib.Graph) -> int:
    import rdflib

    owl_class = rdflib.URIRef(OWL + "Class")
    return sum(
        1 for s in set(graph.subjects(rdflib.RDF.type, owl_class)) if isinstance(s, rdflib.URIRef)
    )


def _count_individuals(graph: rdflib.Graph) -> int:
    import rdflib

    individuals = set()
    for s, o in graph.subject_objects(rdflib.RDF.type):
        if str(o) == OWL + "NamedIndividual" or not str(o).startswith((OWL, RDF, RDFS)):
            individuals.add(s)
    return len(individuals)


def _reasoner_name() -> str:
    import owlready2

    version = ""
    try:
        with zipfile.ZipFile(_owlready2_dir() / "hermit" / "HermiT.jar") as jar:
            manifest = jar.read("META-INF/MANIFEST.MF").decode("utf-8", "replace")
        for line in manifest.splitlines():
            if line.startswith("Implementation-Version:"):
                version = " " + line.split(":", 1)[1].strip()
    except (OSError, KeyError, zipfile.BadZipFile):
        pass
    return f"HermiT{version} (owlready2 {owlready2.VERSION})"
