"""Every docstring example of psikg's modules runs (like oxigraph's test_doc.py)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import psikg
import pytest

MODULES = sorted(
    ["psikg"]
    + [
        m.name
        for m in pkgutil.walk_packages(psikg.__path__, "psikg.")
        if not m.name.startswith(("psikg.tests", "psikg.bench"))
    ]
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
