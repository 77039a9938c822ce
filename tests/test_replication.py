"""The replication network: known answers on a hand-built graph (tests/data/replication/).

The fixture (see its README) states four replications between six regions:

    Klungkung (Bali) → Buleleng (Bali) 2017 → Surabaya (Jawa Timur) 2019
    Klungkung (Bali) → Aceh Selatan (Aceh) 2018
    Makassar (Sulawesi Selatan) → Parepare (Sulawesi Selatan) 2020

and LAJU, first known 2015 in Buleleng and in Parepare, appearing in Surabaya in 2020 with no
source calling it a replication. Every expected value below is worked out by hand from that.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from psikg import queries
from psikg.build import build
from psikg.cli import cli
from psikg.errors import UsageError
from psikg.replication import candidates as cand
from psikg.replication import exchange
from psikg.replication.network import (
    Ref,
    Replication,
    clusters,
    fetch,
    find_innovation,
    flows,
    innovation_graph,
    island_of,
    lag_stats,
    pagerank,
    rank,
    region_graph,
    render_tree,
    summary,
    tree,
)
from psikg.settings import DATA_DIR
from psikg.store import GraphStore

FIXTURE = Path(__file__).parent / "data" / "replication" / "records"
REGION = "https://w3id.org/psikg/id/region/"
KLUNGKUNG, BULELENG, SURABAYA, ACEH_SELATAN, MAKASSAR, PAREPARE = (
    REGION + c for c in ("51.05", "51.08", "35.78", "11.01", "73.71", "73.72")
)


@pytest.fixture(scope="module")
def fx_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture records built, with the shipped reference data, into a temporary store."""
    data = tmp_path_factory.mktemp("fxdata")
    (data / "reference").symlink_to(DATA_DIR / "reference", target_is_directory=True)
    (data / "records").symlink_to(FIXTURE, target_is_directory=True)
    path = data / "store"
    build(data, path)
    return path


@pytest.fixture(scope="module")
def target(fx_store: Path) -> GraphStore:
    return GraphStore.open(fx_store, read_only=True)


@pytest.fixture(scope="module")
def reps(target: GraphStore) -> list[Replication]:
    return fetch(target)


# ---------------------------------------------------------------------- rows from SPARQL
def test_rows_of_the_canned_query(reps: list[Replication]) -> None:
    pairs = {(r.original_region.code, r.replica_region.code, r.year) for r in reps}  # type: ignore[union-attr]
    assert pairs == {
        ("51.05", "51.08", 2017),
        ("51.08", "35.78", 2019),
        ("51.05", "11.01", 2018),
        ("73.71", "73.72", 2020),
    }
    by_year = {r.year: r for r in reps}
    assert by_year[2017].original_province.label == "Bali"  # type: ignore[union-attr]
    assert by_year[2019].replica_province.label == "Jawa Timur"  # type: ignore[union-attr]
    assert by_year[2017].original_acronym == "TOSS"
    assert all(r.sources == ("psikg tests, 2020-06-01: Fixture replications",) for r in reps)


def test_original_year_is_the_earliest_other_evidence(reps: list[Replication]) -> None:
    by_year = {r.year: r for r in reps}
    assert by_year[2017].original_year == 2014  # KIPP 2014 award, before the 2015 source
    assert by_year[2020].original_year == 2015  # the 2015 source
    # the Buleleng original is known only from the source stating the replication: no year
    assert by_year[2019].original_year is None


def test_query_parameters_filter(target: GraphStore) -> None:
    assert {r.year for r in fetch(target, {"region": "Sulawesi Selatan"})} == {2020}
    assert {r.year for r in fetch(target, {"region": "35.78"})} == {2019}
    assert {r.year for r in fetch(target, {"form": "adopted"})} == {2018, 2019}


# ---------------------------------------------------------------------- network
def test_summary(reps: list[Replication]) -> None:
    s = summary(reps)
    assert (s.replications, s.innovations, s.regions, s.edges) == (4, 6, 6, 4)
    assert (s.components, s.origins, s.adopters) == (2, 3, 4)
    assert s.density == pytest.approx(4 / (6 * 5))
    assert (s.without_region, s.within_region) == (0, 0)


