"""Writing a dataset release: the dumps, their VoID/DCAT description, the validation report, checksums.

A release folder holds

* ``psikg.nq``, ``psikg.trig``, ``psikg.jsonld`` — the whole dataset, named graphs kept;
  ``psikg.ttl`` — the union of the graphs (see :mod:`psikg.export`);
* ``void.ttl`` — a VoID and DCAT description: totals, class and property partitions, one
  ``void:subset`` per named graph, licence, version, issue date, and one ``dcat:distribution``
  per dump with its media type, size and SHA-256 checksum (SPDX);
* ``validation.txt`` and ``validation.json`` — the SHACL report of the released data;
* ``coverage.txt`` and ``coverage.json`` — how much of each announced award edition the release
  holds, overall and by kind of institution, with the summary for the release note (see
  :mod:`psikg.coverage`);
* ``SHA256SUMS`` — checksums of every other file, checkable with ``sha256sum -c SHA256SUMS``.

The release is written into a temporary folder beside the target and renamed into place when
complete, so an interrupted release leaves no half-written folder; an existing non-empty folder
is replaced only with ``force``.

>>> import tempfile
>>> from psikg.store import GraphStore
>>> target = Path(tempfile.mkdtemp()) / "release"
>>> result = release(GraphStore.memory(), target, issued=dt.date(2026, 1, 1))
>>> sorted(result.files)[:4]
['SHA256SUMS', 'coverage.json', 'coverage.txt', 'psikg.jsonld']
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pyoxigraph
from pyoxigraph import Literal, NamedNode, Quad

from . import __version__
from .coverage import coverage_files
from .errors import UsageError
from .export import FORMATS, export_file, quad_rows, write_turtle
from .export import prefixes as export_prefixes
from .namespaces import PREFIXES
from .settings import PACKAGE_DIR, base_iri
from .store import GraphStore
from .validate import Report, validate_store

VOID_QUERIES = PACKAGE_DIR / "void"
#: The dumps of a release: file name → export format.
DUMPS = {"psikg.nq": "nq", "psikg.trig": "trig", "psikg.jsonld": "jsonld", "psikg.ttl": "ttl"}
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
CHECKSUMS = "SHA256SUMS"

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
SPDX = "http://spdx.org/rdf/terms#"
SD = "http://www.w3.org/ns/sparql-service-description#"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
IANA = "https://www.iana.org/assignments/media-types/"

Progress = Callable[[str], None]


@dataclass
class ReleaseResult:
    """What :func:`release` wrote: the folder, each file's size in bytes, and the SHACL report."""

    path: Path
    files: dict[str, int]
    report: Report
    triples: int


def release(
    store: GraphStore,
    target: Path,
    force: bool = False,
    issued: dt.date | None = None,
    progress: Progress | None = None,
) -> ReleaseResult:
    """Write a release of ``store`` into the folder ``target`` (see the module doc).

    ``issued`` defaults to today (UTC), or to ``$SOURCE_DATE_EPOCH`` for reproducible builds.
    A UsageError is raised if ``target`` exists and is not an empty folder, unless ``force``.
    """
    target = Path(target).absolute()
    _check_target(target, force)
    issued = issued or _today()
    say = progress or (lambda _message: None)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.releasing-", dir=target.parent))
    try:
        files: dict[str, int] = {}
        checksums: dict[str, str] = {}
        for name, fmt in DUMPS.items():
            say(f"writing {name}")
            export_file(store, tmp / name, fmt)
            files[name], checksums[name] = _size_and_sha256(tmp / name)
        say("validating against the SHACL shapes")
        report = validate_store(store)
        (tmp / "validation.txt").write_text(report_text(report), encoding="utf-8")
        (tmp / "validation.json").write_text(report_json(report), encoding="utf-8")
        say("counting the award editions held (coverage.txt)")
        for name, text in coverage_files(store).items():
            (tmp / name).write_text(text, encoding="utf-8")
        say("describing the dataset (void.ttl)")
        void = describe(store, issued, {n: (files[n], checksums[n]) for n in DUMPS})
        with (tmp / "void.ttl").open("w", encoding="utf-8", newline="\n") as out:
            write_turtle(quad_rows(void), out, prefix_map=_void_prefixes())
        say(f"writing {CHECKSUMS}")
        for path in sorted(tmp.iterdir()):
            files[path.name], checksums[path.name] = _size_and_sha256(path)
        lines = "".join(f"{checksums[name]}  {name}\n" for name in sorted(checksums))
        (tmp / CHECKSUMS).write_text(lines, encoding="utf-8")
        files[CHECKSUMS] = (tmp / CHECKSUMS).stat().st_size
        for path in tmp.iterdir():
            path.chmod(0o644)
        tmp.chmod(0o755)
        _swap_in(tmp, target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return ReleaseResult(target, files, report, len(store))


def _check_target(target: Path, force: bool) -> None:
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} is a file, not a folder; choose another release folder")
    if target.is_dir() and any(target.iterdir()) and not force:
        raise UsageError(f"{target} is not empty; choose a new folder, or pass --force to replace it")


