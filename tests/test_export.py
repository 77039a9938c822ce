"""Exports (psikg.export) and releases (psikg.release): round trips, determinism, graphs, release files.

The expected content is taken from Oxigraph's own N-Quads dump of the store, not from psikg's
writers, so a writer that drops, adds or changes a statement fails the round-trip tests.
"""

from __future__ import annotations

import hashlib
import io
import json
import random
import warnings
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from psikg.cli import cli
from psikg.errors import UsageError
from psikg.export import (
    CONTEXT_FILE,
    CONTEXT_IRI,
    FORMATS,
    ExportError,
    export_file,
    export_stream,
    export_text,
    prefixes,
)
from psikg.release import CHECKSUMS, DUMPS, release
from psikg.store import GraphStore
from rdflib.compare import isomorphic

GRAPH_FORMATS = [f for f in FORMATS if FORMATS[f].keeps_graphs]
UNION_FORMATS = [f for f in FORMATS if not FORMATS[f].keeps_graphs]
RDFLIB_FORMAT = {"nq": "nquads", "trig": "trig", "jsonld": "json-ld", "nt": "nt", "ttl": "turtle", "rdfxml": "xml"}
SDG_GRAPH = "https://w3id.org/psikg/id/graph/reference/sdg"
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
SPDX = rdflib.Namespace("http://spdx.org/rdf/terms#")


def export_bytes(store: GraphStore, fmt: str, graphs: list[str] | None = None, chunk_size: int = 500_000) -> bytes:
    out = io.BytesIO()
    export_stream(store, out, fmt, graphs, chunk_size=chunk_size)
    return out.getvalue()


def by_graph(dataset: rdflib.Dataset) -> dict[str, rdflib.Graph]:
    """Each non-empty graph of ``dataset`` by name ("" for the default graph)."""
    graphs: dict[str, rdflib.Graph] = {}
    for s, p, o, g in dataset.quads((None, None, None, None)):
        name = g.identifier if isinstance(g, rdflib.Graph) else g
        key = "" if name is None or name == rdflib.graph.DATASET_DEFAULT_GRAPH_ID else str(name)
        graphs.setdefault(key, rdflib.Graph()).add((s, p, o))
    return graphs


def parse_dataset(data: bytes, fmt: str) -> dict[str, rdflib.Graph]:
    dataset = rdflib.Dataset()
    with warnings.catch_warnings():
        # rdflib 7.6's own parsers call its deprecated ConjunctiveGraph and Dataset.default_context
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"rdflib\.")
        dataset.parse(data=data, format=RDFLIB_FORMAT[fmt])
    return by_graph(dataset)


def parse_graph(data: bytes, fmt: str) -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(data=data, format=RDFLIB_FORMAT[fmt])
    return graph


def oxigraph_dump(store: GraphStore) -> bytes:
    out = io.BytesIO()
    store.dump(out, ox.RdfFormat.N_QUADS)
    return out.getvalue()


@pytest.fixture(scope="module")
def expected(store: GraphStore) -> dict[str, rdflib.Graph]:
    return parse_dataset(oxigraph_dump(store), "nq")


@pytest.fixture(scope="module")
def expected_union(expected: dict[str, rdflib.Graph]) -> rdflib.Graph:
    union = rdflib.Graph()
    for graph in expected.values():
        for triple in graph:
            union.add(triple)
    return union


