"""Figures of the replication network (PNG, SVG or PDF by the file's suffix), drawn with matplotlib.

matplotlib is optional: ``pip install 'psikg[plot]'``. Three kinds:

* ``tree`` — diffusion over time: each innovation a row, placed at the year it arrived, a line
  from the innovation it replicates; one tree per origin, or one innovation's only;
* ``flows`` — a matrix of replications from origin (rows) to adopting (columns) province or
  island group;
* ``ranking`` — regions ranked as origins (regions reached, copied by) and as adopters.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import UsageError
from .network import Ref, Replication, TreeNode, flows, innovation_graph, rank, region_graph, tree

KINDS = ("tree", "flows", "ranking")

#: Colours of the replication forms (by label or key; matplotlib's tab10 palette).
FORM_COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"]


def _pyplot() -> Any:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:  # pragma: no cover - depends on the installation
        raise UsageError("plotting needs matplotlib: pip install 'psikg[plot]'") from None
    return plt


def _short(text: str, width: int = 38) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def plot(
    reps: Sequence[Replication], kind: str, out: Path, innovation: Ref | None = None, level: str = "province"
) -> None:
    """Draw ``kind`` of figure for ``reps`` into ``out``."""
    if not reps:
        raise UsageError("no replications to draw; build the store with replication records first")
    if kind == "tree":
        _tree(reps, out, innovation)
    elif kind == "flows":
        _flows(reps, out, level)
    elif kind == "ranking":
        _ranking(reps, out)
    else:
        raise UsageError(f"unknown plot kind '{kind}'; one of {', '.join(KINDS)}")


def _tree(reps: Sequence[Replication], out: Path, innovation: Ref | None) -> None:
    plt = _pyplot()
    g = innovation_graph(reps)
    first_year = {r.original.iri: r.original_year for r in reps}
    if innovation is not None:
        roots = [innovation]
    else:
        roots = sorted(
            (Ref(n, g.nodes[n]["label"]) for n in g if g.in_degree(n) == 0),
            key=lambda r: (min((y for _, _, y in g.out_edges(r.iri, data="year") if y), default=9999), r.label),
        )
    rows: list[tuple[TreeNode, TreeNode | None]] = []
    for root in roots:
        top = tree(reps, root)

        def visit(n: TreeNode, parent: TreeNode | None) -> None:
            rows.append((n, parent))
            for c in n.children:
                visit(c, n)

        visit(top, None)
    forms = sorted({n.form for n, _ in rows if n.form})
    colour = {f: FORM_COLOURS[i % len(FORM_COLOURS)] for i, f in enumerate(forms)}
    years = [n.year for n, _ in rows if n.year is not None] + [
        y for n, _ in rows if n.depth == 0 for y in [first_year.get(n.innovation.iri)] if y
    ]
    lo, hi = (min(years), max(years)) if years else (2000, 2001)
    x: dict[int, float] = {}
    y: dict[int, int] = {}
    undated: set[int] = set()
    for i, (n, _parent) in enumerate(rows):
        if n.depth == 0:
            known = first_year.get(n.innovation.iri)
            if not known:
                undated.add(id(n))
            child_years = [c.year for c in n.children if c.year is not None]
            x[id(n)] = known if known else (min(child_years) - 0.5 if child_years else lo)
        else:
            x[id(n)] = n.year if n.year is not None else hi + 0.5
        y[id(n)] = -i
    fig, ax = plt.subplots(figsize=(12, max(3.0, 0.45 * len(rows) + 1.5)))
    for n, parent in rows:
        if parent is not None:
            c = colour.get(n.form, "grey")
            ax.plot([x[id(parent)], x[id(parent)], x[id(n)]], [y[id(parent)], y[id(n)], y[id(n)]], color=c, lw=1.6)
        marker = "s" if n.depth == 0 else "o"
        edge = "black" if n.depth == 0 else colour.get(n.form, "grey")
        face = "white" if id(n) in undated else edge
        ax.plot([x[id(n)]], [y[id(n)]], marker=marker, color=edge, mfc=face, ms=8, zorder=3)
        region = n.region or "no region"
        ax.annotate(
            f"{_short(n.innovation.label)} — {region}",
            (x[id(n)], y[id(n)]),
            xytext=(8, 0),
            textcoords="offset points",
            va="center",
            fontsize=9,
            fontweight="bold" if n.depth == 0 else "normal",
        )
    ax.set_xlim(lo - 1, hi + 6)
    ax.set_ylim(-len(rows), 1)
    ax.set_yticks([])
    ax.set_xlabel("year (origin: first known year; replica: year of replication)")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="x", alpha=0.3)
    handles = [plt.Line2D([], [], color="black", marker="s", ls="", label="origin (at its first known year)")]
    if undated:
        handles.append(plt.Line2D([], [], color="black", mfc="white", marker="s", ls="", label="origin, year unknown"))
    handles += [plt.Line2D([], [], color=colour[f], marker="o", label=f"replica: {f}") for f in forms]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=4, fontsize=8, frameon=False)
    title = f"Diffusion of {innovation.label}" if innovation else "Diffusion of replicated innovations over time"
    ax.set_title(f"{title} ({len(rows) - len(roots)} replication(s))")
    fig.tight_layout()
    fig.savefig(out, dpi=150)
    plt.close(fig)


def _flows(reps: Sequence[Replication], out: Path, level: str) -> None:
    plt = _pyplot()
    fl = flows(reps, level)
    if not fl:
        raise UsageError("no replication has a province on both sides")
    origins = sorted({f.origin for f in fl})
    adopters = sorted({f.adopter for f in fl})
    matrix = [[0] * len(adopters) for _ in origins]
    for f in fl:
        matrix[origins.index(f.origin)][adopters.index(f.adopter)] = f.replications
    fig, ax = plt.subplots(figsize=(max(6.0, 1.2 * len(adopters) + 3), max(4.0, 0.6 * len(origins) + 2.5)))
    image = ax.imshow(matrix, cmap="Blues", vmin=0)
    ax.set_xticks(range(len(adopters)), adopters, rotation=35, ha="right")
    ax.set_yticks(range(len(origins)), origins)
    peak = max(max(row) for row in matrix)
    for i, row in enumerate(matrix):
        for j, value in enumerate(row):
            if value:
                ax.text(j, i, str(value), ha="center", va="center", color="white" if value > peak / 2 else "black")
    noun = "island group" if level == "island" else level
    ax.set_xlabel(f"adopting {noun}")
    ax.set_ylabel(f"origin {noun}")
    ax.set_title(f"Replications between {noun}s ({sum(f.replications for f in fl)} stated)")
    bar = fig.colorbar(image, ax=ax, label="replications", shrink=0.8)
    bar.ax.yaxis.get_major_locator().set_params(integer=True)
    fig.tight_layout()
    fig.savefig(out, dpi=150)
    plt.close(fig)


def _ranking(reps: Sequence[Replication], out: Path, top: int = 15) -> None:
    plt = _pyplot()
    rows = rank(region_graph(reps))
    origins = [r for r in rows if r.out_degree > 0][:top]
    adopters = sorted((r for r in rows if r.in_degree > 0), key=lambda r: (-r.in_degree, -r.adopted, r.region))[:top]
    height = max(3.0, 0.4 * max(len(origins), len(adopters)) + 1.8)
    fig, (left, right) = plt.subplots(1, 2, figsize=(13, height))
    names = [r.region for r in origins][::-1]
    pos = range(len(names))
    left.barh(
        [p + 0.2 for p in pos], [r.reach for r in origins][::-1], height=0.4, label="regions reached (transitively)"
    )
    left.barh([p - 0.2 for p in pos], [r.out_degree for r in origins][::-1], height=0.4, label="copied by (out-degree)")
    left.set_yticks(list(pos), names)
    left.set_title("Origins: regions whose innovations spread")
    left.set_xlabel("regions")
    left.legend(fontsize=8, loc="lower right")
    names = [r.region for r in adopters][::-1]
    pos = range(len(names))
    right.barh(list(pos), [r.in_degree for r in adopters][::-1], color="#2ca02c", label="copied from (in-degree)")
    right.set_yticks(list(pos), names)
    right.set_title("Adopters: regions that replicate others")
    right.set_xlabel("origin regions")
    right.legend(fontsize=8, loc="lower right")
    for ax in (left, right):
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.grid(axis="x", alpha=0.3)
    fig.suptitle("Replication ranking of regions")
    fig.tight_layout()
    fig.savefig(out, dpi=150)
    plt.close(fig)