def test_rank_reach_and_degrees(reps: list[Replication]) -> None:
    rows = {r.iri: r for r in rank(region_graph(reps))}
    assert {k: v.reach for k, v in rows.items()} == {
        KLUNGKUNG: 3,
        BULELENG: 1,
        MAKASSAR: 1,
        SURABAYA: 0,
        ACEH_SELATAN: 0,
        PAREPARE: 0,
    }
    assert (rows[KLUNGKUNG].out_degree, rows[KLUNGKUNG].in_degree) == (2, 0)
    assert (rows[BULELENG].out_degree, rows[BULELENG].in_degree) == (1, 1)
    order = [r.iri for r in rank(region_graph(reps))]
    assert order[:3] == [KLUNGKUNG, BULELENG, MAKASSAR]  # reach 3; then reach 1, Buleleng also adopts
    # influence (PageRank on "copies from"): Klungkung is copied by two regions, one of them copied
    assert rows[KLUNGKUNG].influence > rows[BULELENG].influence > rows[SURABAYA].influence
    assert sum(r.influence for r in rows.values()) == pytest.approx(1.0)


def test_pagerank_matches_networkx_reference() -> None:
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

    g = nx.DiGraph([("a", "b"), ("b", "c"), ("a", "c"), ("d", "c"), ("c", "a")])
    g.add_node("e")  # dangling and isolated
    ours, theirs = pagerank(g), _pagerank_python(g)
    assert ours == pytest.approx(theirs, abs=1e-6)


def test_pagerank_by_hand() -> None:
    # a → b: b's rank = (1-α)/2 + α·(rank a) + α·(rank b)/2 (b dangling), solved by hand
    g = nx.DiGraph([("a", "b")])
    pr = pagerank(g)
    a = (1 - 0.85) / 2 + 0.85 * pr["b"] / 2
    assert pr["a"] == pytest.approx(a, abs=1e-8)
    assert pr["b"] == pytest.approx(1 - a, abs=1e-8)
    assert pr["b"] > pr["a"]


def test_tree(reps: list[Replication]) -> None:
    root = find_innovation(reps, "TOSS")  # Klungkung's: the only one that replicates nothing
    assert root.iri.endswith("/51.05/toss")
    top = tree(reps, root)
    assert [(n.depth, n.region, n.year) for n in top.walk()] == [
        (0, "Kabupaten Klungkung", None),
        (1, "Kabupaten Buleleng", 2017),
        (2, "Kota Surabaya", 2019),
        (1, "Kabupaten Aceh Selatan", 2018),
    ]
    text = render_tree(top)
    assert text.splitlines()[2].startswith("│  └─ 2019  Bank Sampah Digital — Kota Surabaya")


def test_tree_of_a_replica_starts_at_it(reps: list[Replication]) -> None:
    top = tree(reps, find_innovation(reps, "Tempat Olah Sampah Setempat Buleleng"))
    assert [n.region for n in top.walk()] == ["Kabupaten Buleleng", "Kota Surabaya"]


def test_find_innovation_errors(reps: list[Replication]) -> None:
    with pytest.raises(UsageError, match="no replicated"):
        find_innovation(reps, "nothing like it")


def test_flows_by_province_and_island(reps: list[Replication]) -> None:
    prov = {(f.origin, f.adopter): f.replications for f in flows(reps, "province")}
    assert prov == {
        ("Bali", "Bali"): 1,
        ("Bali", "Jawa Timur"): 1,
        ("Bali", "Aceh"): 1,
        ("Sulawesi Selatan", "Sulawesi Selatan"): 1,
    }
    isl = {(f.origin, f.adopter): (f.replications, f.first_year) for f in flows(reps, "island")}
    assert isl == {
        ("Bali & Nusa Tenggara", "Bali & Nusa Tenggara"): (1, 2017),
        ("Bali & Nusa Tenggara", "Jawa"): (1, 2019),
        ("Bali & Nusa Tenggara", "Sumatera"): (1, 2018),
        ("Sulawesi", "Sulawesi"): (1, 2020),
    }


@pytest.mark.parametrize(
    ("code", "island"),
    [
        ("11", "Sumatera"),
        ("21", "Sumatera"),
        ("31", "Jawa"),
        ("36.02", "Jawa"),
        ("53", "Bali & Nusa Tenggara"),
        ("65", "Kalimantan"),
        ("76", "Sulawesi"),
        ("82", "Maluku"),
        ("96", "Papua"),
        ("41", "unknown"),
    ],
)
def test_islands(code: str, island: str) -> None:
    assert island_of(code) == island


def test_every_province_of_the_reference_has_an_island() -> None:
    lines = (DATA_DIR / "reference" / "regions" / "regions.csv").read_text(encoding="utf-8").splitlines()[1:]
    provinces = [line.split(",", 1)[0] for line in lines if "." not in line.split(",", 1)[0]]
    assert len(provinces) == 38
    assert all(island_of(p) != "unknown" for p in provinces)


def test_lag(reps: list[Replication]) -> None:
    s = lag_stats(reps)
    assert (s.count, s.unknown, s.min, s.median, s.max) == (3, 1, 3, 4.0, 5)  # 2017-2014, 2018-2014, 2020-2015


