"""Every fact of the seed gold standard (../shared/seeds/README.md) is reachable by a canned query.

Each test states facts in the words of the gold list and finds them in the rows of a canned
query over the graph built from data/.
"""

from __future__ import annotations

import pytest
from psikg import queries
from psikg.store import GraphStore


def rows(store: GraphStore, query_name: str, **params: str) -> list[dict[str, str]]:
    table = queries.run(store, query_name, params)
    return [{c: cell.text for c, cell in zip(table.columns, row, strict=True)} for row in table.rows]


def find(rows_: list[dict[str, str]], **expected: str) -> list[dict[str, str]]:
    return [r for r in rows_ if all(v in r[k] for k, v in expected.items())]


def test_awards_lists_the_seed_conferrals(store: GraphStore) -> None:
    awards = rows(store, "awards")
    assert find(
        awards,
        innovation="Lembaga Perlindungan Perempuan, Anak dan Remaja",
        year="2018",
        region="Kota Pekalongan",
        province="Jawa Tengah",
        handed_by="Syafruddin",
        received_by="Saelany Machfudz",
        venue="Shangri La Surabaya",
        date="2018-09-19",
        category="Gender Responsive Promoting Public Service To Achieve The SDGs",
    )
    assert find(
        awards,
        innovation="Program Layanan Tidak Boleh Berhenti Sekolah",
        rank="Top 45",
        year="2020",
        region="Kota Palembang",
        province="Sumatera Selatan",
        handed_by="Tjahjo Kumolo",
        received_by="Harnojoyo",
        venue="Gedung Tribrata",
        date="2020-11-25",
    )
    assert find(awards, innovation="Penyuluhan Keliling Anak", rank="Top 21", year="2020", category="Covid")
    lab = find(
        awards,
        innovation="Laboratorium Kemiskinan",
        rank="Top 45",
        year="2020",
        handed_by="Tjahjo Kumolo",
        received_by="Rukman Hidayat",
        venue="Tribrata Dharmawangsa",
    )
    assert lab and all(r["region"] == "Kabupaten Pekalongan" for r in lab)
    for centre in ("Sentra Terpadu Pangudi Luhur Bekasi", "Sentra Terpadu Inten Soeweno Cibinong, Bogor"):
        found = find(awards, recipient=centre, year="2022", date="2022-12-06", category="Ramah Kelompok Rentan")
        assert found and found[0]["innovation"] == "", "a service unit, not an innovation, is the recipient"


def test_both_palembang_receivers_are_listed(store: GraphStore) -> None:
    poltabes = find(rows(store, "awards", rank="Top 45"), innovation="Program Layanan Tidak Boleh")
    assert "Ratu Dewa" in poltabes[0]["received_by"] and "Harnojoyo" in poltabes[0]["received_by"]


def test_headline_and_body_claims_are_both_kept_with_their_source(store: GraphStore) -> None:
    poltabes = find(rows(store, "awards", year="2020"), innovation="Program Layanan Tidak Boleh")
    by_rank = {r["rank"]: r["source"] for r in poltabes}
    assert set(by_rank) == {"Top 45", "Top 21"}
    assert "headline" in by_rank["Top 21"] and "headline" not in by_rank["Top 45"]
    assert len(rows(store, "disagreements")) == 2


def test_kabupaten_and_kota_pekalongan_are_different_regions(store: GraphStore) -> None:
    kab = rows(store, "awards", region="33.26")
    kota = rows(store, "awards", region="Kota Pekalongan")
    assert {r["innovation"] for r in kab} == {"Laboratorium Kemiskinan"}
    assert "Laboratorium Kemiskinan" not in {r["innovation"] for r in kota}
    assert "Lembaga Perlindungan Perempuan, Anak dan Remaja" in {r["innovation"] for r in kota}


def test_award_filters(store: GraphStore) -> None:
    assert {r["year"] for r in rows(store, "awards", year="2020")} == {"2020"}
    assert {r["rank"] for r in rows(store, "awards", rank="top-45")} == {"Top 45"}
    assert all(r["province"] == "Jawa Tengah" for r in rows(store, "awards", region="Jawa Tengah"))


def test_tjahjo_kumolo_is_menteri_panrb_in_2020_under_one_node(store: GraphStore) -> None:
    table = queries.run(store, "post-holders", {"person": "Cahyo Kumolo"})
    holders = [dict(zip(table.columns, row, strict=True)) for row in table.rows]
    assert len({h["person"].iri for h in holders}) == 1
    assert holders[0]["person"].text == "Tjahjo Kumolo"
    menteri = [h for h in holders if "Pendayagunaan" in h["post"].text]
    assert menteri and menteri[0]["start"].text <= "2020-11-25" <= (menteri[0]["end"].text or "9999")
    sources = menteri[0]["source"].text
    assert "Sumselupdate" in sources and "yandip" in sources
    in_2020 = rows(store, "post-holders", post="Menteri PANRB", date="2020-11-25")
    assert [r["person"] for r in in_2020] == ["Tjahjo Kumolo"]


