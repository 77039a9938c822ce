"""Linked data: what the store says about one IRI, for its page and its RDF description.

These functions run in a query worker (:mod:`psikg.query_pool`) and take its
``pyoxigraph.Store``; they return plain, picklable data. A resource exists when it is the subject
or the object of some statement in any named graph.

>>> import pyoxigraph
>>> describe(pyoxigraph.Store(), "https://w3id.org/psikg/id/nothing") is None
True
"""

from __future__ import annotations

import datetime as dt
from itertools import islice
from typing import Any

import pyoxigraph
from pyoxigraph import NamedNode, Quad

from . import queries
from .namespaces import PREFIXES
from .settings import PACKAGE_DIR, VOCAB
from .sparql_protocol import serialize_triples, term_json
from .store import GraphStore

ONTOLOGY_IRI = VOCAB.rstrip("#")
ONTOLOGY_QUERY = PACKAGE_DIR / "web" / "sparql" / "ontology-terms.rq"
LABEL_PREDICATES = (PREFIXES["rdfs"] + "label", PREFIXES["skos"] + "prefLabel")


def _graph(quad: Quad) -> str:
    return quad.graph_name.value if isinstance(quad.graph_name, NamedNode) else ""


def _names(store: pyoxigraph.Store, iris: set[str]) -> dict[str, str]:
    """The best label of each IRI (Indonesian first), followed by `` · English label`` when that differs."""
    target = GraphStore(store, None)
    best = queries.labels(target, iris) if iris else {}
    english: dict[str, str] = {}
    ordered = sorted(best)
    for i in range(0, len(ordered), 500):
        chunk = " ".join(str(NamedNode(iri)) for iri in ordered[i : i + 500])
        for row in target.select(queries.LABEL_QUERY % chunk)[1]:
            label = row["label"]
            if isinstance(label, pyoxigraph.Literal) and label.language == "en":
                english.setdefault(getattr(row["node"], "value", ""), label.value)
    return {
        iri: label if english.get(iri, label) == label else f"{label} · {english[iri]}" for iri, label in best.items()
    }


def describe(store: pyoxigraph.Store, iri: str, incoming_limit: int = 300) -> dict[str, Any] | None:
    """The statements about ``iri`` (grouped, with the graphs stating them) and those pointing at it."""
    node = NamedNode(iri)
    outgoing: dict[tuple[str, str], dict[str, Any]] = {}  # (predicate, object) → fact
    labels = []
    for quad in store.quads_for_pattern(node, None, None, None):
        key = (str(quad.predicate), str(quad.object))
        fact = outgoing.setdefault(key, {"p": quad.predicate.value, "o": term_json(quad.object), "graphs": []})
        if _graph(quad) not in fact["graphs"]:
            fact["graphs"].append(_graph(quad))
        if quad.predicate.value in LABEL_PREDICATES and isinstance(quad.object, pyoxigraph.Literal):
            labels.append((quad.object.value, quad.object.language or ""))
    incoming_quads = list(islice(store.quads_for_pattern(None, None, node, None), incoming_limit + 1))
    if not outgoing and not incoming_quads:
        return None
    incoming: list[dict[str, Any]] = [
        {"s": term_json(q.subject), "p": q.predicate.value, "graph": _graph(q)} for q in incoming_quads[:incoming_limit]
    ]
    iris = {iri}
    for fact in outgoing.values():
        iris.add(fact["p"])
        iris.update(g for g in fact["graphs"] if g)
        if fact["o"]["type"] == "uri":
            iris.add(fact["o"]["value"])
    for link in incoming:
        iris.update(v for v in (link["p"], link["graph"], link["s"]["value"]) if v)
    facts = sorted(outgoing.values(), key=lambda f: (f["p"] != PREFIXES["rdf"] + "type", f["p"], f["o"]["value"]))
    return {
        "iri": iri,
        "labels": sorted(set(labels), key=lambda lv: ({"id": 0, "en": 1}.get(lv[1], 2), lv)),
        "facts": facts,
        "incoming": incoming,
        "incoming_more": len(incoming_quads) > incoming_limit,
        "names": _names(store, iris),
    }


def description(store: pyoxigraph.Store, iri: str, media_type: str) -> bytes | None:
    """The statements about ``iri`` in all graphs, as RDF in ``media_type``; None if it is unknown."""
    node = NamedNode(iri)
    triples = list(dict.fromkeys(q.triple for q in store.quads_for_pattern(node, None, None, None)))
    if not triples and next(store.quads_for_pattern(None, None, node, None), None) is None:
        return None
    return serialize_triples(triples, media_type)


def ontology(store: pyoxigraph.Store, media_type: str | None = None) -> Any:
    """The ontology's terms (for the documentation page), or its graph as RDF in ``media_type``."""
    if media_type:
        graph = next((q.graph_name for q in store.quads_for_pattern(NamedNode(ONTOLOGY_IRI), None, None, None)), None)
        if graph is None:
            return None
        return serialize_triples([q.triple for q in store.quads_for_pattern(None, None, None, graph)], media_type)
    result = store.query(ONTOLOGY_QUERY.read_text(encoding="utf-8"), use_default_graph_as_union=True)
    assert isinstance(result, pyoxigraph.QuerySolutions)
    names = [v.value for v in result.variables]
    rows = [{n: getattr(row[n], "value", None) for n in names} for row in result]
    about = describe(store, ONTOLOGY_IRI) or {"facts": [], "labels": []}
    iris = {v for row in rows for key in ("domain", "range", "parent") for v in (row[key] or "").split()}
    return {"terms": rows, "about": about, "names": _names(store, iris)}


def void(store: pyoxigraph.Store, endpoint: str, media_type: str = "text/turtle") -> bytes:
    """The VoID + DCAT description of the store (as ``psikg release`` writes it, without the dumps)
    and the endpoint that serves it, in ``media_type``."""
    from .release import describe as describe_dataset

    quads = describe_dataset(GraphStore(store, None), dt.date.today(), {})
    datasets = {q.subject for q in quads if q.predicate.value.endswith("isVersionOf")}
    triples = [q.triple for q in quads]
    triples += [
        pyoxigraph.Triple(d, NamedNode(PREFIXES["void"] + "sparqlEndpoint"), NamedNode(endpoint)) for d in datasets
    ]
    return serialize_triples(triples, media_type)