def _swap_in(tmp: Path, target: Path) -> None:
    """Replace ``target`` by ``tmp`` with renames: readers see the old release or the new one."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        target.rename(old)
    tmp.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _today() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch else dt.datetime.now(dt.timezone.utc)
    return moment.date()


def _size_and_sha256(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    with path.open("rb") as data:
        for block in iter(lambda: data.read(1 << 20), b""):
            digest.update(block)
    return path.stat().st_size, digest.hexdigest()


# --- the VoID/DCAT description ---------------------------------------------------------------


def _void_prefixes() -> dict[str, str]:
    return {**export_prefixes(), "void": VOID, "dcat": DCAT, "spdx": SPDX, "sd": SD}


def _select(store: GraphStore, name: str, union: bool) -> list[dict[str, object]]:
    result = store.query((VOID_QUERIES / f"{name}.rq").read_text(encoding="utf-8"), union=union)
    assert isinstance(result, pyoxigraph.QuerySolutions)
    names = [v.value for v in result.variables]
    return [{n: row[n] for n in names} for row in result]


def _slug(iri: str, within: str | None = None) -> str:
    """A readable, unique IRI path segment for ``iri``: ``psikg:Innovation``, else percent-encoded.

    >>> _slug("https://w3id.org/psikg/ontology#Innovation"), _slug("urn:x:y")
    ('psikg:Innovation', 'urn%3Ax%3Ay')
    """
    rest = iri[len(within) :] if within and iri.startswith(within) else ""
    # no dot segments, which IRI resolution would remove
    if re.fullmatch(r"[A-Za-z0-9_-][A-Za-z0-9_.~/-]*", rest) and "/." not in rest:
        return rest
    for name, ns in sorted(export_prefixes().items()):
        local = iri[len(ns) :]
        if iri.startswith(ns) and re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]*", local):
            return f"{name}:{local}"
    return quote(iri, safe="")


def _int(term: object) -> int:
    assert isinstance(term, Literal)
    return int(term.value)


def _count(value: int) -> Literal:
    return Literal(str(value), datatype=NamedNode(XSD + "integer"))


def describe(store: GraphStore, issued: dt.date, dumps: dict[str, tuple[int, str]]) -> list[Quad]:
    """The VoID + DCAT description of ``store``, as quads in the default graph.

    ``dumps`` maps each dump's file name to its (size in bytes, SHA-256 hex digest). The quads
    are not put in an Oxigraph store, which would rewrite ``xsd:nonNegativeInteger`` (DCAT's
    datatype of ``dcat:byteSize``) to ``xsd:integer``.

    >>> void = describe(GraphStore.memory(), dt.date(2026, 1, 1), {"psikg.nq": (0, "e3b0c442")})
    >>> [str(q.object) for q in void if q.predicate.value.endswith("byteSize")]
    ['"0"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>']
    """
    base = base_iri()
    dataset = NamedNode(f"{base}dataset/{__version__}")
    out: list[Quad] = []

    def add(s: NamedNode, p: str, o: NamedNode | Literal) -> None:
        out.append(Quad(s, NamedNode(p), o))

    def iri(prefix: str, local: str) -> NamedNode:
        return NamedNode(prefix + local)

    add(dataset, RDF_TYPE.value, iri(VOID, "Dataset"))
    add(dataset, RDF_TYPE.value, iri(DCAT, "Dataset"))
    add(dataset, DCT + "title", Literal("psikg — Public-Service Innovation Knowledge Graph", language="en"))
    add(
        dataset,
        DCT + "description",
        Literal(
            "Indonesian public-service innovations, the regions and agencies behind them, their awards, "
            "the officials involved and the SDGs they serve, with the quoted evidence behind every fact.",
            language="en",
        ),
    )
    add(dataset, DCT + "license", NamedNode(LICENSE))
    add(dataset, DCT + "issued", Literal(issued.isoformat(), datatype=iri(XSD, "date")))
    add(dataset, DCT + "isVersionOf", NamedNode(f"{base}dataset"))
    add(dataset, DCAT + "version", Literal(__version__))
    add(dataset, VOID + "uriSpace", Literal(f"{base}id/"))
    add(dataset, VOID + "vocabulary", NamedNode(PREFIXES["psikg"]))
    add(dataset, VOID + "triples", _count(len(store)))
    totals = _select(store, "totals", union=True)[0]
    for key, prop in (
        ("entities", "entities"),
        ("classes", "classes"),
        ("properties", "properties"),
        ("subjects", "distinctSubjects"),
        ("objects", "distinctObjects"),
    ):
        add(dataset, VOID + prop, _count(_int(totals[key])))
    for row in _select(store, "classes", union=True):
        cls = row["class"]
        if not isinstance(cls, NamedNode):
            continue
        part = NamedNode(f"{dataset.value}/class/{_slug(cls.value)}")
        add(dataset, VOID + "classPartition", part)
        add(part, VOID + "class", cls)
        add(part, VOID + "entities", _count(_int(row["entities"])))
    for row in _select(store, "properties", union=False):
        prop_node = row["property"]
        assert isinstance(prop_node, NamedNode)
        part = NamedNode(f"{dataset.value}/property/{_slug(prop_node.value)}")
        add(dataset, VOID + "propertyPartition", part)
        add(part, VOID + "property", prop_node)
        add(part, VOID + "triples", _count(_int(row["triples"])))
    for row in _select(store, "graphs", union=False):
        graph = row["graph"]
        if not isinstance(graph, NamedNode):
            continue
        subset = NamedNode(f"{dataset.value}/graph/{_slug(graph.value, f'{base}id/graph/')}")
        add(dataset, VOID + "subset", subset)
        add(subset, RDF_TYPE.value, iri(VOID, "Dataset"))
        add(subset, SD + "name", graph)
        add(subset, VOID + "triples", _count(_int(row["triples"])))
        label = row.get("label")
        if isinstance(label, Literal):
            add(subset, DCT + "title", Literal(label.value))
    for name, (size, sha256) in sorted(dumps.items()):
        dist = NamedNode(f"{dataset.value}/{name}")
        checksum = NamedNode(f"{dist.value}#sha256")
        add(dataset, DCAT + "distribution", dist)
        add(dataset, VOID + "dataDump", dist)
        add(dist, RDF_TYPE.value, iri(DCAT, "Distribution"))
        add(dist, DCT + "title", Literal(name))
        add(dist, DCAT + "downloadURL", dist)
        add(dist, DCAT + "mediaType", NamedNode(IANA + FORMATS[DUMPS[name]].media_type))
        add(dist, DCAT + "byteSize", Literal(str(size), datatype=iri(XSD, "nonNegativeInteger")))
        add(dist, DCT + "license", NamedNode(LICENSE))
        add(dist, SPDX + "checksum", checksum)
        add(checksum, RDF_TYPE.value, iri(SPDX, "Checksum"))
        add(checksum, SPDX + "algorithm", iri(SPDX, "checksumAlgorithm_sha256"))
        add(checksum, SPDX + "checksumValue", Literal(sha256, datatype=iri(XSD, "hexBinary")))
    return out


# --- the validation report as files ----------------------------------------------------------


def report_json(report: Report) -> str:
    """The SHACL report as JSON, the same shape as ``psikg validate --format json``."""
    data = {
        "conforms": report.conforms,
        "triples": report.triples,
        "findings": [f.__dict__ | {"sources": list(f.sources)} for f in report.findings],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def report_text(report: Report) -> str:
    """The SHACL report for a person: the verdict, then every finding with its label and source.

    >>> print(report_text(Report([], 10)), end="")
    The graph conforms to the shapes (10 triples checked).
    """
    if not report.findings:
        return f"The graph conforms to the shapes ({report.triples:,} triples checked).\n"
    verdict = "does NOT conform" if not report.conforms else "conforms, with warnings"
    lines = [
        f"The graph {verdict}: {len(report.violations)} violation(s), {len(report.warnings)} warning(s) "
        f"({report.triples:,} triples checked)."
    ]
    for f in report.findings:
        lines.append(f"  [{f.severity}] {f.focus_label}  <{f.focus}>")
        lines.append(f"      {f.path or '(node)'}: {f.message}" + (f" (value: {f.value})" if f.value else ""))
        if f.sources:
            lines.append(f"      from: {'; '.join(f.sources)}")
    return "\n".join(lines) + "\n"
