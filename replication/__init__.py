"""Tracing replication: how public-service innovations spread between regions.

* :mod:`.network` — stated replications (from ``queries/replications.rq``) as networkx graphs,
  and their summary, ranking, diffusion trees, province/island flows, lags and clusters;
* :mod:`.candidates` — replications no source states, found by name/acronym/description
  similarity and time order, for review (never written into the source graphs);
* :mod:`.exchange` — GraphML, GEXF, node-link JSON and CSV for Gephi, D3 and spreadsheets;
* :mod:`.plot` — figures (optional matplotlib, ``pip install 'psikg[plot]'``).

The command is ``psikg replication``; docs/replication.md describes it.
"""

from __future__ import annotations

from .network import (
    Ref,
    Replication,
    clusters,
    fetch,
    flows,
    innovation_graph,
    island_of,
    lag_stats,
    rank,
    region_graph,
    summary,
    tree,
)

__all__ = [
    "Ref",
    "Replication",
    "clusters",
    "fetch",
    "flows",
    "innovation_graph",
    "island_of",
    "lag_stats",
    "rank",
    "region_graph",
    "summary",
    "tree",
]
