"""Loader of curated records: YAML or JSON files in the psikg record format.

>>> RecordLoader().handles(Path("data/records/seeds/000-lp-par-unspa-2018.yaml"))
True
"""

from __future__ import annotations

from pathlib import Path

from .base import LoadContext, Loader, SourceLoad
from .mapping import RecordMapper
from .record_format import read_record


class RecordLoader(Loader):
    """``*.yaml``, ``*.yml``, ``*.json`` record files → the source's named graph(s)."""

    name = "records"

    def handles(self, path: Path) -> bool:
        return path.suffix.lower() in (".yaml", ".yml", ".json")

    def load(self, path: Path, context: LoadContext) -> SourceLoad:
        return RecordMapper(read_record(path), context, self.name).map()
