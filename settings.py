"""Where psikg's knowledge files live, and its defaults.

The package directory *is* the project root: ``ontology/``, ``shapes/``, ``queries/`` and
``data/`` sit beside this module and ship inside the installed package.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ONTOLOGY_DIR = PACKAGE_DIR / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "psikg.ttl"
SHAPES_DIR = PACKAGE_DIR / "shapes"
QUERIES_DIR = PACKAGE_DIR / "queries"
DATA_DIR = PACKAGE_DIR / "data"

#: Namespace of the ontology's terms (fixed: it names the vocabulary, not the data).
VOCAB = "https://w3id.org/psikg/ontology#"
#: Default base of instance IRIs; ``PSIKG_BASE_IRI`` or ``--base-iri`` change it.
DEFAULT_BASE_IRI = "https://w3id.org/psikg/"
#: Default store folder, relative to the working directory; ``PSIKG_STORE`` changes it.
DEFAULT_STORE = "psikg-store"


def base_iri() -> str:
    """The instance base IRI in force (``PSIKG_BASE_IRI`` or the default), ending in ``/``."""
    base = os.environ.get("PSIKG_BASE_IRI", DEFAULT_BASE_IRI)
    return base if base.endswith("/") else base + "/"


def default_store() -> Path:
    """The store path in force: ``PSIKG_STORE`` or ``./psikg-store``."""
    return Path(os.environ.get("PSIKG_STORE", DEFAULT_STORE))
