"""The psikg command, in-process with click's CliRunner: outputs, formats and exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from psikg.cli import cli


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, store: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(cli, [*args[:1], "--store", str(store), *args[1:]])


def test_build_validates_and_shows_the_graph(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["build", "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    from psikg.build import source_files
    from psikg.settings import DATA_DIR

    assert f"Loaded {len(source_files(DATA_DIR))} source(s)" in result.output
    assert "the graph conforms" in result.output or "conforms, with warnings" in result.output
    assert "Inovasi pelayanan publik" in result.output  # class table, by label


def test_build_with_the_sparql_engine_reports_what_validate_reports(runner: CliRunner, tmp_path: Path) -> None:
    store = tmp_path / "s"
    built = runner.invoke(cli, ["build", "--store", str(store), "--engine", "sparql"])
    assert built.exit_code == 0, built.output
    reported = [line for line in built.output.splitlines() if line.startswith("Validation:")]
    again = run(runner, store, "validate")  # pySHACL, the default engine
    assert reported and reported == [line for line in again.output.splitlines() if line.startswith("Validation:")]


def test_store_from_environment(runner: CliRunner, built, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["stats"], env={"PSIKG_STORE": str(built[1])})
    assert result.exit_code == 0 and "triples in" in result.output


def test_query_formats(runner: CliRunner, built) -> None:
    store = built[1]
    table = run(runner, store, "query", "awards", "--param", "year=2020")
    from psikg import queries
    from psikg.store import GraphStore

    expected = len(queries.run(GraphStore.open(store, read_only=True), "awards", {"year": "2020"}).rows)
    assert expected >= 4  # the four 2020 conferral claims of the seed articles, at least
    assert table.exit_code == 0 and "Top 45" in table.output and f"({expected} rows)" in table.output
    as_csv = run(runner, store, "query", "awards", "--param", "year=2020", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.output)))
    assert list(rows[0])[:12] == [
        "award",
        "rank",
        "year",
        "date",
        "recipient",
        "innovation",
        "region",
        "province",
        "handed_by",
        "received_by",
        "venue",
        "source",
    ]
    as_json = json.loads(run(runner, store, "query", "awards", "--format", "json", "--param", "year=2020").output)
    first = as_json["rows"][0]
    assert first["recipient"]["iri"].startswith("https://w3id.org/psikg/id/")
    assert isinstance(first["source"], list) and first["source"][0]["iri"]


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["query", "nope"], 2, "no canned query 'nope'"),
        (["query", "awards", "--param", "colour=red"], 2, "has no parameter colour"),
        (["query", "region-profile"], 2, "needs --param region"),
        (["query", "awards", "--param", "yearonly"], 2, "KEY=VALUE"),
        (["sparql", "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"], 2, "SERVICE"),
        (["sparql", "DROP ALL"], 2, "Update is refused"),
        (["sparql", "SELECT WHERE {"], 2, "malformed SPARQL"),
    ],
)
def test_errors_have_messages_and_exit_codes(runner: CliRunner, built, args, code, words) -> None:
    result = run(runner, built[1], *args)
    assert result.exit_code == code, result.output
    assert words in result.output


def test_missing_store_says_what_to_do(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["stats", "--store", str(tmp_path / "none")])
    assert result.exit_code == 3 and "run 'psikg build' first" in result.output


def test_parameter_injection_is_inert(runner: CliRunner, built) -> None:
    hostile = '2020") } } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o FILTER("'
    result = run(runner, built[1], "query", "awards", "--param", f"year={hostile}")
    assert result.exit_code == 0 and "(0 rows)" in result.output


def test_sparql_select_ask_construct_and_file(runner: CliRunner, built, tmp_path: Path) -> None:
    store = built[1]
    sel = run(
        runner, store, "sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/psikg/ontology#Innovation> }"
    )
    from psikg.store import GraphStore

    _, rows = GraphStore.open(store, read_only=True).select(
        "SELECT ?s WHERE { ?s a <https://w3id.org/psikg/ontology#Innovation> }"
    )
    assert sel.exit_code == 0 and sel.output.split()[2] == str(len(rows)) and len(rows) >= 7
    ask = run(runner, store, "sparql", 'ASK { ?s <https://w3id.org/psikg/ontology#acronym> "LP-PAR" }')
    assert ask.output.strip() == "true"
    con = run(
        runner,
        store,
        "sparql",
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s <https://w3id.org/psikg/ontology#acronym> ?o ; ?p ?o }",
    )
    assert con.exit_code == 0 and con.output.count(" .\n") >= 5
    query_file = tmp_path / "q.rq"
    query_file.write_text("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", encoding="utf-8")
    assert "headline" in run(runner, store, "sparql", str(query_file)).output


def test_validate_exit_codes(runner: CliRunner, built) -> None:
    result = run(runner, built[1], "validate")
    assert result.exit_code == 0, result.output
    as_json = json.loads(run(runner, built[1], "validate", "--format", "json").output)
    assert as_json["conforms"] is True


def test_queries_lists_the_catalogue(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["queries"])
    assert result.exit_code == 0
    for name in ("awards", "innovations", "post-holders", "sdg-coverage"):
        assert name in result.output
    assert "--param year=" in result.output


@pytest.mark.parametrize("command", ["build", "load", "stats", "validate", "queries", "query", "sparql"])
def test_every_command_has_help(runner: CliRunner, command: str) -> None:
    result = runner.invoke(cli, [command, "--help"])
    assert result.exit_code == 0 and len(result.output) > 200
