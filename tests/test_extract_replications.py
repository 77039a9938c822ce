"""Replications read from news (psikg.extract.replications): who copies which innovation of whom,
how the record writes them, how they are scored, and that they reach the replication network."""

from __future__ import annotations

from pathlib import Path

import pytest
from psikg.build import build
from psikg.extract.assemble import extract_facts
from psikg.extract.evaluation import evaluate, score_article
from psikg.extract.loading import article_files, load_articles
from psikg.extract.reading import article_from_text
from psikg.settings import DATA_DIR
from psikg.store import GraphStore

FIXTURES = Path(__file__).parent / "data" / "extract"
HEAD = "Replikasi Inovasi di Daerah Contoh Berjalan Lancar\n\nSenin, 14 Maret 2022\n\n"


def pairs(text: str, resolver, finder) -> set[tuple[str, str, str]]:
    """(original's name or acronym, from region, to region) of each replication extracted."""
    record, _ = extract_facts(article_from_text(HEAD + text, check_language=False), resolver, finder)
    innovations = {i["ref"]: i for i in record.get("innovations", [])}
    out = set()
    for rep in record.get("replications", []):
        original, replica = innovations[rep["original"]], innovations[rep["replica"]]
        out.add((original.get("acronym") or original["name"], original["region"], replica["region"]))
    return out


def test_passive_with_agent_and_stated_owner(resolver, finder) -> None:
    text = (
        "MADIUN - Pemerintah Kabupaten Madiun terus membenahi layanan kependudukan tahun ini. "
        "Inovasi SIPADU (Sistem Pelayanan Terpadu) milik Pemkot Madiun akan direplikasi oleh Pemerintah "
        "Kabupaten Magetan dan Kabupaten Ngawi pada tahun depan.\n"
    )
    assert pairs(text, resolver, finder) == {
        ("SIPADU", "Kota Madiun", "Kabupaten Magetan"),
        ("SIPADU", "Kota Madiun", "Kabupaten Ngawi"),
    }


def test_the_copier_stands_after_a_passive_verb_and_before_an_active_one(resolver, finder) -> None:
    passive = (
        "WATAMPONE - Pemerintah Kabupaten Bone terus menekan perkawinan anak. Inovasi SIP PEKA (Strategi "
        "Pencegahan Perkawinan Anak) milik Pemkab Bone menuai pujian.\n"
        "Catatan jaringan inovasi Sulsel menyebut SIP PEKA telah direplikasi oleh Kabupaten Wajo.\n"
    )
    assert pairs(passive, resolver, finder) == {("SIP PEKA", "Kabupaten Bone", "Kabupaten Wajo")}
    active = (
        "SENGKANG - Pemerintah Kabupaten Wajo belajar dari tetangga. Kabupaten Wajo mereplikasi SIP PEKA "
        "(Strategi Pencegahan Perkawinan Anak) milik Pemkab Bone yang dipuji Provinsi Sulawesi Selatan.\n"
    )
    assert pairs(active, resolver, finder) == {("SIP PEKA", "Kabupaten Bone", "Kabupaten Wajo")}


def test_the_copy_with_a_name_of_its_own(resolver, finder) -> None:
    text = (
        "SINGARAJA - Pemerintah Kabupaten Buleleng menyiapkan replikasi inovasi tahun ini.\n"
        "Inovasi TOSS (Tempat Olah Sampah Setempat) milik Pemkab Klungkung akan direplikasi oleh Dinas "
        "Lingkungan Hidup dengan nama PAS URBAN (Pilah Sampah Setempat Dukung Urban Farming).\n"
    )
    record, _ = extract_facts(article_from_text(HEAD + text, check_language=False), resolver, finder)
    (rep,) = record["replications"]
    innovations = {i["ref"]: i for i in record["innovations"]}
    assert innovations[rep["original"]]["acronym"] == "TOSS"
    assert innovations[rep["original"]]["region"] == "Kabupaten Klungkung"
    assert innovations[rep["replica"]]["acronym"] == "PAS URBAN"
    assert innovations[rep["replica"]]["region"] == "Kabupaten Buleleng"  # "oleh Dinas ...": the article's own
    assert rep["form"] == "adapted" and rep["year"] == 2022 and rep["quote"]


def test_a_region_choosing_innovations_in_a_line_about_copying(resolver, finder) -> None:
    text = (
        "GORONTALO - Pemerintah Provinsi Gorontalo membahas inovasi yang akan ditiru.\n"
        "Ketiga inovasi yang diusulkan ialah Tani Jago Dilan dari Kabupaten Lamongan, Ekowisata Wonosalam dari "
        "Kabupaten Jombang, serta Pelayanan Terpadu Pemenuhan Hak Sipil Anak (Peterpan) dari Kota Pasuruan.\n"
        "Dalam forum itu setiap daerah diminta menentukan inovasi yang hendak mereka tiru. Kabupaten Boalemo "
        "mengambil dua sekaligus, yakni Tani Jago Dilan dan Peterpan.\n"
    )
    assert pairs(text, resolver, finder) == {
        ("Tani Jago Dilan", "Kabupaten Lamongan", "Kabupaten Boalemo"),
        ("Peterpan", "Kota Pasuruan", "Kabupaten Boalemo"),
    }