@pytest.mark.parametrize(
    ("person", "post"),
    [
        ("Syafruddin", "Menteri Pendayagunaan"),
        ("Saelany Machfudz", "Wali Kota Pekalongan"),
        ("Mas Pujantoro", "Kepala Dinas Dinas Pemberdayaan Masyarakat"),
        ("Salahudin", "Wakil Wali Kota Pekalongan"),
        ("Nur Agustina", "Kepala Bidang Pemberdayaan Perempuan dan Perlindungan Anak"),
        ("Harnojoyo", "Wali Kota Palembang"),
        ("Ratu Dewa", "Sekretaris Daerah Kota Palembang"),
        ("Rukman Hidayat", "Kepala Bagian Bagian Organisasi dan Kepegawaian"),
        ("Abdullah Azwar Anas", "Menteri Pendayagunaan"),
        ("Tri Rismaharini", "Menteri Sosial"),
        ("Pepen Nazaruddin", "Direktur Jenderal Direktorat Jenderal Rehabilitasi Sosial"),
        ("I Ketut Supena", "Sentra Terpadu Pangudi Luhur"),
        ("MO. Royani", "Sentra Terpadu Inten Soeweno"),
    ],
)
def test_officials_hold_their_posts(store: GraphStore, person: str, post: str) -> None:
    assert find(rows(store, "post-holders", person=person), post=post)


def test_same_post_has_different_holders_in_other_years(store: GraphStore) -> None:
    menteri = rows(store, "post-holders", post="Menteri PANRB")
    assert {"Syafruddin", "Tjahjo Kumolo", "Abdullah Azwar Anas"} <= {r["person"] for r in menteri}


def test_innovations_with_region_agency_and_sdgs(store: GraphStore) -> None:
    inns = rows(store, "innovations")
    assert find(
        inns,
        innovation="Lembaga Perlindungan Perempuan, Anak dan Remaja",
        acronym="LP-PAR",
        region="Kota Pekalongan",
        agency="Dinas Pemberdayaan Masyarakat",
        sdgs="5.2",
    )
    assert find(inns, innovation="Sistem Evaluasi Kinerja Satu Masukan", acronym="SEKSAMA", region="Kota Pekalongan")
    assert find(inns, innovation="Ayo Jaga Anak Kita", acronym="A-Jak", agency="Dinas Pemberdayaan Masyarakat")
    assert find(inns, acronym="Poltabes", region="Kota Palembang", sdgs="4.1")
    assert find(inns, acronym="Pangling", region="Kota Palembang")
    assert find(inns, innovation="Laboratorium Kemiskinan", region="Kabupaten Pekalongan", sdgs="1.2")
    assert find(inns, innovation="3 in 1 pelayanan publik", region="Kota Semarang")
    assert {r["innovation"] for r in rows(store, "innovations", sdg="5")} >= {
        "Lembaga Perlindungan Perempuan, Anak dan Remaja"
    }


def test_one_node_for_the_dinas_named_two_ways(store: GraphStore) -> None:
    table = queries.run(store, "innovations", {"region": "33.75"})
    agencies = {
        row[table.columns.index("agency")].iri
        for row in table.rows
        if row[table.columns.index("acronym")].text in ("LP-PAR", "A-Jak")
    }
    assert len(agencies) == 1


def test_launch_of_seksama_and_ajak(store: GraphStore) -> None:
    launch = rows(store, "launches")
    assert find(
        launch,
        innovations="Sistem Evaluasi Kinerja Satu Masukan",
        date="2023-07-22",
        venue="Lapangan Mataram",
        launched_by="Salahudin",
        region="Kota Pekalongan",
    )
    assert "Ayo Jaga Anak Kita" in launch[0]["innovations"]


@pytest.mark.parametrize(
    ("about", "value", "unit"),
    [
        ("Kota Pekalongan", "23", "kasus"),
        ("Ayo Jaga Anak Kita", "511", "sekolah"),
        ("Laboratorium Kemiskinan", "70", "persen"),
        ("Laboratorium Kemiskinan", "2.5", "tahun"),
        ("Kementerian Sosial", "31", "sentra"),
        ("Kementerian Sosial", "5", "sentra"),
    ],
)
def test_stated_figures(store: GraphStore, about: str, value: str, unit: str) -> None:
    assert find(rows(store, "figures"), about=about, value=value, unit=unit)


def test_twenty_unspa_awards_and_earlier_child_awards(store: GraphStore) -> None:
    assert find(rows(store, "figures", about="UNPSA"), value="20")
    earlier = find(rows(store, "awards"), recipient="Pemerintah Kota Pekalongan")
    assert {r["scheme"] for r in earlier} >= {
        "Kabupaten/Kota Layak Anak (KLA)",
        "Penghargaan Pembinaan Forum Anak Daerah",
    }
    assert find(earlier, rank="Pratama")


def test_every_fact_has_quoted_evidence_with_offsets(store: GraphStore) -> None:
    ev = rows(store, "evidence", name="LP-PAR")
    assert ev and all(r["start"] and r["end"] for r in ev)
    for name in ("Cahyo Kumolo", "Poltabes", "Laboratorium Kemiskinan"):
        assert rows(store, "evidence", name=name)


def test_region_profile_and_sdg_coverage(store: GraphStore) -> None:
    profile = rows(store, "region-profile", region="Kota Pekalongan")
    assert {r["kind"] for r in profile} >= {"innovation", "award", "launch", "official"}
    coverage = {r["sdg"]: r for r in rows(store, "sdg-coverage")}
    assert len(coverage) == 17 and int(coverage["5"]["innovations"]) >= 1 and coverage["14"]["innovations"] == "0"


def test_who_received_awards_from_which_minister(store: GraphStore) -> None:
    tjahjo = rows(store, "awards-by-minister", person="Cahyo Kumolo")
    assert len(tjahjo) >= 3 and all("Pendayagunaan" in r["post"] for r in tjahjo)
