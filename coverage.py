"""Coverage: how much of each announced award edition the graph holds.

The counts come from the graph through the canned query ``queries/coverage.rq`` (so the same
report works on the embedded store or any endpoint answering SELECT); the announced totals
come from ``data/reference/editions.yaml``, which names the announcement stating each total.
An edition is a scheme, an edition year and a rank (``kipp`` 2019 ``top-45``). Where an
announcement breaks its total down by kind of institution ("19 kementerian, 5 lembaga, 12
provinsi, ..."), :func:`coverage_by_kind` sets the graph's entries of each kind against it.

>>> from psikg.store import GraphStore
>>> report = coverage(GraphStore.memory(), [Edition("kipp", "2019", "top-45", 45)])
>>> row = report.rows[0]
>>> (row.entries, row.stated, row.missing)
(0, 45, 45)
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import queries
from .errors import InputError, Problem
from .formats import as_table, render
from .queries import Cell, SelectTarget, Table
from .settings import DATA_DIR

EDITIONS_FILE = DATA_DIR / "reference" / "editions.yaml"
EDITIONS_FORMAT = "psikg-editions/1"
COLUMNS = (
    "scheme",
    "year",
    "rank",
    "entries",
    "stated",
    "missing",
    "with_region",
    "with_institution",
    "stated_as",
    "source",
)
KIND_COLUMNS = ("scheme", "year", "rank", "kind", "entries", "stated", "missing")
# Kinds of institution, in the order announcements list them; queries/coverage-by-kind.rq
# assigns every conferral one of them. 'other' holds state-owned enterprises (BUMN/BUMD) and any
# recipient the graph does not place under a ministry, an agency or a regional government.
KINDS = ("ministry", "agency", "province", "regency", "city", "other")
KIND_LABELS = {
    "ministry": "ministries",
    "agency": "national agencies",
    "province": "provinces",
    "regency": "regencies",
    "city": "cities",
    "other": "other institutions",
}


@dataclass(frozen=True)
class Edition:
    """An announced edition: scheme key, year, rank key ("" for none) and the stated total."""

    scheme: str
    year: str
    rank: str
    stated: int | None
    stated_as: str = ""
    source_url: str = ""
    source_title: str = ""
    # entries by kind of institution as the announcement states them: ("regency", 41), or a
    # group of kinds it counts together ("ministry+agency", 3 for "3 K/L")
    composition: tuple[tuple[str, int], ...] = ()

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.scheme, self.year, self.rank)


@dataclass(frozen=True)
class CoverageRow:
    scheme: str
    year: str
    rank: str
    entries: int
    with_region: int
    with_institution: int
    edition: Edition | None = None

    @property
    def stated(self) -> int | None:
        return self.edition.stated if self.edition else None

    @property
    def missing(self) -> int | None:
        return _missing(self.stated, self.entries)


@dataclass
class CoverageReport:
    rows: list[CoverageRow] = field(default_factory=list)

    @property
    def stated_rows(self) -> list[CoverageRow]:
        return [r for r in self.rows if r.stated is not None]

    def table(self) -> Table:
        """The report as a query-style table (for the table, CSV and JSON writers)."""

        out = []
        for r in self.rows:
            e = r.edition
            out.append(
                [
                    Cell(r.scheme),
                    Cell(r.year),
                    Cell(r.rank),
                    _num(r.entries),
                    _num(r.stated),
                    _num(r.missing),
                    _num(r.with_region),
                    _num(r.with_institution),
                    Cell(e.stated_as if e else ""),
                    Cell(e.source_title if e else "", e.source_url or None if e else None),
                ]
            )
        return Table(list(COLUMNS), out)

    def summary(self) -> str:
        """A paragraph a data publisher can paste into a release note."""
        total = sum(r.entries for r in self.rows)
        if not self.rows:
            return "The graph holds no award conferrals yet."
        schemes = sorted({r.scheme for r in self.rows})
        years = sorted(r.year for r in self.rows if r.year)
        stated = self.stated_rows
        held = sum(min(r.entries, r.stated or 0) for r in stated)
        announced = sum(r.stated or 0 for r in stated)
        complete = [r for r in stated if r.missing == 0]
        empty = [r for r in stated if r.entries == 0]
        placed = sum(r.with_region for r in self.rows)
        owned = sum(r.with_institution for r in self.rows)
        span = f"{years[0]}–{years[-1]}" if years else "undated editions"
        parts = [
            f"This release holds {total} award claims (conferral × rank) in {len(schemes)} "
            f"scheme{'s' if len(schemes) != 1 else ''} ({', '.join(schemes)}), editions {span}."
        ]
        if announced:
            parts.append(
                f"Against the {len(stated)} editions whose announcements state a total, it holds "
                f"{held} of {announced} announced entries ({100 * held / announced:.0f}%); "
                f"{len(complete)} edition(s) are complete"
                + (f" ({', '.join(_name(r) for r in complete)})" if complete else "")
                + f" and {len(empty)} have no entry yet."
            )
        parts.append(
            f"{placed} of {total} claims resolve to a known region (kabupaten, kota or province) and "
            f"{owned} to a known institution"
            + (
                "; claims without a region are mostly national ministries' and agencies' innovations, which have none."
                if placed < total
                else "."
            )
        )
        parts.append(
            "Totals and their sources: data/reference/editions.yaml; each entry cites the "
            "announcement or article it comes from."
        )
        return " ".join(parts)


@dataclass(frozen=True)
class KindRow:
    scheme: str
    year: str
    rank: str
    kind: str  # a key of KINDS, or kinds joined by "+" as the announcement groups them
    entries: int
    stated: int | None

    @property
    def missing(self) -> int | None:
        return _missing(self.stated, self.entries)


@dataclass
class KindReport:
    rows: list[KindRow] = field(default_factory=list)

    def table(self) -> Table:
        cells = [
            [Cell(r.scheme), Cell(r.year), Cell(r.rank), Cell(r.kind), _num(r.entries), _num(r.stated), _num(r.missing)]
            for r in self.rows
        ]
        return Table(list(KIND_COLUMNS), cells)

    def summary(self) -> str:
        """What the stated compositions say, summed over editions, kind by kind."""
        stated = [r for r in self.rows if r.stated is not None]
        if not stated:
            return "No announcement in data/reference/editions.yaml breaks its total down by kind of institution."
        editions = {(r.scheme, r.year, r.rank) for r in stated}
        held: dict[str, int] = {}
        announced: dict[str, int] = {}
        for r in stated:
            held[r.kind] = held.get(r.kind, 0) + min(r.entries, r.stated or 0)
            announced[r.kind] = announced.get(r.kind, 0) + (r.stated or 0)
        order = sorted((k for k in announced if announced[k]), key=lambda k: [KINDS.index(p) for p in k.split("+")])
        parts = [f"{held[k]} of {announced[k]} from {_kind_label(k)}" for k in order]
        one = len(editions) == 1
        text = (
            f"For the {len(editions)} edition{'' if one else 's'} whose announcement{'' if one else 's'} "
            f"break{'s' if one else ''} the total down by kind of institution, the graph holds "
            f"{sum(held.values())} of {'its' if one else 'their'} {sum(announced.values())} entries: "
            f"{'; '.join(parts)}."
        )
        beyond = sum(r.entries - (r.stated or 0) for r in stated if r.entries > (r.stated or 0))
        if beyond:
            text += (
                f" {beyond} entr{'y goes' if beyond == 1 else 'ies go'} beyond what the announcement states for "
                "its kind: the graph files the owner under another kind than the announcement, or a source "
                "disagrees with it."
            )
        return text


def _missing(stated: int | None, entries: int) -> int | None:
    """Announced entries the graph lacks (never negative); None when no total is known."""
    return None if stated is None else max(stated - entries, 0)


def _num(value: int | None) -> Cell:
    return Cell("" if value is None else str(value))


def _kind_label(kinds: str) -> str:
    """``ministry+agency`` → "ministries and national agencies"."""
    return " and ".join(KIND_LABELS[k] for k in kinds.split("+"))


def _name(row: CoverageRow) -> str:
    return " ".join(x for x in (row.scheme, row.year, row.rank) if x)


def load_editions(path: Path = EDITIONS_FILE) -> list[Edition]:
    """The announced editions of ``path`` (``format: psikg-editions/1``)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InputError([Problem(str(path), f"cannot read the editions file: {exc}")]) from exc
    if not isinstance(data, dict) or data.get("format") != EDITIONS_FORMAT:
        raise InputError([Problem(str(path), f"must start with 'format: {EDITIONS_FORMAT}'", field="format")])
    editions: list[Edition] = []
    problems: list[Problem] = []
    for i, item in enumerate(data.get("editions") or []):
        where = f"editions[{i}]"
        if not isinstance(item, dict) or not item.get("scheme") or not item.get("year"):
            problems.append(Problem(str(path), "an edition needs a scheme and a year", where))
            continue
        stated: Any = item.get("stated")
        if stated is not None and (not isinstance(stated, int) or stated < 0):
            problems.append(Problem(str(path), "stated must be a whole number or null", where, "stated"))
            continue
        composition, problem = _composition(item.get("composition"), stated)
        if problem:
            problems.append(Problem(str(path), problem, where, "composition"))
            continue
        source = item.get("source") or {}
        editions.append(
            Edition(
                scheme=str(item["scheme"]),
                year=str(item["year"]),
                rank=str(item.get("rank") or ""),
                stated=stated,
                stated_as=str(item.get("stated_as") or ""),
                source_url=str(source.get("url") or ""),
                source_title=str(source.get("title") or ""),
                composition=composition,
            )
        )
    keys = [e.key for e in editions]
    problems += [
        Problem(str(path), f"edition {' '.join(k)} is listed twice", "editions")
        for k in sorted({k for k in keys if keys.count(k) > 1})
    ]
    if problems:
        raise InputError(problems)
    return editions


