"""Loading extracted records into a store, as claims of their source apart from curated facts.

Extracted facts land in their own named graphs, ``id/graph/extracted/<source id>[/<part>]``, and
the load log (PROV) names the ``extract`` loader, so a query can always tell machine claims from
curated ones (their evidence also carries ``psikg:confidence``). Each article is one transaction:
it loads whole or not at all. The store is then checked against the same SHACL shapes.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..build import load_reference
from ..errors import InputError, Problem
from ..loaders.base import GraphBuilder, LoadContext, load_record_quads
from ..loaders.iris import Minter
from ..loaders.mapping import RecordMapper
from ..loaders.record_format import Record
from ..loaders.text import slug
from ..settings import DATA_DIR
from ..store import GraphStore
from ..validate import Report, validate_store
from .mentions import Finder
from .reading import BadArticle

LOADER = "extract"


class ExtractedRecordMapper(RecordMapper):
    """The record mapping, with graphs under ``graph/extracted/`` (see the module doc)."""

    def __init__(self, record: Record, context: LoadContext, loader: str = LOADER):
        super().__init__(record, context, loader)
        sid = record.source_id
        self.main = GraphBuilder(self.m.iri("graph", "extracted", sid))
        self.parts = {
            name: GraphBuilder(self.m.iri("graph", "extracted", sid, slug(name)))
            for name in (record.source.get("parts") or {})
        }


@dataclass
class ArticleLoad:
    path: Path
    source_id: str | None = None
    triples: int = 0
    error: str | None = None


@dataclass
class LoadReport:
    loads: list[ArticleLoad] = field(default_factory=list)
    validation: Report | None = None

    @property
    def failed(self) -> list[ArticleLoad]:
        return [ld for ld in self.loads if ld.error]


def article_files(directory: Path) -> list[Path]:
    """The article files of a folder: .txt, .html, .htm (sorted)."""
    return sorted(p for p in directory.rglob("*") if p.is_file() and p.suffix.lower() in (".txt", ".html", ".htm"))


def load_articles(
    store: GraphStore,
    paths: list[Path],
    data_dir: Path = DATA_DIR,
    records_dir: Path | None = None,
    validate: bool = True,
) -> LoadReport:
    """Extract each article and load it into ``store`` (one transaction per article).

    With ``validate``, the store is then checked against the shapes; an article whose graphs
    take part in a violation is taken out again (whole), and the store checked once more.
    """
    from .reading import read_article
    from .records import extract_article

    _, resolver = load_reference(data_dir)
    finder = Finder(resolver)
    report = LoadReport()
    log = resolver.minter.reference_graph("loads")
    with tempfile.TemporaryDirectory(prefix="psikg-extract-") as scratch:
        out = records_dir or Path(scratch)
        for path in paths:
            result = ArticleLoad(path)
            report.loads.append(result)
            try:
                extraction = extract_article(read_article(path), path, out, resolver, finder)
            except BadArticle as exc:
                result.error = str(exc)
                continue
            except InputError as exc:
                result.error = "; ".join(str(p) for p in exc.problems)
                continue
            load = extraction.load
            assert load is not None
            result.source_id = load.source_id
            prefix = resolver.minter.iri("graph", "extracted", load.source_id).value
            stale = [g for g in store.graphs() if g.value == prefix or g.value.startswith(prefix + "/")]
            activity = resolver.minter.load_activity(load.source_id)
            store.replace_graphs(
                stale,
                load.quads + load_record_quads(resolver.minter, load, log),
                delete=f"DELETE WHERE {{ GRAPH {log} {{ {activity} ?p ?o }} }}",
            )
            result.triples = len(load.quads)
    if validate:
        _validate(store, report, resolver.minter)
    return report


def _validate(store: GraphStore, report: LoadReport, minter: Minter) -> None:
    result = validate_store(store)
    offending: dict[str, list[str]] = {}
    for ld in report.loads:
        if ld.error or not ld.source_id:
            continue
        prefix = minter.iri("graph", "extracted", ld.source_id).value
        for finding in result.violations:
            if any(g == prefix or g.startswith(prefix + "/") for g in finding.sources):
                offending.setdefault(ld.source_id, []).append(
                    f"{finding.focus_label}: {finding.path}: {finding.message}"
                )
    for ld in report.loads:
        if ld.source_id in offending:
            prefix = minter.iri("graph", "extracted", ld.source_id).value
            graphs = [g for g in store.graphs() if g.value == prefix or g.value.startswith(prefix + "/")]
            activity = minter.load_activity(ld.source_id)
            log = minter.reference_graph("loads")
            store.replace_graphs(graphs, [], delete=f"DELETE WHERE {{ GRAPH {log} {{ {activity} ?p ?o }} }}")
            ld.error = "not loaded: it would break the shapes (" + "; ".join(sorted(set(offending[ld.source_id]))) + ")"
            ld.triples = 0
    report.validation = validate_store(store) if offending else result


def problems_of(report: LoadReport) -> list[Problem]:
    return [Problem(str(ld.path), ld.error or "") for ld in report.failed]
