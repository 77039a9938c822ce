"""Loaders: golden outputs, determinism, idempotent reloads, and the quote offsets."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from psikg.build import load_into, load_sources, source_files
from psikg.loaders.quotes import SourceText
from psikg.settings import DATA_DIR
from psikg.store import GraphStore
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

GOLDEN = Path(__file__).parent / "data" / "golden"
SEEDS = sorted((DATA_DIR / "records" / "seeds").glob("*.yaml"))


def as_dataset(quads: list[pyoxigraph.Quad]) -> rdflib.Dataset:
    data = pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.N_QUADS) or b""
    ds = rdflib.Dataset()
    ds.parse(data=data.decode("utf-8"), format="nquads")
    return ds


def graphs_of(ds: rdflib.Dataset) -> dict[str, rdflib.Graph]:
    return {str(g.identifier): g for g in ds.graphs() if len(g)}


@pytest.mark.parametrize("record", SEEDS, ids=lambda p: p.stem)
def test_seed_record_matches_its_golden_output(reference, record: Path) -> None:
    loaded = load_sources([record], reference[1])
    assert not loaded.failures, loaded.problems
    actual = graphs_of(as_dataset(loaded.loads[0].quads))
    golden = rdflib.Dataset()
    golden.parse(GOLDEN / f"{record.stem}.nq", format="nquads")
    expected = graphs_of(golden)
    assert sorted(actual) == sorted(expected)
    for name, graph in expected.items():
        if not isomorphic(actual[name], graph):
            _, only_actual, only_golden = graph_diff(to_isomorphic(actual[name]), to_isomorphic(graph))
            pytest.fail(
                f"{name} differs:\n+{only_actual.serialize(format='nt')}\n-{only_golden.serialize(format='nt')}"
            )


def test_same_input_same_graph(reference) -> None:
    first = load_sources(source_files(DATA_DIR), reference[1])
    second = load_sources(source_files(DATA_DIR), reference[1])
    assert [sorted(map(str, a.quads)) for a in first.loads] == [sorted(map(str, b.quads)) for b in second.loads]


def test_reloading_a_source_changes_nothing(built, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "store"
    shutil.copytree(built[1], copy)
    store = GraphStore.open(copy)
    loads_graph = "https://w3id.org/psikg/id/graph/reference/loads"

    def content() -> set[str]:
        return {str(q) for q in store.oxigraph if q.graph_name.value != loads_graph}

    before = content()
    load_into(store, [SEEDS[2]])
    load_into(store, [SEEDS[2]])
    assert content() == before


def test_every_quote_has_offsets_that_point_at_it(store: GraphStore) -> None:
    _, rows = store.select(
        "PREFIX psikg: <https://w3id.org/psikg/ontology#> "
        "SELECT ?file ?quote ?start ?end WHERE { ?ev psikg:quote ?quote ; psikg:charStart ?start ; "
        "psikg:charEnd ?end ; <http://www.w3.org/ns/prov#wasQuotedFrom> ?src . ?src psikg:sourceFile ?file }"
    )
    assert len(rows) >= 40
    for row in rows:
        text = (DATA_DIR / "articles" / row["file"].value).read_text(encoding="utf-8")
        excerpt = text[int(row["start"].value) : int(row["end"].value)]
        assert " ".join(excerpt.split()) == row["quote"].value


def test_source_text_maps_folded_offsets_back() -> None:
    text = SourceText("Rabu  (25/11)\n\n malam,   di Jakarta")
    start, end = text.find("malam, di Jakarta")
    assert text.text[start:end] == "malam,   di Jakarta"
    assert text.find("not there") is None
