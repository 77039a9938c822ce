"""Writing an extracted record: the article's record in ``psikg-record/1``, checked, written atomically.

:func:`extract_file` reads one article, extracts its facts and writes ``<out>/<source id>.yaml``
for a person to review. Before writing, the record goes through the same checks and mapping as a
curated record (quotes found in the article, names resolved); an entry that fails is dropped and
listed in the file's header, so every written record loads. The file appears only when complete.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError, Problem
from ..loaders.base import LoadContext, SourceLoad
from ..loaders.record_format import read_record
from ..loaders.resolver import Resolver
from ..loaders.text import slug
from .assemble import extract_facts
from .mentions import Finder
from .reading import MAX_BYTES, Article, read_article

SECTIONS = ("agencies", "innovations", "people", "launches", "awards", "replications")


@dataclass
class Extraction:
    """One article's extraction: the record (as data), where it was written, notes for the reviewer."""

    article: Path
    source_id: str
    record: dict[str, Any]
    path: Path | None = None
    notes: list[str] = field(default_factory=list)
    load: SourceLoad | None = None


def source_id_for(path: Path) -> str:
    """The source id of an extracted article: ``extract-`` and the file's name.

    >>> source_id_for(Path("data/articles/000_d95a6c72e4ef093d.txt"))
    'extract-000_d95a6c72e4ef093d'
    """
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", path.stem).strip("-._") or "article"
    return f"extract-{stem}"


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that the file is either absent/old or complete."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a record is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _harmonise_confidence(record: dict[str, Any]) -> None:
    """Entries sharing a quote share its evidence node, which takes one confidence: the lowest."""
    changed = True
    while changed:
        changed = False
        lowest: dict[str, float] = {}
        entries = [e for sec in SECTIONS for e in record.get(sec, []) if "confidence" in e]
        for e in entries:
            for q in [e["quote"]] if isinstance(e.get("quote"), str) else e.get("quote") or []:
                k = " ".join(q.split())
                lowest[k] = min(lowest.get(k, 1.0), e["confidence"])
        for e in entries:
            qs = [e["quote"]] if isinstance(e.get("quote"), str) else e.get("quote") or []
            low = min((lowest[" ".join(q.split())] for q in qs), default=e["confidence"])
            if low < e["confidence"]:
                e["confidence"], changed = low, True


def _isolated(resolver: Resolver) -> Resolver:
    """A copy of the resolver whose agency index the check may extend without touching the original."""
    return resolver.isolated()


def _dump(record: dict[str, Any], header: list[str]) -> str:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when present: 10x faster
    body = yaml.dump(record, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100)
    return "".join(f"# {line}\n" for line in header) + body


def check_and_prune(
    record: dict[str, Any], where: Path, resolver: Resolver, loader: str = "extract"
) -> tuple[SourceLoad, list[str]]:
    """Map the record as a curated record would be; drop entries with problems until it loads.

    Returns the load (the quads) and what was dropped. Raises InputError when the source itself fails.
    """
    from .loading import ExtractedRecordMapper

    dropped: list[str] = []
    last: list[Problem] = []
    for _ in range(6):
        atomic_write(where, _dump(record, []))
        try:
            parsed = read_record(where)
            mapper = ExtractedRecordMapper(parsed, LoadContext(resolver.minter, _isolated(resolver)), loader)
            return mapper.map(), dropped
        except InputError as exc:
            last = exc.problems
            bad: set[tuple[str, int]] = set()
            for problem in exc.problems:
                m = re.match(r"(\w+)\[(\d+)\]", problem.record or "")
                if not m:
                    raise
                bad.add((m.group(1), int(m.group(2))))
                dropped.append(f"dropped {problem.record}: {problem.message}")
            for section, index in sorted(bad, reverse=True):
                del record[section][index]
            for section in SECTIONS:
                if section in record and not record[section]:
                    del record[section]
            _drop_dangling(record)
    raise InputError(last)


def _drop_dangling(record: dict[str, Any]) -> None:
    """Remove references to entries that were dropped."""
    refs = {e["ref"] for sec in SECTIONS for e in record.get(sec, []) if "ref" in e}
    for award in record.get("awards", []):
        if award.get("handed_by") and award["handed_by"] not in refs:
            del award["handed_by"]
        if award.get("received_by"):
            award["received_by"] = [r for r in award["received_by"] if r in refs]
            if not award["received_by"]:
                del award["received_by"]
    for launch in record.get("launches", []):
        launch["innovations"] = [r for r in launch["innovations"] if r in refs]
        if launch.get("launched_by") and launch["launched_by"] not in refs:
            del launch["launched_by"]
    record["launches"] = [la for la in record.get("launches", []) if la["innovations"]]
    if not record["launches"]:
        del record["launches"]


def extract_article(
    article: Article, article_path: Path, out_dir: Path, resolver: Resolver, finder: Finder
) -> Extraction:
    """Extract ``article`` (read from ``article_path``) and write its record into ``out_dir``."""
    sid = source_id_for(article_path)
    record, notes = extract_facts(article, resolver, finder)
    out_dir.mkdir(parents=True, exist_ok=True)
    if article.html:
        text_copy = out_dir / f"{sid}.txt"
        atomic_write(text_copy, article.text)
        file_ref = text_copy.name
    else:
        file_ref = os.path.relpath(article_path.resolve(), out_dir.resolve())
    source = {"id": sid, **record["source"], "file": file_ref}
    record["source"] = source
    _harmonise_confidence(record)
    target = out_dir / f"{sid}.yaml"
    scratch = out_dir / f".{sid}.check.yaml"
    try:
        load, dropped = check_and_prune(record, scratch, resolver)
    finally:
        scratch.unlink(missing_ok=True)
    header = [
        f"Extracted by psikg extract from {article_path.name}: machine-made claims to review.",
        "Every entry carries the quote it rests on and a confidence (0..1). Format: docs/record-format.md",
        *notes,
        *dropped,
    ]
    atomic_write(target, _dump(record, header))
    load.path = article_path
    return Extraction(article_path, sid, record, target, notes + dropped, load)


def extract_file(
    path: Path, out_dir: Path, resolver: Resolver, finder: Finder | None = None, max_bytes: int = MAX_BYTES
) -> Extraction:
    """Read, extract and write one article file; raises BadArticle or InputError with a clear message."""
    article = read_article(path, max_bytes)
    return extract_article(article, path, out_dir, resolver, finder or Finder(resolver))


def default_out_dir(path: Path) -> Path:
    return Path(f"extracted-{slug(path.stem)}")