def _composition(value: Any, stated: int | None) -> tuple[tuple[tuple[str, int], ...], str | None]:
    """An edition's ``composition`` mapping as (kind, entries) pairs, or the problem with it."""
    if value is None:
        return (), None
    if not isinstance(value, dict) or not value:
        return (), f"composition must map kinds of institution ({', '.join(KINDS)}) to numbers of entries"
    pairs: list[tuple[str, int]] = []
    seen: list[str] = []
    for key, n in value.items():
        kinds = str(key).split("+")
        unknown = [k for k in kinds if k not in KINDS]
        if unknown:
            return (), f"unknown kind '{unknown[0]}' in composition; use {', '.join(KINDS)} (or kinds joined by '+')"
        if any(k in seen for k in kinds):
            return (), f"composition counts '{key}' twice"
        if not isinstance(n, int) or isinstance(n, bool) or n < 0:
            return (), f"composition '{key}' must be a whole number"
        seen += kinds
        pairs.append((str(key), n))
    if stated is not None and sum(n for _, n in pairs) != stated:
        return (), f"composition adds up to {sum(n for _, n in pairs)}, but stated is {stated}"
    return tuple(pairs), None


def _counts(
    target: SelectTarget, query: str, scheme: str | None, year: str | None
) -> list[tuple[tuple[str, str, str], dict[str, str]]]:
    """The rows of the canned ``query`` for ``scheme`` and ``year``: (edition key, cell texts by column)."""
    values = {k: v for k, v in (("scheme", scheme), ("year", year)) if v}
    table = queries.run(target, query, values)
    out = []
    for cells in table.rows:
        row = {name: cell.text for name, cell in zip(table.columns, cells, strict=True)}
        out.append(((row["scheme"], row["year"], row["rank"]), row))
    return out


