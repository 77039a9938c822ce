"""Refusing hostile SPARQL before it runs: federation, updates where reading, oversized text.

psikg never lets a query make the machine call another host (``SERVICE``), never runs an update
where only reading was asked for, and bounds the query text's size.

>>> check_query("SELECT * WHERE { ?s ?p ?o }")
'select'
>>> check_query("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }")
Traceback (most recent call last):
...
psikg.errors.QueryError: SERVICE (federated query) is refused: psikg never calls other hosts
"""

from __future__ import annotations

import re

from .errors import QueryError

MAX_QUERY_CHARS = 100_000

_STRIP = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'  # long strings
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'  # short strings
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"  # IRIs
    r"|#[^\n]*",  # comments
)
_FORM = re.compile(r"\b(SELECT|CONSTRUCT|DESCRIBE|ASK)\b", re.IGNORECASE)
_UPDATE = re.compile(r"\b(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD)\b", re.IGNORECASE)


def check_query(text: str, max_chars: int = MAX_QUERY_CHARS) -> str:
    """The query form (select, construct, describe, ask); QueryError when refused."""
    if len(text) > max_chars:
        raise QueryError(f"query is {len(text):,} characters; the limit is {max_chars:,}")
    bare = _STRIP.sub(" ", text)
    if re.search(r"\bSERVICE\b", bare, re.IGNORECASE):
        raise QueryError("SERVICE (federated query) is refused: psikg never calls other hosts")
    form = _FORM.search(bare)
    if _UPDATE.search(bare) and not form:
        raise QueryError("SPARQL Update is refused: this is a read-only query interface")
    if not form:
        raise QueryError("not a SPARQL query: expected SELECT, CONSTRUCT, DESCRIBE or ASK")
    return form.group(1).lower()
