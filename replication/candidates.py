"""Candidate replications no source states: the same innovation appearing later elsewhere.

Two innovations of different regions are a candidate pair when their names, acronyms or
descriptions are alike and one is known strictly earlier than the other (its first year: launch,
award edition, or the issue date of a source describing it). The earlier one is the candidate
original; an innovation is never offered as the origin of itself or of an earlier one, and
pairs of the same year are left out because their order is unknown.

Candidates are hypotheses for a person to review, never facts: they are computed from the
graph on demand (``psikg replication candidates``) and never written into the source graphs;
pairs a source already states are left out.

>>> a = Innovation(Ref("a", "Tempat Olah Sampah Setempat"), "TOSS", Ref("r/51.05", "Kabupaten Klungkung"), 2018)
>>> b = Innovation(Ref("b", "Tempat Olah Sampah Setempat"), "TOSS", Ref("r/51.08", "Kabupaten Buleleng"), 2021)
>>> [(c.original.ref.label, c.replica.region.label, c.score) for c in find([b, a])]
[('Tempat Olah Sampah Setempat', 'Kabupaten Buleleng', 1.0)]
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from pyoxigraph import NamedNode, Quad

from ..loaders.base import GraphBuilder
from ..loaders.iris import Minter
from ..namespaces import PSIKG, RDF, RDFS, XSD
from ..queries import Cell, SelectTarget, Table, run
from ..settings import base_iri
from ..store import GraphStore
from .network import Ref, Replication

#: The canned query listing innovations with their years (queries/innovation-years.rq).
QUERY = "innovation-years"

#: Words that say nothing about what an innovation does (Indonesian and English).
# fmt: off
STOPWORDS = frozenset(
    {
        "dan", "di", "ke", "dari", "untuk", "yang", "dengan", "pada", "dalam", "atau", "oleh", "serta", "bagi",
        "sebagai", "secara", "melalui", "kabupaten", "kota", "provinsi", "pemerintah", "pemkab", "pemkot",
        "pemprov", "kab", "daerah", "inovasi", "program", "layanan", "pelayanan", "publik", "berbasis", "sistem",
        "aplikasi", "the", "of", "and", "for", "in", "to", "a", "an", "by", "with", "on",
    }
)
# fmt: on

#: Character similarity from which two names count as spellings of one name.
NEAR_SPELLING = 0.8

#: Weights of the three kinds of evidence in the score (they add up to 1).
WEIGHTS = {"name": 0.6, "acronym": 0.25, "description": 0.15}


@dataclass(frozen=True)
class Innovation:
    """An innovation as the candidate search sees it."""

    ref: Ref
    acronym: str
    region: Ref | None
    year: int | None  # first known year
    description: str = ""
    province: Ref | None = None


@dataclass
class Candidate:
    """A possible replication: ``original`` is known strictly before ``replica``, elsewhere."""

    original: Innovation
    replica: Innovation
    score: float
    matched: dict[str, float] = field(default_factory=dict)  # field → similarity 0..1

    def explain(self) -> str:
        """Which fields matched and how well, e.g. ``name 0.92; acronym =``."""
        parts = []
        for key in ("name", "acronym", "description"):
            if key in self.matched:
                value = self.matched[key]
                parts.append(f"{key} =" if value == 1.0 and key == "acronym" else f"{key} {value:.2f}")
        return "; ".join(parts)


# ---------------------------------------------------------------------- normalising
def fold(text: str) -> str:
    """Lower case ASCII without accents or punctuation, runs of space collapsed.

    >>> fold("e-Village  Budgeting (EVB)")
    'e village budgeting evb'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def region_words(region: Ref | None) -> set[str]:
    """The words of a region's name without its kind (``Kabupaten Ngawi`` → ``{'ngawi'}``)."""
    return set(fold(region.label).split()) - STOPWORDS if region else set()


def name_key(inn: Innovation) -> str:
    """The name with its region's own words and filler words removed, for comparing across regions.

    >>> name_key(Innovation(Ref("x", "Sistem Pemantauan Pembangunan Ngawi"), "", Ref("r", "Kabupaten Ngawi"), 2025))
    'pemantauan pembangunan'
    """
    drop = region_words(inn.region) | STOPWORDS
    return " ".join(w for w in fold(inn.ref.label).split() if w not in drop)


def acronym_key(inn: Innovation) -> str:
    """The acronym folded without spaces; empty when shorter than 3 characters (too ambiguous)."""
    key = fold(inn.acronym).replace(" ", "")
    return key if len(key) >= 3 else ""


def tokens(text: str, region: Ref | None = None) -> set[str]:
    """Content words (4+ letters, no filler, no region name) of a text."""
    drop = region_words(region) | STOPWORDS
    return {w for w in fold(text).split() if len(w) >= 4 and w not in drop}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


# ---------------------------------------------------------------------- scoring
def similarity(a: Innovation, b: Innovation) -> tuple[float, dict[str, float]]:
    """Score 0..1 of two innovations being the same, and the per-field similarities behind it.

    Name: word overlap (Jaccard) of the name keys, or their character similarity (difflib
    ratio) when that is at least :data:`NEAR_SPELLING` — a near spelling, not a chance likeness.
    Acronym: 1 when equal (3+ characters), else absent. Description: word overlap. The score is
    the weighted sum over the fields both innovations have, rescaled to those fields' weights,
    so an innovation without a description is not penalised for it.
    """
    matched: dict[str, float] = {}
    weights: dict[str, float] = {}
    na, nb = name_key(a), name_key(b)
    if na and nb:
        ratio = SequenceMatcher(None, na, nb).ratio()
        near = ratio if ratio >= NEAR_SPELLING else 0.0
        matched["name"] = round(max(near, jaccard(set(na.split()), set(nb.split()))), 4)
        weights["name"] = WEIGHTS["name"]
    aa, ab = acronym_key(a), acronym_key(b)
    if aa and ab:
        weights["acronym"] = WEIGHTS["acronym"]
        if aa == ab:
            matched["acronym"] = 1.0
    da, db = tokens(a.description, a.region), tokens(b.description, b.region)
    if da and db:
        weights["description"] = WEIGHTS["description"]
        overlap = jaccard(da, db)
        if overlap > 0:
            matched["description"] = round(overlap, 4)
    total = sum(weights.values())
    if not total:
        return 0.0, {}
    score = sum(WEIGHTS[k] * v for k, v in matched.items()) / total
    return round(score, 4), {k: v for k, v in matched.items() if v > 0}


