"""Every SHACL node shape has fixtures it accepts and fixtures it rejects, for the reason stated.

Fixtures live in ``tests/data/shapes/<ShapeLocalName>/``: ``valid-*.ttl`` must validate with no
result at all (not even a warning); ``invalid-*.ttl`` must be rejected by that shape or one of
its property shapes, and by nothing else, so each fixture shows exactly one problem. An invalid
fixture may state what it expects in header lines::

    # expect: sh:Violation psikg:editionYear sh:MaxCountConstraintComponent
    # expect: sh:Warning sh:SPARQLConstraintComponent

severity first, then optionally the result path and the constraint component (prefixed names
of the fixture's own prefixes). Each line must match a result, and every result must match a
line. Validation follows :func:`psikg.validate.validate_store`: the data graph is the fixture
plus the ontology (so ``sh:targetClass`` reaches subclasses through ``rdfs:subClassOf``), pyshacl
without inference.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import rdflib
from psikg.settings import ONTOLOGY_FILE
from psikg.validate import shapes_graph
from pyshacl import validate
from rdflib.namespace import RDF, RDFS, SH

FIXTURES = Path(__file__).parent / "data" / "shapes"
SHAPE_NS = "https://w3id.org/psikg/shapes#"
FIXTURE_FILES = sorted(FIXTURES.glob("*/*.ttl"))
VALID = [p for p in FIXTURE_FILES if p.name.startswith("valid-")]
INVALID = [p for p in FIXTURE_FILES if p.name.startswith("invalid-")]

#: Fixtures that state what the shapes mean but fail because of a bug in the shapes; strict, so
#: fixing the shape makes the test pass and asks for the entry to be removed. (Empty: the two
#: warnings whose sh:severity sat on the sh:SPARQLConstraint node were moved into shapes.)
KNOWN_SHAPE_BUGS: dict[str, str] = {}


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def _params(paths: list[Path]) -> list[Any]:
    return [
        pytest.param(p, id=_id(p), marks=pytest.mark.xfail(reason=KNOWN_SHAPE_BUGS[_id(p)], strict=True))
        if _id(p) in KNOWN_SHAPE_BUGS
        else pytest.param(p, id=_id(p))
        for p in paths
    ]


@cache
def _shapes() -> rdflib.Graph:
    return shapes_graph()


@cache
def _ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY_FILE, format="turtle")


def _node_shapes() -> dict[str, rdflib.URIRef]:
    """Local name -> IRI of every named sh:NodeShape of shapes/*.ttl."""
    shapes = _shapes()
    return {
        str(s)[len(SHAPE_NS) :]: s
        for s in shapes.subjects(RDF.type, SH.NodeShape)
        if isinstance(s, rdflib.URIRef) and str(s).startswith(SHAPE_NS)
    }


@dataclass(frozen=True)
class Result:
    severity: rdflib.term.Node | None
    path: rdflib.term.Node | None
    component: rdflib.term.Node | None
    source_shape: rdflib.term.Node | None
    focus: rdflib.term.Node | None
    message: str

    def __str__(self) -> str:
        return f"{self.severity} {self.path} {self.component} on {self.focus}: {self.message}"


@dataclass(frozen=True)
class Expectation:
    severity: rdflib.URIRef
    path: rdflib.URIRef | None
    component: rdflib.URIRef | None
    line: str

    def matches(self, result: Result) -> bool:
        return (
            result.severity == self.severity
            and (self.path is None or result.path == self.path)
            and (self.component is None or result.component == self.component)
        )


def _data_graph(path: Path) -> rdflib.Graph:
    data = rdflib.Graph()
    for triple in _ontology():
        data.add(triple)
    data.parse(path, format="turtle")
    return data


def _results(data: rdflib.Graph) -> list[Result]:
    _, report, _ = validate(
        data, shacl_graph=_shapes(), inference="none", advanced=True, allow_warnings=True, allow_infos=True
    )
    assert isinstance(report, rdflib.Graph)
    return [
        Result(
            severity=report.value(r, SH.resultSeverity),
            path=report.value(r, SH.resultPath),
            component=report.value(r, SH.sourceConstraintComponent),
            source_shape=report.value(r, SH.sourceShape),
            focus=report.value(r, SH.focusNode),
            message=str(report.value(r, SH.resultMessage) or ""),
        )
        for r in report.subjects(RDF.type, SH.ValidationResult)
    ]


def _expectations(path: Path, data: rdflib.Graph) -> list[Expectation]:
    """The ``# expect:`` lines of the fixture's leading comment block."""
    expectations = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        text = line.lstrip("# ")
        if not text.startswith("expect:"):
            continue
        severity, *rest = text[len("expect:") :].split()
        terms = [data.namespace_manager.expand_curie(t) for t in [severity, *rest]]
        components = [t for t in terms[1:] if str(t).startswith(str(SH)) and str(t).endswith("ConstraintComponent")]
        paths = [t for t in terms[1:] if t not in components]
        assert terms[0] in (SH.Violation, SH.Warning, SH.Info), f"{path.name}: unknown severity in {line!r}"
        assert len(paths) <= 1 and len(components) <= 1, f"{path.name}: cannot read {line!r}"
        expectations.append(
            Expectation(terms[0], paths[0] if paths else None, components[0] if components else None, line)
        )
    return expectations


def _shape_of(path: Path) -> rdflib.URIRef:
    shapes = _node_shapes()
    assert path.parent.name in shapes, f"{path.parent.name} is not a sh:NodeShape of shapes/*.ttl"
    return shapes[path.parent.name]


def _own_shapes(shape: rdflib.URIRef) -> set[rdflib.term.Node]:
    """The node shape and the property shapes attached to it."""
    return {shape, *_shapes().objects(shape, SH.property)}


def _focus_nodes(shape: rdflib.URIRef, data: rdflib.Graph) -> set[rdflib.term.Node]:
    """Nodes the shape targets in ``data`` (sh:targetClass through rdfs:subClassOf, sh:targetNode)."""
    shapes = _shapes()
    nodes: set[rdflib.term.Node] = set(shapes.objects(shape, SH.targetNode))
    for cls in shapes.objects(shape, SH.targetClass):
        for sub in data.transitive_subjects(RDFS.subClassOf, cls):
            nodes.update(data.subjects(RDF.type, sub))
    return nodes


def test_fixture_folders_exist() -> None:
    assert len(VALID) >= len(_node_shapes()) and INVALID


@pytest.mark.parametrize("name", sorted(_node_shapes()))
def test_every_node_shape_has_valid_and_invalid_fixtures(name: str) -> None:
    folder = FIXTURES / name
    assert sorted(folder.glob("valid-*.ttl")), f"add {folder}/valid-<what>.ttl"
    assert sorted(folder.glob("invalid-*.ttl")), f"add {folder}/invalid-<what-is-wrong>.ttl"


def test_every_fixture_folder_names_a_node_shape() -> None:
    folders = {p.name for p in FIXTURES.iterdir() if p.is_dir()}
    assert folders - set(_node_shapes()) == set()


def test_known_shape_bugs_name_existing_fixtures() -> None:
    assert set(KNOWN_SHAPE_BUGS) - {_id(p) for p in FIXTURE_FILES} == set()


def test_every_fixture_is_named_valid_or_invalid() -> None:
    assert [p for p in FIXTURE_FILES if p not in VALID and p not in INVALID] == []


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=_id)
def test_fixture_opens_with_a_header_comment(path: Path) -> None:
    assert path.read_text(encoding="utf-8").startswith("# "), "say in a # comment what the fixture shows"


@pytest.mark.parametrize("path", _params(VALID))
def test_valid_fixture_has_no_result(path: Path) -> None:
    shape = _shape_of(path)
    data = _data_graph(path)
    assert _focus_nodes(shape, data), f"no node of {path.name} is targeted by {shape}: the fixture proves nothing"
    assert _expectations(path, data) == [], "a valid fixture expects no result"
    results = _results(data)
    assert results == [], "\n".join(map(str, results))


@pytest.mark.parametrize("path", _params(INVALID))
def test_invalid_fixture_is_rejected_by_its_shape(path: Path) -> None:
    shape = _shape_of(path)
    data = _data_graph(path)
    results = _results(data)
    assert results, f"{shape} accepts {path.name}"
    foreign = [r for r in results if r.source_shape not in _own_shapes(shape)]
    assert foreign == [], "results from other shapes (the fixture breaks more than one thing):\n" + "\n".join(
        map(str, foreign)
    )
    expectations = _expectations(path, data)
    for expectation in expectations:
        assert any(expectation.matches(r) for r in results), (
            f"no result matches {expectation.line!r}; got:\n" + "\n".join(map(str, results))
        )
    if expectations:
        unexpected = [r for r in results if not any(e.matches(r) for e in expectations)]
        assert unexpected == [], "results the header does not expect:\n" + "\n".join(map(str, unexpected))
