"""The ``psikg`` command: build, validate, query and inspect the graph.

Thin by design: each command parses its options, calls one library function and prints.
Exit codes: 0 success (and the graph conforms), 1 the graph does not conform to the shapes,
2 usage error (unknown query, missing parameter, malformed SPARQL), 3 bad input or store error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__, queries
from .build import build as build_graph
from .build import load_into
from .errors import PsikgError, QueryError, StoreError
from .formats import FORMATS, as_table, render
from .guard import check_query
from .settings import DATA_DIR, default_store
from .store import GraphStore
from .validate import Report, validate_store

store_option = click.option(
    "--store",
    "store_path",
    type=click.Path(path_type=Path),
    default=None,
    envvar="PSIKG_STORE",
    help="Store folder. Default: ./psikg-store, or $PSIKG_STORE.",
)
format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="table for people; csv or json for programs (JSON cells carry labels and IRIs).",
)


endpoint_option = click.option(
    "--endpoint",
    metavar="URL",
    default=None,
    help="Ask this SPARQL endpoint (e.g. http://localhost:7878/query) instead of the embedded store.",
)
credentials_option = click.option(
    "--credentials",
    "credentials_file",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help="File with 'user:password' for the endpoint. Default: $PSIKG_ENDPOINT_USER and $PSIKG_ENDPOINT_PASSWORD.",
)


def _endpoint(url: str, credentials_file: Path | None, update_url: str | None = None):  # type: ignore[no-untyped-def]
    from .endpoint import Credentials, Endpoint

    creds = Credentials.from_file(credentials_file) if credentials_file else Credentials.from_env()
    return Endpoint(url, update_url, creds)


def _store_path(path: Path | None) -> Path:
    return path or default_store()


def _err(text: str) -> None:
    click.echo(text, err=True)


def print_report(report: Report, limit: int = 50) -> None:
    """The validation report for a person: each finding with label, path, message and source."""
    if not report.findings:
        click.echo(f"Validation: the graph conforms to the shapes ({report.triples:,} triples checked).")
        return
    verdict = "does NOT conform" if not report.conforms else "conforms, with warnings"
    click.echo(
        f"Validation: the graph {verdict}: {len(report.violations)} violation(s), {len(report.warnings)} warning(s)."
    )
    for f in report.findings[:limit]:
        click.echo(f"  [{f.severity}] {f.focus_label}  <{f.focus}>")
        click.echo(f"      {f.path or '(node)'}: {f.message}" + (f" (value: {f.value})" if f.value else ""))
        if f.sources:
            click.echo(f"      from: {'; '.join(f.sources)}")
    if len(report.findings) > limit:
        click.echo(f"  … and {len(report.findings) - limit} more (use 'psikg validate --format json').")


def print_summary(store: GraphStore) -> None:
    from .stats import summarize

    s = summarize(store)
    click.echo(f"\nThe graph: {s.triples:,} triples in {s.graphs} named graphs.\n")
    click.echo(as_table(s.classes))
    click.echo(as_table(s.sources))


class PsikgGroup(click.Group):
    """Turns psikg's errors into a message on stderr and the documented exit code."""

    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except PsikgError as exc:
            label = "query error" if isinstance(exc, QueryError) else "error"
            _err(f"psikg: {label}:\n  " + str(exc).replace("\n", "\n  "))
            ctx.exit(exc.exit_code)


@click.group(cls=PsikgGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="psikg")
def cli() -> None:
    """psikg — the Public-Service Innovation Knowledge Graph.

    Builds a validated RDF graph of Indonesian public-service innovations, the regions and
    agencies behind them, their awards and the officials involved, from the records in data/,
    and answers questions about it in SPARQL.

    \b
    Start here:
      psikg build                    build ./psikg-store from data/, validate, summarise
      psikg queries                  list the canned queries and their parameters
      psikg query awards --param year=2020
      psikg sparql 'SELECT * WHERE { ?s ?p ?o } LIMIT 5'

    Exit codes: 0 ok, 1 graph does not conform, 2 usage error, 3 bad input or store error.
    """


engine_option = click.option(
    "--engine",
    type=click.Choice(["pyshacl", "sparql"]),
    default="pyshacl",
    show_default=True,
    help="pyshacl: copy the graph into rdflib and run pySHACL. sparql: the same shapes compiled to "
    "SPARQL and run inside the store, same findings, minutes instead of hours on large graphs.",
)


