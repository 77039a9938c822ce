"""What is in a store: totals, nodes per class, and sources (``psikg stats``)."""

from __future__ import annotations

from dataclasses import dataclass

from . import queries
from .store import GraphStore


@dataclass
class Summary:
    triples: int
    graphs: int
    classes: queries.Table
    sources: queries.Table


def summarize(store: GraphStore) -> Summary:
    return Summary(len(store), len(store.graphs()), queries.run(store, "classes"), queries.run(store, "sources"))
