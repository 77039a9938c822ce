"""The replication network: stated replications as rows, as networkx graphs, and what they show.

The rows come from the canned query ``queries/replications.rq`` run through
:mod:`psikg.queries`, so the embedded store and a remote SPARQL endpoint feed the same code.
Two graphs are built from them:

* the *innovation graph*: one node per innovation, an edge original → replica per replication;
* the *region graph*: one node per region (kabupaten/kota or province), an edge origin region →
  adopting region, weighted by the number of replications between them. Replications whose
  innovations lack a region, or stay within one region, are counted but not drawn.

>>> reps = [Replication(Ref("o", "TOSS"), Ref("r/51.05", "Kabupaten Klungkung"), Ref("r/51", "Bali"),
...                     Ref("c", "PAS URBAN"), Ref("r/51.08", "Kabupaten Buleleng"), Ref("r/51", "Bali"),
...                     2021, "adapted", ("s",), 2018)]
>>> g = region_graph(reps)
>>> sorted(g.edges(data="weight"))
[('r/51.05', 'r/51.08', 1)]
>>> lag_stats(reps).median
3.0
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import networkx as nx

from ..errors import UsageError
from ..queries import Cell, SelectTarget, Table, run

#: The canned query feeding the network (queries/replications.rq).
QUERY = "replications"

#: Main island groups by the two-digit Kemendagri province code (the code's first part).
ISLANDS: tuple[tuple[str, range], ...] = (
    ("Sumatera", range(11, 22)),
    ("Jawa", range(31, 37)),
    ("Bali & Nusa Tenggara", range(51, 54)),
    ("Kalimantan", range(61, 66)),
    ("Sulawesi", range(71, 77)),
    ("Maluku", range(81, 83)),
    ("Papua", range(91, 98)),
)


@dataclass(frozen=True, order=True)
class Ref:
    """A node as the query returns it: its IRI and its label."""

    iri: str
    label: str

    @property
    def code(self) -> str:
        """The Kemendagri code of a region IRI (its last path segment), e.g. ``35.10``."""
        return self.iri.rstrip("/").rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Replication:
    """One stated replication: original and replica with their regions, year, form, sources."""

    original: Ref
    original_region: Ref | None
    original_province: Ref | None
    replica: Ref
    replica_region: Ref | None
    replica_province: Ref | None
    year: int | None
    form: str
    sources: tuple[str, ...] = ()
    #: earliest year the original is known (launch, award edition or another source's issue date)
    original_year: int | None = None
    original_acronym: str = ""
    replica_acronym: str = ""

    @property
    def lag(self) -> int | None:
        """Years from the original's first known year to the replication, when both are known."""
        if self.year is None or self.original_year is None:
            return None
        return self.year - self.original_year


def island_of(province_code: str) -> str:
    """The island group of a province code (``35`` or ``35.10``): Jawa, Sumatera, …

    >>> island_of("51.08"), island_of("94"), island_of("xx")
    ('Bali & Nusa Tenggara', 'Papua', 'unknown')
    """
    head = province_code.split(".", 1)[0]
    if not head.isdigit():
        return "unknown"
    number = int(head)
    return next((name for name, codes in ISLANDS if number in codes), "unknown")


# ---------------------------------------------------------------------- rows
def _ref(cell: Cell) -> Ref | None:
    return Ref(cell.iri, cell.text) if cell.iri else None


def _year(cell: Cell) -> int | None:
    text = cell.text.strip()
    digits = text.lstrip("-")[:4]
    return int(digits) if digits.isdigit() else None


def from_table(table: Table) -> list[Replication]:
    """Replications from the rows of ``queries/replications.rq`` (columns by name)."""
    col = {name: i for i, name in enumerate(table.columns)}
    missing = {"original", "replica", "year", "form"} - set(col)
    if missing:
        raise UsageError(f"the replications query lacks column(s) {', '.join(sorted(missing))}")
    out = []
    for row in table.rows:

        def get(name: str, row: list[Cell] = row) -> Cell:
            return row[col[name]] if name in col else Cell()

        original, replica = _ref(get("original")), _ref(get("replica"))
        if original is None or replica is None:
            continue
        sources = get("source")
        out.append(
            Replication(
                original,
                _ref(get("original_region")),
                _ref(get("original_province")),
                replica,
                _ref(get("replica_region")),
                _ref(get("replica_province")),
                _year(get("year")),
                get("form").text,
                tuple(c.text for c in sources.items) or ((sources.text,) if sources.text else ()),
                _year(get("original_year")),
                get("original_acronym").text,
                get("replica_acronym").text,
            )
        )
    return out