def _validate(store: GraphStore, engine: str) -> Report:
    if engine == "sparql":
        from .shacl_sparql import validate_store_sparql

        return validate_store_sparql(store)
    return validate_store(store)


@cli.command()
@store_option
@click.option(
    "--data",
    "data_dir",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    default=DATA_DIR,
    show_default="the data/ shipped with psikg",
    help="Data folder with reference/ and records/.",
)
@click.option(
    "--keep-going", is_flag=True, help="Load the sources that are fine and skip (and report) the ones with problems."
)
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation.")
@engine_option
def build(store_path: Path | None, data_dir: Path, keep_going: bool, no_validate: bool, engine: str) -> None:
    """Build the store from a data folder, validate it, and show what is in it.

    Reference data (regions, SDGs, schemes, roles, agencies, officials) is loaded first, then
    every record (.yaml/.json) and table (.csv) under records/. Each source lands in its own
    named graph with its provenance. The store is built in a new folder and swapped in only
    when complete: if any source has problems, all of them are listed and the old store is left
    as it was (unless --keep-going).
    """
    path = _store_path(store_path)
    _err(f"Building {path} from {data_dir} …")
    with click.progressbar(length=0, label="Loading sources", file=sys.stderr, show_pos=True, show_eta=False) as bar:

        def progress(index: int, total: int, source: Path) -> None:
            bar.length = total
            bar.update(index - bar.pos)

        result = build_graph(data_dir, path, keep_going=keep_going, progress=progress)
        bar.update((bar.length or 0) - bar.pos)
    for failure in result.loaded.failures:
        _err("skipped (has problems):\n  " + "\n  ".join(str(p) for p in failure.problems))
    for warning in result.loaded.warnings:
        _err(f"warning: {warning}")
    sources = [ld for ld in result.loaded.loads if not ld.source_id.startswith("reference-")]
    click.echo(
        f"Loaded {len(sources)} source(s) and {len(result.loaded.loads) - len(sources)} reference "
        f"file(s): {result.triples:,} triples in {path}."
    )
    store = GraphStore.open(path)
    code = 0
    if not no_validate:
        report = _validate(store, engine)
        print_report(report)
        code = 0 if report.conforms else 1
    print_summary(store)
    sys.exit(code)


@cli.command()
@store_option
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True, dir_okay=False))
def load(store_path: Path | None, files: tuple[Path, ...]) -> None:
    """Add or replace sources (records or tables) in an existing store.

    Each source replaces its own named graph(s) in one transaction; a source with problems is
    reported and nothing of the batch is written.
    """
    store = GraphStore.open(_store_path(store_path))
    loaded = load_into(store, list(files))
    for ld in loaded.loads:
        click.echo(f"loaded {ld.source_id}: {ld.size} triples in {len(ld.graphs)} graph(s)")


@cli.command()
@store_option
def stats(store_path: Path | None) -> None:
    """Summarise an existing store: triples, named graphs, nodes per class, sources."""
    print_summary(GraphStore.open(_store_path(store_path), read_only=True))


@cli.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--limit", default=50, show_default=True, help="Findings to print in text format.")
@engine_option
def validate(store_path: Path | None, fmt: str, limit: int, engine: str) -> None:
    """Check the store against the SHACL shapes in shapes/.

    Prints each finding with the focus node's label, the property, the message and the source it
    came from. Exits 0 when the graph conforms (warnings allowed), 1 when it does not.
    """
    report = _validate(GraphStore.open(_store_path(store_path), read_only=True), engine)
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "conforms": report.conforms,
                    "triples": report.triples,
                    "findings": [f.__dict__ | {"sources": list(f.sources)} for f in report.findings],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print_report(report, limit)
    sys.exit(0 if report.conforms else 1)


@cli.command(name="queries")
def list_queries() -> None:
    """List the canned queries with their descriptions and parameters.

    Canned queries are the questions researchers ask most (awards, innovations, who held which
    post when, SDG coverage, a region's profile, ...), kept as SPARQL files in queries/. Run
    one with 'psikg query NAME --param KEY=VALUE'; each file is also a plain SPARQL query you
    can copy into any endpoint.
    """
    for q in queries.catalogue().values():
        click.echo(click.style(q.name, bold=True) + f" — {q.title}")
        click.echo("    " + "\n    ".join(_wrap(q.description, 92)))
        for p in q.params:
            click.echo(f"    --param {p.name}=…  {p.description}")
        click.echo()


