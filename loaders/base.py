"""What every loader shares: the triples it makes for a source, and the loader interface.

A loader turns one source (a record file, a table, a reference file) into a
:class:`SourceLoad`: the quads of its named graph(s), ready to be stored as a whole or not at
all. Loaders never touch the store; :mod:`psikg.build` does, after every source is read.
"""

from __future__ import annotations

import abc
import datetime as dt
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pyoxigraph import BlankNode, Literal, NamedNode, Quad

from .. import __version__
from ..namespaces import DCTERMS, PROV, PSIKG, RDF, RDFS, XSD
from .iris import Minter

if TYPE_CHECKING:
    from .resolver import Resolver

Subject = NamedNode | BlankNode
Object = NamedNode | BlankNode | Literal


class GraphBuilder:
    """Collects the triples of one named graph, skipping exact duplicates, in insertion order."""

    def __init__(self, graph: NamedNode):
        self.graph = graph
        self._quads: dict[Quad, None] = {}

    def add(self, s: Subject, p: NamedNode, o: Object | None) -> None:
        if o is not None:
            self._quads[Quad(s, p, o, self.graph)] = None

    def text(self, s: Subject, p: NamedNode, value: object, lang: str | None = None) -> None:
        if value is not None and str(value).strip():
            self.add(s, p, Literal(str(value).strip(), language=lang) if lang else Literal(str(value).strip()))

    def typed(self, s: Subject, p: NamedNode, value: object, datatype: NamedNode) -> None:
        if value is not None and str(value) != "":
            self.add(s, p, Literal(str(value), datatype=datatype))

    def quads(self) -> list[Quad]:
        return list(self._quads)

    def __len__(self) -> int:
        return len(self._quads)


@dataclass
class SourceLoad:
    """The result of loading one source: its quads (all named graphs) and any warnings."""

    source_id: str
    path: Path
    quads: list[Quad]
    sha256: str
    loader: str
    warnings: list[str] = field(default_factory=list)

    #: set by :meth:`release`: how many quads the load had, and its graphs, once they are written
    written: int | None = None
    _graphs: set[NamedNode] | None = None

    @property
    def graphs(self) -> set[NamedNode]:
        if self._graphs is not None:
            return self._graphs
        return {q.graph_name for q in self.quads if isinstance(q.graph_name, NamedNode)}

    @property
    def size(self) -> int:
        """Number of quads, also after :meth:`release`."""
        return self.written if self.written is not None else len(self.quads)

    def release(self) -> None:
        """Forget the quads (they are in a store now), keeping their count and graphs."""
        self._graphs = self.graphs
        self.written = len(self.quads)
        self.quads = []


@dataclass
class LoadContext:
    """What loaders need besides the source: the IRI minter and, for records, the resolver."""

    minter: Minter
    resolver: Resolver | None = None


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_time() -> str:
    """Now as xsd:dateTime, or SOURCE_DATE_EPOCH when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    now = (
        dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
        if epoch
        else dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    )
    return now.isoformat().replace("+00:00", "Z")


def load_record_quads(minter: Minter, load: SourceLoad, log_graph: NamedNode) -> list[Quad]:
    """PROV description of one load (what, from where, when, which loader) for the load log.

    Kept out of the source's own graph so that the source graph depends only on its input.
    """
    b = GraphBuilder(log_graph)
    activity = minter.load_activity(load.source_id)
    agent = minter.loader_agent(load.loader, __version__)
    source = minter.source(load.source_id)
    b.add(activity, RDF.type, PROV.Activity)
    b.text(activity, RDFS.label, f"load of {load.source_id}", "en")
    b.add(activity, PROV.used, source)
    b.add(activity, PROV.wasAssociatedWith, agent)
    b.typed(activity, PROV.endedAtTime, load_time(), XSD.dateTime)
    b.text(activity, PSIKG.sourceFile, load.path.name)
    b.text(activity, PSIKG.sha256, load.sha256)
    b.add(agent, RDF.type, PSIKG.Loader)
    b.text(agent, RDFS.label, f"psikg {load.loader} loader", "en")
    b.text(agent, DCTERMS.hasVersion, __version__)
    for graph in sorted(load.graphs, key=lambda g: g.value):
        b.add(graph, PROV.wasGeneratedBy, activity)
    return b.quads()


class Loader(abc.ABC):
    """A loader reads one kind of source file into a :class:`SourceLoad`."""

    #: short name, recorded in the load log with psikg's version
    name: str = "loader"

    @abc.abstractmethod
    def handles(self, path: Path) -> bool:
        """Whether this loader reads ``path``."""

    @abc.abstractmethod
    def load(self, path: Path, context: LoadContext) -> SourceLoad:
        """Read ``path``; raise :class:`~psikg.errors.InputError` listing every problem."""
