"""The shapes themselves: valid SHACL, severities and messages everywhere, targets that exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, SH, SKOS

from capgraph.project import Project, bundled_project_dir
from capgraph.validation import check_severity

SHAPES = bundled_project_dir() / "shapes"


@pytest.fixture(scope="module")
def shapes_graph() -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in sorted(SHAPES.glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in Project.discover(None).ontology_files:
        graph.parse(path, format="turtle")
    return graph


def _named_shapes(graph: rdflib.Graph) -> set[rdflib.URIRef]:
    shapes = set(graph.subjects(RDF.type, SH.NodeShape)) | set(
        graph.subjects(RDF.type, SH.PropertyShape)
    )
    return {s for s in shapes if isinstance(s, rdflib.URIRef)}


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_shapes_conform_to_shacl_shacl(shapes_graph: rdflib.Graph) -> None:
    import pyshacl

    shacl_shacl = Path(pyshacl.__file__).parent / "assets" / "shacl-shacl.ttl"
    conforms, _graph, text = pyshacl.validate(
        shapes_graph, shacl_graph=str(shacl_shacl), inference="none"
    )
    assert conforms, text


def test_every_target_class_exists_in_the_ontology(
    shapes_graph: rdflib.Graph, ontology: rdflib.Graph
) -> None:
    targets = set(shapes_graph.objects(None, SH.targetClass))
    assert targets
    missing = sorted(str(t) for t in targets if (t, RDF.type, OWL.Class) not in ontology)
    assert missing == []


def test_every_named_shape_has_an_explicit_severity(shapes_graph: rdflib.Graph) -> None:
    missing = sorted(
        str(s) for s in _named_shapes(shapes_graph) if shapes_graph.value(s, SH.severity) is None
    )
    assert missing == []


def test_every_reporting_shape_has_a_message(shapes_graph: rdflib.Graph) -> None:
    """Shapes with a target, and the property shapes they use, each say what is wrong."""
    reporting = {
        s
        for p in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
        for s in shapes_graph.subjects(p, None)
    } | set(shapes_graph.objects(None, SH.property))
    silent = []
    for shape in (s for s in reporting if isinstance(s, rdflib.URIRef)):
        constraints = list(shapes_graph.objects(shape, SH.sparql))
        has_message = shapes_graph.value(shape, SH.message) is not None
        if constraints:
            has_message = all(shapes_graph.value(c, SH.message) for c in constraints)
        core = any(
            p.startswith(str(SH)) and p not in (SH.severity, SH.message, SH.targetClass, SH.path)
            for _, p, _ in shapes_graph.triples((shape, None, None))
            if p not in (RDF.type, SH.property, SH.sparql)
        )
        if (constraints or core) and not has_message:
            silent.append(str(shape))
    assert sorted(silent) == []


def _exists_groups(text: str) -> list[str]:
    """The own text of each EXISTS group (its nested groups left out), comments removed."""
    body = "\n".join(line.split("#", 1)[0] for line in text.splitlines())
    groups = []
    for match in re.finditer(r"\bEXISTS\s*\{", body, re.I):
        depth, own = 1, []
        for char in body[match.end() :]:
            depth += {"{": 1, "}": -1}.get(char, 0)
            if depth == 0:
                break
            if depth == 1 and char not in "{}":
                own.append(char)
        groups.append("".join(own))
    return groups


#: a FILTER's keyword and its bracketed expression (two levels deep), or FILTER (NOT) EXISTS
_FILTER = re.compile(r"\bFILTER\s*(NOT\s+)?(EXISTS\b|\([^()]*(\([^()]*\)[^()]*)*\))", re.I)


def _pattern_terms(group: str) -> list[str]:
    """The terms of a group's triple patterns, its FILTERs left out."""
    return _FILTER.sub(" ", group).replace(" .", " ").split()


def test_exists_groups_hold_one_triple_pattern(shapes_graph: rdflib.Graph) -> None:
    """Each (NOT) EXISTS group is one triple pattern, further ones nested in its FILTER.

    Oxigraph 0.5 plans a join inside EXISTS without the outer bindings: such a correlated
    NOT EXISTS took 111 s where OPTIONAL + GROUP BY took 0.24 s, and one over a claim's
    pattern ran for minutes at 1M triples. One triple per group is looked up from the
    bound terms (the claim checks: 0.3 s).
    """
    texts = [str(t) for t in shapes_graph.objects(None, SH.select)]
    texts += [p.read_text(encoding="utf-8") for p in SHAPES.rglob("*.rq")]
    groups = [g for t in texts for g in _exists_groups(t)]
    assert groups
    for group in groups:
        terms = _pattern_terms(group)
        assert len(terms) == 3, group
        assert "/" not in group, group
        assert ";" not in group, group


def test_the_exists_rule_tells_a_join_from_one_pattern() -> None:
    one = "FILTER EXISTS { ?a <p> ?b FILTER EXISTS { ?b <q> ?c FILTER(?c != ?a) } }"
    joined = "FILTER NOT EXISTS { ?a <p> ?b . ?b <q> ?c }"
    assert [len(_pattern_terms(g)) for g in _exists_groups(one)] == [3, 3]
    assert [len(_pattern_terms(g)) for g in _exists_groups(joined)] == [6]


def test_check_files_name_their_severity() -> None:
    checks = sorted(SHAPES.rglob("*.rq"))
    assert checks
    for path in checks:
        check_severity(path)


def test_vocabulary_messages_list_the_scheme_members(
    shapes_graph: rdflib.Graph, ontology: rdflib.Graph
) -> None:
    """The valid choices a controlled-list message names are the scheme's concepts."""
    shapes = [s for s in _named_shapes(shapes_graph) if str(s).endswith("InScheme")]
    assert len(shapes) == 8
    for shape in shapes:
        concept_shape = shapes_graph.value(shape, SH.node)
        prop = shapes_graph.value(concept_shape, SH.property)
        scheme = shapes_graph.value(prop, SH.hasValue)
        members = {str(c).rsplit("#", 1)[-1] for c in ontology.subjects(SKOS.inScheme, scheme)}
        message = str(shapes_graph.value(shape, SH.message))
        listed = re.search(r"\(([^()]*)\)$", message)
        assert listed is not None, message
        assert set(listed.group(1).split(", ")) == members, shape