def fetch(target: SelectTarget, values: dict[str, str] | None = None) -> list[Replication]:
    """The stated replications in ``target`` (store or endpoint), filtered by query parameters."""
    return from_table(run(target, QUERY, values or {}))


# ---------------------------------------------------------------------- graphs
def innovation_graph(reps: Iterable[Replication]) -> nx.DiGraph:
    """Innovations as nodes, original → replica edges with year, form and sources."""
    g = nx.DiGraph()
    for r in reps:
        for node, region, province, acronym in (
            (r.original, r.original_region, r.original_province, r.original_acronym),
            (r.replica, r.replica_region, r.replica_province, r.replica_acronym),
        ):
            g.add_node(
                node.iri,
                label=node.label,
                acronym=acronym,
                kind="innovation",
                region=region.label if region else "",
                province=province.label if province else "",
            )
        g.add_edge(r.original.iri, r.replica.iri, year=r.year, form=r.form, sources=list(r.sources))
    return g


def region_graph(reps: Iterable[Replication]) -> nx.DiGraph:
    """Regions as nodes, origin region → adopting region edges weighted by replications."""
    g = nx.DiGraph()
    for r in reps:
        a, b = r.original_region, r.replica_region
        if a is None or b is None or a.iri == b.iri:
            continue
        for region, province in ((a, r.original_province), (b, r.replica_province)):
            code = region.code
            g.add_node(
                region.iri,
                label=region.label,
                kind="region",
                code=code,
                province=province.label if province else "",
                island=island_of(code),
            )
        if g.has_edge(a.iri, b.iri):
            data = g.edges[a.iri, b.iri]
            data["weight"] += 1
        else:
            g.add_edge(a.iri, b.iri, weight=1, years=[], forms=[], innovations=[])
            data = g.edges[a.iri, b.iri]
        if r.year is not None:
            data["years"].append(r.year)
        data["forms"].append(r.form)
        data["innovations"].append(r.original.label)
    return g


# ---------------------------------------------------------------------- summary
@dataclass
class Summary:
    replications: int
    innovations: int
    regions: int
    edges: int
    components: int
    origins: int
    adopters: int
    density: float
    without_region: int
    within_region: int

    def rows(self) -> list[tuple[str, str]]:
        return [
            ("replications stated", str(self.replications)),
            ("innovations involved", str(self.innovations)),
            ("regions (nodes)", str(self.regions)),
            ("region pairs (edges)", str(self.edges)),
            ("weakly connected components", str(self.components)),
            ("origin regions (copied by another)", str(self.origins)),
            ("adopting regions (copy another)", str(self.adopters)),
            ("density", f"{self.density:.4f}"),
            ("replications without a region on one side", str(self.without_region)),
            ("replications within one region", str(self.within_region)),
        ]


def summary(reps: Sequence[Replication]) -> Summary:
    g = region_graph(reps)
    innovations = {r.original.iri for r in reps} | {r.replica.iri for r in reps}
    return Summary(
        replications=len(reps),
        innovations=len(innovations),
        regions=g.number_of_nodes(),
        edges=g.number_of_edges(),
        components=nx.number_weakly_connected_components(g) if len(g) else 0,
        origins=sum(1 for n in g if g.out_degree(n) > 0),
        adopters=sum(1 for n in g if g.in_degree(n) > 0),
        density=nx.density(g) if len(g) > 1 else 0.0,
        without_region=sum(1 for r in reps if r.original_region is None or r.replica_region is None),
        within_region=sum(
            1 for r in reps if r.original_region and r.replica_region and r.original_region.iri == r.replica_region.iri
        ),
    )


# ---------------------------------------------------------------------- ranking
def pagerank(g: nx.DiGraph, alpha: float = 0.85, tol: float = 1.0e-10, max_iter: int = 200) -> dict[str, float]:
    """PageRank by power iteration (as networkx's, without its SciPy dependency).

    Dangling nodes spread their rank evenly; edge ``weight`` is used when present.

    >>> g = nx.DiGraph([("a", "b"), ("b", "a")])
    >>> {k: round(v, 3) for k, v in sorted(pagerank(g).items())}
    {'a': 0.5, 'b': 0.5}
    """
    n = len(g)
    if n == 0:
        return {}
    rank = dict.fromkeys(g, 1.0 / n)
    out_weight = {u: sum(d.get("weight", 1) for _, _, d in g.out_edges(u, data=True)) for u in g}
    for _ in range(max_iter):
        dangling = alpha * sum(rank[u] for u in g if out_weight[u] == 0) / n
        new = dict.fromkeys(g, (1.0 - alpha) / n + dangling)
        for u, v, d in g.edges(data=True):
            new[v] += alpha * rank[u] * d.get("weight", 1) / out_weight[u]
        if sum(abs(new[u] - rank[u]) for u in g) < n * tol:
            return new
        rank = new
    return rank