def test_clusters_follow_components(reps: list[Replication]) -> None:
    g = region_graph(reps)
    found = clusters(g)
    assert sorted(n for c in found for n in c) == sorted(g)  # a partition
    components = [set(c) for c in nx.weakly_connected_components(g)]
    for community in found:
        assert any(set(community) <= comp for comp in components)
    assert any(set(c) == {MAKASSAR, PAREPARE} for c in found)


def test_region_graph_skips_missing_and_same_region() -> None:
    a, b = Ref("i/a", "A"), Ref("i/b", "B")
    r1 = Ref(REGION + "51.05", "Kabupaten Klungkung")
    reps = [
        Replication(a, r1, None, b, None, None, 2020, "adopted"),
        Replication(a, r1, None, b, r1, None, 2020, "adopted"),
    ]
    assert region_graph(reps).number_of_edges() == 0
    s = summary(reps)
    assert (s.without_region, s.within_region) == (1, 1)


# ---------------------------------------------------------------------- candidates
def test_candidates_found(target: GraphStore, reps: list[Replication]) -> None:
    found = cand.find(cand.fetch(target), 0.6, reps)
    pairs = {(c.original.region.code, c.replica.region.code) for c in found}  # type: ignore[union-attr]
    assert pairs == {("51.08", "35.78"), ("73.72", "35.78")}
    best = found[0]
    assert best.score == 1.0 and best.matched["acronym"] == 1.0
    assert "acronym =" in best.explain() and "name 1.00" in best.explain()


def test_candidates_never_cite_self_or_later(target: GraphStore) -> None:
    innovations = cand.fetch(target)
    found = cand.find(innovations, 0.0)  # everything, stated pairs included
    assert found
    for c in found:
        assert c.original.ref.iri != c.replica.ref.iri
        assert c.original.year < c.replica.year  # type: ignore[operator]
        assert c.original.region != c.replica.region


def test_candidates_leave_out_stated_and_same_year(target: GraphStore, reps: list[Replication]) -> None:
    innovations = cand.fetch(target)
    without = {(c.original.ref.iri, c.replica.ref.iri) for c in cand.find(innovations, 0.0)}
    with_stated = {(c.original.ref.iri, c.replica.ref.iri) for c in cand.find(innovations, 0.0, reps)}
    stated = {(r.original.iri, r.replica.iri) for r in reps}
    assert stated & without  # TOSS Klungkung → TOSS Aceh Selatan would be offered…
    assert not stated & with_stated  # …unless a source already states it
    laju = [i for i in innovations if i.acronym == "LAJU" and i.year == 2015]
    assert len(laju) == 2 and not cand.find(laju, 0.0)  # same year: order unknown


def test_similarity_by_hand() -> None:
    r1, r2 = Ref(REGION + "51.08", "Kabupaten Buleleng"), Ref(REGION + "35.78", "Kota Surabaya")
    a = cand.Innovation(Ref("a", "Antar Jemput Akta Buleleng"), "", r1, 2015)
    b = cand.Innovation(Ref("b", "Antar Jemput Dokumen"), "", r2, 2020)
    # keys "antar jemput akta" / "antar jemput dokumen": 2 shared of 4 words = 0.5; ratio < 0.8
    score, matched = cand.similarity(a, b)
    assert matched == {"name": 0.5} and score == 0.5
    assert cand.find([a, b], 0.6) == [] and len(cand.find([b, a], 0.5)) == 1


# ---------------------------------------------------------------------- exports
@pytest.mark.parametrize("which", ["regions", "innovations"])
def test_exports_parse_back(reps: list[Replication], tmp_path: Path, which: str) -> None:
    g = region_graph(reps) if which == "regions" else innovation_graph(reps)
    for fmt in exchange.FORMATS:
        exchange.write_file(g, fmt, tmp_path / f"g.{fmt}")
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert set(back.edges) == set(g.edges) and back.is_directed()
    gexf = nx.read_gexf(tmp_path / "g.gexf")
    assert gexf.number_of_edges() == g.number_of_edges()
    assert {gexf.nodes[n]["label"] for n in gexf} == {g.nodes[n]["label"] for n in g}
    data = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert set(nx.node_link_graph(data, edges="links").edges) == set(g.edges)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "g.csv").read_text(encoding="utf-8"))))
    assert {(r["source"], r["target"]) for r in rows} == set(g.edges)
    if which == "regions":
        assert nx.read_graphml(tmp_path / "g.graphml").edges[KLUNGKUNG, BULELENG]["years"] == "2017"


# ---------------------------------------------------------------------- CLI
def invoke(*args: str):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result


