"""The replication analyses as result tables, ready for psikg's table, CSV and JSON formats.

>>> from psikg.replication.network import Ref, Replication
>>> reps = [Replication(Ref("o", "TOSS"), Ref("r/51.05", "Kabupaten Klungkung"), Ref("r/51", "Bali"),
...                     Ref("c", "PAS URBAN"), Ref("r/51.08", "Kabupaten Buleleng"), Ref("r/51", "Bali"),
...                     2021, "adapted", ("s",), 2018)]
>>> [c.text for c in lag_table(reps).rows[0]]
['1', '0', '3', '3.0', '3']
"""

from __future__ import annotations

from collections.abc import Sequence

from ..queries import Cell, Table
from .network import Replication, clusters, flows, lag_stats, rank, region_graph, summary


def summary_table(reps: Sequence[Replication]) -> Table:
    return Table(["measure", "value"], [[Cell(k), Cell(v)] for k, v in summary(reps).rows()])


def rank_table(reps: Sequence[Replication], limit: int | None = None) -> Table:
    g = region_graph(reps)
    rows = rank(g)[:limit] if limit else rank(g)
    columns = [
        "region",
        "province",
        "reach",
        "out_degree",
        "in_degree",
        "replicated",
        "adopted",
        "influence",
        "adoption",
    ]
    return Table(
        columns,
        [
            [
                Cell(r.region, r.iri),
                Cell(r.province),
                Cell(str(r.reach)),
                Cell(str(r.out_degree)),
                Cell(str(r.in_degree)),
                Cell(str(r.replicated)),
                Cell(str(r.adopted)),
                Cell(f"{r.influence:.4f}"),
                Cell(f"{r.adoption:.4f}"),
            ]
            for r in rows
        ],
    )


def flows_table(reps: Sequence[Replication], level: str = "province") -> Table:
    def year(y: int | None) -> Cell:
        return Cell(str(y) if y is not None else "")

    return Table(
        ["origin", "adopter", "replications", "first_year", "last_year"],
        [
            [Cell(f.origin), Cell(f.adopter), Cell(str(f.replications)), year(f.first_year), year(f.last_year)]
            for f in flows(reps, level)
        ],
    )


def lag_table(reps: Sequence[Replication]) -> Table:
    s = lag_stats(reps)

    def text(v: object) -> Cell:
        return Cell("" if v is None else str(v))

    return Table(
        ["with_lag", "without_lag", "min", "median", "max"],
        [[text(s.count), text(s.unknown), text(s.min), text(s.median), text(s.max)]],
    )


def lag_rows_table(reps: Sequence[Replication]) -> Table:
    """One row per replication with its lag (for --details)."""
    return Table(
        ["original", "original_region", "original_year", "replica", "replica_region", "year", "lag"],
        [
            [
                Cell(r.original.label, r.original.iri),
                Cell(r.original_region.label, r.original_region.iri) if r.original_region else Cell(),
                Cell("" if r.original_year is None else str(r.original_year)),
                Cell(r.replica.label, r.replica.iri),
                Cell(r.replica_region.label, r.replica_region.iri) if r.replica_region else Cell(),
                Cell("" if r.year is None else str(r.year)),
                Cell("" if r.lag is None else str(r.lag)),
            ]
            for r in reps
        ],
    )


def clusters_table(reps: Sequence[Replication]) -> Table:
    g = region_graph(reps)
    rows = []
    for i, members in enumerate(clusters(g), start=1):
        cells = [Cell(g.nodes[n].get("label", n), n) for n in members]
        provinces = sorted({g.nodes[n].get("province", "") for n in members} - {""})
        rows.append(
            [
                Cell(str(i)),
                Cell(str(len(members))),
                Cell("; ".join(c.text for c in cells), items=cells),
                Cell("; ".join(provinces)),
            ]
        )
    return Table(["cluster", "size", "regions", "provinces"], rows)
