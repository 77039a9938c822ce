"""Median latency of every canned query: psikg's store beside the floor and beside rdflib.

Engines, all answering the same bound query text (``queries/*.rq``):

* **psikg** — ``GraphStore.select`` on the store ``psikg.build.build`` wrote (what
  ``psikg query`` runs before it fetches labels), and **psikg+labels** — ``queries.tabulate``,
  the whole ``psikg query`` path (labels of every IRI cell fetched in batches);
* **floor** — ``pyoxigraph.Store.query`` on the store bulk-loaded from the same N-Quads
  (``bench_build.py`` writes it), every cell of every solution read;
* **rdflib** — ``rdflib.Dataset(default_union=True)`` holding the same N-Quads (``--rdflib``;
  sensible at 10k only).

Each engine runs in its own process under an address-space limit (``--memory-gb``) and a
per-query time limit (``--timeout``): some canned queries blow up on a large graph, and the
machine is shared. A query that exceeds either is reported as ``timeout``/``out of memory``
and the engine goes on with the next query in a fresh process. Each query runs ``--repeat``
times (fewer when one run takes over 2 s) and the median is printed.

    python bench/bench_queries.py --work /tmp/psikg-bench/10k --rdflib
"""

from __future__ import annotations

import argparse
import json
import resource
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
#: Values for required parameters; names that exist in every generated corpus.
REQUIRED = {"region-profile": {"region": "33.75"}, "evidence": {"name": "Dinas Kesehatan Kota Pekalongan"}}
ENGINES = ("psikg", "psikg+labels", "floor", "rdflib")


class _Timeout(Exception):
    pass


def _workload(names: list[str] | None) -> list[tuple[str, str, frozenset[str]]]:
    from psikg import queries

    return [
        (n, q.bind(REQUIRED.get(n, {})), q.lists) for n, q in queries.catalogue().items() if not names or n in names
    ]


def _runner(engine: str, work: Path):  # type: ignore[no-untyped-def]
    """A function running one query text to completion on ``engine``; returns the row count."""
    if engine in ("psikg", "psikg+labels"):
        from psikg import queries
        from psikg.store import GraphStore

        store = GraphStore.open(work / "psikg-store", read_only=True)
        if engine == "psikg":
            return lambda text, lists: len(store.select(text)[1])
        return lambda text, lists: len(queries.tabulate(store, text, lists).rows)
    if engine == "floor":
        import pyoxigraph

        floor = pyoxigraph.Store.read_only(str(work / "floor-store"))

        def run_floor(text: str, lists: frozenset[str]) -> int:
            result = floor.query(text, use_default_graph_as_union=True)
            assert isinstance(result, pyoxigraph.QuerySolutions)
            names = [v.value for v in result.variables]
            return len([[s[v] for v in names] for s in result])

        return run_floor
    import rdflib

    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(str(work / "graph.nq"), format="nquads")
    return lambda text, lists: len(list(dataset.query(text)))


def worker(engine: str, work: Path, names: list[str], repeat: int, timeout: float) -> None:
    """Run ``names`` in order, one JSON line per query: times, rows (or timeout)."""
    started = time.perf_counter()
    run = _runner(engine, work)
    print(json.dumps({"ready": time.perf_counter() - started}), flush=True)

    def alarm(signum: int, frame: Any) -> None:
        raise _Timeout

    signal.signal(signal.SIGALRM, alarm)  # interrupts rdflib (Python); Oxigraph is killed by the parent
    for name, text, lists in _workload(names):
        times: list[float] = []
        rows = 0
        try:
            while len(times) < repeat:
                signal.setitimer(signal.ITIMER_REAL, timeout)
                t = time.perf_counter()
                rows = run(text, lists)
                times.append(time.perf_counter() - t)
                signal.setitimer(signal.ITIMER_REAL, 0)
                if sum(times) + times[-1] > timeout or (sum(times) > 2 and len(times) >= 3):
                    break
        except _Timeout:
            print(json.dumps({"query": name, "error": "timeout"}), flush=True)
            continue
        print(json.dumps({"query": name, "median": statistics.median(times), "runs": len(times), "rows": rows}))
        sys.stdout.flush()


