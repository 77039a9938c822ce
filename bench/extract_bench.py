"""Throughput of ``psikg extract`` on a 1,000-article corpus, beside a tokenisation baseline.

The corpus is generated from the articles at hand (data/articles and tests/data/extract/unseen)
by replicating and perturbing them: region names swapped for other cities and regencies of the
reference data, years shifted, paragraphs repeated, "Baca juga" links and footers added. Every
article is then extracted as ``psikg extract`` does it (read the file, extract, check the record
with the loader, write it atomically), with a progress bar on stderr. The baseline, in the same
process on the same texts, is plain tokenisation (a regex word split, lower-casing and counting).

    python bench/extract_bench.py --articles 1000
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import click
from psikg.build import reference_resolver
from psikg.extract.mentions import Finder
from psikg.extract.reading import BadArticle
from psikg.extract.records import extract_file
from psikg.namespaces import PSIKG
from psikg.settings import DATA_DIR

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((DATA_DIR / "articles").glob("*.txt")) + sorted(
    (ROOT / "tests" / "data" / "extract" / "unseen" / "articles").glob("*")
)
WORD = re.compile(r"\w+")


def generate(n: int, out: Path, seed: int = 7) -> list[Path]:
    """``n`` perturbed copies of the source articles in ``out``."""
    rng = random.Random(seed)
    resolver = reference_resolver()
    cities = [r.name.removeprefix("Kota ") for r in resolver.regions.values() if r.kind == PSIKG.City]
    regencies = [r.name.removeprefix("Kabupaten ") for r in resolver.regions.values() if r.kind == PSIKG.Regency]
    texts = [(p.suffix, p.read_bytes().decode("utf-8")) for p in SOURCES]
    paths = []
    for i in range(n):
        suffix, text = texts[i % len(texts)]
        if i >= len(texts):
            city, regency = rng.choice(cities), rng.choice(regencies)
            text = re.sub(
                r"\b(Kota|Walikota|Wali Kota|Pemkot) (Pekalongan|Palembang|Cilegon|Surabaya)\b", rf"\1 {city}", text
            )
            text = re.sub(r"\b(Kabupaten|Bupati|Pemkab) (Pekalongan|Bima|Klungkung|Buleleng)\b", rf"\1 {regency}", text)
            shift = rng.choice([0, 1, 2])
            text = re.sub(r"\b20(1[5-9]|2[0-3])\b", lambda m, k=shift: str(int(m.group(0)) + k), text)
            if suffix == ".txt":
                lines = text.split("\n")
                at = rng.randrange(1, max(2, len(lines)))
                lines.insert(at, f"Baca juga: Berita pilihan nomor {rng.randrange(1000)} hari ini")
                if rng.random() < 0.3:
                    lines += lines[2 : 2 + rng.randrange(1, 4)]
                lines.append("© Redaksi. All rights reserved.")
                text = "\n".join(lines)
        path = out / f"a{i:04d}{suffix}"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="psikg-extract-bench-") as tmp:
        corpus, out = Path(tmp) / "corpus", Path(tmp) / "records"
        corpus.mkdir()
        started = time.perf_counter()
        resolver = reference_resolver()
        finder = Finder(resolver)
        setup = time.perf_counter() - started
        paths = generate(args.articles, corpus)
        size = sum(p.stat().st_size for p in paths)
        texts = [p.read_bytes().decode("utf-8") for p in paths]

        started = time.perf_counter()
        tokens = 0
        for text in texts:
            counts = Counter(w.lower() for w in WORD.findall(text))
            tokens += sum(counts.values())
        baseline = time.perf_counter() - started

        failed = 0
        facts = 0
        started = time.perf_counter()
        with click.progressbar(paths, label="Extracting", file=sys.stderr, show_pos=True) as bar:
            for path in bar:
                try:
                    result = extract_file(path, out, resolver, finder)
                except BadArticle:
                    failed += 1
                    continue
                facts += sum(len(result.record.get(s, [])) for s in ("innovations", "awards", "people", "launches"))
        elapsed = time.perf_counter() - started

    mb = size / 1e6
    print(f"corpus: {len(paths)} articles, {mb:.2f} MB, {tokens:,} tokens; {failed} refused; {facts:,} facts extracted")
    print(f"setup (reference data, resolver, lexicon): {setup:.2f} s, once per process")
    print(f"{'':<28}{'articles/s':>12}{'MB/s':>10}{'seconds':>10}")
    print(f"{'psikg extract (full)':<28}{len(paths) / elapsed:>12.1f}{mb / elapsed:>10.3f}{elapsed:>10.2f}")
    print(f"{'baseline: tokenisation':<28}{len(paths) / baseline:>12.1f}{mb / baseline:>10.3f}{baseline:>10.3f}")
    print(f"extraction costs {elapsed / baseline:.0f}x plain tokenisation")


if __name__ == "__main__":
    main()
