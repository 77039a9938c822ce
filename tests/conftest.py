"""Shared fixtures: the seed graph built once per session, and helpers to write bad inputs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from psikg.build import build, load_reference
from psikg.extract.mentions import Finder
from psikg.settings import DATA_DIR
from psikg.store import GraphStore

TESTS = Path(__file__).parent
FIXTURES = TESTS / "data"


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory):
    """(BuildResult, store path) of data/ built into a temporary store."""
    path = tmp_path_factory.mktemp("store") / "psikg-store"
    result = build(DATA_DIR, path)
    return result, path


@pytest.fixture(scope="session")
def store(built) -> GraphStore:
    return GraphStore.open(built[1], read_only=True)


@pytest.fixture(scope="session")
def reference():
    """(reference Loaded, Resolver) over the shipped data/."""
    return load_reference(DATA_DIR)


@pytest.fixture(scope="session")
def resolver(reference):
    """The resolver over the shipped data/ (as the extractor gets it)."""
    return reference[1]


@pytest.fixture(scope="session")
def finder(resolver) -> Finder:
    """The extractor's mention finder over that resolver."""
    return Finder(resolver)


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ (reference and seed records) to break on purpose."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target, ignore=shutil.ignore_patterns("__pycache__"))
    return target
