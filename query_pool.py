"""A small pool of worker processes that answer queries within a time limit.

pyoxigraph cannot interrupt a running query, so psikg never runs one in the server process:
each worker opens the store read-only (several readers share it) and runs one call at a time;
the server waits at most ``timeout`` seconds for the answer, then kills the worker and starts a
fresh one. A runaway query costs one worker for ``timeout`` seconds, never the server, and
concurrent requests run in parallel on different workers.

A call is ``(function, args)``: a module-level function taking the worker's
``pyoxigraph.Store`` first, e.g. :func:`psikg.sparql_protocol.execute`. It returns a picklable
value or raises :class:`~psikg.sparql_protocol.HttpError`.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import queue
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from .errors import StoreError
from .sparql_protocol import HttpError

#: spawn, not fork: the server has threads, and a forked child would inherit their locks.
_CONTEXT = multiprocessing.get_context("spawn")


def _worker_main(conn: Connection, store_path: str, memory_mb: int) -> None:
    """The loop of one worker: open the store, then answer calls until the pipe closes."""
    if memory_mb:
        with contextlib.suppress(ImportError, ValueError, OSError):
            import resource

            limit = memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    import pyoxigraph

    try:
        store = pyoxigraph.Store.read_only(store_path)
    except OSError as exc:
        conn.send(("error", 500, f"cannot open store {store_path}: {exc}"))
        return
    conn.send(("ready", None, None))
    while True:
        try:
            func, args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", 200, func(store, *args)))
        except HttpError as exc:
            conn.send(("error", exc.status, exc.message))
        except MemoryError:
            conn.send(("error", 503, f"the query needed more than the worker's {memory_mb} MB of memory"))
        except Exception as exc:  # the worker must survive anything a query does
            conn.send(("error", 500, f"{type(exc).__name__}: {exc}"))


class _Worker:
    def __init__(self, store_path: Path, memory_mb: int):
        self.conn, child = _CONTEXT.Pipe()
        self.process: BaseProcess = _CONTEXT.Process(
            target=_worker_main, args=(child, str(store_path), memory_mb), daemon=True, name="psikg-query-worker"
        )
        self.process.start()
        child.close()

    def wait_ready(self, seconds: float) -> None:
        if not self.conn.poll(seconds):
            self.kill()
            raise RuntimeError(f"a query worker did not start within {seconds:.0f} s")
        try:
            status, code, message = self.conn.recv()
        except (EOFError, OSError):
            self.process.join(5)
            status, message = "died", f"a query worker died while opening the store (exit code {self.process.exitcode})"
        if status != "ready":
            self.kill()
            raise RuntimeError(message)

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
            self.process.join(5)
        with contextlib.suppress(Exception):
            self.conn.close()


class QueryPool:
    """``size`` worker processes on the store at ``store_path``; :meth:`call` runs one call."""

    def __init__(self, store_path: Path, size: int = 4, timeout: float = 10.0, memory_mb: int = 0):
        self.store_path = Path(store_path)
        self.size = size
        self.timeout = timeout
        self.memory_mb = memory_mb
        self.respawned = 0
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        workers = [self._start() for _ in range(size)]
        try:
            for worker in workers:
                worker.wait_ready(60)
                self._idle.put(worker)
        except RuntimeError as exc:
            self.close()
            raise StoreError(f"{exc}; if --max-memory is set, try a larger value (it bounds address space)") from None

    def _start(self) -> _Worker:
        worker = _Worker(self.store_path, self.memory_mb)
        with self._lock:
            self._all.add(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` now and start its successor in the background."""
        worker.kill()
        with self._lock:
            self._all.discard(worker)
            self.respawned += 1

        def respawn() -> None:
            while not self._closed:
                try:
                    fresh = self._start()
                    fresh.wait_ready(60)
                except RuntimeError:
                    time.sleep(1)
                    continue
                if self._closed:
                    fresh.kill()
                else:
                    self._idle.put(fresh)
                return

        threading.Thread(target=respawn, name="psikg-respawn", daemon=True).start()

    def call(self, func: Callable[..., Any], *args: Any, timeout: float | None = None) -> Any:
        """``func(store, *args)`` in a worker; HttpError 503 when it runs past the time limit."""
        limit = self.timeout if timeout is None else timeout
        try:
            worker = self._idle.get(timeout=limit)
        except queue.Empty:
            raise HttpError(
                503, f"all {self.size} query workers stayed busy for {limit:g} s; try again later"
            ) from None
        try:
            worker.conn.send((func, args))
            if not worker.conn.poll(limit):
                self._replace(worker)
                raise HttpError(503, f"query exceeded the {limit:g} s time limit (--timeout); narrow it or add a LIMIT")
            status, code, payload = worker.conn.recv()
        except (EOFError, OSError):
            self._replace(worker)
            raise HttpError(
                500,
                "the query worker died while answering, most likely because the query needed more memory than "
                f"--max-memory allows ({self.memory_mb} MB); it was restarted",
            ) from None
        self._idle.put(worker)
        if status == "error":
            raise HttpError(code, payload)
        return payload

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()
