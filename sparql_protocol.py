"""The SPARQL 1.1 Protocol's query operation: reading a request, choosing a result syntax, limits.

Follows https://www.w3.org/TR/sparql11-protocol/#query-operation: the query comes as ``query=``
in the URL (GET), in a form body (POST ``application/x-www-form-urlencoded``) or as the body
itself (POST ``application/sparql-query``); ``default-graph-uri`` and ``named-graph-uri`` set the
dataset. The result syntax is negotiated from ``Accept`` (or forced with ``format=``), and the
query runs in a worker process (:mod:`psikg.query_pool`) through :func:`execute`, which applies
the row limit and serialises the results there, inside the time limit.

>>> negotiate("select", "text/csv;q=0.5, application/sparql-results+xml")
'application/sparql-results+xml'
>>> negotiate("construct", "*/*")
'text/turtle'
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from urllib.parse import parse_qs

import pyoxigraph
from pyoxigraph import BlankNode, Literal, NamedNode, QueryResultsFormat, RdfFormat, Triple

from .errors import QueryError
from .guard import check_query
from .namespaces import PREFIXES

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

#: Result syntaxes of SELECT and ASK, by media type (the first is the default).
RESULT_TYPES: dict[str, QueryResultsFormat] = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "text/csv": QueryResultsFormat.CSV,
    "text/tab-separated-values": QueryResultsFormat.TSV,
}
#: RDF syntaxes of CONSTRUCT and DESCRIBE results and of resource descriptions.
GRAPH_TYPES: dict[str, RdfFormat] = {
    "text/turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "application/ld+json": RdfFormat.JSON_LD,
    "application/rdf+xml": RdfFormat.RDF_XML,
}
#: Other names clients use for the same syntaxes (SPARQLWrapper, browsers, curl).
ALIASES = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
    "application/turtle": "text/turtle",
    "application/x-turtle": "text/turtle",
    "text/plain": "application/n-triples",
    "application/json+ld": "application/ld+json",
}
#: ``format=`` / ``output=`` values (the short names Virtuoso-style clients send).
SHORT_NAMES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "json-ld": "application/ld+json",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
    "rdf+xml": "application/rdf+xml",
}


class HttpError(Exception):
    """A request the server answers with ``status`` and a plain-text ``message``."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class QueryRequest:
    """One query operation: the text, the dataset asked for, the syntax forced by ``format=``."""

    text: str
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    forced_type: str | None = None


def parse_request(method: str, url_query: str, content_type: str, body: bytes) -> QueryRequest:
    """The query operation of a GET or POST request (SPARQL 1.1 Protocol, section 2.1)."""
    params = parse_qs(url_query, keep_blank_values=True)
    mime = content_type.split(";")[0].strip().lower()
    if method == "POST":
        if mime == "application/x-www-form-urlencoded":
            for key, values in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        elif mime == "application/sparql-query":
            params["query"] = [body.decode("utf-8", "replace")]
        elif mime == "application/sparql-update":
            raise HttpError(403, "SPARQL Update is refused: this endpoint is read-only")
        else:
            raise HttpError(
                415,
                f"unsupported POST content type '{mime or '(none)'}': send application/sparql-query "
                "or application/x-www-form-urlencoded with query=",
            )
    if "update" in params:
        raise HttpError(403, "SPARQL Update is refused: this endpoint is read-only")
    queries = params.get("query", [])
    if len(queries) != 1 or not queries[0].strip():
        raise HttpError(400, "give exactly one SPARQL query, as query=… (GET or form POST) or as the POST body")
    forced = None
    for key in ("format", "output"):
        for value in params.get(key, []):
            name = SHORT_NAMES.get(value.lower()) or ALIASES.get(value.lower()) or value.lower()
            if name in RESULT_TYPES or name in GRAPH_TYPES:
                forced = name
    return QueryRequest(queries[0], params.get("default-graph-uri", []), params.get("named-graph-uri", []), forced)


def check(text: str) -> str:
    """The query form; HttpError 403 for refused operations (updates, SERVICE), 400 otherwise."""
    try:
        return check_query(text)
    except QueryError as exc:
        raise HttpError(403 if "refused" in str(exc) else 400, str(exc)) from None


def accepted(header: str | None) -> list[tuple[str, float]]:
    """Media ranges of an Accept header with their q-values, best first (RFC 9110, 12.5.1)."""
    ranges: list[tuple[str, float, int]] = []
    for index, part in enumerate((header or "*/*").split(",")):
        items = [p.strip() for p in part.split(";")]
        if not items[0]:
            continue
        q = 1.0
        for item in items[1:]:
            key, _, value = item.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((items[0].lower(), q, index))
    ranges.sort(key=lambda r: (-r[1], r[2]))
    return [(r[0], r[1]) for r in ranges if r[1] > 0]