def test_cli_summary_and_rank(fx_store: Path) -> None:
    r = invoke("replication", "summary", "--store", str(fx_store), "--format", "json")
    assert r.exit_code == 0
    values = {row["measure"]: row["value"] for row in json.loads(r.output)["rows"]}
    assert values["regions (nodes)"] == "6" and values["weakly connected components"] == "2"
    r = invoke("replication", "rank", "--store", str(fx_store), "--format", "csv", "--limit", "1")
    rows = list(csv.DictReader(io.StringIO(r.output)))
    assert [(x["region"], x["reach"]) for x in rows] == [("Kabupaten Klungkung", "3")]


def test_cli_tree_flows_lag_clusters(fx_store: Path) -> None:
    r = invoke("replication", "tree", "TOSS", "--store", str(fx_store))
    assert r.exit_code == 0 and "└─ 2018  Tempat Olah Sampah Setempat — Kabupaten Aceh Selatan" in r.output
    r = invoke("replication", "flows", "--level", "island", "--store", str(fx_store), "--format", "csv")
    assert "Bali & Nusa Tenggara,Sumatera,1,2018,2018" in r.output
    r = invoke("replication", "lag", "--store", str(fx_store), "--format", "csv")
    assert r.output.splitlines()[1] == "3,1,3,4.0,5"
    r = invoke("replication", "clusters", "--store", str(fx_store), "--format", "json")
    assert len(json.loads(r.output)["rows"]) >= 2


def test_cli_candidates(fx_store: Path) -> None:
    r = invoke("replication", "candidates", "--store", str(fx_store), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.output)))
    assert {(x["original_region"], x["replica_region"]) for x in rows} == {
        ("Kabupaten Buleleng", "Kota Surabaya"),
        ("Kota Parepare", "Kota Surabaya"),
    }
    r = invoke("replication", "candidates", "--store", str(fx_store), "--min-score", "1.01")
    assert r.exit_code == 2


def test_cli_candidates_saved_for_review_apart_from_stated_replications(fx_store: Path, tmp_path: Path) -> None:
    copy = tmp_path / "store"
    shutil.copytree(fx_store, copy)
    for _ in range(2):  # a re-run replaces the graph: no duplicates
        r = invoke("replication", "candidates", "--store", str(copy), "--format", "csv", "--save")
        assert r.exit_code == 0, r.output
    shown = list(csv.DictReader(io.StringIO(r.output.split("Saved")[0])))
    store = GraphStore.open(copy, read_only=True)
    saved = queries.run(store, "replication-candidates")
    assert len(saved.rows) == len(shown) == 2
    assert {(row[1].iri, row[2].iri) for row in saved.rows} == {
        (x["original"], x["replica"]) for x in invoke_iris(copy)
    }
    graphs = {g.value for g in store.graphs()}
    assert "https://w3id.org/psikg/id/graph/candidates/replication" in graphs
    # the analyses read stated replications only
    assert len(fetch(store)) == len(fetch(GraphStore.open(fx_store, read_only=True)))
    r = invoke("replication", "candidates", "--save", "--endpoint", "http://127.0.0.1:9/sparql")
    assert r.exit_code == 2 and "embedded store" in r.output


def invoke_iris(store: Path) -> list[dict[str, str]]:
    r = invoke("replication", "candidates", "--store", str(store), "--format", "json")
    return [{k: row[k]["iri"] for k in ("original", "replica")} for row in json.loads(r.output)["rows"]]


def test_cli_export_and_unknown_innovation(fx_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "net.gexf"
    r = invoke("replication", "export", "--format", "gexf", str(out), "--store", str(fx_store))
    assert r.exit_code == 0 and nx.read_gexf(out).number_of_nodes() == 6
    r = CliRunner().invoke(cli, ["replication", "tree", "no such thing", "--store", str(fx_store)])
    assert r.exit_code == 2 and "no replicated" in r.output


@pytest.mark.parametrize("kind", ["tree", "flows", "ranking"])
def test_cli_plot(fx_store: Path, tmp_path: Path, kind: str) -> None:
    pytest.importorskip("matplotlib")
    out = tmp_path / f"{kind}.png"
    r = invoke("replication", "plot", "--kind", kind, str(out), "--store", str(fx_store))
    assert r.exit_code == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 10_000


# ---------------------------------------------------------------------- the shipped records
def test_shipped_records_form_a_network(store: GraphStore) -> None:
    reps = fetch(store)
    assert len(reps) >= 6
    assert all(r.original_region and r.replica_region for r in reps)
    assert all(r.original_region != r.replica_region for r in reps)  # type: ignore[comparison-overlap]
    assert len({r.original_province.code for r in reps} | {r.replica_province.code for r in reps}) >= 4  # type: ignore[union-attr]
