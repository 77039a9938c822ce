"""Writing the replication network for other tools: GraphML, GEXF (Gephi), node-link JSON (D3), CSV.

GraphML and GEXF hold only scalar attributes, so list attributes (years, forms, sources) are
written as ``"; "``-joined text and missing values are left out; node ids are the IRIs.

>>> import io, networkx as nx
>>> g = nx.DiGraph(); g.add_edge("a", "b", weight=2, years=[2019, 2021])
>>> print(write(g, "csv", io.StringIO()).getvalue().strip())
source,target,source_label,target_label,weight,years
a,b,a,b,2,2019; 2021
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import IO

import networkx as nx

FORMATS = ("graphml", "gexf", "json", "csv")


def _scalar(value: object) -> object:
    if isinstance(value, (list, tuple, set)):
        return "; ".join(str(v) for v in value)
    return value


def flat(g: nx.DiGraph) -> nx.DiGraph:
    """A copy with list attributes joined to text and None attributes dropped."""
    out = nx.DiGraph()
    for n, data in g.nodes(data=True):
        out.add_node(n, **{k: _scalar(v) for k, v in data.items() if v is not None})
    for u, v, data in g.edges(data=True):
        out.add_edge(u, v, **{k: _scalar(x) for k, x in data.items() if x is not None})
    return out


def write(g: nx.DiGraph, fmt: str, out: IO[str]) -> IO[str]:
    """Write ``g`` in ``fmt`` (one of :data:`FORMATS`) to the text stream ``out``."""
    if fmt == "json":
        data = nx.node_link_data(g, edges="links")
        json.dump(data, out, ensure_ascii=False, indent=2, default=str)
        out.write("\n")
    elif fmt == "csv":
        g2 = flat(g)
        keys = sorted({k for _, _, d in g2.edges(data=True) for k in d}, key=lambda k: (k != "weight", k))
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["source", "target", "source_label", "target_label", *keys])
        for u, v, d in sorted(g2.edges(data=True), key=lambda e: (e[0], e[1])):
            writer.writerow(
                [u, v, g2.nodes[u].get("label", u), g2.nodes[v].get("label", v), *(d.get(k, "") for k in keys)]
            )
    elif fmt in ("graphml", "gexf"):
        buffer = io.BytesIO()
        if fmt == "graphml":
            nx.write_graphml(flat(g), buffer)
        else:
            nx.write_gexf(flat(g), buffer)
        out.write(buffer.getvalue().decode("utf-8"))
    else:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    return out


def write_file(g: nx.DiGraph, fmt: str, path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as out:
        write(g, fmt, out)
