"""Build time and peak memory: ``psikg.build.build`` beside the floor and beside rdflib.

Three measurements of the same corpus, each in a fresh Python process (so each peak RSS is its
own), run one after the other in the same invocation:

* **psikg build** — ``psikg.build.build(DATA, STORE)``: reading records and tables, resolving
  names, minting IRIs, writing the RocksDB store (what ``psikg build --no-validate`` does);
* **floor** — the same quads, exported from that store as N-Quads, bulk-loaded into a fresh
  on-disk ``pyoxigraph.Store`` with ``Store.bulk_load`` (Oxigraph's fastest path: parsing in
  Rust, no Python per triple);
* **rdflib** — what users have today: rdflib's default in-memory ``Graph`` parsing the same
  triples as N-Triples (skipped with ``--no-rdflib``; minutes at 100k, hours at 1M).

Peak memory is the process's maximum resident set size (``getrusage(RUSAGE_SELF).ru_maxrss``),
Python and imports included (~60 MB). CPU is user + system time of that process.

    python bench/bench_build.py --data bench/out/10k --work /tmp/psikg-bench/10k
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve()


def _usage() -> dict[str, float]:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return {"cpu_s": ru.ru_utime + ru.ru_stime, "peak_mb": ru.ru_maxrss / 1024}


def phase_build(data: Path, work: Path) -> dict[str, float]:
    from psikg.build import build

    store = work / "psikg-store"
    shutil.rmtree(store, ignore_errors=True)
    before = _usage()["cpu_s"]
    started = time.perf_counter()
    result = build(data, store)
    wall = time.perf_counter() - started
    out = _usage()
    return {"wall_s": wall, "cpu_s": out["cpu_s"] - before, "peak_mb": out["peak_mb"], "quads": result.triples}


def phase_export(work: Path, triples_too: bool) -> dict[str, float]:
    """N-Quads (for the floor store) and, for rdflib, N-Triples of the union of the built store."""
    import pyoxigraph

    store = pyoxigraph.Store.read_only(str(work / "psikg-store"))
    started = time.perf_counter()
    store.dump(str(work / "graph.nq"), format=pyoxigraph.RdfFormat.N_QUADS)
    if not triples_too:
        return {"wall_s": time.perf_counter() - started, **_usage()}
    triples = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
    assert isinstance(triples, pyoxigraph.QueryTriples)
    pyoxigraph.serialize(triples, str(work / "graph.nt"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    return {"wall_s": time.perf_counter() - started, **_usage()}


def phase_floor(work: Path) -> dict[str, float]:
    import pyoxigraph

    target = work / "floor-store"
    shutil.rmtree(target, ignore_errors=True)
    before = _usage()["cpu_s"]
    started = time.perf_counter()
    store = pyoxigraph.Store(str(target))
    store.bulk_load(path=str(work / "graph.nq"), format=pyoxigraph.RdfFormat.N_QUADS)
    store.flush()
    wall = time.perf_counter() - started
    out = _usage()
    return {"wall_s": wall, "cpu_s": out["cpu_s"] - before, "peak_mb": out["peak_mb"], "quads": len(store)}


def phase_rdflib(work: Path) -> dict[str, float]:
    import rdflib

    before = _usage()["cpu_s"]
    started = time.perf_counter()
    graph = rdflib.Graph()
    graph.parse(str(work / "graph.nt"), format="nt")
    wall = time.perf_counter() - started
    out = _usage()
    return {"wall_s": wall, "cpu_s": out["cpu_s"] - before, "peak_mb": out["peak_mb"], "quads": len(graph)}


def run_phase(phase: str, data: Path, work: Path, timeout: float, rdflib: bool) -> dict[str, float] | None:
    """One phase in a fresh interpreter; None if it ran out of time."""
    cmd = [sys.executable, str(HERE), "--phase", phase, "--data", str(data), "--work", str(work)]
    cmd += [] if rdflib else ["--no-rdflib"]
    try:
        out = subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as exc:
        raise SystemExit(f"{phase} failed:\n{exc.stderr}") from None
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="corpus folder (bench/generate.py --out)")
    parser.add_argument("--work", type=Path, required=True, help="scratch folder for the stores and exports")
    parser.add_argument("--no-rdflib", action="store_true", help="skip the rdflib parse")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds allowed per phase")
    parser.add_argument("--phase", choices=["build", "export", "floor", "rdflib"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    if args.phase:
        fn = {
            "build": lambda: phase_build(args.data, args.work),
            "export": lambda: phase_export(args.work, not args.no_rdflib),
            "floor": lambda: phase_floor(args.work),
            "rdflib": lambda: phase_rdflib(args.work),
        }[args.phase]
        print(json.dumps(fn()))
        return 0

    results: dict[str, dict[str, float] | None] = {}
    for phase in ("build", "export", "floor", *(() if args.no_rdflib else ("rdflib",))):
        results[phase] = run_phase(phase, args.data, args.work, args.timeout, not args.no_rdflib)
        print(f"  {phase}: {results[phase]}", file=sys.stderr, flush=True)
    floor = results["floor"]
    size = (args.work / "graph.nq").stat().st_size / 2**20
    print(f"\nBuild of {args.data} ({os.cpu_count()} CPUs); N-Quads {size:.0f} MiB")
    print(f"{'':<34}{'quads':>12}{'wall s':>10}{'CPU s':>10}{'peak MiB':>10}{'x floor':>9}{'(CPU)':>7}")
    labels = {
        "build": "psikg build (build.build)",
        "floor": "floor: Store.bulk_load(N-Quads)",
        "rdflib": "rdflib Graph().parse(N-Triples)",
    }
    for phase, label in labels.items():
        if phase not in results:
            continue
        r = results[phase]
        if r is None:
            print(f"{label:<34}{'timed out after ' + str(args.timeout) + ' s':>51}")
            continue
        ratio = r["wall_s"] / floor["wall_s"] if floor else float("nan")
        cpu_ratio = r["cpu_s"] / floor["cpu_s"] if floor else float("nan")
        print(
            f"{label:<34}{int(r['quads']):>12,}{r['wall_s']:>10.1f}{r['cpu_s']:>10.1f}{r['peak_mb']:>10.0f}"
            f"{ratio:>8.1f}x{cpu_ratio:>6.1f}x"
        )
    export = results.get("export")
    if export:
        print(f"(export of the N-Quads (and N-Triples) files, not counted above: {export['wall_s']:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
