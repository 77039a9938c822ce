"""Exporting the store as RDF files: N-Triples, N-Quads, Turtle, TriG, JSON-LD, RDF/XML.

Every export is deterministic: the same store gives byte-identical files, so dumps can be
diffed, checksummed and cached. Statements are sorted by graph, subject, predicate and object
(code-point order of their N-Triples forms) and written by the small writers below rather than by
rdflib's serializers, whose output order depends on Python's hashing. Blank nodes keep the labels
the store gave them, which are stable for one store (psikg's loaders mint no blank nodes).

Named graphs are kept by N-Quads, TriG and JSON-LD (one ``{"@id": graph, "@graph": [...]}``
object per graph). N-Triples, Turtle and RDF/XML have no graphs: they get the *union* of the
chosen graphs, a statement found in several graphs written once.

Large stores: statements are streamed from Oxigraph and sorted in runs of ``chunk_size`` lines
spilled to temporary files and merged, so memory holds one run, not the store. The writers
stream too; only one subject's statements are in memory at a time.

>>> import pyoxigraph as ox
>>> store = GraphStore.memory()
>>> x, label = ox.NamedNode("https://w3id.org/psikg/id/x"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
>>> store.add_all([ox.Quad(x, label, ox.Literal("X", language="id"), ox.NamedNode("https://w3id.org/psikg/id/g"))])
>>> print(export_text(store, "nq"), end="")
<https://w3id.org/psikg/id/x> <http://www.w3.org/2000/01/rdf-schema#label> "X"@id <https://w3id.org/psikg/id/g> .
>>> export_text(store, "ttl").splitlines()[-1]
'id:x rdfs:label "X"@id .'
"""

from __future__ import annotations

import heapq
import io
import json
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from functools import cache
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import BinaryIO, TextIO
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from pyoxigraph import DefaultGraph, NamedNode, Quad

from .errors import PsikgError, UsageError
from .settings import ONTOLOGY_DIR
from .store import GraphStore

#: The published JSON-LD context; its prefixes are the ones every export uses.
CONTEXT_IRI = "https://w3id.org/psikg/context.jsonld"
CONTEXT_FILE = ONTOLOGY_DIR / "context.jsonld"

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

#: One statement as N-Triples tokens: (graph or "" for the default graph, subject, predicate, object).
Row = tuple[str, str, str, str]


@dataclass(frozen=True)
class Format:
    name: str
    extension: str
    media_type: str
    keeps_graphs: bool
    description: str


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("nq", "nq", "application/n-quads", True, "N-Quads: one statement per line, with its graph"),
        Format("trig", "trig", "application/trig", True, "TriG: Turtle with one block per named graph"),
        Format("jsonld", "jsonld", "application/ld+json", True, "JSON-LD with one @graph per named graph"),
        Format("nt", "nt", "application/n-triples", False, "N-Triples: union of the graphs, one triple a line"),
        Format("ttl", "ttl", "text/turtle", False, "Turtle: union of the graphs, grouped by subject"),
        Format("rdfxml", "rdf", "application/rdf+xml", False, "RDF/XML: union of the graphs"),
    )
}


class ExportError(PsikgError):
    """The data cannot be written in the chosen syntax (e.g. an IRI RDF/XML cannot name)."""

    exit_code = 3


@cache
def context_document() -> dict[str, object]:
    """The JSON-LD context document shipped as ``ontology/context.jsonld``."""
    return dict(json.loads(CONTEXT_FILE.read_text(encoding="utf-8")))


def prefixes() -> dict[str, str]:
    """Prefix name → namespace, from the published context (used by every format).

    >>> prefixes()["psikg"]
    'https://w3id.org/psikg/ontology#'
    """
    context = context_document()["@context"]
    assert isinstance(context, dict)
    return {k: v for k, v in context.items() if isinstance(v, str) and not k.startswith("@")}


# --- reading the store in a stable order ---------------------------------------------------


def check_graphs(store: GraphStore, graphs: Sequence[str]) -> list[NamedNode]:
    """The named graphs ``graphs`` (IRIs) of ``store``; a UsageError names any it lacks."""
    present = {g.value for g in store.graphs()}
    missing = [g for g in graphs if g not in present]
    if missing:
        raise UsageError(
            "no named graph " + ", ".join(f"<{g}>" for g in missing) + " in the store; list them with "
            "psikg sparql 'SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }'"
        )
    return [NamedNode(g) for g in dict.fromkeys(graphs)]


