"""``psikg serve``: the graph over HTTP — a SPARQL endpoint, linked-data pages and a query page.

Standard library HTTP (``ThreadingHTTPServer``): each request gets a thread, and every query
runs in a worker process of a :class:`~psikg.query_pool.QueryPool` that enforces the time limit.

===================================  =============================================================
``/`` (``/query``)                   the query page (HTML + JS, no CDN)
``/sparql``                          SPARQL 1.1 Protocol query operation (GET, POST form, POST body)
``/queries.json``                    the canned queries: name, title, description, parameters
``/queries/NAME.rq?param=value``     a canned query with its parameters bound
``/ontology``                        the ontology: documentation page, or RDF by ``Accept``
``/.well-known/void``                VoID + DCAT description of the dataset (Turtle)
``/describe?iri=IRI``                any resource of the store
``/PATH``                            the resource ``<base IRI>PATH`` (e.g. ``/id/region/33.75``)
===================================  =============================================================
"""

from __future__ import annotations

import json
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from . import linked_data, pages, queries
from .errors import PsikgError, StoreError
from .query_pool import QueryPool
from .settings import PACKAGE_DIR, VOCAB, base_iri
from .sparql_protocol import GRAPH_TYPES, SHORT_NAMES, HttpError, check, choose, execute, negotiate, parse_request

STATIC = PACKAGE_DIR / "web" / "static"
STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml"}
MAX_BODY = 1_000_000
TEXT = "text/plain; charset=utf-8"


@dataclass(frozen=True)
class Limits:
    """What one request may cost: seconds per query, rows (or triples) per result."""

    timeout: float = 10.0
    max_rows: int = 10_000


