"""Canned SPARQL queries: the catalogue in queries/*.rq, parameter binding, and running them.

Each ``.rq`` file opens with a header of ``#`` lines: ``title:``, ``description:`` (continued
on indented lines), one ``param: NAME  text`` per parameter (``(required)`` in the text marks
a required one) and ``lists: COL ...`` naming columns that hold space-separated IRIs. A query
with parameters has one line ``VALUES (?p_a ?p_b) { (UNDEF UNDEF) }  # psikg:parameters``;
binding fills that row with RDF terms (escaped by the RDF library, never spliced raw), so every
``.rq`` file is also a valid query on its own: all parameters unbound.

>>> q = catalogue()["awards"]
>>> [p.name for p in q.params]
['region', 'year', 'rank', 'scheme']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from pyoxigraph import Literal, NamedNode

from .errors import UsageError
from .namespaces import PREFIXES
from .settings import QUERIES_DIR

_PARAM_ROW = re.compile(r"VALUES\s*\(([^)]*)\)\s*\{\s*\(([^)]*)\)\s*\}\s*#\s*psikg:parameters")


@dataclass(frozen=True)
class Param:
    name: str
    description: str
    required: bool


@dataclass(frozen=True)
class CannedQuery:
    """A query of the catalogue, read from its .rq file."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    lists: frozenset[str]
    text: str
    path: Path

    def bind(self, values: dict[str, str]) -> str:
        """The query text with ``values`` bound as literals in its parameters row."""
        known = {p.name for p in self.params}
        unknown = sorted(set(values) - known)
        if unknown:
            raise UsageError(
                f"query '{self.name}' has no parameter {', '.join(unknown)}; "
                f"its parameters: {', '.join(sorted(known)) or 'none'}"
            )
        missing = [p.name for p in self.params if p.required and not values.get(p.name)]
        if missing:
            raise UsageError(
                f"query '{self.name}' needs --param {missing[0]}=VALUE ({self.param(missing[0]).description})"
            )
        if not self.params:
            return self.text
        match = _PARAM_ROW.search(self.text)
        assert match is not None, f"{self.path}: parameters row missing"
        names = [v.strip().lstrip("?").removeprefix("p_") for v in match.group(1).split()]
        row = " ".join(str(Literal(values[n])) if values.get(n) is not None else "UNDEF" for n in names)
        start, end = match.span(2)
        return self.text[:start] + row + self.text[end:]

    def param(self, name: str) -> Param:
        return next(p for p in self.params if p.name == name)


def parse_header(path: Path) -> CannedQuery:
    text = path.read_text(encoding="utf-8")
    fields: dict[str, str] = {}
    params: list[Param] = []
    current = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line[1:]
        m = re.match(r"\s(\w[\w-]*):\s*(.*)$", body)
        if m and not body.startswith("   "):
            current = m.group(1)
            if current == "param":
                name, _, desc = m.group(2).partition(" ")
                params.append(Param(name, desc.strip(), "(required)" in desc))
            else:
                fields[current] = m.group(2).strip()
        elif current and body.strip():
            if current == "param":
                p = params[-1]
                params[-1] = Param(p.name, f"{p.description} {body.strip()}", p.required)
            else:
                fields[current] += " " + body.strip()
    if "title" not in fields:
        raise ValueError(f"{path}: the header needs '# title:'")
    return CannedQuery(
        path.stem,
        fields["title"],
        fields.get("description", ""),
        tuple(params),
        frozenset(fields.get("lists", "").split()),
        text,
        path,
    )


def catalogue(directory: Path = QUERIES_DIR) -> dict[str, CannedQuery]:
    """Every canned query, by name (its file name without .rq)."""
    return {p.stem: parse_header(p) for p in sorted(directory.glob("*.rq"))}


def get(name: str, directory: Path = QUERIES_DIR) -> CannedQuery:
    queries = catalogue(directory)
    if name not in queries:
        raise UsageError(f"no canned query '{name}'; available: {', '.join(queries)} (see 'psikg queries')")
    return queries[name]