def rows(
    store: GraphStore, graphs: Sequence[str] | None = None, union: bool = False, chunk_size: int = 500_000
) -> Iterator[Row]:
    """The store's statements sorted by (graph, subject, predicate, object), without duplicates.

    ``graphs`` limits them to those named graphs (default: every graph, the default graph
    included). With ``union`` every statement is put in the default graph ("").
    """
    selected: list[NamedNode | None] = list(check_graphs(store, graphs)) if graphs else [None]

    quads = (q for graph in selected for q in store.oxigraph.quads_for_pattern(None, None, None, graph))
    return quad_rows(quads, union, chunk_size)


def quad_rows(quads: Iterable[Quad], union: bool = False, chunk_size: int = 500_000) -> Iterator[Row]:
    """``quads`` as sorted, deduplicated rows; with ``union`` all in the default graph ("")."""

    def lines() -> Iterator[str]:
        for quad in quads:
            g = "" if union or isinstance(quad.graph_name, DefaultGraph) else str(quad.graph_name)
            yield f"{g}\t{quad.subject}\t{quad.predicate}\t{quad.object}"

    for line in sorted_unique(lines(), chunk_size):
        g, s, p, o = line.split("\t", 3)
        yield g, s, p, o


def sorted_unique(lines: Iterable[str], chunk_size: int = 500_000) -> Iterator[str]:
    """``lines`` (without newlines) sorted and deduplicated; runs beyond ``chunk_size`` go to disk.

    >>> list(sorted_unique(["b", "a", "c", "a"], chunk_size=2))
    ['a', 'b', 'c']
    """
    with tempfile.TemporaryDirectory(prefix="psikg-sort-") as tmp, ExitStack() as files:
        runs: list[Path] = []
        chunk: list[str] = []
        for line in lines:
            chunk.append(line)
            if len(chunk) >= chunk_size:
                runs.append(_spill(sorted(chunk), Path(tmp) / f"run-{len(runs)}"))
                chunk = []
        merged: Iterable[str]
        if not runs:
            merged = sorted(chunk)
        else:
            runs.append(_spill(sorted(chunk), Path(tmp) / f"run-{len(runs)}"))
            readers = [files.enter_context(run.open(encoding="utf-8", newline="\n")) for run in runs]
            merged = heapq.merge(*((line.rstrip("\n") for line in reader) for reader in readers))
        previous = None
        for line in merged:
            if line != previous:
                yield line
                previous = line


def _spill(lines: list[str], path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for line in lines:
            out.write(line + "\n")
    return path


# --- terms -----------------------------------------------------------------------------------

_TURTLE_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
_XML_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Literal:
    """A literal parsed from its N-Triples form: lexical form, language tag or datatype IRI."""

    value: str
    language: str | None
    datatype: str | None

    @classmethod
    def parse(cls, token: str) -> Literal:
        r"""
        >>> Literal.parse('"a\\"b"@id')
        Literal(value='a"b', language='id', datatype=None)
        """
        end = token.rindex('"')  # language tags and IRIs never contain '"'
        rest = token[end + 1 :]
        value = _ESCAPE.sub(_unescape, token[1:end])
        if rest.startswith("@"):
            return cls(value, rest[1:], None)
        return cls(value, None, rest[3:-1] if rest.startswith("^^") else None)


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1) or match.group(2)
    return chr(int(code, 16)) if code else _ECHAR[match.group(3)]


def _ordered(prefix_map: dict[str, str]) -> list[tuple[str, str]]:
    """Prefixes with the longest namespace first, so the most specific one wins."""
    return sorted(prefix_map.items(), key=lambda item: (-len(item[1]), item[0]))


def _split(iri: str, ordered: list[tuple[str, str]], local: re.Pattern[str]) -> tuple[str, str] | None:
    for name, ns in ordered:
        if iri.startswith(ns) and local.fullmatch(iri[len(ns) :]):
            return name, iri[len(ns) :]
    return None


# --- writers ---------------------------------------------------------------------------------


def _write_ntriples(data: Iterable[Row], out: TextIO, with_graphs: bool) -> int:
    n = 0
    for g, s, p, o in data:
        out.write(f"{s} {p} {o} {g} .\n" if with_graphs and g else f"{s} {p} {o} .\n")
        n += 1
    return n