class Server(ThreadingHTTPServer):
    """The HTTP server; handlers reach the pool, the limits and the base IRI through it."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], pool: QueryPool, limits: Limits, quiet: bool = False):
        super().__init__(address, Handler)
        self.pool = pool
        self.limits = limits
        self.quiet = quiet
        self.base = base_iri()
        self._void: dict[str, bytes] = {}
        self._void_lock = threading.Lock()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host if isinstance(host, str) else host.decode()}:{port}"

    def void(self, media_type: str) -> bytes:
        """The VoID description, computed once per syntax (the store does not change while served)."""
        with self._void_lock:
            if media_type not in self._void:
                endpoint = self.url + "/sparql"
                seconds = max(self.limits.timeout, 60)
                self._void[media_type] = self.pool.call(linked_data.void, endpoint, media_type, timeout=seconds)
            return self._void[media_type]


class Handler(BaseHTTPRequestHandler):
    server: Server
    server_version = "psikg"
    protocol_version = "HTTP/1.1"

    # --- plumbing --------------------------------------------------------------------------------

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
        if not self.server.quiet:
            super().log_message(format, *args)

    def send(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, val in (headers or {}).items():
            self.send_header(key, val)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def wants_html(self) -> bool:
        return choose(["text/html", "text/plain"], self.headers.get("Accept")) == "text/html"

    def fail(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        self.close_connection = True  # an unread request body must not be taken for the next request
        if self.wants_html() and not self.path.startswith("/sparql"):
            self.send(status, pages.error_page(status, message).encode(), "text/html; charset=utf-8", headers)
        else:
            self.send(status, (message + "\n").encode(), TEXT, headers)

    def handle_safely(self, route: Callable[[], None]) -> None:
        try:
            route()
        except HttpError as exc:
            self.fail(exc.status, exc.message)
        except PsikgError as exc:
            self.fail(400 if exc.exit_code == 2 else 500, str(exc))
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self.handle_safely(self.route_get)

    def do_HEAD(self) -> None:  # noqa: N802
        self.handle_safely(self.route_get)

    def do_POST(self) -> None:  # noqa: N802
        self.handle_safely(self.route_post)

    def do_OPTIONS(self) -> None:  # noqa: N802
        self.send(204, b"", TEXT, {"Allow": "GET, HEAD, POST, OPTIONS", **self.cors()})

    def cors(self) -> dict[str, str]:
        return {
            "Access-Control-Allow-Origin": "*",
            "Access-Control-Allow-Headers": "Content-Type, Accept",
            "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
        }

    # --- routes ----------------------------------------------------------------------------------

    def route_get(self) -> None:
        url = urlsplit(self.path)
        path = url.path
        if path in ("/", "/query", "/index.html"):
            self.send(200, pages.query_page(self.server.base).encode(), "text/html; charset=utf-8")
        elif path == "/sparql":
            if not url.query and self.wants_html():
                self.send(303, b"", TEXT, {"Location": "/"})
            else:
                self.sparql(url.query, "", b"")
        elif path.startswith("/static/"):
            self.static(path[len("/static/") :])
        elif path == "/queries.json":
            self.catalogue()
        elif path.startswith("/queries/") and path.endswith(".rq"):
            self.canned(path[len("/queries/") : -3], url.query)
        elif path == "/.well-known/void":
            media_type = self.rdf_or_html(url.query, html=False)
            self.send(
                200, self.server.void(media_type), media_type + "; charset=utf-8", {"Vary": "Accept", **self.cors()}
            )
        elif path == "/ontology":
            self.ontology(url.query)
        elif path == "/describe":
            iri = parse_qs(url.query).get("iri", [""])[0]
            if not iri:
                raise HttpError(400, "give the IRI to describe as /describe?iri=…")
            self.resource(iri, url.query)
        elif path == "/favicon.ico":
            self.send(404, b"", TEXT)
        else:
            self.resource(self.server.base + path[1:], url.query)

    def route_post(self) -> None:
        url = urlsplit(self.path)
        if url.path != "/sparql":
            raise HttpError(405, "POST is only accepted at /sparql")
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            raise HttpError(413, f"request body of {length:,} bytes; the limit is {MAX_BODY:,}")
        body = self.rfile.read(length) if length else b""
        self.sparql(url.query, self.headers.get("Content-Type", ""), body)

    # --- SPARQL ----------------------------------------------------------------------------------

    def sparql(self, url_query: str, content_type: str, body: bytes) -> None:
        request = parse_request(self.command if self.command != "HEAD" else "GET", url_query, content_type, body)
        form = check(request.text)
        media_type = negotiate(form, self.headers.get("Accept"), request.forced_type)
        limits = self.server.limits
        data = self.server.pool.call(
            execute, request.text, media_type, limits.max_rows, request.default_graphs, request.named_graphs
        )
        charset = "" if media_type == "application/rdf+xml" else "; charset=utf-8"
        self.send(200, data, media_type + charset, {"Vary": "Accept", **self.cors()})

    def catalogue(self) -> None:
        items = [
            {
                "name": q.name,
                "title": q.title,
                "description": q.description,
                "params": [{"name": p.name, "description": p.description, "required": p.required} for p in q.params],
            }
            for q in queries.catalogue().values()
        ]
        self.send(200, json.dumps(items, ensure_ascii=False).encode(), "application/json; charset=utf-8")

    def canned(self, name: str, url_query: str) -> None:
        values = {k: v[0] for k, v in parse_qs(url_query).items() if v and v[0]}
        text = queries.get(name).bind(values)
        self.send(200, text.encode(), "application/sparql-query; charset=utf-8")

    # --- linked data -----------------------------------------------------------------------------

    def rdf_or_html(self, url_query: str, html: bool = True) -> str:
        """``text/html`` or an RDF media type, from ``format=`` or ``Accept``; 406 when neither fits."""
        forced = parse_qs(url_query).get("format", [""])[0].lower()
        if forced:
            if forced == "html" and html:
                return "text/html"
            media_type = SHORT_NAMES.get(forced, forced)
            if media_type not in GRAPH_TYPES:
                raise HttpError(406, f"unknown format '{forced}'; use html, ttl, nt, jsonld or rdfxml")
            return media_type
        offers = ["text/html", *GRAPH_TYPES] if html else [*GRAPH_TYPES]
        chosen = choose(offers, self.headers.get("Accept"))
        if chosen is None:
            raise HttpError(406, "this resource is available as " + ", ".join(offers))
        return chosen

    def resource(self, iri: str, url_query: str) -> None:
        media_type = self.rdf_or_html(url_query)
        vary = {"Vary": "Accept"}
        candidates = [iri] + ([unquote(iri)] if "%" in iri else [])
        for candidate in candidates:
            if media_type == "text/html":
                data = self.server.pool.call(linked_data.describe, candidate)
                if data is not None:
                    page = pages.resource_page(data, self.server.base)
                    self.send(200, page.encode(), "text/html; charset=utf-8", vary)
                    return
            else:
                rdf = self.server.pool.call(linked_data.description, candidate, media_type)
                if rdf is not None:
                    self.send(200, rdf, media_type + "; charset=utf-8", vary)
                    return
        raise HttpError(404, f"<{iri}> is not in this graph")

    def ontology(self, url_query: str) -> None:
        media_type = self.rdf_or_html(url_query)
        vary = {"Vary": "Accept"}
        if media_type == "text/html":
            data = self.server.pool.call(linked_data.ontology)
            self.send(200, pages.ontology_page(data, self.server.base).encode(), "text/html; charset=utf-8", vary)
            return
        rdf = self.server.pool.call(linked_data.ontology, media_type)
        if rdf is None:
            raise HttpError(404, f"the ontology <{VOCAB.rstrip('#')}> is not in this store")
        self.send(200, rdf, media_type + "; charset=utf-8", vary)

    def static(self, name: str) -> None:
        path = STATIC / name
        if "/" in name or name.startswith(".") or not path.is_file() or path.suffix not in STATIC_TYPES:
            raise HttpError(404, f"no static file {name}")
        self.send(200, path.read_bytes(), STATIC_TYPES[path.suffix], {"Cache-Control": "max-age=300"})


def serve(
    store_path: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 4,
    limits: Limits | None = None,
    memory_mb: int = 0,
    quiet: bool = False,
    announce: Callable[[str], None] | None = None,
) -> None:
    """Serve the store at ``store_path`` until interrupted (Ctrl-C or SIGTERM)."""
    store_path = Path(store_path)
    if not (store_path / "CURRENT").exists():
        raise StoreError(f"no psikg store at {store_path}; run 'psikg build' first, or give --store PATH")
    limits = limits or Limits()
    pool = QueryPool(store_path, size=workers, timeout=limits.timeout, memory_mb=memory_mb)
    try:
        httpd = Server((host, port), pool, limits, quiet)
    except OSError:
        pool.close()
        raise

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    (announce or print)(
        f"psikg: serving {store_path} at {httpd.url}/ (SPARQL endpoint {httpd.url}/sparql; "
        f"{workers} workers, {limits.timeout:g} s and {limits.max_rows:,} rows per query)"
    )
    sys.stdout.flush()
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
        pool.close()
