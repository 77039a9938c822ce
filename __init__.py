"""psikg — the Public-Service Innovation Knowledge Graph.

Turns what is known about Indonesia's public-service innovations (curated records, tables and
news articles) into linked data with provenance, validates it with SHACL, and answers canned
SPARQL queries over an embedded Oxigraph store.

>>> import psikg
>>> psikg.__version__
'0.1.0'
"""

from __future__ import annotations

__version__ = "0.1.0"