def write_turtle(data: Iterable[Row], out: TextIO, trig: bool = False, prefix_map: dict[str, str] | None = None) -> int:
    """Write sorted ``data`` as Turtle (or TriG), with ``prefix_map`` (default: :func:`prefixes`)."""
    prefix_map = prefix_map or prefixes()
    ordered = _ordered(prefix_map)

    def term(token: str) -> str:
        if token.startswith("<"):
            split = _split(token[1:-1], ordered, _TURTLE_LOCAL)
            return f"{split[0]}:{split[1]}" if split else token
        if token.startswith('"') and token.endswith(">"):
            lexical, datatype = token.rsplit("^^", 1)
            return f"{lexical}^^{term(datatype)}"
        return token

    for name, ns in sorted(prefix_map.items()):
        out.write(f"@prefix {name}: <{ns}> .\n")
    n = 0
    for g, graph_rows in groupby(data, key=itemgetter(0)):
        indent = "    " if trig else ""
        if trig:
            out.write(f"\n{term(g)} {{\n" if g else "\n{\n")
        for s, subject_rows in groupby(graph_rows, key=itemgetter(1)):
            out.write(f"\n{indent}{term(s)}" if not trig else f"{indent}{term(s)}")
            for i, (p, predicate_rows) in enumerate(groupby(subject_rows, key=itemgetter(2))):
                objects = [term(r[3]) for r in predicate_rows]
                n += len(objects)
                lead = " " if i == 0 else f" ;\n{indent}    "
                joined = ", ".join(objects)
                if len(objects) > 1 and len(joined) > 80:
                    joined = f",\n{indent}        ".join(objects)
                out.write(f"{lead}{'a' if p == RDF_TYPE else term(p)} {joined}")
            out.write(" .\n")
        if trig:
            out.write("}\n")
    return n


def _write_rdfxml(data: Iterable[Row], out: TextIO) -> int:
    prefix_map = prefixes()
    ordered = _ordered(prefix_map)

    def node(token: str, attribute: str) -> str:
        if token.startswith("_:"):
            return f'rdf:nodeID="b{token[2:]}"'  # an NCName even when the label starts with a digit
        return f"rdf:{attribute}={quoteattr(token[1:-1])}"

    out.write('<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF')
    for name, ns in sorted({"rdf": RDF_NS, **prefix_map}.items()):
        out.write(f"\n    xmlns:{name}={quoteattr(ns)}")
    out.write(">\n")
    n = 0
    for s, subject_rows in groupby(data, key=itemgetter(1)):
        out.write(f"  <rdf:Description {node(s, 'about')}>\n")
        for _, _, p, o in subject_rows:
            n += 1
            split = _split(p[1:-1], ordered, _XML_NAME)
            if split:
                qname, declare = f"{split[0]}:{split[1]}", ""
            else:
                ns, local = _xml_namespace(p[1:-1])
                qname, declare = f"ns0:{local}", f" xmlns:ns0={quoteattr(ns)}"
            if not o.startswith('"'):
                out.write(f"    <{qname}{declare} {node(o, 'resource')}/>\n")
                continue
            lit = Literal.parse(o)
            if _XML_FORBIDDEN.search(lit.value):
                raise ExportError(f"RDF/XML cannot hold the control character in {o[:80]} (subject {s}); use ttl or nt")
            attrs = declare
            if lit.language:
                attrs += f" xml:lang={quoteattr(lit.language)}"
            elif lit.datatype and lit.datatype != XSD_STRING:
                attrs += f" rdf:datatype={quoteattr(lit.datatype)}"
            # a raw CR would be read back as LF (XML 1.0 section 2.11), so it is written as a reference
            out.write(f"    <{qname}{attrs}>{xml_escape(lit.value, {chr(13): '&#13;'})}</{qname}>\n")
        out.write("  </rdf:Description>\n")
    out.write("</rdf:RDF>\n")
    return n


def _xml_namespace(iri: str) -> tuple[str, str]:
    """Split a predicate IRI into namespace and an XML local name (RDF/XML section 2.2)."""
    match = re.search(r"[A-Za-z_][A-Za-z0-9_.-]*$", iri)
    if not match:
        raise ExportError(f"RDF/XML cannot name the property <{iri}> (it does not end in an XML name); use ttl")
    return iri[: match.start()], match.group(0)


