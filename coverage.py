"""Coverage: how much of each announced award edition the graph holds.

The counts come from the graph through the canned query ``queries/coverage.rq`` (so the same
report works on the embedded store or any endpoint answering SELECT); the announced totals
come from ``data/reference/editions.yaml``, which names the announcement stating each total.
An edition is a scheme, an edition year and a rank (``kipp`` 2019 ``top-45``).

>>> from psikg.store import GraphStore
>>> report = coverage(GraphStore.memory(), [Edition("kipp", "2019", "top-45", 45)])
>>> row = report.rows[0]
>>> (row.entries, row.stated, row.missing)
(0, 45, 45)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import queries
from .errors import InputError, Problem
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
        """Announced entries the graph lacks (never negative); None when no total is known."""
        return None if self.stated is None else max(self.stated - self.entries, 0)


@dataclass
class CoverageReport:
    rows: list[CoverageRow] = field(default_factory=list)

    @property
    def stated_rows(self) -> list[CoverageRow]:
        return [r for r in self.rows if r.stated is not None]

    def table(self) -> Table:
        """The report as a query-style table (for the table, CSV and JSON writers)."""

        def num(value: int | None) -> Cell:
            return Cell("" if value is None else str(value))

        out = []
        for r in self.rows:
            e = r.edition
            out.append(
                [
                    Cell(r.scheme),
                    Cell(r.year),
                    Cell(r.rank),
                    num(r.entries),
                    num(r.stated),
                    num(r.missing),
                    num(r.with_region),
                    num(r.with_institution),
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


def coverage(
    target: SelectTarget, editions: list[Edition] | None = None, scheme: str | None = None, year: str | None = None
) -> CoverageReport:
    """Per scheme, year and rank: entries held (from the graph) against the announced total."""
    editions = load_editions() if editions is None else editions
    values = {k: v for k, v in (("scheme", scheme), ("year", year)) if v}
    table = queries.run(target, "coverage", values)
    col = {name: i for i, name in enumerate(table.columns)}
    by_key = {e.key: e for e in editions}
    rows: dict[tuple[str, str, str], CoverageRow] = {}
    for cells in table.rows:
        key = (cells[col["scheme"]].text, cells[col["year"]].text, cells[col["rank"]].text)
        rows[key] = CoverageRow(
            *key,
            entries=int(cells[col["entries"]].text or 0),
            with_region=int(cells[col["with_region"]].text or 0),
            with_institution=int(cells[col["with_institution"]].text or 0),
            edition=by_key.get(key),
        )
    for e in editions:
        wanted = (not scheme or e.scheme.lower() == scheme.lower()) and (not year or e.year == str(year))
        if wanted and e.key not in rows:
            rows[e.key] = CoverageRow(*e.key, entries=0, with_region=0, with_institution=0, edition=e)
    return CoverageReport([rows[k] for k in sorted(rows)])