def find(
    innovations: Sequence[Innovation],
    min_score: float = 0.6,
    asserted: Iterable[Replication] = (),
) -> list[Candidate]:
    """Candidate replications among ``innovations``, best first.

    A pair qualifies when both innovations have a region and a first year, the regions differ,
    the candidate original's year is strictly earlier, the pair (either way round) is not stated
    by a source, and the score is at least ``min_score``.
    """
    stated = {frozenset((r.original.iri, r.replica.iri)) for r in asserted}
    dated = [i for i in innovations if i.region is not None and i.year is not None]
    out = []
    for i, a in enumerate(dated):
        for b in dated[i + 1 :]:
            if a.ref.iri == b.ref.iri or a.region == b.region or a.year == b.year:
                continue
            if frozenset((a.ref.iri, b.ref.iri)) in stated:
                continue
            original, replica = (a, b) if a.year < b.year else (b, a)  # type: ignore[operator]
            score, matched = similarity(original, replica)
            if score >= min_score and matched:
                out.append(Candidate(original, replica, score, matched))
    out.sort(key=lambda c: (-c.score, c.original.year, c.original.ref.label, c.replica.ref.label))
    return out


# ---------------------------------------------------------------------- rows
def _year(cell: Cell) -> int | None:
    digits = cell.text.strip()[:4]
    return int(digits) if digits.isdigit() else None


def innovations_from_table(table: Table) -> list[Innovation]:
    """Innovations from the rows of ``queries/innovation-years.rq``; first year = earliest of all."""
    col = {name: i for i, name in enumerate(table.columns)}
    out = []
    for row in table.rows:

        def get(name: str, row: list[Cell] = row) -> Cell:
            return row[col[name]] if name in col else Cell()

        inn = get("innovation")
        if not inn.iri:
            continue
        years = [y for y in (_year(get(c)) for c in ("launch_year", "award_year", "attested_year")) if y is not None]
        region, province = get("region"), get("province")
        out.append(
            Innovation(
                Ref(inn.iri, inn.text),
                get("acronym").text,
                Ref(region.iri, region.text) if region.iri else None,
                min(years) if years else None,
                get("description").text,
                Ref(province.iri, province.text) if province.iri else None,
            )
        )
    return out


def fetch(target: SelectTarget, values: dict[str, str] | None = None) -> list[Innovation]:
    """The innovations of ``target`` (store or endpoint) with their first years."""
    return innovations_from_table(run(target, QUERY, values or {}))


def as_table(candidates: Sequence[Candidate]) -> Table:
    """Candidates as a result table (labels and IRIs) for the psikg formats."""
    columns = [
        "original",
        "original_region",
        "original_year",
        "replica",
        "replica_region",
        "replica_year",
        "score",
        "matched",
    ]
    rows = []
    for c in candidates:
        o, r = c.original, c.replica
        rows.append(
            [
                Cell(o.ref.label, o.ref.iri),
                Cell(o.region.label, o.region.iri) if o.region else Cell(),
                Cell(str(o.year)),
                Cell(r.ref.label, r.ref.iri),
                Cell(r.region.label, r.region.iri) if r.region else Cell(),
                Cell(str(r.year)),
                Cell(f"{c.score:.2f}"),
                Cell(c.explain()),
            ]
        )
    return Table(columns, rows)


# ---------------------------------------------------------------------- saving for review
def graph_iri(minter: Minter) -> NamedNode:
    """The named graph that holds the candidates, apart from every source's graph."""
    return minter.iri("graph", "candidates", "replication")


def to_quads(candidates: Sequence[Candidate], minter: Minter) -> list[Quad]:
    """The candidates as ``psikg:CandidateReplication`` nodes (not ``psikg:Replication``: the
    analyses and canned queries read only stated replications) in their own graph."""
    b = GraphBuilder(graph_iri(minter))
    for c in candidates:
        original, replica = NamedNode(c.original.ref.iri), NamedNode(c.replica.ref.iri)
        node = minter.candidate_replication(replica, original)
        b.add(node, RDF.type, PSIKG.CandidateReplication)
        b.text(node, RDFS.label, f"Kandidat replikasi: {c.replica.ref.label} ← {c.original.ref.label}", "id")
        b.add(node, PSIKG.possibleOriginal, original)
        b.add(node, PSIKG.possibleReplica, replica)
        b.typed(node, PSIKG.similarity, f"{c.score:.2f}", XSD.decimal)
        b.text(node, PSIKG.matched, c.explain())
    return b.quads()


def save(store: GraphStore, candidates: Sequence[Candidate]) -> NamedNode:
    """Replace the candidates graph of ``store`` with ``candidates``, in one transaction."""
    minter = Minter(base_iri())
    graph = graph_iri(minter)
    store.replace_graphs([graph], to_quads(candidates, minter))
    return graph
