"""A remote SPARQL endpoint: the same canned queries as the embedded store, and updates.

psikg talks to the triple store an institution runs (Oxigraph server, Virtuoso, Fuseki,
GraphDB…) through the SPARQL 1.1 Protocol only, so any conforming store works. Queries go
through SPARQLWrapper and come back as pyoxigraph terms, so :func:`psikg.queries.run` labels
and formats remote results exactly like the embedded store's. The endpoint is contacted only
at the address the user gives; credentials come from the environment or a file and never
appear in messages.

>>> Endpoint("http://127.0.0.1:7878/query").url
'http://127.0.0.1:7878/query'
>>> Endpoint("ftp://example.org/sparql")
Traceback (most recent call last):
...
psikg.errors.UsageError: endpoint 'ftp://example.org/sparql' is not an http(s) URL
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import BlankNode, Literal, NamedNode
from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from . import __version__
from .errors import QueryError, StoreError, UsageError

USER_ENV = "PSIKG_ENDPOINT_USER"
PASSWORD_ENV = "PSIKG_ENDPOINT_PASSWORD"
AGENT = f"psikg/{__version__}"


@dataclass(frozen=True)
class Credentials:
    """A user name and password for HTTP Basic or Digest authentication."""

    user: str
    password: str

    def __repr__(self) -> str:  # never show the password, not even in a traceback
        return f"Credentials(user={self.user!r}, password='***')"

    @classmethod
    def from_env(cls) -> Credentials | None:
        """``PSIKG_ENDPOINT_USER`` and ``PSIKG_ENDPOINT_PASSWORD``, when both are set."""
        user, password = os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV)
        return cls(user, password) if user and password is not None else None

    @classmethod
    def from_file(cls, path: Path) -> Credentials:
        """A file holding ``user:password`` on its first line, or ``user=`` and ``password=`` lines.

        >>> import tempfile
        >>> p = Path(tempfile.mkdtemp()) / "cred"
        >>> _ = p.write_text("user=dba\\npassword=s3cret\\n")
        >>> Credentials.from_file(p)
        Credentials(user='dba', password='***')
        """
        try:
            lines = [ln.strip() for ln in Path(path).read_text(encoding="utf-8").splitlines() if ln.strip()]
        except OSError as exc:
            raise UsageError(f"cannot read credentials file {path}: {exc.strerror}") from None
        fields = dict(ln.split("=", 1) for ln in lines if "=" in ln and ":" not in ln.split("=", 1)[0])
        if "user" in fields and "password" in fields:
            return cls(fields["user"].strip(), fields["password"].strip())
        if lines and ":" in lines[0]:
            user, _, password = lines[0].partition(":")
            return cls(user.strip(), password)
        raise UsageError(f"credentials file {path}: write 'user:password' on one line, or 'user=…' and 'password=…'")


def _term(binding: dict[str, str]) -> NamedNode | Literal | BlankNode:
    """A SPARQL JSON results term as a pyoxigraph term (so remote rows match local ones)."""
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return NamedNode(value)
    if kind == "bnode":
        return BlankNode(value)
    if "xml:lang" in binding:
        return Literal(value, language=binding["xml:lang"])
    if "datatype" in binding:  # Virtuoso still says "typed-literal" (SPARQL 1.0 JSON draft)
        return Literal(value, datatype=NamedNode(binding["datatype"]))
    return Literal(value)


class Endpoint:
    """A SPARQL endpoint at ``url`` (queries), with an optional separate ``update_url``."""

    def __init__(
        self,
        url: str,
        update_url: str | None = None,
        credentials: Credentials | None = None,
        timeout: float = 120.0,
    ):
        for u in (url, update_url):
            if u is not None and urllib.parse.urlparse(u).scheme not in ("http", "https"):
                raise UsageError(f"endpoint '{u}' is not an http(s) URL")
        self.url = url
        self.update_url = update_url or url
        self.credentials = credentials
        self.timeout = timeout

    # -- queries ---------------------------------------------------------------------------

    def _wrapper(self) -> SPARQLWrapper:
        sw = SPARQLWrapper(self.url, agent=AGENT)
        sw.setTimeout(int(self.timeout))
        sw.setMethod(POST)  # long canned queries do not fit in a URL
        if self.credentials:
            sw.setCredentials(self.credentials.user, self.credentials.password)
        return sw

    def select(self, text: str) -> tuple[list[str], list[dict[str, object]]]:
        """Run a SELECT; its variable names and one dict of pyoxigraph terms per solution."""
        data = self._json(text)
        columns = list(data.get("head", {}).get("vars", []))
        rows: list[dict[str, object]] = [
            {c: (_term(b[c]) if c in b else None) for c in columns} for b in data.get("results", {}).get("bindings", [])
        ]
        return columns, rows

    def ask(self, text: str) -> bool:
        data = self._json(text)
        if "boolean" in data:
            return bool(data["boolean"])
        rows = data.get("results", {}).get("bindings", [])  # Virtuoso answers ASK as one row
        first: dict[str, str] = next(iter(rows[0].values()), {}) if rows else {}
        return first.get("value") in ("1", "true")

    def _json(self, text: str) -> dict:  # type: ignore[type-arg]
        sw = self._wrapper()
        sw.setQuery(text)
        sw.setReturnFormat(JSON)
        try:
            result = sw.query()
            return json.loads(result.response.read().decode("utf-8"))
        except SPARQLWrapperException as exc:
            raise QueryError(f"the endpoint {self.url} refused the query: {_first_line(str(exc))}") from None
        except urllib.error.HTTPError as exc:
            raise StoreError(f"the endpoint {self.url} answered HTTP {exc.code} {exc.reason}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"cannot reach the endpoint {self.url}: {reason}") from None
        except json.JSONDecodeError:
            raise StoreError(f"the endpoint {self.url} did not answer with SPARQL JSON results") from None

    def graph(self, text: str) -> bytes:
        """Run a CONSTRUCT or DESCRIBE; the result as N-Triples."""
        body = urllib.parse.urlencode({"query": text}).encode("utf-8")
        request = urllib.request.Request(
            self.url,
            data=body,
            method="POST",
            headers={
                "Accept": "application/n-triples, text/plain;q=0.5",
                "Content-Type": "application/x-www-form-urlencoded",
                "User-Agent": AGENT,
            },
        )
        try:
            with self._opener(self.url).open(request, timeout=self.timeout) as response:
                return bytes(response.read())
        except urllib.error.HTTPError as exc:
            raise QueryError(f"the endpoint {self.url} refused the query: HTTP {exc.code} {exc.reason}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise StoreError(f"cannot reach the endpoint {self.url}: {getattr(exc, 'reason', exc)}") from None

    # -- updates ---------------------------------------------------------------------------

    def update(self, text: str) -> None:
        """POST a SPARQL Update (``application/sparql-update``) with the credentials, if any."""
        request = urllib.request.Request(
            self.update_url,
            data=text.encode("utf-8"),
            method="POST",
            headers={"Content-Type": "application/sparql-update; charset=utf-8", "User-Agent": AGENT},
        )
        try:
            with self._opener(self.update_url).open(request, timeout=self.timeout) as response:
                response.read()
        except urllib.error.HTTPError as exc:
            body = exc.read().decode("utf-8", "replace")
            hint = " (check the user name and password)" if exc.code in (401, 403) else ""
            raise StoreError(
                f"the endpoint {self.update_url} refused the update: HTTP {exc.code} {exc.reason}{hint}"
                + (f": {_first_line(body)}" if body.strip() else "")
            ) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"cannot reach the endpoint {self.update_url}: {reason}") from None

    def _opener(self, url: str) -> urllib.request.OpenerDirector:
        if not self.credentials:
            return urllib.request.build_opener()
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, url, self.credentials.user, self.credentials.password)
        auth = _ChallengeAuth(passwords)
        opener = urllib.request.build_opener(auth)
        auth.basic.parent = auth.digest.parent = opener
        return opener


class _ChallengeAuth(urllib.request.BaseHandler):
    """Answer a 401 with the scheme the server asks for: Basic (Fuseki, GraphDB) or Digest
    (Virtuoso). urllib's Basic handler raises on a Digest challenge, so the two cannot
    simply both be installed."""

    def __init__(self, passwords: urllib.request.HTTPPasswordMgr):
        self.basic = urllib.request.HTTPBasicAuthHandler(passwords)
        self.digest = urllib.request.HTTPDigestAuthHandler(passwords)

    def http_error_401(self, req, fp, code, msg, headers):  # type: ignore[no-untyped-def]
        challenge = " ".join(headers.get_all("WWW-Authenticate") or []).lower()
        if "digest" in challenge:
            return self.digest.http_error_401(req, fp, code, msg, headers)
        if "basic" in challenge:
            return self.basic.http_error_401(req, fp, code, msg, headers)
        return None


def _first_line(text: str) -> str:
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    return lines[0][:300] if lines else ""
