"""A synthetic psikg corpus of realistic shape, written as records the real loaders read.

Every real region of ``data/reference/regions/regions.csv`` (38 provinces and 514 kabupaten/
kota) gets its regional agencies (Dinas ...), its head of region and heads of agency with their
terms of office, and its share of the innovations. Each innovation is owned by a regional
government, implemented by one of its agencies, aligned with 1-3 SDG targets of
``data/reference/sdg/targets.csv``; about 30 % won a KIPP award (rank by edition year, keys of
``data/reference/schemes.ttl``, handed over by the Menteri PANRB of that year when the officials
list knows them; 2 % of them handed over the next January, which the shapes warn about) and
about 10 % replicate an earlier innovation of another region.

Output, laid out like ``data/``::

    OUT/reference/                     a copy of data/reference
    OUT/records/agencies/<code>.yaml   psikg-record/1: agencies and people of one region
    OUT/records/innovations/<code>-<n>.csv + .source.yaml   psikg-table/1: innovations, awards
    OUT/records/replications/<n>.yaml  psikg-record/1: replications (tables cannot state them)

Deterministic: the same ``--size`` and ``--seed`` give byte-identical files.

    python bench/generate.py --size 10k --out bench/out/10k
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import sys
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
REFERENCE = REPO / "data" / "reference"

#: Regional agencies every region has: (key, name before the region's name).
AGENCIES = [
    ("dinkes", "Dinas Kesehatan"),
    ("disdik", "Dinas Pendidikan"),
    ("dukcapil", "Dinas Kependudukan dan Pencatatan Sipil"),
    ("dpmptsp", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"),
    ("dinsos", "Dinas Sosial"),
    ("dpppa", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak"),
    ("diskominfo", "Dinas Komunikasi dan Informatika"),
    ("bappeda", "Badan Perencanaan Pembangunan Daerah"),
]
#: Words innovation names are made of: (name word, acronym syllable).
TOPICS = [
    ("Layanan", "LA"),
    ("Sistem Informasi", "SI"),
    ("Gerakan", "GE"),
    ("Pelayanan", "PE"),
    ("Program", "PRO"),
    ("Aplikasi", "APLI"),
]
SUBJECTS = [
    ("Kesehatan Ibu dan Anak", "KIA"),
    ("Administrasi Kependudukan", "DUK"),
    ("Perizinan Terpadu", "PADU"),
    ("Pengaduan Masyarakat", "DUMAS"),
    ("Penanggulangan Kemiskinan", "KIS"),
    ("Pendidikan Inklusif", "DIK"),
    ("Perlindungan Perempuan", "LINDU"),
    ("Desa Digital", "DESA"),
    ("Sanitasi Lingkungan", "SANI"),
    ("Ketahanan Pangan", "PANGAN"),
    ("Pencegahan Stunting", "STUN"),
    ("Pelayanan Lansia", "LANSIA"),
]
QUALIFIERS = ["Terpadu", "Keliling", "Online", "Berbasis Masyarakat", "Cepat", "Ramah Anak", "Satu Pintu", "Mandiri"]
FIRST = ["Agus", "Budi", "Dewi", "Eko", "Fitri", "Hadi", "Indah", "Joko", "Kartika", "Lestari", "Made", "Nur"]
MIDDLE = ["Adi", "Bayu", "Cahya", "Dwi", "Eka", "Putra", "Sari", "Tri", "Wahyu", "Yuli", "Rahma", "Setya"]
LAST = ["Santoso", "Wibowo", "Siregar", "Nasution", "Hidayat", "Saputra", "Kurniawan", "Pratama", "Lubis", "Harahap"]
#: KIPP ranks announced per edition year (keys of data/reference/schemes.ttl).
KIPP_RANKS = {
    2014: ["top-99", "top-9"],
    2015: ["top-99", "top-25"],
    2016: ["top-99", "top-35"],
    2017: ["top-99", "top-40"],
    2018: ["top-99", "top-40"],
    2019: ["top-99", "top-45"],
    2020: ["top-99", "top-45", "top-21"],
    2021: ["top-99", "top-45"],
    2022: ["top-99", "top-45"],
    2023: ["top-99", "top-45"],
    2024: ["top-99", "top-45"],
}
#: Menteri PANRB handing KIPP awards over, as in data/reference/officials.yaml.
MINISTER = {2018: "Syafruddin", 2019: "Tjahjo Kumolo", 2020: "Tjahjo Kumolo", 2021: "Tjahjo Kumolo"}
MINISTER.update({y: "Abdullah Azwar Anas" for y in (2022, 2023, 2024)})
FORMS = ["adopted", "adapted", "partnership", "ministry-programme"]
COLUMNS = ["ref", "name", "acronym", "description", "owner", "agency", "region", "sdgs", "sdg_basis"]
COLUMNS += ["scheme", "year", "rank", "handed_by", "date", "quote"]
#: Innovations per CSV table (one table per region and chunk).
TABLE_ROWS = 2000
#: Replications per YAML record.
REPLICATIONS_PER_RECORD = 2000


def parse_size(text: str) -> int:
    """'10k' -> 10000, '1M' -> 1000000, '2500' -> 2500."""
    text = text.strip().lower()
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("km")) * factor)


def read_regions() -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """(provinces, kabupaten/kota) of the reference list."""
    with (REFERENCE / "regions" / "regions.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    provinces = [r for r in rows if "." not in r["code"]]
    second = [r for r in rows if r["code"].count(".") == 1]
    return provinces, second


def read_targets() -> list[str]:
    with (REFERENCE / "sdg" / "targets.csv").open(encoding="utf-8") as fh:
        return [r["target"] for r in csv.DictReader(fh)]


def government(region: dict[str, str]) -> str:
    """'Pemerintah Kabupaten Aceh Selatan', 'Pemerintah Provinsi Aceh'."""
    name = region["name"]
    return f"Pemerintah {name}" if name.startswith(("Kota ", "Kabupaten ")) else f"Pemerintah Provinsi {name}"


def head_role(region: dict[str, str]) -> str:
    if "." not in region["code"]:
        return "Gubernur"
    return "Wali Kota" if region["name"].startswith("Kota") else "Bupati"


def person(rng: random.Random, taken: set[str]) -> str:
    while True:
        name = f"{rng.choice(FIRST)} {rng.choice(MIDDLE)} {rng.choice(LAST)}"
        if name not in taken:
            taken.add(name)
            return name
        name += f" {rng.choice(MIDDLE)}"  # three-word names run out at a few thousand regions
        if name not in taken:
            taken.add(name)
            return name


def agency_name(prefix: str, region: dict[str, str]) -> str:
    name = region["name"]
    return f"{prefix} {name if '.' in region['code'] else 'Provinsi ' + name}"


def region_record(region: dict[str, str], rng: random.Random, taken: set[str]) -> dict[str, object]:
    """The agencies of one region, its head and the heads of its agencies (posts and terms)."""
    code = region["code"]
    gov = government(region)
    agencies = [
        {
            "ref": short,
            "name": agency_name(prefix, region),
            "kind": "regional-agency",
            "key": f"pemda-{code}/{short}",
            "acronym": f"{short.capitalize()} {code}",
            "parent": gov,
            "region": code,
            "quote": f"{agency_name(prefix, region)} sebagai perangkat daerah {gov}",
        }
        for short, prefix in AGENCIES
    ]
    start = rng.choice(["2021-02-26", "2021-04-26", "2021-06-01"])
    people: list[dict[str, object]] = [
        {
            "ref": "head",
            "name": person(rng, taken),
            "post": {"role": head_role(region), "organization": gov},
            "start": start,
            "end": "2025-02-20",
            "attested": f"2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "quote": f"{head_role(region)} {region['name']} dilantik pada {start}",
        }
    ]
    for short, prefix in AGENCIES:
        people.append(
            {
                "ref": f"kadis-{short}",
                "name": person(rng, taken),
                "post": {"role": "Kepala Dinas", "organization": short},
                "attested": f"{rng.randint(2019, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "quote": f"Kepala {agency_name(prefix, region)}",
            }
        )
    return {
        "format": "psikg-record/1",
        "source": {
            "id": f"synthetic-agencies-{code}",
            "kind": "web-page",
            "title": f"Perangkat Daerah {region['name']}",
            "publisher": gov,
            "issued": "2024-01-15",
            "language": "id",
        },
        "agencies": agencies,
        "people": people,
    }


def innovation_name(rng: random.Random) -> tuple[str, str]:
    topic, t = rng.choice(TOPICS)
    subject, s = rng.choice(SUBJECTS)
    qualifier = rng.choice(QUALIFIERS)
    return f"{topic} {subject} {qualifier}", f"{t}-{s}"


def write_table(path: Path, region: dict[str, str], chunk: int, rows: list[dict[str, str]]) -> None:
    source_id = f"synthetic-inovasi-{region['code']}-{chunk}"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    meta = {
        "format": "psikg-table/1",
        "source": {
            "id": source_id,
            "kind": "dataset",
            "title": f"Database Inovasi Daerah {region['name']} (bagian {chunk})",
            "publisher": government(region),
            "issued": "2024-12-31",
            "language": "id",
        },
    }
    path.with_name(path.stem + ".source.yaml").write_text(
        "# Synthetic table of bench/generate.py; format: docs/record-format.md (Tables)\n"
        + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )


def dump_yaml(path: Path, data: dict[str, object]) -> None:
    path.write_text(
        "# Synthetic record of bench/generate.py; format: docs/record-format.md\n"
        + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200),
        encoding="utf-8",
    )


def generate(size: int, out: Path, seed: int = 20251124) -> dict[str, int]:
    """Write a corpus of ``size`` innovations into ``out``; return counts of what was written."""
    rng = random.Random(seed)
    provinces, second = read_regions()
    regions = second + provinces  # innovations mostly come from kabupaten/kota
    weights = [4.0 if "." in r["code"] else 1.0 for r in regions]
    targets = read_targets()
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(REFERENCE, out / "reference")
    for sub in ("agencies", "innovations", "replications"):
        (out / "records" / sub).mkdir(parents=True)
    taken: set[str] = set()
    for region in sorted(regions, key=lambda r: r["code"]):
        dump_yaml(out / "records" / "agencies" / f"{region['code']}.yaml", region_record(region, rng, taken))

    # Assign innovations to regions first, so keys (region code / acronym) are known up front.
    owners = rng.choices(range(len(regions)), weights=weights, k=size)
    per_region: dict[int, list[dict[str, str]]] = {}
    keys: list[tuple[int, str]] = []  # (region index, innovation key) in creation order
    replications: list[dict[str, object]] = []
    awards = 0
    for n, ri in enumerate(owners):
        region = regions[ri]
        rows = per_region.setdefault(ri, [])
        name, stem = innovation_name(rng)
        acronym = f"{stem}-{len(rows) + 1}"
        key = f"{region['code']}/{acronym.lower()}"
        short, prefix = rng.choice(AGENCIES)
        sdgs = sorted(set(rng.sample(targets, rng.randint(1, 3))))
        row = {
            "ref": acronym.lower(),
            "name": name,
            "acronym": acronym,
            "description": f"{name} oleh {agency_name(prefix, region)}.",
            "owner": government(region),
            "agency": agency_name(prefix, region),
            "region": region["code"],
            "sdgs": ";".join(sdgs),
            "sdg_basis": "Stated in the regional innovation database entry.",
            "quote": f"{name} ({acronym}) adalah inovasi {agency_name(prefix, region)} nomor {n}",
        }
        if rng.random() < 0.30:
            year = rng.choice(sorted(KIPP_RANKS))
            row.update(
                scheme="kipp",
                year=str(year),
                rank=rng.choice(KIPP_RANKS[year]),
                handed_by=MINISTER.get(year, ""),
                date=f"{year}-{rng.randint(6, 12):02d}-{rng.randint(1, 28):02d}",
            )
            if rng.random() < 0.02:  # handed over early the next year: a warning of the shapes
                row["date"] = f"{year + 1}-01-{rng.randint(10, 28):02d}"
            awards += 1
        # ~10 % replicate an earlier innovation of another region.
        if keys and rng.random() < 0.10:
            for _ in range(5):
                oi, original = keys[rng.randrange(len(keys))]
                if oi != ri:
                    replications.append(
                        {
                            "replica": key,
                            "original": original,
                            "form": rng.choice(FORMS),
                            "year": rng.randint(2016, 2024),
                            "basis": "The replicating region names the original in its database entry.",
                            "quote": f"{acronym} mereplikasi inovasi {original}",
                        }
                    )
                    break
        rows.append(row)
        keys.append((ri, key))

    tables = 0
    for ri, rows in sorted(per_region.items(), key=lambda item: regions[item[0]]["code"]):
        region = regions[ri]
        for chunk, start in enumerate(range(0, len(rows), TABLE_ROWS), 1):
            write_table(
                out / "records" / "innovations" / f"{region['code']}-{chunk}.csv",
                region,
                chunk,
                rows[start : start + TABLE_ROWS],
            )
            tables += 1
    for i, start in enumerate(range(0, len(replications), REPLICATIONS_PER_RECORD), 1):
        dump_yaml(
            out / "records" / "replications" / f"{i:04d}.yaml",
            {
                "format": "psikg-record/1",
                "source": {
                    "id": f"synthetic-replikasi-{i:04d}",
                    "kind": "dataset",
                    "title": f"Replikasi inovasi daerah (bagian {i})",
                    "publisher": "KemenPANRB",
                    "issued": "2024-12-31",
                    "language": "id",
                },
                "replications": replications[start : start + REPLICATIONS_PER_RECORD],
            },
        )
    return {
        "innovations": size,
        "awards": awards,
        "replications": len(replications),
        "regions": len(regions),
        "agencies": len(regions) * len(AGENCIES),
        "tables": tables,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="10k", help="number of innovations: 10k, 100k, 1M or a number")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (replaced if it exists)")
    parser.add_argument("--seed", type=int, default=20251124)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    counts = generate(parse_size(args.size), args.out, args.seed)
    what = ", ".join(f"{v} {k}" for k, v in counts.items())
    print(f"{args.out}: {what} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
