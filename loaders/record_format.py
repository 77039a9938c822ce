"""The psikg record format (``format: psikg-record/1``): parsing and checking.

A record file (YAML or JSON) describes one source and the facts it states; docs/record-format.md
is the reference. :func:`read_record` returns a :class:`Record` or raises
:class:`~psikg.errors.InputError` listing every problem with its file, line, record and field.
Checking here is about form (types, required fields, dates); whether names resolve is the
mapper's job.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError, Problem

FORMAT = "psikg-record/1"
SOURCE_KINDS = ("news-article", "press-release", "decree", "web-page", "dataset", "report")
AGENCY_KINDS = ("ministry", "regional-government", "regional-agency", "service-unit", "organization")
REPLICATION_FORMS = ("adopted", "adapted", "partnership", "ministry-programme")

# Field kinds: str, date, year, number, int, quote (str or list of str), list (of str),
# post (str or mapping with role/organization[/title]), sdgs (list of {target, basis}), parts.
Spec = dict[str, tuple[str, bool]]  # field -> (kind, required)

SOURCE: Spec = {
    "id": ("id", True),
    "kind": ("str", True),
    "title": ("str", True),
    "publisher": ("str", False),
    "issued": ("date", False),
    "date_basis": ("str", False),
    "url": ("str", False),
    "file": ("str", False),
    "language": ("str", False),
    "parts": ("parts", False),
    "licence": ("str", False),
}
SECTIONS: dict[str, Spec] = {
    "agencies": {
        "ref": ("id", True),
        "key": ("str", False),
        "name": ("str", True),
        "acronym": ("str", False),
        "kind": ("str", True),
        "parent": ("str", False),
        "region": ("str", False),
        "region_basis": ("str", False),
        "place": ("str", False),
        "aliases": ("list", False),
        "quote": ("quote", False),
        "part": ("str", False),
    },
    "innovations": {
        "ref": ("id", True),
        "key": ("str", False),
        "name": ("str", True),
        "acronym": ("str", False),
        "description": ("str", False),
        "owner": ("str", True),
        "agency": ("str", False),
        "region": ("str", False),
        "partners": ("list", False),
        "sdgs": ("sdgs", False),
        "quote": ("quote", False),
        "part": ("str", False),
        "confidence": ("number", False),
    },
    "people": {
        "ref": ("id", True),
        "name": ("str", True),
        "post": ("post", False),
        "attested": ("date", False),
        "start": ("date", False),
        "end": ("date", False),
        "quote": ("quote", False),
        "part": ("str", False),
        "confidence": ("number", False),
    },
    "launches": {
        "innovations": ("list", True),
        "date": ("date", False),
        "date_basis": ("str", False),
        "place": ("str", False),
        "region": ("str", False),
        "launched_by": ("str", False),
        "quote": ("quote", False),
        "part": ("str", False),
        "confidence": ("number", False),
    },
    "awards": {
        "ref": ("id", True),
        "scheme": ("str", True),
        "scheme_as_stated": ("str", False),
        "year": ("year", False),
        "rank": ("str", False),
        "category": ("str", False),
        "recipient": ("str", True),
        "conferred_by": ("str", False),
        "handed_by": ("str", False),
        "received_by": ("list", False),
        "date": ("date", False),
        "date_basis": ("str", False),
        "venue": ("str", False),
        "venue_region": ("str", False),
        "ceremony": ("str", False),
        "cites": ("list", False),
        "quote": ("quote", False),
        "part": ("str", False),
        "confidence": ("number", False),
    },
    "replications": {
        "replica": ("str", True),
        "original": ("str", True),
        "year": ("year", False),
        "form": ("str", True),
        "basis": ("str", False),
        "quote": ("quote", False),
        "part": ("str", False),
        "confidence": ("number", False),
    },
    "figures": {
        "about": ("str", True),
        "quantity": ("str", True),
        "value": ("number", True),
        "unit": ("str", False),
        "period": ("str", False),
        "quote": ("quote", False),
        "part": ("str", False),
    },
    "legislation": {
        "ref": ("id", True),
        "title": ("str", True),
        "quote": ("quote", False),
        "part": ("str", False),
    },
}
CHOICES = {
    ("source", "kind"): SOURCE_KINDS,
    ("agencies", "kind"): AGENCY_KINDS,
    ("replications", "form"): REPLICATION_FORMS,
}
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class Entry:
    """One fact entry of a record section, with where it stands in the file."""

    section: str
    index: int
    line: int | None
    data: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, name: str | None) -> int | None:
        """The line of field ``name`` (the entry's first line when unknown)."""
        return self.lines.get(name or "", self.line)

    @property
    def label(self) -> str:
        name = self.data.get("ref") or self.data.get("quantity") or ""
        return f"{self.section}[{self.index}]" + (f" ({name})" if name else "")

    def get(self, name: str, default: Any = None) -> Any:
        return self.data.get(name, default)

    def quotes(self) -> list[str]:
        q = self.data.get("quote")
        return [] if q is None else [q] if isinstance(q, str) else list(q)


@dataclass
class Record:
    """A checked record: its source block and its entries by section."""

    path: Path
    source: dict[str, Any]
    entries: dict[str, list[Entry]] = field(default_factory=dict)
    source_line: int | None = None

    @property
    def source_id(self) -> str:
        return str(self.source["id"])

    def section(self, name: str) -> list[Entry]:
        return self.entries.get(name, [])


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that remembers the line each mapping starts on (as ``__line__``)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        mapping["__lines__"] = {k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
        return mapping

    def construct_timestamp_text(self, node: yaml.ScalarNode) -> str:
        """Dates stay text: PyYAML's own conversion would crash on '2018-19-09' before the
        record checker could name the file, line and field; _check_value checks them instead."""
        return str(self.construct_scalar(node))


_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _LineLoader.construct_timestamp_text)

if getattr(yaml, "__with_libyaml__", False):

    class _FastLineLoader(yaml.CSafeLoader, _LineLoader):  # type: ignore[misc]
        """_LineLoader on libyaml's parser: the same data and line numbers, ~5x faster to parse.

        Only well-formed files go through it; a file libyaml refuses is parsed again by the
        pure-Python loader, so the error a curator sees is the same either way.
        """

    _LOADERS: tuple[type, ...] = (_FastLineLoader, _LineLoader)
else:  # pragma: no cover - PyYAML built without libyaml
    _LOADERS = (_LineLoader,)


def _text_of(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError([Problem(str(path), f"not UTF-8 (byte {exc.start}); save the file as UTF-8")]) from None


def parse_file(path: Path) -> Any:
    """Parse a YAML or JSON record file into Python data, with line numbers on mappings."""
    text = _text_of(path)
    if path.suffix.lower() == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError([Problem(str(path), f"broken JSON: {exc.msg}", line=exc.lineno)]) from None
    # libyaml does not refuse control characters as PyYAML's reader does: those files take the slow path
    if len(_LOADERS) > 1 and not yaml.reader.Reader.NON_PRINTABLE.search(text):
        try:
            return yaml.load(text, Loader=_LOADERS[0])  # noqa: S506 - SafeLoader subclass
        except yaml.YAMLError:
            pass  # parse again below for the pure-Python loader's error message
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError([Problem(str(path), f"broken YAML: {problem}", line=line)]) from None


def _check_value(kind: str, value: Any) -> str | None:
    """None when ``value`` fits ``kind``, else what is wrong with it."""
    if kind in ("str", "id"):
        if not isinstance(value, (str, int, float)) or isinstance(value, bool) or str(value).strip() == "":
            return "must be a non-empty text"
        if kind == "id" and not _ID.match(str(value)):
            return "must be letters, digits, '.', '_' or '-' (no spaces)"
    elif kind == "date":
        if isinstance(value, dt.datetime) or not isinstance(value, (dt.date, str)):
            return "must be a date written yyyy-mm-dd"
        if isinstance(value, str):
            if not _DATE.match(value):
                return f"'{value}' is not a date written yyyy-mm-dd"
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                return f"'{value}' is not a real calendar date"
    elif kind == "year":
        if isinstance(value, bool) or not re.fullmatch(r"(19|20)\d\d", str(value)):
            return f"'{value}' is not a year between 1900 and 2099"
    elif kind in ("number", "int"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"'{value}' is not a number"
    elif kind == "quote":
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items or not all(isinstance(q, str) and q.strip() for q in items):
            return "must be a quoted text or a list of quoted texts"
    elif kind == "list":
        if isinstance(value, str):
            return None  # a single item is accepted where a list is expected
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            return "must be a list of names or refs"
    elif kind == "post":
        if isinstance(value, str):
            return None if value.strip() else "must not be empty"
        if not isinstance(value, dict) or "role" not in value or "organization" not in value:
            return "must be a post name or a mapping with 'role' and 'organization'"
    elif kind == "sdgs":
        if not isinstance(value, list):
            return "must be a list of {target, basis}"
        for item in value:
            if not isinstance(item, dict) or "target" not in item or not str(item.get("basis", "")).strip():
                return "each SDG needs 'target' (e.g. \"5.2\") and a stated 'basis'"
            if not re.fullmatch(r"\d{1,2}(\.(\d{1,2}|[a-z]))?", str(item["target"])):
                return f"'{item['target']}' is not an SDG goal or target number (e.g. 5 or 5.2 or 17.a)"
    elif kind == "parts" and (
        not isinstance(value, dict)
        or not all(isinstance(v, str) for k, v in value.items() if k not in ("__line__", "__lines__"))
    ):
        return "must map part names (e.g. headline) to their text"
    return None


def _check_mapping(problems: list[Problem], file: str, where: str, spec: Spec, data: Any, section: str) -> None:
    line = data.get("__line__") if isinstance(data, dict) else None
    lines = data.get("__lines__", {}) if isinstance(data, dict) else {}
    if not isinstance(data, dict):
        problems.append(Problem(file, "must be a mapping of fields", record=where))
        return
    for name, (kind, required) in spec.items():
        if name not in data or data[name] is None:
            if required:
                problems.append(Problem(file, "is required but missing", where, name, line))
            continue
        at = lines.get(name, line)
        wrong = _check_value(kind, data[name])
        if wrong:
            problems.append(Problem(file, wrong, where, name, at))
        choices = CHOICES.get((section, name))
        if choices and not wrong and str(data[name]) not in choices:
            problems.append(Problem(file, f"'{data[name]}' is not one of: {', '.join(choices)}", where, name, at))
    for name in data:
        if name not in ("__line__", "__lines__") and name not in spec:
            at = lines.get(name, line)
            problems.append(Problem(file, f"unknown field (known: {', '.join(spec)})", where, str(name), at))


def _strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k not in ("__line__", "__lines__")}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def check_record(path: Path, data: Any) -> Record:
    """Check parsed record data; return the :class:`Record` or raise InputError with all problems."""
    file = str(path)
    problems: list[Problem] = []
    if not isinstance(data, dict):
        raise InputError([Problem(file, f"a record file must be a mapping with 'format: {FORMAT}'")])
    if data.get("format") != FORMAT:
        problems.append(Problem(file, f"'format' must be '{FORMAT}' (found {data.get('format')!r})", field="format"))
    source = data.get("source")
    if source is None:
        problems.append(Problem(file, "is required but missing", "source", None))
    else:
        _check_mapping(problems, file, "source", SOURCE, source, "source")
    entries: dict[str, list[Entry]] = {}
    refs: dict[str, str] = {}
    for name, value in data.items():
        if name in ("format", "source", "__line__", "__lines__"):
            continue
        if name not in SECTIONS:
            problems.append(Problem(file, f"unknown section (known: {', '.join(SECTIONS)})", field=name))
            continue
        if not isinstance(value, list):
            problems.append(Problem(file, "a section must be a list of entries", field=name))
            continue
        for i, item in enumerate(value):
            entry = Entry(
                name,
                i,
                item.get("__line__") if isinstance(item, dict) else None,
                _strip_lines(item) if isinstance(item, dict) else {},
                item.get("__lines__", {}) if isinstance(item, dict) else {},
            )
            _check_mapping(problems, file, entry.label, SECTIONS[name], item, name)
            ref = entry.get("ref")
            if ref is not None:
                if str(ref) in refs:
                    problems.append(
                        Problem(
                            file,
                            f"duplicate ref '{ref}' (first in {refs[str(ref)]})",
                            entry.label,
                            "ref",
                            entry.line_of("ref"),
                        )
                    )
                refs[str(ref)] = entry.label
            part = entry.get("part")
            parts = (source or {}).get("parts") or {}
            if part is not None and part not in parts:
                problems.append(
                    Problem(
                        file,
                        f"part '{part}' is not declared in source.parts",
                        entry.label,
                        "part",
                        entry.line_of("part"),
                    )
                )
            entries.setdefault(name, []).append(entry)
    if problems:
        raise InputError(problems)
    assert isinstance(source, dict)
    return Record(path, _strip_lines(source), entries, source.get("__line__"))


def read_record(path: Path) -> Record:
    """Read and check one record file (``.yaml``, ``.yml`` or ``.json``)."""
    return check_record(path, parse_file(path))
