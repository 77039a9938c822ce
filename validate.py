"""Validating a store against the SHACL shapes, with findings a person can act on.

The data graph is the union of the store's named graphs (ontology included, so targetClass
reaches subclasses). Each finding names the focus node by its label, the property, the
message, the offending value and the source(s) whose graph holds the focus node.
Validation results are data (:class:`Report`), not exceptions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph
import rdflib
from pyshacl import validate as shacl_validate
from rdflib.namespace import SH

from .settings import SHAPES_DIR
from .store import GraphStore

SEVERITY = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}


@dataclass(frozen=True)
class Finding:
    severity: str
    focus: str
    focus_label: str
    path: str
    message: str
    value: str
    sources: tuple[str, ...]
    shape: str


@dataclass
class Report:
    """The outcome of one validation: ``conforms`` is False when any violation was found."""

    findings: list[Finding] = field(default_factory=list)
    triples: int = 0

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "violation"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != "violation"]

    @property
    def conforms(self) -> bool:
        return not self.violations


def shapes_graph(shapes_dir: Path = SHAPES_DIR) -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in sorted(shapes_dir.glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def union_graph(store: GraphStore) -> rdflib.Graph:
    """The store's union graph as an rdflib Graph (pyshacl's input)."""
    triples = store.oxigraph.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
    assert isinstance(triples, pyoxigraph.QueryTriples)
    data = pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES)
    graph = rdflib.Graph()
    graph.parse(data=data, format="nt")
    return graph


def _short(term: rdflib.term.Node | None, graph: rdflib.Graph) -> str:
    if term is None:
        return ""
    if isinstance(term, rdflib.URIRef):
        try:
            return graph.namespace_manager.normalizeUri(term)
        except Exception:  # noqa: BLE001 - any IRI rdflib cannot shorten is shown whole
            return str(term)
    return str(term)


def validate_store(store: GraphStore, shapes_dir: Path = SHAPES_DIR) -> Report:
    """Validate ``store`` against the shapes in ``shapes_dir``; see the module doc."""
    data = union_graph(store)
    shapes = shapes_graph(shapes_dir)
    _, report_graph, _ = shacl_validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True, allow_infos=True
    )
    assert isinstance(report_graph, rdflib.Graph)
    for prefix, ns in (
        ("psikg", "https://w3id.org/psikg/ontology#"),
        ("id", "https://w3id.org/psikg/id/"),
        ("org", "http://www.w3.org/ns/org#"),
        ("prov", "http://www.w3.org/ns/prov#"),
    ):
        data.namespace_manager.bind(prefix, ns, override=True)
    label_of = _labeller(data)
    sources_of = _sources(store)
    findings = []
    for result in report_graph.subjects(rdflib.RDF.type, SH.ValidationResult):
        focus = report_graph.value(result, SH.focusNode)
        path = report_graph.value(result, SH.resultPath)
        findings.append(
            Finding(
                severity=SEVERITY.get(report_graph.value(result, SH.resultSeverity), "violation"),  # type: ignore[call-overload]
                focus=str(focus),
                focus_label=label_of(focus),
                path=_short(path, data),
                message=str(report_graph.value(result, SH.resultMessage) or ""),
                value=_short(report_graph.value(result, SH.value), data),
                sources=tuple(sources_of(str(focus))),
                shape=_short(report_graph.value(result, SH.sourceShape), data),
            )
        )
    findings.sort(key=lambda f: (f.severity != "violation", f.focus_label, f.path, f.message))
    return Report(findings, len(data))


def _labeller(data: rdflib.Graph):  # type: ignore[no-untyped-def]
    def label_of(node: rdflib.term.Node | None) -> str:
        if node is None:
            return ""
        labels = list(data.objects(node, rdflib.RDFS.label))
        for lang in ("id", "en", None):
            for lab in labels:
                if getattr(lab, "language", None) == lang:
                    return str(lab)
        return _short(node, data)

    return label_of


def _sources(store: GraphStore):  # type: ignore[no-untyped-def]
    def sources_of(focus: str) -> list[str]:
        if not focus.startswith(("http://", "https://")):
            return []
        rows = store.oxigraph.query(
            "SELECT DISTINCT ?focus ?label WHERE { GRAPH ?g { ?focus ?p ?o } "
            "OPTIONAL { ?g <http://www.w3.org/2000/01/rdf-schema#label> ?l } "
            "BIND(COALESCE(?l, STR(?g)) AS ?label) } ORDER BY ?label",
            substitutions={pyoxigraph.Variable("focus"): pyoxigraph.NamedNode(focus)},
        )
        assert isinstance(rows, pyoxigraph.QuerySolutions)
        return [row["label"].value for row in rows]

    return sources_of