@pytest.mark.parametrize(
    "text",
    [
        # copied by regions the article does not name
        "BANJARBARU - Pemerintah Kota Banjarbaru belajar dari tetangga. Wali Kota Banjarbaru Aditya mengakuinya.\n"
        "Inovasi SIGAP (Sistem Informasi Gawat Darurat Terpadu) milik Pemkab Banjar sudah ditiru daerah lain.\n",
        # the owner is only the article's own region: no copy of it by that region
        "MENTOK - Bupati Bangka Barat Sukirman meminta dinas segera mereplikasi Sibakul Jogja.\n",
        # a study visit is no replication
        "PATI - Rombongan Pemerintah Kabupaten Rembang melakukan studi tiru inovasi SIPADU (Sistem Pelayanan "
        "Terpadu) milik Pemkab Pati.\n",
        # a place, not a copier: "kabupaten/kota di Jawa Tengah"
        "PURWODADI - Delapan kabupaten/kota di Jawa Tengah mereplikasi Rumah Kedelai Grobogan (RKG) "
        "milik Pemerintah Kabupaten Grobogan.\n",
    ],
)
def test_no_replication_without_a_named_copier_and_owner(resolver, finder, text: str) -> None:
    assert pairs(text, resolver, finder) == set()


def test_replications_are_scored_only_where_the_gold_annotates_them(resolver, finder) -> None:
    record = {
        "innovations": [
            {"ref": "a", "name": "Tempat Olah Sampah Setempat", "acronym": "TOSS", "region": "Kabupaten Klungkung"},
            {"ref": "b", "name": "Tempat Olah Sampah Setempat", "acronym": "TOSS", "region": "Kabupaten Buleleng"},
        ],
        "replications": [{"replica": "b", "original": "a"}],
    }
    annotated = {
        "innovations": [{"name": "Tempat Olah Sampah Setempat", "acronym": "TOSS"}],
        "replications": [{"innovation": "TOSS", "from": "Kabupaten Klungkung", "to": "Kabupaten Buleleng"}],
    }
    result = score_article(annotated, record, resolver)
    assert result.scores["replications"].tp == 1 and result.scores["innovations"].predicted == 1  # the copy is no
    wrong_way = {
        **annotated,
        "replications": [{"innovation": "TOSS", "from": "Kabupaten Buleleng", "to": "Kota Denpasar"}],
    }
    assert score_article(wrong_way, record, resolver).scores["replications"].tp == 0
    silent = {"innovations": annotated["innovations"]}
    assert score_article(silent, record, resolver).scores["replications"].predicted == 0


def test_replication_scores_on_the_annotated_sets(resolver, finder) -> None:
    for folder, floor in (("unseen", 0.9), ("blind11", 0.9), ("blind8", 0.6)):
        result = evaluate(FIXTURES / folder / "gold", resolver, finder)
        assert result.scores["replications"].gold > 0
        assert result.scores["replications"].f1 >= floor, (folder, result.table(), result.errors)


def test_replications_from_news_reach_the_network(tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    build(DATA_DIR, store_path)
    articles = tmp_path / "articles"
    articles.mkdir()
    for name in ("unseen/articles/u3_buleleng_replikasi_2021.txt", "blind11/articles/p4_gorontalo_replikasi_2020.txt"):
        (articles / Path(name).name).write_bytes((FIXTURES / name).read_bytes())
    store = GraphStore.open(store_path)
    report = load_articles(store, article_files(articles), records_dir=tmp_path / "records")
    assert not report.failed and report.validation is not None and report.validation.conforms
    rows = store.select(
        "PREFIX psikg: <https://w3id.org/psikg/ontology#> "
        "SELECT ?from ?to WHERE { GRAPH ?g { ?r a psikg:Replication } ?r psikg:original ?o ; psikg:replica ?c . "
        "?o psikg:region/<http://www.w3.org/2000/01/rdf-schema#label> ?from . "
        "?c psikg:region/<http://www.w3.org/2000/01/rdf-schema#label> ?to "
        "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/psikg/id/graph/extracted/')) }"
    )[1]
    found = {(str(r["from"].value), str(r["to"].value)) for r in rows}
    assert ("Kabupaten Klungkung", "Kabupaten Buleleng") in found
    assert ("Kota Denpasar", "Kabupaten Buleleng") in found
    assert ("Kabupaten Lamongan", "Kabupaten Boalemo") in found
    assert ("Kabupaten Jombang", "Gorontalo") in found  # the province, written "Provinsi Gorontalo" in the record
