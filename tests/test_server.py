"""``psikg serve`` through real clients: SPARQLWrapper, urllib, headless Chromium.

The server runs as a subprocess on a free loopback port (``--port 0``; it prints its URL), on
the seed graph built once per session, with small limits so that the limits can be hit.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph
import pytest
from psikg import queries
from psikg.settings import base_iri
from psikg.sparql_protocol import negotiate
from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

pytestmark = pytest.mark.server

TIMEOUT = 2  # seconds per query on the strict test server
MAX_ROWS = 2_000
ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
#: A cartesian product of the whole graph with itself, twice: runs far past any time limit.
PATHOLOGICAL = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o . ?a ?b ?c . ?x ?y ?z }"
#: Sample values for the canned queries' required parameters.
REQUIRED = {"region-profile": {"region": "33.75"}, "evidence": {"name": "LP-PAR"}}


@contextlib.contextmanager
def running_server(store_path: Path, log: Path, timeout: float, workers: int = 2) -> Iterator[str]:
    """A ``psikg serve`` subprocess on ``store_path``; yields its base URL, stops it afterwards."""
    command = [sys.executable, "-c", "from psikg.cli import main; main()", "serve", "--store", str(store_path)]
    command += ["--port", "0", "--timeout", str(timeout), "--max-rows", str(MAX_ROWS), "--workers", str(workers)]
    with log.open("wb") as err:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=err)
        try:
            assert process.stdout is not None
            line = process.stdout.readline().decode()
            assert "serving" in line, f"server did not start: {line!r} {log.read_text()}"
            yield line.split(" at ")[1].split()[0].rstrip("/")
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)
            if process.stdout is not None:
                process.stdout.close()


@pytest.fixture(scope="module")
def server(built, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server with a generous time limit: every canned query fits in it."""
    with running_server(built[1], tmp_path_factory.mktemp("serve") / "serve.log", timeout=60, workers=3) as url:
        yield url


