"""Building a graph: reference data, then every record and table, into a fresh store.

The order matters: regions, vocabularies and SDGs first (the resolver is built from them),
then the officials list, then sources. Each source is read completely before any of it is
written, so a source with problems contributes nothing. Sources stream into a new store folder
(memory stays bounded by one batch, not by the graph) that replaces the old store only when
every source loaded: unless ``keep_going`` is set, a build with problems lists all of them and
leaves the existing store untouched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph
from pyoxigraph import Quad

from .errors import InputError, Problem
from .loaders.base import GraphBuilder, LoadContext, Loader, SourceLoad, load_record_quads, sha256_of
from .loaders.iris import Minter
from .loaders.officials import OfficialsLoader
from .loaders.records import RecordLoader
from .loaders.reference import RegionLoader, SdgLoader, VocabularyLoader
from .loaders.resolver import Resolver
from .loaders.tables import TableLoader, sidecar
from .settings import DATA_DIR, ONTOLOGY_FILE, base_iri
from .store import GraphStore, fresh_store

#: Loaders of source files, tried in order.
SOURCE_LOADERS: list[Loader] = [RecordLoader(), TableLoader()]

#: called before each source with (index, total, path)
Progress = Callable[[int, int, Path], None]


@dataclass
class Loaded:
    """Reference and source loads, and the sources that failed."""

    loads: list[SourceLoad] = field(default_factory=list)
    failures: list[InputError] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        return [p for f in self.failures for p in f.problems]

    @property
    def warnings(self) -> list[str]:
        return [w for load in self.loads for w in load.warnings]


def ontology_load(minter: Minter) -> SourceLoad:
    graph = minter.reference_graph("ontology")
    triples = pyoxigraph.parse(path=str(ONTOLOGY_FILE), format=pyoxigraph.RdfFormat.TURTLE)
    quads = [Quad(t.subject, t.predicate, t.object, graph) for t in triples]
    b = GraphBuilder(graph)
    from .loaders.reference import source_node

    source_node(b, minter, "reference-ontology", "psikg ontology", ONTOLOGY_FILE)
    return SourceLoad("reference-ontology", ONTOLOGY_FILE, b.quads() + quads, sha256_of(ONTOLOGY_FILE), "ontology")


def reference_files(data_dir: Path) -> list[tuple[Loader, Path]]:
    ref = data_dir / "reference"
    files: list[tuple[Loader, Path]] = [(RegionLoader(), ref / "regions" / "regions.csv")]
    files += [(VocabularyLoader(), p) for p in sorted(ref.glob("*.ttl"))]
    if (ref / "sdg" / "goals.csv").exists():
        files.append((SdgLoader(), ref / "sdg" / "goals.csv"))
    return files


def load_reference(data_dir: Path = DATA_DIR, minter: Minter | None = None) -> tuple[Loaded, Resolver]:
    """Load the reference data and build the resolver over it."""
    minter = minter or Minter(base_iri())
    context = LoadContext(minter)
    loaded = Loaded([ontology_load(minter)])
    for loader, path in reference_files(data_dir):
        loaded.loads.append(loader.load(path, context))
    memory = pyoxigraph.Store()
    memory.extend(q for load in loaded.loads for q in load.quads)
    resolver = Resolver(memory, minter)
    officials = data_dir / "reference" / "officials.yaml"
    if officials.exists():
        loaded.loads.append(OfficialsLoader().load(officials, LoadContext(minter, resolver)))
    return loaded, resolver


def reference_resolver(data_dir: Path = DATA_DIR) -> Resolver:
    """The resolver over ``data_dir``'s reference data (for extraction, checks and examples)."""
    return load_reference(data_dir)[1]


def source_files(data_dir: Path) -> list[Path]:
    """Every record and table under ``data_dir/records``, in a stable order."""
    root = data_dir / "records"
    files = [p for p in sorted(root.rglob("*")) if p.is_file()]
    sidecars = {sidecar(p) for p in files if p.suffix.lower() == ".csv"}
    return [p for p in files if p not in sidecars and any(ld.handles(p) for ld in SOURCE_LOADERS)]