def _selected(editions: list[Edition], scheme: str | None, year: str | None) -> list[Edition]:
    """The editions of ``scheme`` (any case) and ``year``; all of them where these are None."""
    return [
        e for e in editions if (not scheme or e.scheme.lower() == scheme.lower()) and (not year or e.year == str(year))
    ]


def coverage(
    target: SelectTarget, editions: list[Edition] | None = None, scheme: str | None = None, year: str | None = None
) -> CoverageReport:
    """Per scheme, year and rank: entries held (from the graph) against the announced total."""
    editions = load_editions() if editions is None else editions
    by_key = {e.key: e for e in editions}
    rows: dict[tuple[str, str, str], CoverageRow] = {}
    for key, row in _counts(target, "coverage", scheme, year):
        rows[key] = CoverageRow(
            *key,
            entries=int(row["entries"] or 0),
            with_region=int(row["with_region"] or 0),
            with_institution=int(row["with_institution"] or 0),
            edition=by_key.get(key),
        )
    for e in _selected(editions, scheme, year):
        if e.key not in rows:
            rows[e.key] = CoverageRow(*e.key, entries=0, with_region=0, with_institution=0, edition=e)
    return CoverageReport([rows[k] for k in sorted(rows)])


def coverage_by_kind(
    target: SelectTarget, editions: list[Edition] | None = None, scheme: str | None = None, year: str | None = None
) -> KindReport:
    """Per edition and kind of institution: entries held against the stated composition.

    Editions whose announcement states a composition get one row per stated kind (with the
    graph's entries of that kind, or of the kinds it groups) and a row with ``stated`` 0 for any
    other kind the graph holds; editions without one get a row per kind held, ``stated`` empty.
    """
    editions = load_editions() if editions is None else editions
    held: dict[tuple[str, str, str], dict[str, int]] = {}
    for key, row in _counts(target, "coverage-by-kind", scheme, year):
        held.setdefault(key, {})[row["kind"]] = int(row["entries"] or 0)
    stated = {e.key: e.composition for e in _selected(editions, scheme, year) if e.composition}
    rows: list[KindRow] = []
    for key in sorted(set(held) | set(stated)):
        counts = held.get(key, {})
        if key in stated:
            listed = {k for group, _ in stated[key] for k in group.split("+")}
            rows += [
                KindRow(*key, group, sum(counts.get(k, 0) for k in group.split("+")), n) for group, n in stated[key]
            ]
            rows += [KindRow(*key, k, counts[k], 0) for k in KINDS if k in counts and k not in listed]
        else:
            rows += [KindRow(*key, k, counts[k], None) for k in KINDS if k in counts]
    return KindReport(rows)


def coverage_files(target: SelectTarget, editions: list[Edition] | None = None) -> dict[str, str]:
    """``coverage.txt`` (both tables and their summaries, for people) and ``coverage.json`` (the
    same for programs) as a dataset release ships them."""
    editions = load_editions() if editions is None else editions
    report, by_kind = coverage(target, editions), coverage_by_kind(target, editions)
    text = (
        "Coverage of the announced award editions (psikg coverage)\n\n"
        + as_table(report.table(), width=200)
        + "\n"
        + report.summary()
        + "\n\nBy kind of institution (psikg coverage --by-kind)\n\n"
        + as_table(by_kind.table(), width=200)
        + "\n"
        + by_kind.summary()
        + "\n"
    )
    data = {
        "editions": {**json.loads(render(report.table(), "json")), "summary": report.summary()},
        "by_kind": {**json.loads(render(by_kind.table(), "json")), "summary": by_kind.summary()},
    }
    return {"coverage.txt": text, "coverage.json": json.dumps(data, ensure_ascii=False, indent=2) + "\n"}