# ---------------------------------------------------------------------- results
@dataclass
class Cell:
    """A result value: ``text`` for people, ``iri`` when it names a node, ``items`` for lists."""

    text: str = ""
    iri: str | None = None
    items: list[Cell] = field(default_factory=list)

    def to_json(self):  # type: ignore[no-untyped-def]
        if self.items:
            return [item.to_json() for item in self.items]
        if self.iri:
            return {"label": self.text, "iri": self.iri}
        return self.text if self.text != "" else None


@dataclass
class Table:
    columns: list[str]
    rows: list[list[Cell]]


class SelectTarget(Protocol):
    """Anything that answers SELECT queries: the embedded store or a remote endpoint."""

    def select(self, text: str) -> tuple[list[str], list[dict[str, object]]]: ...


LABEL_QUERY = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?node ?label WHERE { VALUES ?node { %s } ?node rdfs:label|skos:prefLabel ?label }
"""


def labels(target: SelectTarget, iris: set[str]) -> dict[str, str]:
    """Best label per IRI: Indonesian, then English, then any; IRIs are bound as terms."""
    ranked: dict[str, tuple[int, str]] = {}
    order = {"id": 0, "en": 1}
    ordered = sorted(iris)
    for i in range(0, len(ordered), 500):
        chunk = " ".join(str(NamedNode(iri)) for iri in ordered[i : i + 500])
        _, rows = target.select(LABEL_QUERY % chunk)
        for row in rows:
            node, label = row["node"], row["label"]
            rank = order.get(getattr(label, "language", None) or "", 2)
            key = getattr(node, "value", str(node))
            text = getattr(label, "value", str(label))
            # same language: the alphabetically first, so every engine and run picks the same
            if key not in ranked or (rank, text) < ranked[key]:
                ranked[key] = (rank, text)
    return {k: v for k, (_, v) in ranked.items()}


def compact(iri: str) -> str:
    """A prefixed name for an IRI without a label (``org:Post``), else the IRI itself.

    >>> compact("http://www.w3.org/ns/org#Post")
    'org:Post'
    """
    for prefix, base in PREFIXES.items():
        local = iri[len(base) :]
        if iri.startswith(base) and local and "/" not in local and "#" not in local:
            return f"{prefix}:{local}"
    return iri


def tabulate(target: SelectTarget, text: str, lists: frozenset[str] = frozenset()) -> Table:
    """Run a SELECT and turn its terms into cells with labels."""
    columns, rows = target.select(text)
    iris: set[str] = set()
    for row in rows:
        for col, term in row.items():
            if isinstance(term, NamedNode):
                iris.add(term.value)
            elif col in lists and term is not None:
                iris.update(v for v in getattr(term, "value", "").split() if "://" in v)
    names = labels(target, iris) if iris else {}

    def cell(term: object) -> Cell:
        if term is None:
            return Cell()
        if isinstance(term, NamedNode):
            return Cell(names.get(term.value) or compact(term.value), term.value)
        return Cell(getattr(term, "value", str(term)))

    table_rows = []
    for row in rows:
        cells = []
        for col in columns:
            term = row.get(col)
            if col in lists and term is not None:
                # sorted by label: engines concatenate GROUP_CONCAT values in any order
                values = sorted(set(getattr(term, "value", "").split()), key=lambda v: (names.get(v, v), v))
                cells.append(
                    Cell("; ".join(names.get(v, v) for v in values), items=[Cell(names.get(v, v), v) for v in values])
                )
            else:
                cells.append(cell(term))
        table_rows.append(cells)
    return Table(columns, table_rows)


def run(target: SelectTarget, name: str, values: dict[str, str] | None = None, directory: Path = QUERIES_DIR) -> Table:
    """Run the canned query ``name`` with ``values`` for its parameters."""
    query = get(name, directory)
    return tabulate(target, query.bind(values or {}), query.lists)
