"""Validation time: ``psikg validate`` (pySHACL on the union graph) beside the SPARQL validator.

On one store (``bench_build.py`` writes ``WORK/psikg-store``), in one run:

* **sparql** — :func:`psikg.shacl_sparql.validate_store_sparql`: the shapes compiled to SPARQL
  and run in Oxigraph (what ``psikg validate --engine sparql`` does);
* **pyshacl** — :func:`psikg.validate.validate_store`: the union graph copied into rdflib,
  then pySHACL (``--pyshacl``; about a quarter of an hour at 10k, skip it beyond).

With both, the findings are compared as multisets (severity, focus, label, path, message,
value, sources, source shape — both engines are given the same parsed shapes graph, so even
blank-node shape ids match) and every difference is printed. Exit status 1 if they differ.

    python bench/bench_validate.py --work /tmp/psikg-bench/10k --pyshacl
"""

from __future__ import annotations

import argparse
import collections
import resource
import sys
import time
from pathlib import Path


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, required=True, help="the folder bench_build.py wrote")
    parser.add_argument("--pyshacl", action="store_true", help="also run pySHACL and compare the findings")
    parser.add_argument("--store", default="psikg-store", help="store folder inside --work (floor-store at 1M)")
    parser.add_argument("--no-count", action="store_true", help="skip counting distinct triples (a full scan)")
    args = parser.parse_args(argv)

    from psikg import validate
    from psikg.shacl_sparql import compile_shapes, validate_store_sparql
    from psikg.store import GraphStore

    store = GraphStore.open(args.work / args.store, read_only=True)
    shapes = validate.shapes_graph()
    checks = compile_shapes(shapes)
    started = time.perf_counter()
    fast = validate_store_sparql(store, shapes=shapes, count_triples=not args.no_count)
    fast_s = time.perf_counter() - started
    triples = "not counted" if args.no_count else f"{fast.triples:,}"
    print(f"Validation of {args.work / args.store} ({len(store):,} quads, {triples} distinct triples)")
    print(f"{'':<36}{'findings':>10}{'viol.':>8}{'warn.':>8}{'wall s':>10}{'peak MiB':>10}")
    print(
        f"{'sparql (' + str(len(checks)) + ' queries in Oxigraph)':<36}{len(fast.findings):>10}"
        f"{len(fast.violations):>8}{len(fast.warnings):>8}{fast_s:>10.1f}{_peak_mb():>10.0f}"
    )
    sys.stdout.flush()
    if not args.pyshacl:
        return 0
    validate.shapes_graph = lambda shapes_dir=None: shapes  # type: ignore[assignment,misc]
    started = time.perf_counter()
    slow = validate.validate_store(store)
    slow_s = time.perf_counter() - started
    print(
        f"{'pyshacl (psikg validate)':<36}{len(slow.findings):>10}{len(slow.violations):>8}"
        f"{len(slow.warnings):>8}{slow_s:>10.1f}{_peak_mb():>10.0f}"
    )
    print(f"speed-up: {slow_s / fast_s:.0f}x")
    a, b = collections.Counter(slow.findings), collections.Counter(fast.findings)
    for f in sorted(a - b, key=repr):
        print("  only pyshacl:", f)
    for f in sorted(b - a, key=repr):
        print("  only sparql: ", f)
    same = a == b and slow.triples == fast.triples
    print("findings identical" if same else "findings DIFFER")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
