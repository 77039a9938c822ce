"""Publishing the graph into a real triple store through SPARQL 1.1 Update.

Each named graph is sent in batches of ``INSERT DATA`` into a *staging* graph, then swapped
in with one ``MOVE`` (SPARQL 1.1 Update §3.2.5), which replaces the target graph in a single
request. So:

* a re-run leaves exactly the same graph (the target is replaced, never appended to);
* a run killed half-way leaves the target graph as it was before; the next run drops the
  half-filled staging graph first and ends with exactly the store's graph;
* readers of the endpoint never see half a graph.

Only the named graphs are sent (psikg keeps every triple in one); blank nodes are refused,
since separate ``INSERT DATA`` requests would split one blank node into several.

>>> staging_graph("https://w3id.org/psikg/id/graph/x")
'urn:psikg:staging:52ee383eebd36f3a5db54007b8d4b49854e41224'
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from pyoxigraph import BlankNode, NamedNode, Quad

from .endpoint import Endpoint
from .errors import StoreError, UsageError
from .store import GraphStore

DEFAULT_BATCH = 2_000

#: called after each batch with (graph IRI, triples sent so far in it, triples in it)
Progress = Callable[[str, int, int], None]


def staging_graph(graph: str) -> str:
    """Where ``graph`` is assembled before it replaces the published one."""
    return "urn:psikg:staging:" + hashlib.sha1(graph.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Published:
    graph: str
    triples: int
    batches: int


def graphs_to_publish(store: GraphStore, only: Iterable[str] = ()) -> list[NamedNode]:
    """The store's named graphs, or the ``only`` ones (each must exist)."""
    have = {g.value: g for g in store.graphs()}
    wanted = list(only)
    missing = [g for g in wanted if g not in have]
    if missing:
        raise UsageError(f"no graph {missing[0]} in the store; 'psikg query sources' lists the graphs")
    return [have[g] for g in wanted] if wanted else list(have.values())


def _refuse_blank_nodes(quads: Iterable[Quad]) -> int:
    """The number of quads; StoreError at the first blank node (before anything is sent)."""
    n = 0
    for q in quads:
        if isinstance(q.subject, BlankNode) or isinstance(q.object, BlankNode):
            raise StoreError(
                f"graph {q.graph_name} has blank nodes, which separate INSERT DATA requests would split; "
                "give them IRIs before publishing"
            )
        n += 1
    return n


def _batches(quads: Iterable[Quad], size: int) -> Iterator[list[str]]:
    batch: list[str] = []
    for q in quads:
        batch.append(f"{q.subject} {q.predicate} {q.object} .")
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def publish_graph(
    store: GraphStore,
    endpoint: Endpoint,
    graph: NamedNode,
    batch: int = DEFAULT_BATCH,
    progress: Progress | None = None,
) -> Published:
    """Replace ``graph`` at ``endpoint`` with the store's copy (staging graph, then MOVE)."""
    if batch < 1:
        raise UsageError("--batch-size must be at least 1")
    staging = staging_graph(graph.value)
    total = _refuse_blank_nodes(store.oxigraph.quads_for_pattern(None, None, None, graph))
    endpoint.update(f"DROP SILENT GRAPH <{staging}>")
    sent = batches = 0
    for lines in _batches(store.oxigraph.quads_for_pattern(None, None, None, graph), batch):
        endpoint.update(f"INSERT DATA {{ GRAPH <{staging}> {{\n" + "\n".join(lines) + "\n} }")
        sent += len(lines)
        batches += 1
        if progress:
            progress(graph.value, sent, total)
    if sent:
        endpoint.update(f"MOVE SILENT GRAPH <{staging}> TO GRAPH {graph}")
    else:  # an empty graph publishes as no graph at all
        endpoint.update(f"DROP SILENT GRAPH {graph}")
    return Published(graph.value, sent, batches)


def publish(
    store: GraphStore,
    endpoint: Endpoint,
    graphs: Iterable[str] = (),
    batch: int = DEFAULT_BATCH,
    progress: Progress | None = None,
) -> list[Published]:
    """Publish the store's named graphs (or the given ones) to ``endpoint``; see the module doc."""
    return [publish_graph(store, endpoint, g, batch, progress) for g in graphs_to_publish(store, graphs)]


def count_at(endpoint: Endpoint, graph: str) -> int:
    """How many triples ``graph`` holds at ``endpoint`` (to verify a publication)."""
    _, rows = endpoint.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {NamedNode(graph)} {{ ?s ?p ?o }} }}")
    value = rows[0]["n"] if rows else None
    return int(getattr(value, "value", 0) or 0)