def _wrap(text: str, width: int) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width) or [""]


@cli.command()
@store_option
@format_option
@endpoint_option
@credentials_option
@click.argument("name")
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="A parameter of the query (repeatable); see 'psikg queries'.",
)
def query(
    store_path: Path | None,
    fmt: str,
    endpoint: str | None,
    credentials_file: Path | None,
    name: str,
    params: tuple[str, ...],
) -> None:
    """Run the canned query NAME (from queries/NAME.rq) on the store.

    Parameters are bound as RDF literals, never pasted into the query text. Cells show labels;
    --format json also gives each node's IRI.

    \b
    Examples:
      psikg query awards --param year=2020 --param rank="Top 45"
      psikg query post-holders --param person="Cahyo Kumolo"
      psikg query innovations --param sdg=5 --format csv
      psikg query awards --endpoint http://localhost:7878/query   # a published copy
    """
    values = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(f"'{item}' is not KEY=VALUE", param_hint="--param")
        values[key.strip()] = value
    target = (
        _endpoint(endpoint, credentials_file) if endpoint else GraphStore.open(_store_path(store_path), read_only=True)
    )
    click.echo(render(queries.run(target, name, values), fmt), nl=False)


@cli.command()
@store_option
@format_option
@endpoint_option
@credentials_option
@click.argument("query_text", metavar="QUERY-OR-FILE")
def sparql(
    store_path: Path | None, fmt: str, endpoint: str | None, credentials_file: Path | None, query_text: str
) -> None:
    """Run any SPARQL SELECT/ASK/CONSTRUCT/DESCRIBE query (text, or a path to a .rq file).

    The default graph is the union of all named graphs; GRAPH ?g reaches each source's graph.
    SERVICE and updates are refused. CONSTRUCT/DESCRIBE print N-Triples.
    """
    path = Path(query_text)
    if len(query_text) < 4096 and path.suffix in (".rq", ".sparql") and path.is_file():
        query_text = path.read_text(encoding="utf-8")
    form = check_query(query_text)
    if endpoint:
        remote = _endpoint(endpoint, credentials_file)
        if form == "select":
            click.echo(render(queries.tabulate(remote, query_text), fmt), nl=False)
        elif form == "ask":
            click.echo("true" if remote.ask(query_text) else "false")
        else:
            click.echo(remote.graph(query_text).decode("utf-8"), nl=False)
        return
    store = GraphStore.open(_store_path(store_path), read_only=True)
    if form == "select":
        click.echo(render(queries.tabulate(store, query_text), fmt), nl=False)
        return
    result = store.query(query_text)
    if form == "ask":
        click.echo("true" if bool(result) else "false")
        return
    import pyoxigraph

    data = pyoxigraph.serialize(result, format=pyoxigraph.RdfFormat.N_TRIPLES) or b""
    click.echo(data.decode("utf-8"), nl=False)


def _export_formats() -> list[str]:
    from .export import FORMATS as EXPORT_FORMATS

    return list(EXPORT_FORMATS)