def run_engine(
    engine: str, work: Path, names: list[str], repeat: int, timeout: float, memory_gb: float
) -> dict[str, dict[str, Any]]:
    """Results per query for one engine, restarting the worker after a query it could not finish."""
    limit = int(memory_gb * 2**30)

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    results: dict[str, dict[str, Any]] = {}
    todo = list(names)
    while todo:
        cmd = [sys.executable, str(HERE), "--worker", engine, "--work", str(work), "--repeat", str(repeat)]
        cmd += ["--timeout", str(timeout), "--queries", *todo]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=limit_memory)
        assert proc.stdout is not None
        current = todo[0]
        # the first line comes after the engine is ready (rdflib parses the graph first)
        deadline = time.monotonic() + max(timeout, 3600 if engine == "rdflib" else 120)
        while True:
            line = _readline(proc, deadline)
            if line is None:  # killed for time, or died (out of memory)
                proc.kill()
                proc.wait()
                err = "timeout" if time.monotonic() >= deadline else "out of memory"
                if current in todo:
                    results[current] = {"error": err}
                    todo.remove(current)
                break
            data = json.loads(line)
            if "ready" in data:
                results.setdefault("_ready", {})[engine] = data["ready"]
            else:
                results[data["query"]] = data
                todo.remove(data["query"])
                if not todo:
                    proc.wait()
                    break
            current = todo[0] if todo else current
            deadline = time.monotonic() + 2 * timeout + 5
    return results


def _readline(proc: subprocess.Popen[str], deadline: float) -> str | None:
    import selectors

    assert proc.stdout is not None
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    while time.monotonic() < deadline:
        if sel.select(timeout=min(1.0, max(0.0, deadline - time.monotonic()))):
            line = proc.stdout.readline()
            return line or None
        if proc.poll() is not None:
            line = proc.stdout.readline()
            return line or None
    return None


def _cell(result: dict[str, Any] | None) -> str:
    if result is None:
        return "—"
    if "error" in result:
        return result["error"]
    return f"{result['median'] * 1000:,.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, required=True, help="the folder bench_build.py wrote")
    parser.add_argument("--rdflib", action="store_true", help="also run rdflib (slow: 10k only)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=60, help="seconds allowed per query run")
    parser.add_argument("--memory-gb", type=float, default=6, help="address-space limit per engine process")
    parser.add_argument("--queries", nargs="*", help="only these canned queries")
    parser.add_argument("--worker", choices=ENGINES, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    names = [n for n, _, _ in _workload(args.queries)]
    if args.worker:
        worker(args.worker, args.work, names, args.repeat, args.timeout)
        return 0
    engines = [e for e in ENGINES if e != "rdflib" or args.rdflib]
    results = {}
    for engine in engines:
        results[engine] = run_engine(engine, args.work, names, args.repeat, args.timeout, args.memory_gb)
        print(f"  {engine} done", file=sys.stderr, flush=True)
    print(f"\nCanned queries on {args.work}: median ms of up to {args.repeat} runs")
    header = f"{'query':<24}{'rows':>8}" + "".join(f"{e:>14}" for e in engines) + f"{'psikg/floor':>13}"
    print(header)
    for name in names:
        floor, ours = results["floor"].get(name), results["psikg"].get(name)
        rows = next((r[name]["rows"] for r in results.values() if "rows" in r.get(name, {})), "")
        ratio = (
            f"{ours['median'] / floor['median']:.2f}x"
            if floor and ours and "median" in floor and "median" in ours
            else "—"
        )
        cells = "".join(f"{_cell(results[e].get(name)):>14}" for e in engines)
        print(f"{name:<24}{rows!s:>8}{cells}{ratio:>13}")
    if args.rdflib and "_ready" in results["rdflib"]:
        parse = results["rdflib"]["_ready"]["rdflib"]
        print(f"(rdflib Dataset parse of the N-Quads before the first query: {parse:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