@dataclass
class RegionRank:
    region: str
    iri: str
    province: str
    out_degree: int  # distinct regions that copied this one
    in_degree: int  # distinct regions this one copied from
    replicated: int  # replications of this region's innovations elsewhere
    adopted: int  # replications this region made of others'
    reach: int  # regions reached transitively (descendants)
    influence: float  # PageRank on the copies-from graph: high = copied by well-copied regions
    adoption: float  # PageRank on the origin → adopter graph: high = copies from many sources


def rank(g: nx.DiGraph) -> list[RegionRank]:
    """Regions by reach, then out-degree and influence (origins first, then adopters).

    Influence is PageRank on the reversed graph (adopter → origin, "copies from"), so a
    region whose innovations are copied by regions that are themselves copied ranks high.
    """
    influence = pagerank(g.reverse(copy=True))
    adoption = pagerank(g)
    rows = [
        RegionRank(
            region=g.nodes[n].get("label", n),
            iri=n,
            province=g.nodes[n].get("province", ""),
            out_degree=g.out_degree(n),
            in_degree=g.in_degree(n),
            replicated=int(g.out_degree(n, weight="weight")),
            adopted=int(g.in_degree(n, weight="weight")),
            reach=len(nx.descendants(g, n)),
            influence=influence.get(n, 0.0),
            adoption=adoption.get(n, 0.0),
        )
        for n in g
    ]
    rows.sort(key=lambda r: (-r.reach, -r.out_degree, -r.influence, -r.in_degree, r.region))
    return rows


# ---------------------------------------------------------------------- tree
@dataclass
class TreeNode:
    """One innovation in a diffusion tree: its depth under the root and how it got there."""

    depth: int
    innovation: Ref
    region: str
    province: str
    year: int | None = None  # of the replication bringing it here (None for the root)
    form: str = ""
    children: list[TreeNode] = field(default_factory=list)

    def walk(self) -> Iterable[TreeNode]:
        yield self
        for child in self.children:
            yield from child.walk()


def find_innovation(reps: Sequence[Replication], name: str) -> Ref:
    """The innovation ``name`` (IRI, label or acronym, case-insensitive) names.

    When several innovations share the name (the same programme in several regions), the one
    that is not itself a replica — the origin — is chosen; otherwise it is an error listing them.
    """
    refs: dict[str, tuple[Ref, str, str]] = {}
    replicas = {r.replica.iri for r in reps}
    for r in reps:
        refs[r.original.iri] = (r.original, r.original_region.label if r.original_region else "", r.original_acronym)
        refs[r.replica.iri] = (r.replica, r.replica_region.label if r.replica_region else "", r.replica_acronym)
    wanted = name.strip().casefold()
    matches = [
        ref for ref, _, acr in refs.values() if wanted in (ref.iri.casefold(), ref.label.casefold(), acr.casefold())
    ]
    if not matches:
        matches = [ref for ref, _, _ in refs.values() if wanted in ref.label.casefold()]
    roots = [m for m in matches if m.iri not in replicas]
    if len(matches) == 1:
        return matches[0]
    if len(roots) == 1:
        return roots[0]
    if not matches:
        raise UsageError(f"no replicated or replicating innovation is called '{name}'; see 'psikg query replications'")
    listed = "; ".join(f"{ref.label} ({refs[ref.iri][1] or 'no region'}) <{ref.iri}>" for ref in sorted(matches))
    raise UsageError(f"'{name}' fits {len(matches)} innovations: {listed}; give the IRI")


def tree(reps: Sequence[Replication], root: Ref) -> TreeNode:
    """The diffusion tree below ``root``: who replicated it, who replicated them, by year.

    Each innovation appears once, under the earliest replication reaching it (breadth-first,
    children by year, label, region), so cycles in the sources cannot loop.
    """
    g = innovation_graph(reps)
    if root.iri not in g:
        raise UsageError(f"{root.label} takes part in no replication")

    def node(iri: str, depth: int, year: int | None = None, form: str = "") -> TreeNode:
        data = g.nodes[iri]
        return TreeNode(depth, Ref(iri, data["label"]), data["region"], data["province"], year, form)

    top = node(root.iri, 0)
    seen = {root.iri}
    frontier = [top]
    while frontier:
        nxt = []
        for parent in frontier:
            here = parent.innovation.iri

            def order(v: str, here: str = here) -> tuple[int, str, str]:
                return (g.edges[here, v]["year"] or 9999, g.nodes[v]["label"], g.nodes[v]["region"])

            kids = sorted(g.successors(here), key=order)
            for v in kids:
                if v in seen:
                    continue
                seen.add(v)
                e = g.edges[parent.innovation.iri, v]
                child = node(v, parent.depth + 1, e["year"], e["form"])
                parent.children.append(child)
                nxt.append(child)
        frontier = nxt
    return top