def _write_jsonld(data: Iterable[Row], out: TextIO, context: object) -> int:
    ordered = _ordered(prefixes())

    def iri(token: str) -> str:
        if token.startswith("_:"):
            return token
        full = token[1:-1]
        for name, ns in ordered:
            local = full[len(ns) :]
            if full.startswith(ns) and local and not local.startswith("//"):
                return f"{name}:{local}"
        return full

    def value(token: str) -> object:
        if not token.startswith('"'):
            return {"@id": iri(token)}
        lit = Literal.parse(token)
        if lit.language:
            return {"@value": lit.value, "@language": lit.language}
        if lit.datatype and lit.datatype != XSD_STRING:
            return {"@value": lit.value, "@type": iri(f"<{lit.datatype}>")}
        return {"@value": lit.value}

    def dump(obj: object) -> str:
        return json.dumps(obj, ensure_ascii=False, sort_keys=True)

    out.write('{\n  "@context": ' + dump(context) + ',\n  "@graph": [')
    n = 0
    first_top = True
    for g, graph_rows in groupby(data, key=itemgetter(0)):
        pad = "\n      " if g else "\n    "
        if g:
            out.write(("\n    " if first_top else ",\n    ") + '{"@id": ' + dump(iri(g)) + ', "@graph": [')
            first_top = False
        first = True
        for s, subject_rows in groupby(graph_rows, key=itemgetter(1)):
            obj: dict[str, object] = {"@id": iri(s)}
            for p, predicate_rows in groupby(subject_rows, key=itemgetter(2)):
                objects = [r[3] for r in predicate_rows]
                n += len(objects)
                if p == RDF_TYPE and not any(o.startswith('"') for o in objects):
                    obj["@type"] = [iri(o) for o in objects]
                else:
                    obj[iri(p)] = [value(o) for o in objects]
            if g:
                out.write(("" if first else ",") + pad + dump(obj))
            else:
                out.write(("" if first_top else ",") + pad + dump(obj))
                first_top = False
            first = False
        if g:
            out.write("\n    ]}")
    out.write("\n  ]\n}\n")
    return n


# --- entry points ----------------------------------------------------------------------------


def export_stream(
    store: GraphStore,
    output: BinaryIO,
    fmt: str,
    graphs: Sequence[str] | None = None,
    context: str = "embed",
    chunk_size: int = 500_000,
) -> int:
    """Write ``store`` (or its named ``graphs``) to ``output`` in ``fmt``; returns statements written.

    ``fmt`` is a key of :data:`FORMATS`. For JSON-LD, ``context="embed"`` writes the context's
    prefixes into the file (readable offline); ``context="reference"`` points at
    :data:`CONTEXT_IRI` instead.

    >>> out = io.BytesIO()
    >>> export_stream(GraphStore.memory(), out, "ttl")
    0
    >>> out.getvalue().splitlines()[0]
    b'@prefix dcterms: <http://purl.org/dc/terms/> .'
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format '{fmt}'; choose one of {', '.join(FORMATS)}")
    if context not in ("embed", "reference"):
        raise UsageError(f"unknown JSON-LD context mode '{context}'; choose embed or reference")
    data = rows(store, graphs, union=not FORMATS[fmt].keeps_graphs, chunk_size=chunk_size)
    text = io.TextIOWrapper(output, encoding="utf-8", newline="\n")
    try:
        if fmt in ("nt", "nq"):
            n = _write_ntriples(data, text, with_graphs=fmt == "nq")
        elif fmt in ("ttl", "trig"):
            n = write_turtle(data, text, trig=fmt == "trig")
        elif fmt == "rdfxml":
            n = _write_rdfxml(data, text)
        else:
            n = _write_jsonld(data, text, context_document()["@context"] if context == "embed" else CONTEXT_IRI)
        text.flush()
    finally:
        text.detach()
    return n


def export_file(
    store: GraphStore,
    path: Path,
    fmt: str,
    graphs: Sequence[str] | None = None,
    context: str = "embed",
) -> int:
    """Like :func:`export_stream`, into the file ``path``, which appears only once complete."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            n = export_stream(store, out, fmt, graphs, context)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; a dump is for sharing
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return n


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def export_text(store: GraphStore, fmt: str, graphs: Sequence[str] | None = None) -> str:
    """The export as a string (for small stores and tests)."""
    out = io.BytesIO()
    export_stream(store, out, fmt, graphs)
    return out.getvalue().decode("utf-8")