def tricky_store() -> GraphStore:
    """A small store with what writers get wrong: blank nodes, escapes, CR, language and datatypes."""
    store = GraphStore.memory()
    g1, g2 = ox.NamedNode("https://w3id.org/psikg/id/graph/a"), ox.NamedNode("http://example.org/graph/b")
    s, b = ox.NamedNode("https://w3id.org/psikg/id/thing/1"), ox.BlankNode()
    p = ox.NamedNode("https://w3id.org/psikg/ontology#note")
    odd = ox.NamedNode("http://example.org/vocab/with-dash_and.dot")
    quads = [
        ox.Quad(s, p, ox.Literal('tab\there "quote" back\\slash\nnewline\r\ncr é ☃'), g1),
        ox.Quad(s, p, ox.Literal("halo", language="id"), g1),
        ox.Quad(s, p, ox.Literal("3.50", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")), g1),
        ox.Quad(s, odd, b, g1),
        ox.Quad(b, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ox.NamedNode("http://x.org/C"), g1),
        ox.Quad(s, p, ox.Literal("in two graphs"), g2),
        ox.Quad(s, p, ox.Literal("in two graphs"), g1),
        ox.Quad(ox.NamedNode("http://example.org/default"), p, ox.Literal("default graph"), ox.DefaultGraph()),
    ]
    store.add_all(quads)
    return store


# --- round trips -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_graph_formats_keep_every_named_graph(store: GraphStore, expected: dict[str, rdflib.Graph], fmt: str) -> None:
    actual = parse_dataset(export_bytes(store, fmt), fmt)
    assert sorted(actual) == sorted(g.value for g in store.graphs())
    for name, graph in expected.items():
        assert isomorphic(actual[name], graph), f"{fmt}: graph {name} differs"


@pytest.mark.parametrize("fmt", UNION_FORMATS)
def test_single_graph_formats_hold_the_union(store: GraphStore, expected_union: rdflib.Graph, fmt: str) -> None:
    actual = parse_graph(export_bytes(store, fmt), fmt)
    assert len(actual) == len(expected_union)
    assert isomorphic(actual, expected_union)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_tricky_terms_round_trip(fmt: str) -> None:
    store = tricky_store()
    expected = parse_dataset(oxigraph_dump(store), "nq")
    data = export_bytes(store, fmt)
    if FORMATS[fmt].keeps_graphs:
        actual = parse_dataset(data, fmt)
        assert sorted(actual) == sorted(expected)
        for name, graph in expected.items():
            assert isomorphic(actual[name], graph), f"{fmt}: graph {name!r} differs"
    else:
        union = rdflib.Graph()
        for graph in expected.values():
            for triple in graph:
                union.add(triple)
        assert isomorphic(parse_graph(data, fmt), union)


def test_rdfxml_refuses_control_characters() -> None:
    store = GraphStore.memory()
    store.add_all([ox.Quad(ox.NamedNode("http://a.org/s"), ox.NamedNode("http://a.org/p"), ox.Literal("bell\x07"))])
    with pytest.raises(ExportError, match="control character"):
        export_bytes(store, "rdfxml")
    assert "\\u0007" in export_text(store, "nt")


# --- determinism -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_exports_are_byte_identical(store: GraphStore, fmt: str) -> None:
    assert export_bytes(store, fmt) == export_bytes(store, fmt)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_order_does_not_depend_on_how_the_store_was_filled(store: GraphStore, fmt: str) -> None:
    quads = list(store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(SDG_GRAPH)))
    random.Random(7).shuffle(quads)
    other = GraphStore.memory()
    for quad in quads:  # one at a time, in a shuffled order
        other.oxigraph.add(quad)
    assert export_bytes(other, fmt) == export_bytes(store, fmt, [SDG_GRAPH])


def test_nquads_lines_are_sorted_and_unique(store: GraphStore) -> None:
    lines = export_bytes(store, "nt").decode("utf-8").splitlines()
    assert lines == sorted(set(lines))


def test_external_sort_gives_the_same_bytes(store: GraphStore) -> None:
    small_runs = export_bytes(store, "trig", chunk_size=997)
    assert small_runs == export_bytes(store, "trig")


# --- choosing graphs ---------------------------------------------------------------------------


def test_graph_option_selects_one_graph(store: GraphStore, expected: dict[str, rdflib.Graph]) -> None:
    lines = export_bytes(store, "nq", [SDG_GRAPH]).decode("utf-8").splitlines()
    assert lines and all(line.endswith(f"<{SDG_GRAPH}> .") for line in lines)
    assert len(lines) == len(expected[SDG_GRAPH])
    actual = parse_dataset(export_bytes(store, "trig", [SDG_GRAPH]), "trig")
    assert list(actual) == [SDG_GRAPH]
    assert isomorphic(actual[SDG_GRAPH], expected[SDG_GRAPH])


def test_unknown_graph_is_a_usage_error(store: GraphStore) -> None:
    with pytest.raises(UsageError, match="no named graph"):
        export_bytes(store, "nq", ["https://w3id.org/psikg/id/graph/nope"])


# --- JSON-LD context ---------------------------------------------------------------------------


def test_context_file_has_the_published_prefixes() -> None:
    context = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
    for name in ("psikg", "rdfs", "skos", "org", "prov", "dcterms", "schema", "time", "xsd", "sdg"):
        assert name in context
    assert prefixes()["sdg"] == "http://metadata.un.org/sdg/"


def test_jsonld_embeds_or_references_the_context(store: GraphStore) -> None:
    embedded = json.loads(export_bytes(store, "jsonld", [SDG_GRAPH]))
    assert embedded["@context"]["psikg"] == "https://w3id.org/psikg/ontology#"
    assert [g["@id"] for g in embedded["@graph"]] == ["id:graph/reference/sdg"]
    out = io.BytesIO()
    export_stream(store, out, "jsonld", [SDG_GRAPH], context="reference")
    assert json.loads(out.getvalue())["@context"] == CONTEXT_IRI


def test_export_file_is_written_whole(store: GraphStore, tmp_path: Path) -> None:
    target = tmp_path / "sdg.nq"
    n = export_file(store, target, "nq", [SDG_GRAPH])
    assert n == len(target.read_text(encoding="utf-8").splitlines())
    assert [p.name for p in tmp_path.iterdir()] == ["sdg.nq"]


# --- releases ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def released(store: GraphStore, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("release") / "psikg-0.1.0"
    release(store, target)
    return target


def test_release_has_every_file(released: Path) -> None:
    names = {p.name for p in released.iterdir()}
    reports = {"validation.txt", "validation.json", "coverage.txt", "coverage.json"}
    assert names == {*DUMPS, "void.ttl", *reports, CHECKSUMS}
    assert [p.name for p in released.parent.iterdir()] == [released.name]  # no temporary folder left


def test_release_checksums_verify(released: Path) -> None:
    lines = (released / CHECKSUMS).read_text(encoding="utf-8").splitlines()
    listed = {}
    for line in lines:
        digest, name = line.split("  ", 1)  # sha256sum's text-mode format
        listed[name] = digest
    assert set(listed) == {p.name for p in released.iterdir()} - {CHECKSUMS}
    for name, digest in listed.items():
        assert hashlib.sha256((released / name).read_bytes()).hexdigest() == digest, name


def test_release_dumps_hold_the_store(released: Path, store: GraphStore) -> None:
    assert (released / "psikg.nq").read_bytes() == export_bytes(store, "nq")


def test_void_describes_the_store(released: Path, store: GraphStore) -> None:
    void = rdflib.Graph()
    void.parse(released / "void.ttl", format="turtle")
    dataset = void.value(predicate=rdflib.RDF.type, object=DCAT.Dataset)
    assert (dataset, rdflib.RDF.type, VOID.Dataset) in void
    assert int(void.value(dataset, VOID.triples)) == len(store)
    subsets = list(void.objects(dataset, VOID.subset))
    assert len(subsets) == len(store.graphs())
    assert sum(int(void.value(s, VOID.triples)) for s in subsets) == len(store)
    properties = list(void.objects(dataset, VOID.propertyPartition))
    assert sum(int(void.value(p, VOID.triples)) for p in properties) == len(store)
    innovations = next(
        c
        for c in void.objects(dataset, VOID.classPartition)
        if str(void.value(c, VOID["class"])).endswith("#Innovation")
    )
    assert int(void.value(innovations, VOID.entities)) > 0
    assert (dataset, rdflib.DCTERMS.license, rdflib.URIRef("https://creativecommons.org/licenses/by/4.0/")) in void
    distributions = {str(void.value(d, rdflib.DCTERMS.title)): d for d in void.objects(dataset, DCAT.distribution)}
    assert set(distributions) == set(DUMPS)
    for name, dist in distributions.items():
        assert int(void.value(dist, DCAT.byteSize)) == (released / name).stat().st_size
        checksum = void.value(dist, SPDX.checksum)
        assert (
            str(void.value(checksum, SPDX.checksumValue)) == hashlib.sha256((released / name).read_bytes()).hexdigest()
        )


def test_release_validation_report(released: Path) -> None:
    report = json.loads((released / "validation.json").read_text(encoding="utf-8"))
    assert set(report) == {"conforms", "triples", "findings"}
    assert report["triples"] > 0
    text = (released / "validation.txt").read_text(encoding="utf-8")
    assert ("does NOT conform" in text) is (not report["conforms"])


def test_release_coverage_is_the_stores(released: Path, store: GraphStore) -> None:
    from psikg.coverage import coverage, coverage_by_kind

    data = json.loads((released / "coverage.json").read_text(encoding="utf-8"))
    report, by_kind = coverage(store), coverage_by_kind(store)
    assert data["editions"]["summary"] == report.summary()
    assert data["by_kind"]["summary"] == by_kind.summary()
    assert len(data["editions"]["rows"]) == len(report.rows) and len(data["by_kind"]["rows"]) == len(by_kind.rows)
    text = (released / "coverage.txt").read_text(encoding="utf-8")
    assert report.summary() in text and by_kind.summary() in text


def test_release_refuses_a_non_empty_folder(store: GraphStore, tmp_path: Path) -> None:
    target = tmp_path / "rel"
    target.mkdir()
    (target / "keep.txt").write_text("mine")
    with pytest.raises(UsageError, match="not empty"):
        release(store, target)
    assert [p.name for p in target.iterdir()] == ["keep.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rel"]


# --- the CLI -----------------------------------------------------------------------------------


def test_cli_export_to_stdout_and_file(built, tmp_path: Path) -> None:
    store_path = str(built[1])
    runner = CliRunner()
    result = runner.invoke(cli, ["export", "--store", store_path, "--format", "nq", "--graph", SDG_GRAPH])
    assert result.exit_code == 0, result.output
    lines = result.stdout_bytes.decode("utf-8").splitlines()
    assert lines and all(line.endswith(f"<{SDG_GRAPH}> .") for line in lines)
    target = tmp_path / "out.ttl"
    result = runner.invoke(cli, ["export", "--store", store_path, "--format", "ttl", "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert "union of" in result.stderr
    assert len(parse_graph(target.read_bytes(), "ttl")) > len(lines)


def test_cli_export_unknown_graph_exits_2(built) -> None:
    result = CliRunner().invoke(cli, ["export", "--store", str(built[1]), "--graph", "https://nope.example/g"])
    assert result.exit_code == 2
    assert "no named graph" in result.stderr


@pytest.mark.slow
def test_cli_release_and_refusal(built, tmp_path: Path) -> None:
    runner = CliRunner()
    target = tmp_path / "rel"
    result = runner.invoke(cli, ["release", "--store", str(built[1]), str(target)])
    conforms = json.loads((target / "validation.json").read_text(encoding="utf-8"))["conforms"]
    assert result.exit_code == (0 if conforms else 1), result.output
    assert (target / "void.ttl").is_file()
    again = runner.invoke(cli, ["release", "--store", str(built[1]), str(target)])
    assert again.exit_code == 2
    assert "--force" in again.stderr
    (target / "stale.txt").write_text("from an older release")
    forced = runner.invoke(cli, ["release", "--store", str(built[1]), str(target), "--force"])
    assert forced.exit_code == result.exit_code, forced.output
    assert not (target / "stale.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rel"]