def render_tree(top: TreeNode) -> str:
    """The tree as indented text, one innovation per line with year, region and form.

    >>> t = TreeNode(0, Ref("a", "TOSS"), "Kabupaten Klungkung", "Bali")
    >>> t.children.append(TreeNode(1, Ref("b", "PAS URBAN"), "Kabupaten Buleleng", "Bali", 2021, "Diadaptasi"))
    >>> print(render_tree(t))
    TOSS — Kabupaten Klungkung (Bali)
    └─ 2021  PAS URBAN — Kabupaten Buleleng (Bali)  [Diadaptasi]
    """
    lines: list[str] = []

    def where(n: TreeNode) -> str:
        return f"{n.region} ({n.province})" if n.province and n.province != n.region else n.region or "no region"

    def visit(n: TreeNode, prefix: str, last: bool) -> None:
        if n.depth == 0:
            lines.append(f"{n.innovation.label} — {where(n)}")
            child_prefix = ""
        else:
            year = str(n.year) if n.year is not None else "????"
            lines.append(
                f"{prefix}{'└─' if last else '├─'} {year}  {n.innovation.label} — {where(n)}"
                + (f"  [{n.form}]" if n.form else "")
            )
            child_prefix = prefix + ("   " if last else "│  ")
        for i, c in enumerate(n.children):
            visit(c, child_prefix, i == len(n.children) - 1)

    visit(top, "", True)
    return "\n".join(lines)


# ---------------------------------------------------------------------- flows
@dataclass
class Flow:
    origin: str
    adopter: str
    replications: int
    first_year: int | None
    last_year: int | None


def flows(reps: Iterable[Replication], level: str = "province") -> list[Flow]:
    """Replications aggregated to ``province`` or ``island`` pairs (within-group flows included).

    Replications lacking the province of either side are left out.
    """
    if level not in ("province", "island"):
        raise UsageError(f"level must be province or island, not '{level}'")
    groups: dict[tuple[str, str], list[int | None]] = defaultdict(list)
    for r in reps:
        a, b = r.original_province, r.replica_province
        if a is None or b is None:
            continue
        key = (a.label, b.label) if level == "province" else (island_of(a.code), island_of(b.code))
        groups[key].append(r.year)
    out = []
    for (a_name, b_name), years in groups.items():
        known = [y for y in years if y is not None]
        out.append(Flow(a_name, b_name, len(years), min(known, default=None), max(known, default=None)))
    out.sort(key=lambda f: (-f.replications, f.origin, f.adopter))
    return out


# ---------------------------------------------------------------------- lag
@dataclass
class LagStats:
    count: int  # replications with a known lag
    unknown: int  # replications without one
    min: int | None
    median: float | None
    max: int | None


def lag_stats(reps: Sequence[Replication]) -> LagStats:
    """Years from the original's first known year to its replication: min, median, max."""
    lags = [r.lag for r in reps if r.lag is not None]
    if not lags:
        return LagStats(0, len(reps), None, None, None)
    return LagStats(len(lags), len(reps) - len(lags), min(lags), float(statistics.median(lags)), max(lags))


# ---------------------------------------------------------------------- clusters
def clusters(g: nx.DiGraph) -> list[list[str]]:
    """Communities of regions that copy each other (greedy modularity, undirected, weighted).

    Returned as lists of region IRIs, largest first; isolated pairs form their own community.
    """
    if g.number_of_edges() == 0:
        return [[n] for n in sorted(g)]
    undirected = nx.Graph()
    undirected.add_nodes_from(g)
    for u, v, w in g.edges(data="weight", default=1):
        if undirected.has_edge(u, v):
            undirected.edges[u, v]["weight"] += w
        else:
            undirected.add_edge(u, v, weight=w)
    communities = nx.community.greedy_modularity_communities(undirected, weight="weight")
    out = [sorted(c, key=lambda n: g.nodes[n].get("label", n)) for c in communities]
    out.sort(key=lambda c: (-len(c), g.nodes[c[0]].get("label", c[0])))
    return out
