"""Publishing to real triple stores and querying them: the `oxigraph` server from PyPI and
Virtuoso open source from Debian, each started by these tests on a free loopback port.

Virtuoso is skipped (with the reason) only where its binary is not installed; .ci/run
installs it.
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from psikg import queries
from psikg.cli import cli
from psikg.endpoint import Credentials, Endpoint
from psikg.publish import count_at, publish, staging_graph
from psikg.store import GraphStore

pytestmark = pytest.mark.server

ALL_QUADS = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server at {url} did not come up in {seconds} s")


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(found).exists():
        pytest.skip("the oxigraph server (PyPI package 'oxigraph') is not installed: pip install -e '.[test]'")
    return found


@pytest.fixture()
def oxigraph(tmp_path: Path) -> Iterator[tuple[Endpoint, str]]:
    """A fresh `oxigraph serve` (union default graph, as psikg's store) and its base URL."""
    port = free_port()
    proc = subprocess.Popen(
        [oxigraph_binary(), "serve", "--location", str(tmp_path / "ox"), "--bind", f"127.0.0.1:{port}"]
        + ["--union-default-graph"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/query?query=ASK%7B%7D")
        yield Endpoint(base + "/query", base + "/update"), base
    finally:
        proc.terminate()
        proc.wait(timeout=20)


VIRTUOSO_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
LockFile = {d}/virtuoso.lck
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{isql}
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
DirsAllowed = ., {d}
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
MaxClientConnections = 4
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Endpoint, str]]:
    """A private Virtuoso on loopback; updates go to /sparql-auth with Digest auth (dba)."""
    binary = shutil.which("virtuoso-t")
    if binary is None:
        pytest.skip("Virtuoso is not installed: apt-get install virtuoso-opensource-7-bin (.ci/run does)")
    d = tmp_path_factory.mktemp("virtuoso")
    http, isql = free_port(), free_port()
    (d / "virtuoso.ini").write_text(VIRTUOSO_INI.format(d=d, http=http, isql=isql))
    proc = subprocess.Popen(
        [binary, "+foreground", "+configfile", str(d / "virtuoso.ini")],
        cwd=d,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{http}"
    try:
        wait_for(base + "/sparql?query=ASK%7B%7D", 120)
        yield Endpoint(base + "/sparql", base + "/sparql-auth", Credentials("dba", "dba")), base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def store_quads(store: GraphStore, graphs: set[str] | None = None) -> set[str]:
    return {
        f"{q.subject} {q.predicate} {q.object} {q.graph_name}"
        for q in store.oxigraph
        if graphs is None or q.graph_name.value in graphs
    }


def endpoint_quads(endpoint: Endpoint) -> set[str]:
    _, rows = endpoint.select(ALL_QUADS)
    return {f"{r['s']} {r['p']} {r['o']} {r['g']}" for r in rows}


def canned(target: object, name: str, params: dict[str, str] | None = None) -> list[tuple[str, ...]]:
    if params is None:
        params = {"region": "Kota Pekalongan"} if name == "region-profile" else {}
    if name == "evidence":
        params = {"name": "LP-PAR"}
    table = queries.run(target, name, params)  # type: ignore[arg-type]
    return sorted(tuple(c.text for c in row) for row in table.rows)


def test_publish_to_oxigraph_holds_exactly_the_store_and_reruns_change_nothing(store, oxigraph) -> None:
    endpoint, _ = oxigraph
    results = publish(store, endpoint)
    assert sum(r.triples for r in results) == len(store)
    assert endpoint_quads(endpoint) == store_quads(store)
    publish(store, endpoint, batch=500)
    assert endpoint_quads(endpoint) == store_quads(store), "a re-run must not duplicate or lose triples"


def test_publish_one_graph(store, oxigraph) -> None:
    endpoint, _ = oxigraph
    graph = next(g.value for g in store.graphs() if "002-sumselupdate" in g.value and "headline" not in g.value)
    publish(store, endpoint, [graph])
    assert endpoint_quads(endpoint) == store_quads(store, {graph})


def test_killed_half_way_then_rerun_gives_exactly_the_graph(built, store, oxigraph) -> None:
    endpoint, base = oxigraph
    regions = "https://w3id.org/psikg/id/graph/reference/regions"
    staging = staging_graph(regions)
    cmd = [sys.executable, "-m", "psikg.cli", "publish", "--store", str(built[1]), "--endpoint", base + "/update"]
    proc = subprocess.Popen([*cmd, "--graph", regions, "--batch-size", "100"], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and count_at(endpoint, staging) < 1_000:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    half = count_at(endpoint, staging)
    assert 0 < half < len(store_quads(store, {regions})), "the kill should land half-way"
    assert count_at(endpoint, regions) == 0, "the published graph must not show half a load"
    assert subprocess.run([*cmd, "--graph", regions], capture_output=True).returncode == 0
    assert endpoint_quads(endpoint) == store_quads(store, {regions})
    assert count_at(endpoint, staging) == 0


def test_canned_queries_on_oxigraph_server_match_the_embedded_store(store, oxigraph) -> None:
    endpoint, _ = oxigraph
    publish(store, endpoint)
    for name in queries.catalogue():
        assert canned(endpoint, name) == canned(store, name), name


def test_query_and_sparql_commands_take_an_endpoint(store, oxigraph) -> None:
    endpoint, base = oxigraph
    publish(store, endpoint)
    runner = CliRunner()
    result = runner.invoke(cli, ["query", "awards", "--endpoint", base + "/query", "--param", "year=2020"])
    assert result.exit_code == 0, result.output
    assert "Laboratorium Kemiskinan" in result.output and "Lembaga Perlindungan" not in result.output
    ask = runner.invoke(cli, ["sparql", "--endpoint", base + "/query", "ASK { ?s a ?o }"])
    assert ask.output.strip() == "true"
    refused = runner.invoke(
        cli, ["sparql", "--endpoint", base + "/query", "SELECT * { SERVICE <http://example.org/> { ?s ?p ?o } }"]
    )
    assert refused.exit_code == 2 and "SERVICE" in refused.output


def test_publish_command_verifies_counts(built, oxigraph) -> None:
    _, base = oxigraph
    result = CliRunner().invoke(
        cli,
        ["publish", "--store", str(built[1]), "--endpoint", base + "/update", "--query-endpoint", base + "/query"],
    )
    assert result.exit_code == 0, result.output
    assert "Published" in result.output and "at endpoint" in result.output


def test_unreachable_endpoint_is_a_clear_error(built) -> None:
    port = free_port()  # nothing listens there
    result = CliRunner().invoke(
        cli, ["publish", "--store", str(built[1]), "--endpoint", f"http://127.0.0.1:{port}/update"]
    )
    assert result.exit_code == 3
    assert "cannot reach the endpoint" in result.output


def test_publish_to_virtuoso_with_digest_credentials(store, virtuoso) -> None:
    endpoint, _ = virtuoso
    publish(store, endpoint)
    publish(store, endpoint)  # again: replaced, not appended
    for graph in store.graphs():
        expected = sum(1 for _ in store.oxigraph.quads_for_pattern(None, None, None, graph))
        assert count_at(endpoint, graph.value) == expected, graph.value


@pytest.mark.parametrize("name", sorted(set(queries.catalogue()) - {"region-profile"}))
def test_canned_queries_on_virtuoso_match_the_embedded_store(store, virtuoso, name: str) -> None:
    endpoint, _ = virtuoso
    if count_at(endpoint, "https://w3id.org/psikg/id/graph/reference/ontology") == 0:
        publish(store, endpoint)
    assert canned(endpoint, name) == canned(store, name)


@pytest.mark.parametrize("region", ["Kota Pekalongan", "Jawa Tengah", "33.75"])
def test_region_profile_on_virtuoso(store, virtuoso, region: str) -> None:
    """The same rows for a city, for a province with the regions inside it, and for a code."""
    endpoint, _ = virtuoso
    if count_at(endpoint, "https://w3id.org/psikg/id/graph/reference/ontology") == 0:
        publish(store, endpoint)
    rows = canned(endpoint, "region-profile", {"region": region})
    assert rows and rows == canned(store, "region-profile", {"region": region})


def test_wrong_password_is_refused_and_never_echoed(built, virtuoso, tmp_path: Path) -> None:
    _, base = virtuoso
    secret = "not-the-password-x7"
    cred = tmp_path / "cred"
    cred.write_text(f"dba:{secret}\n")
    result = CliRunner().invoke(
        cli,
        ["publish", "--store", str(built[1]), "--endpoint", base + "/sparql-auth", "--credentials", str(cred)],
    )
    assert result.exit_code == 3
    assert "401" in result.output and secret not in result.output


def test_credentials_from_environment_are_not_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PSIKG_ENDPOINT_USER", "alice")
    monkeypatch.setenv("PSIKG_ENDPOINT_PASSWORD", "pa55")
    creds = Credentials.from_env()
    assert creds is not None and creds.user == "alice" and "pa55" not in repr(creds)
    monkeypatch.delenv("PSIKG_ENDPOINT_PASSWORD")
    assert Credentials.from_env() is None


def test_blank_nodes_are_refused(tmp_path: Path) -> None:
    import pyoxigraph
    from psikg.errors import StoreError

    store = GraphStore.memory()
    g = pyoxigraph.NamedNode("http://example.org/g")
    store.oxigraph.add(pyoxigraph.Quad(pyoxigraph.BlankNode(), pyoxigraph.NamedNode("http://example.org/p"), g, g))
    with pytest.raises(StoreError, match="blank nodes"):
        publish(store, Endpoint("http://127.0.0.1:9/update"))
