"""Regenerate the golden N-Quads of the seed records: python tests/data/golden/regenerate.py

Run only after checking that a change to the loaders or records is intended; review the diff
(`git diff tests/data/golden`) before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
from psikg.build import load_reference, load_sources
from psikg.settings import DATA_DIR

HERE = Path(__file__).parent


def main() -> None:
    _, resolver = load_reference(DATA_DIR)
    for record in sorted((DATA_DIR / "records" / "seeds").glob("*.yaml")):
        loaded = load_sources([record], resolver)
        assert not loaded.failures, loaded.problems
        quads = sorted(loaded.loads[0].quads, key=str)
        data = pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.N_QUADS) or b""
        (HERE / f"{record.stem}.nq").write_bytes(data)
        print(f"{record.stem}.nq: {len(quads)} quads")


if __name__ == "__main__":
    main()