@cli.command(name="export")
@store_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(_export_formats()),
    default="nq",
    show_default=True,
    help="nq, trig, jsonld keep the named graphs; nt, ttl, rdfxml get their union.",
)
@click.option(
    "--graph",
    "graphs",
    multiple=True,
    metavar="IRI",
    help="Export only this named graph (repeatable). Default: every graph.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False, writable=True),
    default=None,
    help="File to write (it appears only when complete). Default: standard output.",
)
@click.option(
    "--context",
    type=click.Choice(["embed", "reference"]),
    default="embed",
    show_default=True,
    help="JSON-LD only: embed the @context, or reference https://w3id.org/psikg/context.jsonld.",
)
def export_command(
    store_path: Path | None, fmt: str, graphs: tuple[str, ...], output: Path | None, context: str
) -> None:
    """Write the graph as an RDF file, for other tools or for publishing.

    The output is deterministic: statements are sorted, so exporting the same store twice gives
    byte-identical files. N-Quads (nq), TriG and JSON-LD keep each source's named graph;
    N-Triples (nt), Turtle (ttl) and RDF/XML cannot hold graphs and get the union of the chosen
    graphs, each triple once.

    \b
    Examples:
      psikg export --format ttl -o psikg.ttl
      psikg export --format nq --graph https://w3id.org/psikg/id/graph/reference/sdg
      psikg export --format jsonld | head
    """
    import time

    from .export import FORMATS as EXPORT_FORMATS
    from .export import export_file, export_stream

    store = GraphStore.open(_store_path(store_path), read_only=True)
    started = time.monotonic()
    _err(f"Exporting {'graph(s) ' + ', '.join(graphs) if graphs else 'the store'} as {fmt} …")
    if output is None:
        sys.stdout.flush()
        n = export_stream(store, sys.stdout.buffer, fmt, graphs or None, context)
    else:
        n = export_file(store, output, fmt, graphs or None, context)
    merged = len(graphs) if graphs else len(store.graphs())
    if not EXPORT_FORMATS[fmt].keeps_graphs and merged > 1:
        _err(f"note: {fmt} has no named graphs; wrote the union of {merged} graphs")
    where = f" to {output}" if output else ""
    _err(f"Wrote {n:,} statements{where} in {time.monotonic() - started:.1f} s.")


@cli.command(name="release")
@store_option
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
@click.option("--force", is_flag=True, help="Replace DIRECTORY even if it is not empty.")
def release_command(store_path: Path | None, directory: Path, force: bool) -> None:
    """Write a dataset release of the graph into the new folder DIRECTORY.

    \b
    The folder gets:
      psikg.nq, psikg.trig, psikg.jsonld   the whole dataset, named graphs kept
      psikg.ttl                            the union of the graphs, in Turtle
      void.ttl                             VoID/DCAT description: counts, licence (CC BY 4.0),
                                           version, date, each dump's size and SHA-256
      validation.txt, validation.json      the SHACL validation report
      SHA256SUMS                           check with: cd DIRECTORY && sha256sum -c SHA256SUMS

    The release is written to a temporary folder and renamed into place when complete. An
    existing non-empty DIRECTORY is refused unless --force. Exits 1 if the graph does not
    conform to the shapes (the release is still written, with its report).
    """
    from .release import release

    store = GraphStore.open(_store_path(store_path), read_only=True)
    result = release(store, directory, force=force, progress=lambda step: _err(f"  {step} …"))
    click.echo(f"Released {result.triples:,} statements into {result.path}:")
    for name, size in sorted(result.files.items()):
        click.echo(f"  {name:<16} {size:>12,} bytes")
    verdict = "conforms" if result.report.conforms else "does NOT conform (see validation.txt)"
    click.echo(f"Validation: the graph {verdict}.")
    sys.exit(0 if result.report.conforms else 1)


@cli.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, help="Port to listen on (0: any free port).")
@click.option("--timeout", default=10.0, show_default=True, help="Seconds a query may run before it is stopped.")
@click.option("--max-rows", default=10_000, show_default=True, help="Rows (or triples) a query result may have.")
@click.option("--workers", default=4, show_default=True, help="Query worker processes (queries run in parallel).")
@click.option("--max-memory", default=2048, show_default=True, help="Memory per query worker in MB (0: no limit).")
@click.option("--quiet", is_flag=True, help="Do not log each request.")
def serve(
    store_path: Path | None,
    host: str,
    port: int,
    timeout: float,
    max_rows: int,
    workers: int,
    max_memory: int,
    quiet: bool,
) -> None:
    """Serve the store over HTTP: SPARQL endpoint, linked-data pages, query page.

    \b
    http://HOST:PORT/          the query page (editor, canned queries, results table)
    http://HOST:PORT/sparql    SPARQL 1.1 Protocol endpoint (read-only)
    http://HOST:PORT/id/…      a resource's page, or its RDF by Accept (Turtle, N-Triples, JSON-LD)
    http://HOST:PORT/ontology  the ontology's documentation
    http://HOST:PORT/.well-known/void   VoID description with counts

    Each query runs in a worker process, is stopped after --timeout seconds and refused beyond
    --max-rows rows. Stop the server with Ctrl-C. See docs/serving.md.
    """
    from .server import Limits
    from .server import serve as run_server

    run_server(
        _store_path(store_path),
        host=host,
        port=port,
        workers=workers,
        limits=Limits(timeout=timeout, max_rows=max_rows),
        memory_mb=max_memory,
        quiet=quiet,
        announce=click.echo,
    )