def choose(offers: list[str], header: str | None) -> str | None:
    """The offer the client prefers most (ties go to the earlier offer); None when none fits."""
    best: tuple[float, int, str] | None = None
    for media_range, q in accepted(header):
        media_range = ALIASES.get(media_range, media_range)
        for rank, offer in enumerate(offers):
            major = offer.split("/")[0]
            if media_range in (offer, "*/*", f"{major}/*"):
                specificity = 2 if media_range == offer else (1 if media_range != "*/*" else 0)
                key = (q + specificity / 10, -rank, offer)
                if best is None or key > best:
                    best = key
    return best[2] if best else None


def negotiate(form: str, header: str | None, forced: str | None = None) -> str:
    """The media type to answer a query of ``form`` with; HttpError 406 when nothing fits."""
    offers = list(RESULT_TYPES if form in ("select", "ask") else GRAPH_TYPES)
    if forced:
        if forced in offers:
            return forced
        raise HttpError(406, f"format {forced} does not fit a {form.upper()} query; use one of: {', '.join(offers)}")
    chosen = choose(offers, header)
    if chosen is None:
        raise HttpError(
            406, f"none of the accepted types ({header}) fits a {form.upper()} query; offered: " + ", ".join(offers)
        )
    return chosen


# --- run inside a worker process ----------------------------------------------------------------


def term_json(term: object) -> dict[str, object]:
    """A term in SPARQL 1.1 Query Results JSON (section 3.2.2), with RDF-star triple terms."""
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        out: dict[str, object] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, Triple):
        return {
            "type": "triple",
            "value": {k: term_json(getattr(term, k)) for k in ("subject", "predicate", "object")},
        }
    raise TypeError(f"not an RDF term: {term!r}")


def _row_limit(max_rows: int, what: str) -> HttpError:
    return HttpError(
        500,
        f"the query result has more than {max_rows:,} {what}, the limit of this endpoint (--max-rows); "
        "add a LIMIT or narrow the query",
    )


def execute(
    store: pyoxigraph.Store,
    text: str,
    media_type: str,
    max_rows: int,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
) -> bytes:
    """Run ``text`` and serialise its results as ``media_type``, at most ``max_rows`` rows or triples.

    The default graph is the union of all named graphs unless ``default_graphs`` names some.
    """
    options: dict[str, object] = {"use_default_graph_as_union": not default_graphs}
    if default_graphs:
        options["default_graph"] = [NamedNode(g) for g in default_graphs]
    if named_graphs:
        options["named_graphs"] = [NamedNode(g) for g in named_graphs]
    try:
        result = store.query(text, **options)  # type: ignore[arg-type]
    except (SyntaxError, ValueError) as exc:
        raise HttpError(400, f"malformed SPARQL: {exc}") from None
    if isinstance(result, pyoxigraph.QueryBoolean):
        data = json.dumps({"head": {}, "boolean": bool(result)}).encode()
        return _reserialize(data, media_type)
    if isinstance(result, pyoxigraph.QuerySolutions):
        names = [v.value for v in result.variables]
        bindings: list[dict[str, object]] = []
        for solution in result:
            if len(bindings) >= max_rows:
                raise _row_limit(max_rows, "rows")
            row: dict[str, object] = {}
            for name in names:
                term = solution[name]
                if term is not None:
                    row[name] = term_json(term)
            bindings.append(row)
        data = json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False).encode()
        return _reserialize(data, media_type)
    triples: list[Triple] = []
    for triple in result:
        if len(triples) >= max_rows:
            raise _row_limit(max_rows, "triples")
        triples.append(triple)
    return serialize_triples(triples, media_type)


def _reserialize(json_data: bytes, media_type: str) -> bytes:
    if media_type == "application/sparql-results+json":
        return json_data
    parsed = pyoxigraph.parse_query_results(json_data, format=QueryResultsFormat.JSON)
    return parsed.serialize(format=RESULT_TYPES[media_type]) or b""


def serialize_triples(triples: list[Triple], media_type: str) -> bytes:
    """Triples in one of :data:`GRAPH_TYPES`, with psikg's prefixes where the syntax has them."""
    return pyoxigraph.serialize(triples, format=GRAPH_TYPES[media_type], prefixes=PREFIXES) or b""