def iter_sources(
    paths: list[Path], resolver: Resolver, progress: Progress | None = None
) -> Iterator[SourceLoad | InputError]:
    """Read each source in turn: its whole load, or an error listing its problems."""
    context = LoadContext(resolver.minter, resolver)
    seen: dict[str, Path] = {}
    for i, path in enumerate(paths):
        if progress:
            progress(i, len(paths), path)
        loader = next((ld for ld in SOURCE_LOADERS if ld.handles(path)), None)
        if loader is None:
            yield InputError([Problem(str(path), "not a record (.yaml/.json) or table (.csv)")])
            continue
        try:
            load = loader.load(path, context)
        except InputError as exc:
            yield exc
            continue
        if load.source_id in seen:
            problem = Problem(
                str(path), f"duplicate source id '{load.source_id}' (also in {seen[load.source_id]})", "source", "id"
            )
            yield InputError([problem])
            continue
        seen[load.source_id] = path
        yield load


def load_sources(paths: list[Path], resolver: Resolver, progress: Progress | None = None) -> Loaded:
    """Read every source, keeping their quads; each either loads whole or contributes a failure."""
    loaded = Loaded()
    for item in iter_sources(paths, resolver, progress):
        if isinstance(item, InputError):
            loaded.failures.append(item)
        else:
            loaded.loads.append(item)
    return loaded


@dataclass
class BuildResult:
    store_path: Path
    loaded: Loaded
    triples: int


#: quads gathered before each bulk write of a build (~1.5 KiB each while buffered)
BATCH_QUADS = 200_000


class _BatchWriter:
    """Buffers the quads of whole sources and bulk-loads them into a new store in batches."""

    def __init__(self, store: GraphStore, minter: Minter):
        self.store = store
        self.minter = minter
        self.log = minter.reference_graph("loads")
        self.buffer: list[Quad] = []

    def write(self, load: SourceLoad) -> None:
        self.buffer += load.quads
        self.buffer += load_record_quads(self.minter, load, self.log)
        load.release()
        if len(self.buffer) >= BATCH_QUADS:
            self.flush()

    def flush(self) -> None:
        if self.buffer:
            self.store.add_all(self.buffer)
            self.buffer = []


def build(
    data_dir: Path,
    store_path: Path,
    keep_going: bool = False,
    progress: Progress | None = None,
    extra_sources: list[Path] | None = None,
) -> BuildResult:
    """Build ``store_path`` from ``data_dir``; raise InputError (store untouched) on bad sources."""
    reference, resolver = load_reference(data_dir)
    loaded = Loaded()
    with fresh_store(store_path) as store:
        writer = _BatchWriter(store, resolver.minter)
        for load in reference.loads:
            writer.write(load)
            loaded.loads.append(load)
        paths = source_files(data_dir) + (extra_sources or [])
        for item in iter_sources(paths, resolver, progress):
            if isinstance(item, InputError):
                loaded.failures.append(item)
            elif not loaded.failures or keep_going:  # after a failure, only read on to list problems
                writer.write(item)
                loaded.loads.append(item)
        if loaded.failures and not keep_going:
            raise InputError(loaded.problems)  # the new folder is dropped; the old store stays
        writer.flush()
        store.optimize()
        triples = len(store)
    return BuildResult(Path(store_path), loaded, triples)


def load_into(store: GraphStore, paths: list[Path], data_dir: Path = DATA_DIR) -> Loaded:
    """Add or replace the given sources in an existing store, each in one transaction."""
    _, resolver = load_reference(data_dir)
    loaded = load_sources(paths, resolver)
    if loaded.failures:
        raise InputError(loaded.problems)
    log = resolver.minter.reference_graph("loads")
    for load in loaded.loads:
        activity = resolver.minter.load_activity(load.source_id)
        graphs = {g.value for g in load.graphs}
        stale = [
            g
            for g in store.graphs()
            if g.value in graphs or g.value.startswith(resolver.minter.graph(load.source_id).value + "/")
        ]
        # the source's graphs and its load-log entry are replaced in one transaction
        store.replace_graphs(
            stale,
            load.quads + load_record_quads(resolver.minter, load, log),
            delete=f"DELETE WHERE {{ GRAPH {log} {{ {activity} ?p ?o }} }}",
        )
    return loaded