@cli.command()
@store_option
@click.option("--endpoint", required=True, metavar="URL", help="SPARQL Update endpoint of the triple store.")
@click.option(
    "--query-endpoint",
    metavar="URL",
    default=None,
    help="Its SPARQL query endpoint: after publishing, count each graph there to verify it.",
)
@click.option(
    "--graph",
    "graphs",
    multiple=True,
    metavar="IRI",
    help="Publish only this named graph (repeatable). Default: every graph of the store.",
)
@click.option("--batch-size", default=2_000, show_default=True, help="Triples per INSERT DATA request.")
@credentials_option
def publish(
    store_path: Path | None,
    endpoint: str,
    query_endpoint: str | None,
    graphs: tuple[str, ...],
    batch_size: int,
    credentials_file: Path | None,
) -> None:
    """Push the graph into a triple store (Oxigraph, Virtuoso, Fuseki, GraphDB, ...).

    Each named graph is sent in batches into a staging graph, then swapped in with one SPARQL
    MOVE: a re-run replaces the graph (no duplicates), and a run stopped half-way leaves the
    published graph as it was, so running again ends with exactly the store's graph.

    \b
    Examples:
      psikg publish --endpoint http://localhost:7878/update                  # oxigraph serve
      psikg publish --endpoint http://localhost:8890/sparql-auth --credentials ~/.virtuoso
      psikg publish --endpoint http://localhost:3030/psikg/update --graph https://w3id.org/psikg/id/graph/002-...

    Credentials come from --credentials FILE or $PSIKG_ENDPOINT_USER/$PSIKG_ENDPOINT_PASSWORD
    and are never printed. See README, "Publishing to a triple store".
    """
    from .publish import graphs_to_publish
    from .publish import publish as push

    store = GraphStore.open(_store_path(store_path), read_only=True)
    remote = _endpoint(query_endpoint or endpoint, credentials_file, update_url=endpoint)
    chosen = graphs_to_publish(store, graphs)
    total = sum(len(list(store.oxigraph.quads_for_pattern(None, None, None, g))) for g in chosen)
    done: dict[str, int] = {}
    with click.progressbar(length=total, label="Publishing", file=sys.stderr, show_pos=True) as bar:

        def progress(graph: str, sent: int, _total: int) -> None:
            bar.update(sent - done.get(graph, 0))
            done[graph] = sent

        results = push(store, remote, [g.value for g in chosen], batch_size, progress)
    from .queries import Cell, Table

    columns = ["graph", "triples", "batches"]
    cells = [[Cell(r.graph), Cell(str(r.triples)), Cell(str(r.batches))] for r in results]
    if query_endpoint:
        from .publish import count_at

        columns.append("at endpoint")
        for row, r in zip(cells, results, strict=True):
            row.append(Cell(str(count_at(remote, r.graph))))
    click.echo(as_table(Table(columns, cells)), nl=False)
    click.echo(f"Published {sum(r.triples for r in results):,} triples in {len(results)} graph(s) to {endpoint}.")
    if query_endpoint and any(c[1].text != c[3].text for c in cells):
        raise StoreError("the endpoint holds other counts than were sent (see the table); is another writer at work?")


@cli.command(name="coverage")
@store_option
@format_option
@click.option("--scheme", default=None, help="Only this award scheme (key, e.g. kipp, unpsa, iga).")
@click.option("--year", default=None, help="Only this edition year, e.g. 2019.")
@click.option(
    "--by-kind",
    is_flag=True,
    help="One row per edition and kind of institution (ministry, agency, province, regency, city, "
    "other), against the composition the announcement states.",
)
def coverage_command(store_path: Path | None, fmt: str, scheme: str | None, year: str | None, by_kind: bool) -> None:
    """How much of each announced award edition the graph holds.

    Per scheme, edition year and rank: entries in the graph, the total the announcement states
    (data/reference/editions.yaml, with its source), how many are missing, and how many resolve
    to a known region and institution. The table format ends with a summary paragraph for a
    release note; json carries it as "summary".

    With --by-kind, which kinds of institution the missing entries belong to, where the
    announcement says how many entries came from ministries, agencies (lembaga), provinces,
    regencies and cities ("19 kementerian, 5 lembaga, 12 provinsi, ...").

    \b
    Examples:
      psikg coverage
      psikg coverage --scheme kipp --year 2019 --format csv
      psikg coverage --by-kind --scheme kipp
    """
    from .coverage import coverage, coverage_by_kind

    store = GraphStore.open(_store_path(store_path), read_only=True)
    report = (coverage_by_kind if by_kind else coverage)(store, scheme=scheme, year=year)
    if fmt == "json":
        data = json.loads(render(report.table(), "json"))
        data["summary"] = report.summary()
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(render(report.table(), fmt), nl=False)
    if fmt == "table":
        click.echo("\n" + report.summary())


