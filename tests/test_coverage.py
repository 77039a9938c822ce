"""Coverage report and the award-analysis queries, on the graph built from data/.

The expected counts are computed here from the CSV tables themselves, not from the graph, so a
loader or query that drops, duplicates or misplaces entries makes these tests fail.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from psikg import queries
from psikg.build import load_sources
from psikg.cli import cli
from psikg.coverage import KINDS, Edition, coverage, coverage_by_kind, load_editions
from psikg.errors import InputError
from psikg.settings import DATA_DIR

# The columns each new query documents (its header and docs/coverage.md), in order.
NEW_QUERIES = {
    "coverage": ["scheme", "year", "rank", "entries", "with_region", "with_institution"],
    "coverage-by-kind": ["scheme", "year", "rank", "kind", "entries"],
    "top-regions": ["region", "province", "awards", "recipients", "years", "first_year", "last_year", "year_list"],
    "provinces-never-awarded": ["province", "code"],
    "repeat-winners": ["recipient", "innovation", "region", "awards", "years", "schemes"],
    "awards-per-sdg": ["sdg", "label", "year", "awards", "innovations", "goal"],
}
REGIONAL = ("Pemerintah Kota ", "Pemerintah Kabupaten ", "Pemerintah Provinsi ")


def table_rows() -> list[dict[str, str]]:
    """Every row of every table under data/records/, with its file name."""
    rows = []
    for path in sorted((DATA_DIR / "records").rglob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            rows += [{**row, "_file": path.name} for row in csv.DictReader(f)]
    return rows


def yaml_mentions(scheme: str, year: str) -> bool:
    """Whether any YAML record names an award of ``scheme`` in ``year`` (then tables alone don't count)."""
    for path in (DATA_DIR / "records").rglob("*.yaml"):
        if path.name.endswith(".source.yaml"):
            continue
        text = path.read_text(encoding="utf-8")
        if f"scheme: {scheme}\n" in text and f"year: {year}\n" in text:
            return True
    return False


@pytest.mark.parametrize(
    ("scheme", "year", "rank"),
    [("kipp", "2014", "top-9"), ("kipp", "2023", "top-45")],
)
def test_coverage_counts_match_the_tables(store, scheme: str, year: str, rank: str) -> None:
    assert not yaml_mentions(scheme, year), "pick an edition only tables state"
    rows = [r for r in table_rows() if (r.get("scheme"), r.get("year"), r.get("rank")) == (scheme, year, rank)]
    assert rows, f"no table row for {scheme} {year} {rank}"
    recipients = {(r["_file"], r.get("recipient") or r["ref"]) for r in rows}
    regional = {
        (r["_file"], r.get("recipient") or r["ref"])
        for r in rows
        if (r.get("owner") or r.get("recipient") or "").startswith(REGIONAL)
    }

    report = coverage(store, scheme=scheme, year=year)
    row = next(r for r in report.rows if r.rank == rank)
    stated = next(e.stated for e in load_editions() if e.key == (scheme, year, rank))
    assert row.entries == len(recipients)
    assert row.with_region == len(regional)
    assert row.with_institution == len(recipients)
    assert row.stated == stated
    assert row.missing == max((stated or 0) - len(recipients), 0)


def test_kipp_2014_top9_is_complete_and_in_the_summary(store) -> None:
    report = coverage(store, scheme="kipp", year="2014")
    top9 = next(r for r in report.rows if r.rank == "top-9")
    assert (top9.entries, top9.stated, top9.missing) == (9, 9, 0)
    # an announced edition with no entry is listed, with everything missing
    top99 = next(r for r in report.rows if r.rank == "top-99")
    assert (top99.entries, top99.missing) == (0, 99)
    assert "kipp 2014 top-9" in report.summary()


def test_editions_name_known_schemes_and_ranks(store) -> None:
    notations = {
        row[0].text
        for row in queries.tabulate(
            store, "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT ?n WHERE { ?c skos:notation ?n }"
        ).rows
    }
    for e in load_editions():
        assert e.scheme in notations, e
        assert not e.rank or e.rank in notations, e
        assert e.source_url.startswith("http"), e


def test_stages_are_written_out_to_their_closure() -> None:
    """Queries and shapes follow laterStageOf one step (a `+` path inside FILTER NOT EXISTS is
    answered wrongly by Virtuoso 7.2), so schemes.ttl must state every stage a rank is later than."""
    import rdflib

    later = rdflib.URIRef("https://w3id.org/psikg/ontology#laterStageOf")
    g = rdflib.Graph().parse(DATA_DIR / "reference" / "schemes.ttl")
    stated = {(a, b) for a, _, b in g.triples((None, later, None))}
    assert stated, "schemes.ttl states no stages"
    closure = set(stated)
    while extra := {(a, d) for a, b in closure for c, d in closure if b == c} - closure:
        closure |= extra
    assert closure == stated, f"stages missing from schemes.ttl: {sorted(closure - stated)}"


def editions_problems(tmp_path: Path, *entries: str) -> str:
    """What load_editions says of an editions file with these entries (it must refuse it)."""
    bad = tmp_path / "editions.yaml"
    bad.write_text("format: psikg-editions/1\neditions:\n" + "".join(f"  - {e}\n" for e in entries), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_editions(bad)
    return str(err.value)


def test_bad_editions_file_is_reported(tmp_path: Path) -> None:
    text = editions_problems(
        tmp_path,
        "{scheme: kipp, year: 2019, rank: top-45, stated: 45}",
        "{scheme: kipp, year: 2019, rank: top-45, stated: 45}",
        "{scheme: kipp, year: 2020, stated: many}",
    )
    assert "listed twice" in text and "stated must be a whole number" in text


KINDS_RECORD = """\
format: psikg-record/1
source: {id: kinds-test, kind: web-page, title: "A made-up list", url: "https://example.org/kinds"}
agencies:
  - {ref: dinkes, name: Dinas Kesehatan Kabupaten Banyumas, kind: regional-agency,
     parent: Pemerintah Kabupaten Banyumas, region: Kabupaten Banyumas}
  - {ref: polres, name: Polres Jayapura, kind: service-unit, parent: Polri, region: Kabupaten Jayapura}
  - {ref: bumn, name: PT Contoh Persero, kind: organization}
innovations:
  - {ref: a, name: Inovasi A, owner: Kementerian Sosial}
  - {ref: b, name: Inovasi B, owner: polres}
  - {ref: c, name: Inovasi C, owner: Pemerintah Provinsi Jawa Tengah}
  - {ref: d, name: Inovasi D, owner: dinkes}
  - {ref: e, name: Inovasi E, owner: Pemerintah Kota Semarang}
  - {ref: f, name: Inovasi F, owner: bumn}
  - {ref: g, name: Inovasi G, owner: Pemerintah Kota Semarang}
awards:
  - {ref: wa, recipient: a, scheme: kipp, year: 2019, rank: top-45, quote: "A"}
  - {ref: wb, recipient: b, scheme: kipp, year: 2019, rank: top-45, quote: "B"}
  - {ref: wc, recipient: c, scheme: kipp, year: 2019, rank: top-45, quote: "C"}
  - {ref: wd, recipient: d, scheme: kipp, year: 2019, rank: top-45, quote: "D"}
  - {ref: we, recipient: e, scheme: kipp, year: 2019, rank: top-45, quote: "E"}
  - {ref: wf, recipient: f, scheme: kipp, year: 2019, rank: top-45, quote: "F"}
  - {ref: wg, recipient: g, scheme: kipp, year: 2019, rank: top-45, quote: "G"}
  - {ref: wh, recipient: Pemerintah Kabupaten Banyumas, scheme: iga, year: 2019, quote: "H"}
"""


@pytest.fixture
def kinds_store(reference, tmp_path: Path):
    """A memory store with the reference data and one record of seven KIPP entries, one IGA award."""
    from psikg.store import GraphStore

    record = tmp_path / "kinds.yaml"
    record.write_text(KINDS_RECORD, encoding="utf-8")
    loaded = load_sources([record], reference[1])
    assert not loaded.failures, loaded.problems
    store = GraphStore.memory()
    store.add_all(q for load in reference[0].loads + loaded.loads for q in load.quads)
    return store


def test_each_entry_counts_under_the_kind_of_its_owner(kinds_store) -> None:
    """A ministry, a police precinct (its national force), a province, a regency's health office,
    a city (twice), an enterprise; a government receiving an award itself."""
    stated = (("ministry", 1), ("agency", 2), ("province", 1), ("regency", 1), ("city", 1))
    report = coverage_by_kind(kinds_store, [Edition("kipp", "2019", "top-45", 6, composition=stated)])
    rows = {(r.scheme, r.rank, r.kind): (r.entries, r.stated, r.missing) for r in report.rows}
    assert rows == {
        ("iga", "", "regency"): (1, None, None),
        ("kipp", "top-45", "ministry"): (1, 1, 0),
        ("kipp", "top-45", "agency"): (1, 2, 1),
        ("kipp", "top-45", "province"): (1, 1, 0),
        ("kipp", "top-45", "regency"): (1, 1, 0),
        ("kipp", "top-45", "city"): (2, 1, 0),
        ("kipp", "top-45", "other"): (1, 0, 0),  # a kind the announcement does not list
    }
    summary = report.summary()
    assert "the 1 edition whose announcement breaks" in summary and "holds 5 of its 6 entries" in summary
    assert "1 of 2 from national agencies" in summary
    assert "2 entries go beyond" in summary


def test_kinds_counted_together_are_summed(kinds_store) -> None:
    stated = (("ministry+agency", 3), ("province", 1), ("regency", 1), ("city", 2), ("other", 1))
    report = coverage_by_kind(kinds_store, [Edition("kipp", "2019", "top-45", 8, composition=stated)], scheme="kipp")
    assert [(r.kind, r.entries, r.missing) for r in report.rows] == [
        ("ministry+agency", 2, 1),
        ("province", 1, 0),
        ("regency", 1, 0),
        ("city", 2, 0),
        ("other", 1, 0),
    ]
    assert "beyond" not in report.summary()


def test_compositions_add_up_to_their_totals() -> None:
    composed = [e for e in load_editions() if e.composition]
    assert len(composed) >= 7
    for e in composed:
        assert sum(n for _, n in e.composition) == e.stated, e
        assert all(k in KINDS for group, _ in e.composition for k in group.split("+")), e


def test_bad_composition_is_reported(tmp_path: Path) -> None:
    text = editions_problems(
        tmp_path,
        "{scheme: kipp, year: 2019, rank: top-45, stated: 45, composition: {regency: 40, city: 4}}",
        "{scheme: kipp, year: 2020, rank: top-45, stated: 45, composition: {kabupaten: 45}}",
        "{scheme: kipp, year: 2021, rank: top-45, stated: 45, composition: {ministry+agency: 5, agency: 40}}",
    )
    assert "editions[0]" in text and "adds up to 44, but stated is 45" in text
    assert "unknown kind 'kabupaten'" in text
    assert "counts 'agency' twice" in text


def test_edition_without_entries_on_an_empty_store() -> None:
    from psikg.store import GraphStore

    report = coverage(GraphStore.memory(), [Edition("iga", "2021", "", None)])
    assert [(r.scheme, r.entries, r.missing) for r in report.rows] == [("iga", 0, None)]


@pytest.mark.parametrize("name", sorted(NEW_QUERIES))
def test_new_queries_run_with_their_documented_columns(store, name: str) -> None:
    table = queries.run(store, name)
    assert table.columns == NEW_QUERIES[name]
    assert table.rows, f"{name} returns nothing on the shipped data"
    for p in queries.get(name).params:
        assert p.description, f"{name}: parameter {p.name} undocumented"


def test_provinces_never_awarded_excludes_awarded_provinces(store) -> None:
    never = {row[0].text for row in queries.run(store, "provinces-never-awarded").rows}
    awarded = {row[1].text for row in queries.run(store, "top-regions").rows if row[1].text}
    # Kabupaten Teluk Bintuni (Papua Barat) won UNPSA 2018; Jawa Timur won KIPP 2014 and 2015.
    assert {"Papua Barat", "Jawa Timur"} <= awarded
    assert not never & awarded
    assert len(never | awarded) == 38
    # bound to one scheme, a province awarded only in other schemes is listed
    never_unpsa = {row[0].text for row in queries.run(store, "provinces-never-awarded", {"scheme": "unpsa"}).rows}
    assert "Jawa Timur" in never_unpsa and "Papua Barat" not in never_unpsa


def test_an_entry_two_sources_list_is_one_conferral_citing_both(store) -> None:
    edition = ("unpsa", "2015", "second-place")
    files = {r["_file"] for r in table_rows() if (r.get("scheme"), r.get("year"), r.get("rank")) == edition}
    assert len(files) >= 2, "UNPSA 2015's second places are listed by two sources"
    report = coverage(store, scheme="unpsa", year="2015")
    assert next(r for r in report.rows if r.rank == "second-place").entries == 2
    rows = queries.run(store, "awards", {"scheme": "unpsa", "year": "2015"})
    source = rows.columns.index("source")
    assert len(rows.rows) == 2 and all(len(row[source].items) >= 2 for row in rows.rows)


def test_top_regions_and_repeat_winners_agree_with_the_tables(store) -> None:
    surabaya = [r for r in table_rows() if r.get("owner") == "Pemerintah Kota Surabaya"]
    rows = queries.run(store, "top-regions", {"province": "Jawa Timur"}).rows
    by_region = {row[0].text: int(row[2].text) for row in rows}
    # one conferral per scheme, year and innovation, however many tables list it
    conferrals = {(r["scheme"], r["year"], r["name"]) for r in surabaya}
    assert surabaya and by_region["Kota Surabaya"] >= len(conferrals)
    repeat = queries.run(store, "repeat-winners").rows
    assert all(len(row[4].text.split()) > 1 or len(row[5].items) > 1 for row in repeat)


def test_awards_per_sdg_counts_the_stated_sdg(store) -> None:
    rows = queries.run(store, "awards-per-sdg", {"year": "2018", "sdg": "3"}).rows
    assert [(r[0].text, r[2].text) for r in rows] == [("3", "2018")]
    assert int(rows[0][3].text) >= 1  # EDAT, Kabupaten Teluk Bintuni (UN DESA lists SDG 3)


def test_cli_coverage_formats(built) -> None:
    runner = CliRunner()
    store = str(built[1])
    table = runner.invoke(cli, ["coverage", "--store", store])
    assert table.exit_code == 0, table.output
    assert "This release holds" in table.output
    as_json = json.loads(
        runner.invoke(cli, ["coverage", "--store", store, "--scheme", "kipp", "--format", "json"]).output
    )
    assert as_json["summary"] and {r["scheme"] for r in as_json["rows"]} == {"kipp"}
    as_csv = runner.invoke(cli, ["coverage", "--store", store, "--year", "2014", "--format", "csv"]).output
    assert as_csv.splitlines()[0].startswith("scheme,year,rank,entries,stated,missing")
    by_kind = runner.invoke(cli, ["coverage", "--store", store, "--by-kind", "--scheme", "kipp", "--year", "2019"])
    assert by_kind.exit_code == 0, by_kind.output
    assert by_kind.output.startswith("scheme | year | rank   | kind") and "kind of institution" in by_kind.output
    as_csv = runner.invoke(cli, ["coverage", "--store", store, "--by-kind", "--year", "2019", "--format", "csv"]).output
    rows = list(csv.DictReader(as_csv.splitlines()))
    top99 = {r["kind"]: r for r in rows if (r["scheme"], r["rank"]) == ("kipp", "top-99")}
    assert top99["regency"]["stated"] == "41" and int(top99["regency"]["entries"]) > 0