@pytest.fixture(scope="module")
def strict_server(built, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server with a short time limit, to hit it."""
    with running_server(built[1], tmp_path_factory.mktemp("serve") / "strict.log", timeout=TIMEOUT) as url:
        yield url


def fetch(url: str, data: bytes | None = None, headers: dict[str, str] | None = None) -> tuple[int, dict, bytes]:
    """(status, headers, body) of a request; HTTP errors are answers too."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def post_query(server: str, query: str, accept: str = "*/*") -> tuple[int, dict, bytes]:
    body = urllib.parse.urlencode({"query": query}).encode()
    return fetch(f"{server}/sparql", body, {"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})


FORMATS = {
    "turtle": pyoxigraph.RdfFormat.TURTLE,
    "nt": pyoxigraph.RdfFormat.N_TRIPLES,
    "json-ld": pyoxigraph.RdfFormat.JSON_LD,
    "xml": pyoxigraph.RdfFormat.RDF_XML,
}


def parse(body: bytes | str, fmt: str) -> list[pyoxigraph.Quad]:
    """The statements of an RDF document (pyoxigraph's parsers; rdflib's JSON-LD one warns)."""
    return list(pyoxigraph.parse(body.encode() if isinstance(body, str) else body, format=FORMATS[fmt]))


class Endpoint:
    """A :class:`psikg.queries.SelectTarget` over HTTP with SPARQLWrapper."""

    def __init__(self, url: str):
        self.url = url

    def select(self, text: str) -> tuple[list[str], list[dict[str, object]]]:
        client = SPARQLWrapper(self.url, returnFormat=JSON)
        client.setMethod("POST")
        client.setQuery(text)
        data = client.queryAndConvert()
        assert isinstance(data, dict)
        columns = data["head"]["vars"]
        return columns, [{c: _term(row.get(c)) for c in columns} for row in data["results"]["bindings"]]


def _term(binding: dict | None) -> object:
    if binding is None:
        return None
    if binding["type"] == "uri":
        return pyoxigraph.NamedNode(binding["value"])
    if binding["type"] == "bnode":
        return pyoxigraph.BlankNode(binding["value"])
    datatype = binding.get("datatype")
    return pyoxigraph.Literal(
        binding["value"],
        language=binding.get("xml:lang"),
        datatype=pyoxigraph.NamedNode(datatype) if datatype else None,
    )


# --- SPARQL protocol ---------------------------------------------------------------------------


def test_negotiation_prefers_q_values_and_exact_types() -> None:
    assert negotiate("select", "text/csv;q=0.5, application/sparql-results+xml") == "application/sparql-results+xml"
    assert negotiate("ask", "application/json") == "application/sparql-results+json"
    assert negotiate("describe", "application/*;q=0.9, text/turtle;q=0.1") == "application/n-triples"
    assert negotiate("select", None) == "application/sparql-results+json"


def test_sparqlwrapper_select_construct_ask(server: str, store) -> None:
    client = SPARQLWrapper(f"{server}/sparql", returnFormat=JSON)
    client.setQuery("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    data = client.queryAndConvert()
    assert isinstance(data, dict)
    assert int(data["results"]["bindings"][0]["n"]["value"]) == len(store)

    client.setQuery("ASK { ?s a <https://w3id.org/psikg/ontology#Innovation> }")
    assert client.queryAndConvert()["boolean"] is True  # type: ignore[index]

    client.setQuery("SELECT * WHERE { ?s ?p }")
    with pytest.raises(QueryBadFormed, match="malformed SPARQL"):
        client.query()

    client = SPARQLWrapper(f"{server}/sparql", returnFormat=TURTLE)
    client.setQuery("CONSTRUCT WHERE { ?s a <https://w3id.org/psikg/ontology#Innovation> }")
    turtle = client.queryAndConvert()
    graph = parse(turtle, "turtle")
    _, innovations = store.select("SELECT DISTINCT ?s WHERE { ?s a <https://w3id.org/psikg/ontology#Innovation> }")
    assert len(graph) == len(innovations)


@pytest.mark.parametrize(
    ("query", "accept", "content_type", "syntax"),
    [
        (
            "SELECT * WHERE { ?s ?p ?o } LIMIT 3",
            "application/sparql-results+json",
            "application/sparql-results+json",
            "json",
        ),
        (
            "SELECT * WHERE { ?s ?p ?o } LIMIT 3",
            "application/sparql-results+xml",
            "application/sparql-results+xml",
            "xml",
        ),
        ("SELECT * WHERE { ?s ?p ?o } LIMIT 3", "text/csv", "text/csv", "csv"),
        ("SELECT * WHERE { ?s ?p ?o } LIMIT 3", "text/tab-separated-values", "text/tab-separated-values", "tsv"),
        ("ASK { ?s ?p ?o }", "application/sparql-results+xml", "application/sparql-results+xml", "xml"),
        ("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 3", "text/turtle", "text/turtle", "turtle"),
        ("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 3", "application/n-triples", "application/n-triples", "nt"),
        ("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 3", "application/ld+json", "application/ld+json", "json-ld"),
        ("DESCRIBE <https://w3id.org/psikg/id/region/33.75>", "application/rdf+xml", "application/rdf+xml", "xml"),
    ],
)
def test_content_negotiation(server: str, query: str, accept: str, content_type: str, syntax: str) -> None:
    status, headers, body = post_query(server, query, accept)
    assert status == 200, body
    assert headers["Content-Type"].split(";")[0] == content_type
    assert headers["Vary"] == "Accept"
    if query.startswith(("CONSTRUCT", "DESCRIBE")):
        assert len(parse(body, syntax)) >= 3
    elif content_type in ("text/csv", "text/tab-separated-values"):
        assert len(body.decode().strip().splitlines()) == 4
    elif syntax == "json":
        assert len(json.loads(body)["results"]["bindings"]) == 3
    else:
        assert body.startswith(b"<?xml")


def test_get_and_direct_post(server: str) -> None:
    query = "SELECT ?g WHERE { GRAPH ?g { ?s a <https://w3id.org/psikg/ontology#Innovation> } }"
    status, _, body = fetch(f"{server}/sparql?" + urllib.parse.urlencode({"query": query}))
    assert status == 200
    graphs = {b["g"]["value"] for b in json.loads(body)["results"]["bindings"]}
    assert graphs and all(g.startswith(base_iri() + "id/graph/") for g in graphs)
    status, _, body = fetch(
        f"{server}/sparql", query.encode(), {"Content-Type": "application/sparql-query", "Accept": "text/csv"}
    )
    assert status == 200 and body.startswith(b"g\r\n")


def test_dataset_from_protocol(server: str, store) -> None:
    graph = pyoxigraph.NamedNode(base_iri() + "id/graph/reference/sdg")
    url = f"{server}/sparql?" + urllib.parse.urlencode(
        {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "default-graph-uri": graph.value}
    )
    status, _, body = fetch(url)
    assert status == 200
    expected = len(list(store.oxigraph.quads_for_pattern(None, None, None, graph)))
    assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) == expected


@pytest.mark.parametrize(
    ("query", "status", "words"),
    [
        ("SELECT * WHERE { ?s ?p }", 400, "malformed SPARQL"),
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", 403, "Update is refused"),
        ("DROP ALL", 403, "Update is refused"),
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", 403, "SERVICE"),
    ],
)
def test_errors(server: str, query: str, status: int, words: str) -> None:
    got, _, body = post_query(server, query)
    assert got == status
    assert words in body.decode()


def test_update_operation_is_refused(server: str) -> None:
    body = urllib.parse.urlencode({"update": "DROP ALL"}).encode()
    status, _, text = fetch(f"{server}/sparql", body, {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403 and b"read-only" in text
    status, _, _ = fetch(f"{server}/sparql", b"DROP ALL", {"Content-Type": "application/sparql-update"})
    assert status == 403


def test_not_acceptable(server: str) -> None:
    assert post_query(server, "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "image/png")[0] == 406
    assert post_query(server, "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1", "text/csv")[0] == 406
    assert fetch(f"{server}/id/region/33.75", headers={"Accept": "image/png"})[0] == 406


def test_row_limit(server: str) -> None:
    status, _, body = post_query(server, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 500
    assert f"more than {MAX_ROWS:,} rows" in body.decode()
    assert post_query(server, f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT {MAX_ROWS}")[0] == 200


def test_time_limit_cuts_a_pathological_query_and_the_server_keeps_answering(strict_server: str) -> None:
    server = strict_server
    started = time.monotonic()
    status, _, body = post_query(server, PATHOLOGICAL)
    elapsed = time.monotonic() - started
    assert status == 503
    assert f"exceeded the {TIMEOUT} s time limit" in body.decode()
    assert TIMEOUT <= elapsed < TIMEOUT + 3
    assert post_query(server, "ASK { ?s ?p ?o }")[0] == 200
    # a runaway query on one worker does not block a query on another
    import threading

    slow = threading.Thread(target=post_query, args=(server, PATHOLOGICAL))
    slow.start()
    time.sleep(0.2)
    started = time.monotonic()
    assert post_query(server, "SELECT * WHERE { ?s ?p ?o } LIMIT 5")[0] == 200
    assert time.monotonic() - started < 1
    slow.join()


@pytest.mark.parametrize("name", sorted(queries.catalogue()))
def test_canned_queries_through_the_endpoint(server: str, store, name: str) -> None:
    values = REQUIRED.get(name, {})
    remote = queries.run(Endpoint(f"{server}/sparql"), name, values)
    local = queries.run(store, name, values)
    assert remote.columns == local.columns
    assert remote.rows == local.rows


def test_canned_query_catalogue_and_binding(server: str) -> None:
    status, _, body = fetch(f"{server}/queries.json")
    names = [q["name"] for q in json.loads(body)]
    assert status == 200 and names == list(queries.catalogue())
    status, _, body = fetch(f"{server}/queries/awards.rq?year=2020")
    assert status == 200 and b'"2020"' in body
    assert fetch(f"{server}/queries/awards.rq?colour=red")[0] == 400


# --- linked data -------------------------------------------------------------------------------


def test_resource_page_and_rdf(server: str, store) -> None:
    status, headers, body = fetch(f"{server}/id/region/33.75", headers={"Accept": "text/html"})
    page = body.decode()
    assert status == 200 and headers["Vary"] == "Accept"
    assert "Kota Pekalongan" in page
    assert 'href="/id/region/33"' in page  # a linked value, to its page on this server
    assert "Kepmendagri" in page  # the named graph the facts come from, by its label
    assert "Incoming links" in page and "/id/innovation/33.75/lp-par" in page
    iri = base_iri() + "id/region/33.75"
    expected = {str(q.triple) for q in store.oxigraph.quads_for_pattern(pyoxigraph.NamedNode(iri), None, None)}
    for accept, fmt in (("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld")):
        status, headers, body = fetch(f"{server}/id/region/33.75", headers={"Accept": accept})
        assert status == 200 and headers["Content-Type"].startswith(accept)
        assert len(parse(body, fmt)) == len(expected)


def test_unknown_resource_is_404(server: str) -> None:
    assert fetch(f"{server}/id/region/99.99")[0] == 404
    assert fetch(f"{server}/id/region/99.99", headers={"Accept": "text/html"})[0] == 404


def test_other_iris_and_the_ontology(server: str) -> None:
    status, _, body = fetch(f"{server}/describe?iri=" + urllib.parse.quote("http://metadata.un.org/sdg/5", safe=""))
    assert status == 200
    status, _, body = fetch(f"{server}/ontology", headers={"Accept": "text/html"})
    page = body.decode()
    assert status == 200 and 'id="Innovation"' in page and "Public-service innovation" in page
    status, _, body = fetch(f"{server}/ontology", headers={"Accept": "text/turtle"})
    assert status == 200 and len(parse(body, "turtle")) > 100


def test_void(server: str, store) -> None:
    status, headers, body = fetch(f"{server}/.well-known/void")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    void = pyoxigraph.Store()
    void.extend(parse(body, "turtle"))
    query = "SELECT ?n WHERE { ?d <http://rdfs.org/ns/void#sparqlEndpoint> ?e ; <http://rdfs.org/ns/void#triples> ?n }"
    rows = list(void.query(query))
    assert rows and int(rows[0]["n"].value) == len(store)


# --- the query page in a browser ---------------------------------------------------------------


def chromium(*args: str, tmp: Path) -> str:
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp}",
        "--virtual-time-budget=5000",
        *args,
    ]
    return subprocess.run(command, capture_output=True, timeout=60, check=True).stdout.decode()


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium)")
def test_query_page_runs_a_query_from_its_url(server: str, tmp_path: Path) -> None:
    query = (
        "SELECT ?innovation ?label WHERE { ?innovation a <https://w3id.org/psikg/ontology#Innovation> ; "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label"
    )
    url = f"{server}/?" + urllib.parse.urlencode({"query": query})
    dom = chromium("--dump-dom", url, tmp=tmp_path)
    assert 'id="results-table"' in dom
    assert 'href="/id/innovation/33.75/lp-par"' in dom  # result IRIs link to their pages
    assert "Lembaga Perlindungan Perempuan" in dom
    assert 'id="canned-awards"' in dom  # the gallery of canned queries
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "query-page.png"
    chromium(f"--screenshot={shot}", "--window-size=1280,900", url, tmp=tmp_path)
    assert shot.stat().st_size > 10_000


@pytest.mark.browser
@pytest.mark.skipif(not shutil.which("chromium") and not CHROMIUM.exists(), reason="needs chromium")
def test_resource_page_in_a_browser(server: str, tmp_path: Path) -> None:
    dom = chromium("--dump-dom", f"{server}/id/innovation/33.75/lp-par", tmp=tmp_path)
    assert "Lembaga Perlindungan Perempuan, Anak dan Remaja" in dom
    assert "Incoming links" in dom