# ---------------------------------------------------------------------- replication
def _replication_source(fn):  # type: ignore[no-untyped-def]
    """--store, --endpoint and --credentials: where the replication rows come from."""
    return store_option(endpoint_option(credentials_option(fn)))


def _replication_target(store_path: Path | None, endpoint: str | None, credentials_file: Path | None):  # type: ignore[no-untyped-def]
    if endpoint:
        return _endpoint(endpoint, credentials_file)
    return GraphStore.open(_store_path(store_path), read_only=True)


def _replications(store_path: Path | None, endpoint: str | None, credentials_file: Path | None):  # type: ignore[no-untyped-def]
    from .replication.network import fetch

    return fetch(_replication_target(store_path, endpoint, credentials_file))


@cli.group(name="replication")
def replication_group() -> None:
    """How innovations spread between regions: the network of stated replications.

    Rows come from the canned query 'replications' (psikg query replications), on the store
    or on a SPARQL endpoint (--endpoint). Regions are nodes, an edge runs from the region of
    an original innovation to the region replicating it. See docs/replication.md.

    \b
    Examples:
      psikg replication summary
      psikg replication rank --limit 10
      psikg replication tree TOSS
      psikg replication flows --level island
      psikg replication export --format gexf replication.gexf
      psikg replication plot --kind flows flows.png
      psikg replication candidates --min-score 0.7
    """


@replication_group.command(name="summary")
@_replication_source
@format_option
def replication_summary(store_path: Path | None, endpoint: str | None, credentials_file: Path | None, fmt: str) -> None:
    """Nodes, edges, components, origin and adopting regions, density."""
    from .replication.report import summary_table

    click.echo(render(summary_table(_replications(store_path, endpoint, credentials_file)), fmt), nl=False)


@replication_group.command(name="rank")
@_replication_source
@format_option
@click.option("--limit", type=int, default=None, help="Only the first N regions.")
def replication_rank(
    store_path: Path | None, endpoint: str | None, credentials_file: Path | None, fmt: str, limit: int | None
) -> None:
    """Regions as origins and adopters: reach, out/in-degree, PageRank.

    reach: regions reached transitively; out_degree: regions that copied it; in_degree:
    regions it copied from; replicated/adopted: the same counted in replications; influence:
    PageRank on the copies-from graph; adoption: PageRank on the origin → adopter graph.
    """
    from .replication.report import rank_table

    click.echo(render(rank_table(_replications(store_path, endpoint, credentials_file), limit), fmt), nl=False)


@replication_group.command(name="tree")
@_replication_source
@click.argument("innovation")
def replication_tree(
    store_path: Path | None, endpoint: str | None, credentials_file: Path | None, innovation: str
) -> None:
    """The diffusion tree of INNOVATION (label, acronym or IRI) over time."""
    from .replication.network import find_innovation, render_tree, tree

    reps = _replications(store_path, endpoint, credentials_file)
    click.echo(render_tree(tree(reps, find_innovation(reps, innovation))))


@replication_group.command(name="flows")
@_replication_source
@format_option
@click.option(
    "--level", type=click.Choice(["province", "island"]), default="province", show_default=True, help="Aggregate to."
)
def replication_flows(
    store_path: Path | None, endpoint: str | None, credentials_file: Path | None, fmt: str, level: str
) -> None:
    """Replications aggregated to provinces or to island groups (Sumatera, Jawa, …)."""
    from .replication.report import flows_table

    click.echo(render(flows_table(_replications(store_path, endpoint, credentials_file), level), fmt), nl=False)


