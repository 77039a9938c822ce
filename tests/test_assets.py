"""Every knowledge file parses and is documented; the ontology, namespaces and shapes agree."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from psikg import namespaces, queries
from psikg.settings import DATA_DIR, ONTOLOGY_DIR, ONTOLOGY_FILE, QUERIES_DIR, SHAPES_DIR, VOCAB
from pyshacl import validate

TTL_FILES = sorted([*ONTOLOGY_DIR.rglob("*.ttl"), *SHAPES_DIR.glob("*.ttl"), *DATA_DIR.rglob("*.ttl")])
RQ_FILES = sorted(QUERIES_DIR.glob("*.rq"))


@pytest.mark.parametrize("path", TTL_FILES, ids=lambda p: p.name)
def test_turtle_parses(path: Path) -> None:
    assert len(rdflib.Graph().parse(path, format="turtle")) > 0


@pytest.mark.parametrize(
    "path", [*SHAPES_DIR.glob("*.ttl"), ONTOLOGY_FILE, *DATA_DIR.glob("reference/*.ttl")], ids=lambda p: p.name
)
def test_own_knowledge_files_open_with_a_header_comment(path: Path) -> None:
    assert path.read_text(encoding="utf-8").startswith("# ")


@pytest.mark.parametrize("path", RQ_FILES, ids=lambda p: p.name)
def test_query_parses_runs_and_has_header(path: Path) -> None:
    query = queries.parse_header(path)
    assert query.title and query.description
    store = pyoxigraph.Store()
    list(store.query(query.text))  # parses and runs on an empty store, all parameters unbound
    if query.params:
        bound = query.bind({p.name: "x" for p in query.params})
        list(store.query(bound))


def test_every_ontology_term_has_both_labels_and_comments() -> None:
    g = rdflib.Graph().parse(ONTOLOGY_FILE)
    missing = []
    for term in set(g.subjects()) - {rdflib.URIRef("https://w3id.org/psikg/ontology")}:
        if not str(term).startswith(VOCAB):
            continue
        langs = {lab.language for lab in g.objects(term, rdflib.RDFS.label)}
        comments = {c.language for c in g.objects(term, rdflib.RDFS.comment)}
        if langs != {"id", "en"} or comments != {"id", "en"}:
            missing.append(str(term))
    assert missing == []


def test_generated_namespace_is_in_sync_with_the_ontology() -> None:
    source = Path(namespaces.__file__).read_text(encoding="utf-8")
    assert namespaces.generated_block() in source, "run: python -m psikg.namespaces"


def test_closed_namespace_refuses_unknown_terms() -> None:
    with pytest.raises(AttributeError):
        namespaces.PSIKG.Inovation  # noqa: B018 - the typo is the point


def test_shapes_conform_to_shacl_for_shacl() -> None:
    shapes = rdflib.Graph()
    for path in SHAPES_DIR.glob("*.ttl"):
        shapes.parse(path)
    conforms, _, text = validate(shapes, shacl_graph=shapes, meta_shacl=True, inference="none")
    assert conforms, text


def test_every_ontology_class_is_targeted_by_a_shape() -> None:
    ont = rdflib.Graph().parse(ONTOLOGY_FILE)
    shapes = rdflib.Graph()
    for path in SHAPES_DIR.glob("*.ttl"):
        shapes.parse(path)
    targeted = set(shapes.objects(None, rdflib.SH.targetClass))
    untargeted = []
    for cls in ont.subjects(rdflib.RDF.type, rdflib.OWL.Class):
        ancestors = set(ont.transitive_objects(cls, rdflib.RDFS.subClassOf))
        if not ancestors & targeted:
            untargeted.append(str(cls))
    assert untargeted == []


def test_every_import_resolves_through_the_catalog_to_a_local_copy() -> None:
    """owl:imports never need the network: each maps to a file in ontology/imports/ that
    parses and declares (or is the namespace of) the imported vocabulary."""
    import xml.etree.ElementTree as ET

    ns = {"c": "urn:oasis:names:tc:entity:xmlns:xml:catalog"}
    catalog = ET.parse(ONTOLOGY_DIR / "catalog-v001.xml").getroot()
    mapped = {u.get("name"): ONTOLOGY_DIR / str(u.get("uri")) for u in catalog.findall("c:uri", ns)}
    ontology = rdflib.Graph().parse(ONTOLOGY_FILE)
    imports = {str(o) for o in ontology.objects(None, rdflib.OWL.imports)}
    assert imports and imports <= set(mapped), sorted(imports - set(mapped))
    for iri in imports:
        g = rdflib.Graph().parse(mapped[iri], format="xml" if mapped[iri].suffix == ".rdf" else "turtle")
        subjects = {str(s) for s in g.subjects()}
        assert {iri, iri.rstrip("#/"), iri.rstrip("#") + "#"} & subjects or any(s.startswith(iri) for s in subjects), (
            f"{mapped[iri].name} does not describe {iri}"
        )
