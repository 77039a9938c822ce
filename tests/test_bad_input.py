"""Bad input: a clear error naming file, line, record and field; nothing from that source stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from psikg.build import build
from psikg.errors import InputError
from psikg.store import GraphStore

SEED = "000-lp-par-unspa-2018.yaml"


def seed(data: Path) -> Path:
    return data / "records" / "seeds" / SEED


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture edit: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def build_problems(data: Path, tmp_path: Path) -> list:
    with pytest.raises(InputError) as info:
        build(data, tmp_path / "store")
    return info.value.problems


CASES = {
    # name: (edit old, edit new, expected words, field, line-or-None)
    "broken-yaml": ("  id: 000-yandip", "  id: [000-yandip", "broken YAML", None, 6),
    "missing-required-field": (
        "  - ref: lp-par\n    name: Lembaga",
        "  - ref: lp-par\n    nama: Lembaga",
        "is required but missing",
        "name",
        24,
    ),
    "malformed-date": ("    date: 2018-09-19", "    date: 2018-19-09", "not a real calendar date", "date", 71),
    "malformed-date-text": (
        "    date: 2018-09-19",
        "    date: 19/9/2018",
        "is not a date written yyyy-mm-dd",
        "date",
        71,
    ),
    "unknown-region": (
        "    region: Kota Pekalongan\n    sdgs",
        "    region: Kota Atlantis\n    sdgs",
        "no region is named 'Kota Atlantis'",
        "region",
        30,
    ),
    "ambiguous-region": (
        "    region: Kota Pekalongan\n    sdgs",
        "    region: Pekalongan\n    sdgs",
        "'Pekalongan' is ambiguous: Kabupaten Pekalongan (33.26), Kota Pekalongan (33.75)",
        "region",
        30,
    ),
    "duplicate-ref": ("  - ref: 3-in-1\n", "  - ref: lp-par\n", "duplicate ref 'lp-par'", "ref", 37),
    "unknown-field": ("    acronym: LP-PAR", "    akronim: LP-PAR", "unknown field", "akronim", 26),
    "quote-not-in-article": (
        'quote: "Ada 20 penerima penghargaan UNSPA."',
        'quote: "Ada 21 penerima penghargaan UNSPA."',
        "quote not found",
        "quote",
        None,
    ),
    "unknown-scheme": (
        '    scheme: unpsa\n    scheme_as_stated: "United',
        '    scheme: oscar\n    scheme_as_stated: "United',
        "unknown scheme 'oscar'",
        "scheme",
        63,
    ),
    "bad-sdg": ('      - target: "5.2"', '      - target: "5.99"', "'5.99' is not an SDG goal or target", "sdgs", 31),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_record_is_reported_precisely_and_store_untouched(case: str, data_copy: Path, tmp_path: Path) -> None:
    old, new, words, field, line = CASES[case]
    edit(seed(data_copy), old, new)
    problems = build_problems(data_copy, tmp_path)
    match = [p for p in problems if words in p.message]
    assert match, f"expected '{words}' among: {[str(p) for p in problems]}"
    problem = match[0]
    assert problem.file.endswith(SEED)
    assert problem.field == field
    if line is not None:
        assert problem.line == line
    assert not (tmp_path / "store").exists(), "a failed build must not create or change the store"


def test_failed_build_leaves_existing_store_as_it_was(data_copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "store"
    build(data_copy, target)
    before = len(GraphStore.open(target, read_only=True))
    edit(seed(data_copy), "    date: 2018-09-19", "    date: 2018-02-30")
    with pytest.raises(InputError):
        build(data_copy, target)
    assert len(GraphStore.open(target, read_only=True)) == before


def test_keep_going_loads_the_good_sources_and_nothing_of_the_bad(data_copy: Path, tmp_path: Path) -> None:
    edit(seed(data_copy), "    date: 2018-09-19", "    date: 2018-02-30")
    result = build(data_copy, tmp_path / "store", keep_going=True)
    assert [f.problems[0].file.endswith(SEED) for f in result.loaded.failures] == [True]
    store = GraphStore.open(tmp_path / "store", read_only=True)
    graphs = {g.value.rsplit("/", 1)[-1] for g in store.graphs()}
    assert "000-yandip-2018-lp-par-unspa" not in graphs
    assert "001-tribunpantura-2023-seksama-ajak" in graphs
    _, rows = store.select('SELECT ?s WHERE { ?s <https://w3id.org/psikg/ontology#acronym> "LP-PAR" }')
    assert rows == []


def test_wrong_encoding_is_named(data_copy: Path, tmp_path: Path) -> None:
    path = seed(data_copy)
    path.write_bytes(path.read_bytes().replace(b"Kota Pekalongan Raih", "Kota Pekalongan Ra\xefh".encode("latin-1")))
    problems = build_problems(data_copy, tmp_path)
    assert "not UTF-8" in problems[0].message and problems[0].file.endswith(SEED)


def test_duplicate_source_id_across_files(data_copy: Path, tmp_path: Path) -> None:
    copy = data_copy / "records" / "seeds" / "zz-copy.yaml"
    copy.write_text(seed(data_copy).read_text(encoding="utf-8"), encoding="utf-8")
    problems = build_problems(data_copy, tmp_path)
    assert any("duplicate source id '000-yandip-2018-lp-par-unspa'" in p.message for p in problems)


def write_table(data: Path, rows: str, sidecar: bool = True) -> Path:
    folder = data / "records" / "tables"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "awards.csv").write_text(rows, encoding="utf-8")
    if sidecar:
        (folder / "awards.source.yaml").write_text(
            "format: psikg-table/1\nsource:\n  id: test-table\n  kind: dataset\n  title: Test table\n", encoding="utf-8"
        )
    return folder / "awards.csv"


HEADER = "name,acronym,owner,region,scheme,year,rank,quote\n"


def test_table_loads_innovations_and_awards(data_copy: Path, tmp_path: Path) -> None:
    write_table(
        data_copy, HEADER + "Sistem Contoh,SICON,Pemkab Batang,Kabupaten Batang,kipp,2021,Top 99,Sistem Contoh\n"
    )
    build(data_copy, tmp_path / "store")
    store = GraphStore.open(tmp_path / "store", read_only=True)
    _, rows = store.select(
        "SELECT ?a WHERE { ?a <https://w3id.org/psikg/ontology#recipient> "
        "<https://w3id.org/psikg/id/innovation/33.25/sicon> }"
    )
    assert len(rows) == 1


@pytest.mark.parametrize(
    ("rows", "words", "line"),
    [
        (HEADER + "Sistem Contoh,SICON,Pemkab Batang,Kabupaten Batang,kipp,20x1,Top 99,q\n", "is not a year", 2),
        (
            HEADER + "Sistem Contoh,SICON,Pemkab Atlantis,,kipp,2021,Top 99,q\n",
            "no agency is named 'Pemkab Atlantis'",
            2,
        ),
        ("nama,quote\nx,y\n", "unknown column(s) nama", 1),
        (HEADER + '"unterminated,SICON\n', "broken CSV in the row starting here", 2),
        (HEADER + "Sistem Contoh,SICON,Pemkab Batang,Kabupaten Batang,kipp,2021,Top 99,q,extra\n", "has 9 cells", 2),
        (HEADER + ",,,,,,,q\n", "a row needs a 'name' (innovation) or a 'scheme'", 2),
    ],
)
def test_bad_table_is_reported(rows: str, words: str, line: int | None, data_copy: Path, tmp_path: Path) -> None:
    path = write_table(data_copy, rows)
    problems = build_problems(data_copy, tmp_path)
    match = [p for p in problems if words in p.message]
    assert match, [str(p) for p in problems]
    assert match[0].file == str(path)
    if line is not None:
        assert match[0].line == line


def test_table_without_sidecar_says_what_to_add(data_copy: Path, tmp_path: Path) -> None:
    write_table(data_copy, HEADER, sidecar=False)
    problems = build_problems(data_copy, tmp_path)
    assert "awards.source.yaml" in problems[0].message