@replication_group.command(name="lag")
@_replication_source
@format_option
@click.option("--details", is_flag=True, help="One row per replication with its lag.")
def replication_lag(
    store_path: Path | None, endpoint: str | None, credentials_file: Path | None, fmt: str, details: bool
) -> None:
    """Years from an original's first known year to its replication: min, median, max."""
    from .replication.report import lag_rows_table, lag_table

    reps = _replications(store_path, endpoint, credentials_file)
    click.echo(render(lag_rows_table(reps) if details else lag_table(reps), fmt), nl=False)


@replication_group.command(name="clusters")
@_replication_source
@format_option
def replication_clusters(
    store_path: Path | None, endpoint: str | None, credentials_file: Path | None, fmt: str
) -> None:
    """Communities of regions that copy each other (greedy modularity, undirected)."""
    from .replication.report import clusters_table

    click.echo(render(clusters_table(_replications(store_path, endpoint, credentials_file)), fmt), nl=False)


@replication_group.command(name="export")
@_replication_source
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["graphml", "gexf", "json", "csv"]),
    default="graphml",
    show_default=True,
    help="graphml, gexf (Gephi), json (node-link, D3) or csv (edge list).",
)
@click.option(
    "--graph",
    "which",
    type=click.Choice(["regions", "innovations"]),
    default="regions",
    show_default=True,
    help="Regions (weighted edges) or innovations (one edge per replication).",
)
@click.argument("out", type=click.Path(path_type=Path, dir_okay=False))
def replication_export(
    store_path: Path | None, endpoint: str | None, credentials_file: Path | None, fmt: str, which: str, out: Path
) -> None:
    """Write the replication network to OUT for Gephi, D3 or a spreadsheet."""
    from .replication.exchange import write_file
    from .replication.network import innovation_graph, region_graph

    reps = _replications(store_path, endpoint, credentials_file)
    g = region_graph(reps) if which == "regions" else innovation_graph(reps)
    write_file(g, fmt, out)
    click.echo(f"Wrote {g.number_of_nodes()} nodes and {g.number_of_edges()} edges to {out} ({fmt}).")


@replication_group.command(name="plot")
@_replication_source
@click.option("--kind", type=click.Choice(["tree", "flows", "ranking"]), required=True, help="Which figure.")
@click.option("--innovation", default=None, help="For --kind tree: only this innovation's tree.")
@click.option("--level", type=click.Choice(["province", "island"]), default="province", show_default=True)
@click.argument("out", type=click.Path(path_type=Path, dir_okay=False))
def replication_plot(
    store_path: Path | None,
    endpoint: str | None,
    credentials_file: Path | None,
    kind: str,
    innovation: str | None,
    level: str,
    out: Path,
) -> None:
    """Draw a figure to OUT (.png, .svg or .pdf); needs pip install 'psikg[plot]'."""
    from .replication.network import find_innovation
    from .replication.plot import plot

    reps = _replications(store_path, endpoint, credentials_file)
    plot(reps, kind, out, find_innovation(reps, innovation) if innovation else None, level)
    click.echo(f"Wrote {out}.")


@replication_group.command(name="candidates")
@_replication_source
@format_option
@click.option("--min-score", type=click.FloatRange(0, 1), default=0.6, show_default=True, help="Lowest score shown.")
@click.option(
    "--save",
    is_flag=True,
    help="Also keep them in the store, in the graph id/graph/candidates/replication (replaced on "
    "each run) as psikg:CandidateReplication nodes, apart from stated replications. Embedded store only.",
)
def replication_candidates(
    store_path: Path | None, endpoint: str | None, credentials_file: Path | None, fmt: str, min_score: float, save: bool
) -> None:
    """Possible replications no source states, for review: alike innovations, later, elsewhere.

    A pair is offered when two innovations of different regions have alike names, acronyms or
    descriptions and one is known strictly earlier (launch, award year or source date). The
    'matched' column says which fields matched and how well. Stated replications are left out.
    With --save they are kept in a graph of their own for review (psikg query
    replication-candidates lists them); the analyses read stated replications only.
    """
    from .replication import candidates

    if save and endpoint:
        raise click.UsageError("--save writes to the embedded store; publish it afterwards (psikg publish --graph ...)")
    store = GraphStore.open(_store_path(store_path)) if save else None
    target = store or _replication_target(store_path, endpoint, credentials_file)
    from .replication.network import fetch

    found = candidates.find(candidates.fetch(target), min_score, fetch(target))
    click.echo(render(candidates.as_table(found), fmt), nl=False)
    if store is not None:
        graph = candidates.save(store, found)
        _err(f"Saved {len(found)} candidate(s) in {graph.value} (replaced).")


