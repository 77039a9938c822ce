"""Load on ``psikg serve``: the canned queries, concurrently, over HTTP on loopback.

Starts ``psikg serve`` on a free loopback port (or uses ``--url``), then from this process
sends the canned queries round-robin from ``--concurrency`` client threads for ``--duration``
seconds or ``--requests`` requests, whichever comes first. Prints throughput, p50/p99 latency
and the error count, next to a baseline: the same queries run in-process on the store,
one after another, serialised to SPARQL JSON the way the endpoint does.

    python bench/serve_load.py --store /tmp/srv-store --concurrency 8 --duration 20
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph
from psikg import queries
from psikg.sparql_protocol import execute

#: Values for the required parameters.
REQUIRED = {"region-profile": {"region": "33.75"}, "evidence": {"name": "LP-PAR"}}
JSON = "application/sparql-results+json"


def workload(skip: set[str]) -> list[tuple[str, str]]:
    return [(n, q.bind(REQUIRED.get(n, {}))) for n, q in queries.catalogue().items() if n not in skip]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] if ordered else float("nan")


def baseline(store_path: Path, work: list[tuple[str, str]], duration: float, requests: int) -> dict[str, float]:
    store = pyoxigraph.Store.read_only(str(store_path))
    latencies: list[float] = []
    started = time.perf_counter()
    while time.perf_counter() - started < duration and len(latencies) < requests:
        _, text = work[len(latencies) % len(work)]
        t = time.perf_counter()
        execute(store, text, JSON, 1_000_000)
        latencies.append(time.perf_counter() - t)
    return summary(latencies, 0, time.perf_counter() - started)


def load(url: str, work: list[tuple[str, str]], concurrency: int, duration: float, requests: int) -> dict[str, float]:
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    counter = iter(range(requests))
    deadline = time.perf_counter() + duration

    def client() -> None:
        while time.perf_counter() < deadline:
            with lock:
                i = next(counter, None)
            if i is None:
                return
            name, text = work[i % len(work)]
            body = urllib.parse.urlencode({"query": text}).encode()
            request = urllib.request.Request(
                f"{url}/sparql", body, {"Accept": JSON, "Content-Type": "application/x-www-form-urlencoded"}
            )
            t = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    response.read()
                ok = True
            except (urllib.error.URLError, OSError) as exc:
                ok = False
                with lock:
                    errors.append(f"{name}: {exc}")
            elapsed = time.perf_counter() - t
            if ok:
                with lock:
                    latencies.append(elapsed)

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for error in sorted(set(errors))[:5]:
        print("  error:", error, file=sys.stderr)
    return summary(latencies, len(errors), time.perf_counter() - started)


def summary(latencies: list[float], errors: int, wall: float) -> dict[str, float]:
    return {
        "requests": len(latencies) + errors,
        "errors": errors,
        "seconds": wall,
        "throughput": len(latencies) / wall if wall else 0.0,
        "p50_ms": percentile(latencies, 50) * 1000,
        "p99_ms": percentile(latencies, 99) * 1000,
        "mean_ms": (statistics.fmean(latencies) * 1000) if latencies else float("nan"),
    }


def start_server(store: Path, workers: int, timeout: float) -> tuple[subprocess.Popen[bytes], str]:
    command = [sys.executable, "-c", "from psikg.cli import main; main()", "serve", "--store", str(store)]
    command += ["--port", "0", "--quiet", "--workers", str(workers), "--timeout", str(timeout), "--max-rows", "1000000"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE)
    assert process.stdout is not None
    line = process.stdout.readline().decode()
    if " at " not in line:
        process.kill()
        raise SystemExit(f"psikg serve did not start: {line!r}")
    return process, line.split(" at ")[1].split()[0].rstrip("/")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=Path("psikg-store"))
    parser.add_argument("--url", help="an already running psikg serve (default: start one)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4, help="query workers of the started server")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per run (upper bound)")
    parser.add_argument("--requests", type=int, default=2000, help="requests per run (upper bound)")
    parser.add_argument("--timeout", type=float, default=30.0, help="--timeout of the started server")
    parser.add_argument("--skip", nargs="*", default=[], help="canned queries to leave out")
    args = parser.parse_args()

    work = workload(set(args.skip))
    print(f"workload: {len(work)} canned queries round-robin ({', '.join(n for n, _ in work)})")
    process = None
    url = args.url
    if url is None:
        process, url = start_server(args.store, args.workers, args.timeout)
    try:
        base = baseline(args.store, work, args.duration, args.requests)
        served = load(url, work, args.concurrency, args.duration, args.requests)
    finally:
        if process is not None:
            process.terminate()
            process.wait(10)
    print(f"{'run':<34} {'requests':>8} {'errors':>6} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}")
    for name, r in (
        ("in-process, sequential (baseline)", base),
        (f"HTTP, {args.concurrency} clients, {args.workers if process else '?'} workers", served),
    ):
        print(
            f"{name:<34} {r['requests']:>8.0f} {r['errors']:>6.0f} {r['throughput']:>8.1f} "
            f"{r['p50_ms']:>8.1f} {r['p99_ms']:>8.1f}"
        )


if __name__ == "__main__":
    main()
