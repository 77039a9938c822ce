"""Loader of tables: a CSV file, one row per innovation and/or award, plus a source sidecar.

``awards.csv`` is described by ``awards.source.yaml`` (``format: psikg-table/1`` and a
``source:`` block as in records). Each row with a ``name`` is an innovation; each row with a
``scheme`` is an award conferral (on the row's innovation, or on ``recipient``). Rows become a
:class:`~.record_format.Record` and go through the same mapping as YAML records, so a fact
means the same whichever format it came in. Columns: see docs/record-format.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import InputError, Problem
from .base import LoadContext, Loader, SourceLoad
from .mapping import RecordMapper
from .record_format import FORMAT, SECTIONS, check_record, parse_file
from .reference import read_csv

TABLE_FORMAT = "psikg-table/1"
INNOVATION_COLUMNS = ("name", "acronym", "description", "owner", "agency", "region")
AWARD_COLUMNS = (
    "scheme",
    "scheme_as_stated",
    "year",
    "rank",
    "category",
    "recipient",
    "conferred_by",
    "handed_by",
    "date",
    "date_basis",
    "venue",
    "venue_region",
    "ceremony",
)
OTHER_COLUMNS = ("ref", "sdgs", "sdg_basis", "quote")
COLUMNS = INNOVATION_COLUMNS + AWARD_COLUMNS + OTHER_COLUMNS


def sidecar(path: Path) -> Path:
    return path.with_name(path.stem + ".source.yaml")


class TableLoader(Loader):
    """``*.csv`` with a ``<name>.source.yaml`` sidecar → the source's named graph."""

    name = "tables"

    def handles(self, path: Path) -> bool:
        return path.suffix.lower() == ".csv"

    def load(self, path: Path, context: LoadContext) -> SourceLoad:
        meta_path = sidecar(path)
        if not meta_path.exists():
            raise InputError(
                [
                    Problem(
                        str(path),
                        f"a table needs its source described in {meta_path.name} "
                        f"(format: {TABLE_FORMAT} and a source block)",
                    )
                ]
            )
        meta = parse_file(meta_path)
        if not isinstance(meta, dict) or meta.get("format") != TABLE_FORMAT:
            raise InputError([Problem(str(meta_path), f"must start with 'format: {TABLE_FORMAT}'", field="format")])
        rows = read_csv(path, ["quote"])
        unknown = [c for c in (rows[0][1] if rows else {}) if c not in COLUMNS]
        if unknown:
            raise InputError(
                [Problem(str(path), f"unknown column(s) {', '.join(unknown)}; known: {', '.join(COLUMNS)}", line=1)]
            )
        data: dict[str, Any] = {"format": FORMAT, "source": meta.get("source"), "innovations": [], "awards": []}
        for line, row in rows:
            cells = {k: v for k, v in row.items() if v != ""}
            ref = cells.get("ref") or f"row-{line}"
            quote = cells.get("quote")
            if cells.get("name"):
                inn: dict[str, Any] = {"__line__": line, "ref": ref, "quote": quote}
                inn.update({c: cells[c] for c in INNOVATION_COLUMNS if c in cells})
                if cells.get("sdgs"):
                    inn["sdgs"] = [
                        {"target": t.strip(), "basis": cells.get("sdg_basis", "")}
                        for t in cells["sdgs"].split(";")
                        if t.strip()
                    ]
                data["innovations"].append(inn)
            if cells.get("scheme"):
                award: dict[str, Any] = {"__line__": line, "ref": f"{ref}-award", "quote": quote}
                award.update({c: cells[c] for c in AWARD_COLUMNS if c in cells})
                award.setdefault("recipient", ref if cells.get("name") else None)
                data["awards"].append(award)
            if not cells.get("name") and not cells.get("scheme"):
                raise InputError(
                    [
                        Problem(
                            str(path),
                            "a row needs a 'name' (innovation) or a 'scheme' (award)",
                            f"row {line}",
                            line=line,
                        )
                    ]
                )
        for section in ("innovations", "awards"):
            if not data[section]:
                del data[section]
        assert set(data) <= {"format", "source", *SECTIONS}
        record = check_record(path, data)
        return RecordMapper(record, context, self.name).map()