@cli.command(name="extract")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("extracted"),
    show_default=True,
    help="Folder for the records (one <source id>.yaml per article).",
)
@click.option("--max-size", default=2.0, show_default=True, help="Largest article file to read, in MB.")
def extract_command(files: tuple[Path, ...], out_dir: Path, max_size: float) -> None:
    """Read news articles (text or saved HTML) and write one record per article for review.

    Each record (psikg-record/1, docs/record-format.md) lists the innovations, regions, awards,
    launches, officials and replications (which region copies which innovation of another) the
    article states, each with the quoted text it rests on and a
    confidence from 0 to 1. A file that cannot be read (empty, binary, too large, not
    Indonesian) is reported and skipped; the others go on. Records are written whole or not at
    all. See docs/extraction.md. Exit 3 when any file failed.

    \b
    Example:
      psikg extract data/articles/*.txt --out extracted/
    """
    from .build import reference_resolver
    from .extract.mentions import Finder
    from .extract.reading import BadArticle
    from .extract.records import extract_file

    resolver = reference_resolver()
    finder = Finder(resolver)
    failed = 0
    for path in files:
        try:
            result = extract_file(path, out_dir, resolver, finder, int(max_size * 1_000_000))
        except (BadArticle, PsikgError, OSError) as exc:
            failed += 1
            _err(f"skipped {path}: " + str(exc).replace(f"{path}: ", ""))
            continue
        counts = ", ".join(f"{len(result.record.get(s, []))} {s}" for s in ("innovations", "awards", "people"))
        click.echo(f"{path} -> {result.path} ({counts})")
    click.echo(f"Extracted {len(files) - failed} of {len(files)} article(s) into {out_dir}.")
    if failed:
        sys.exit(3)


@cli.command(name="load-articles")
@store_option
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option(
    "--records",
    "records_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Also keep the extracted records in this folder.",
)
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation after loading.")
def load_articles_command(
    store_path: Path | None, directory: Path, records_dir: Path | None, no_validate: bool
) -> None:
    """Extract every article (.txt/.html) of DIRECTORY and load it into the store.

    Extracted facts are claims of their article, kept apart from curated facts: each article
    gets the named graph .../graph/extracted/<source id> and a load record naming the
    'extract' loader; every quote carries its confidence. Each article loads whole or not at
    all (a bad one is reported and skipped). The store is then validated with the same shapes.
    """
    from .extract.loading import article_files, load_articles

    store = GraphStore.open(_store_path(store_path))
    paths = article_files(directory)
    report = load_articles(store, paths, records_dir=records_dir, validate=not no_validate)
    for ld in report.loads:
        if ld.error:
            _err(f"skipped {ld.path}: {ld.error}")
        else:
            click.echo(f"loaded {ld.source_id}: {ld.triples} triples")
    click.echo(f"Loaded {len(report.loads) - len(report.failed)} of {len(report.loads)} article(s).")
    code = 3 if report.failed else 0
    if report.validation is not None:
        print_report(report.validation)
        code = code or (0 if report.validation.conforms else 1)
    sys.exit(code)


@cli.command(name="eval-extract")
@click.argument("gold_dir", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option("--errors", "show_errors", is_flag=True, help="Also list each missed and each extra fact.")
def eval_extract_command(gold_dir: Path, show_errors: bool) -> None:
    """Score extraction against the gold files (*.yaml) of GOLD_DIR: precision, recall, F1.

    Each gold file names an article and the facts a reader finds in it (docs/extraction.md);
    the table gives, per fact type and overall, the gold and found counts and the scores.
    Replications are scored only for gold files that have a `replications` key.

    Example:
      psikg eval-extract --errors tests/data/extract/blind12/gold
    """
    from .build import reference_resolver
    from .extract.evaluation import evaluate

    try:
        result = evaluate(gold_dir, reference_resolver())
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(result.table(), nl=False)
    if show_errors:
        for line in result.errors:
            click.echo(f"  {line}")


def main() -> None:
    """Entry point of the ``psikg`` command."""
    cli()


if __name__ == "__main__":  # python -m psikg.cli, as the tests' subprocesses run it
    main()
