"""Run each query of ``polgraph serve`` in a child process that can be stopped.

Oxigraph offers no way to cancel a query: a cartesian product or a ``COUNT``
over one runs until it is done, growing by gigabytes.  So queries run in
worker processes (each opens the store read-only) and the server's thread
watches the one running its query: past the time limit, above the memory
limit, or when the client has gone, the worker is killed and a fresh one takes
its place.  A worker serializes the answer into a buffer capped at the result
size limit, so the server never holds more than that for one request.
"""

from __future__ import annotations

import io
import multiprocessing as mp
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

import pyoxigraph as ox

__all__ = ["Answer", "Limits", "QueryPool"]

_RESULTS = [
    ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ("application/json", ox.QueryResultsFormat.JSON),
    ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    ("text/csv", ox.QueryResultsFormat.CSV),
    ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
]
_GRAPHS = [
    ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("text/turtle", ox.RdfFormat.TURTLE),
]

Answer = tuple[int, str, bytes]
"""``(HTTP status, Content-Type, body)``."""


@dataclass(frozen=True)
class Limits:
    """What one query may use; the defaults keep a laptop responsive."""

    timeout: float = 30.0
    """Seconds a query may run (evaluation and serialization)."""
    max_result_bytes: int = 100 << 20
    """Largest answer body; a larger one is refused with 413 (add ``LIMIT``)."""
    max_memory_bytes: int = 2 << 30
    """Resident memory of the worker process running one query (Linux only)."""
    workers: int = 2
    """Queries run at once; more wait up to ``timeout`` for a free worker."""


def _negotiate(accept: str, offers: list[tuple[str, Any]]) -> tuple[str, Any]:
    """First offer named in ``Accept`` (q-values ignored), else the first offer."""
    wanted = [part.split(";")[0].strip().lower() for part in accept.split(",")]
    for media in wanted:
        for offer in offers:
            if offer[0] == media:
                return offer
    return offers[0]


class _TooLarge(Exception):
    pass


class _Capped(io.RawIOBase):
    """A byte sink that refuses to grow past ``limit`` (so a huge answer stops early)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[bytes] = []
        self.size = 0
        self.over = False

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self.size += len(chunk)
        if self.size > self.limit:
            self.over = True
            raise _TooLarge
        self.parts.append(chunk)
        return len(chunk)


def answer_query(
    store: ox.Store, query: str, accept: str, *, union: bool, prefixes: dict[str, str], limit: int
) -> Answer:
    """Run one query and serialize its answer by ``Accept``; every failure is a status."""
    try:
        result = store.query(query, use_default_graph_as_union=union, prefixes=prefixes)
    except SyntaxError as exc:
        return 400, "text/plain; charset=utf-8", f"query syntax error: {exc}\n".encode()
    except Exception as exc:
        return 500, "text/plain; charset=utf-8", f"query failed: {_one_line(exc)}\n".encode()
    if isinstance(result, ox.QueryTriples):
        media, fmt = _negotiate(accept, _GRAPHS)
    else:
        media, fmt = _negotiate(accept, _RESULTS)
    sink = _Capped(limit)
    try:
        result.serialize(sink, fmt)
    except Exception as exc:
        if sink.over:
            mib = limit / (1 << 20)
            text = f"result too large: over {mib:g} MiB; add LIMIT or raise --max-result-mb\n"
            return 413, "text/plain; charset=utf-8", text.encode()
        return 500, "text/plain; charset=utf-8", f"query failed: {_one_line(exc)}\n".encode()
    charset = "" if "json" in media or "xml" in media else "; charset=utf-8"
    return 200, media + charset, b"".join(sink.parts)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:500] or type(exc).__name__


def _worker(conn: Connection, location: str, union: bool, prefixes: dict[str, str]) -> None:
    """Child process: open the store read-only and answer queries until the pipe closes."""
    try:
        store = ox.Store.read_only(location)
    except Exception as exc:  # reported on the first query
        store, failure = None, _one_line(exc)
    try:
        conn.send("ready")
    except (OSError, KeyboardInterrupt):
        return
    while True:
        try:
            query, accept, limit = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if store is None:
            answer: Answer = (500, "text/plain; charset=utf-8", f"store: {failure}\n".encode())
        else:
            answer = answer_query(store, query, accept, union=union, prefixes=prefixes, limit=limit)
        try:
            conn.send(answer)
        except (OSError, KeyboardInterrupt):
            return


def _rss(pid: int) -> int | None:
    """Resident memory of ``pid`` in bytes, where ``/proc`` tells it."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


class _Worker:
    def __init__(self, ctx: Any, location: str, union: bool, prefixes: dict[str, str]) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(
            target=_worker, args=(child, location, union, prefixes), daemon=True
        )
        self.process.start()
        child.close()
        self.ready = False

    def wait_ready(self, seconds: float, client_gone: Callable[[], bool]) -> str | None:
        """Wait for the worker to open the store; the query's time limit starts after.

        Returns why it is not ready (``"died"``, ``"gone"``, ``"start"``), or None.
        """
        deadline = time.monotonic() + seconds
        while not self.ready:
            if self.conn.poll(0.05):
                try:
                    self.ready = self.conn.recv() == "ready"
                except (EOFError, OSError):
                    return "died"
                if not self.ready:
                    return "died"
            elif not self.process.is_alive():
                return "died"
            elif client_gone():
                return "gone"
            elif time.monotonic() > deadline:
                return "start"
        return None

    def kill(self) -> None:
        self.conn.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)


class QueryPool:
    """Worker processes over one store folder, each query watched against ``limits``."""

    def __init__(
        self, location: str, *, union: bool, prefixes: dict[str, str], limits: Limits
    ) -> None:
        self.location = location
        self.union = union
        self.prefixes = prefixes
        self.limits = limits
        self._ctx = mp.get_context("spawn")  # no fork: the server has threads
        self._slots = threading.BoundedSemaphore(max(1, limits.workers))
        self._lock = threading.Lock()
        self._idle: list[_Worker] = []
        self._closed = False
        self._idle.append(self._spawn())  # warm: the first query need not wait

    def _spawn(self) -> _Worker:
        return _Worker(self._ctx, self.location, self.union, self.prefixes)

    def _take(self) -> _Worker:
        with self._lock:
            while self._idle:
                worker = self._idle.pop()
                if worker.process.is_alive():
                    return worker
                worker.kill()
        return self._spawn()

    def _give_back(self, worker: _Worker) -> None:
        with self._lock:
            if not self._closed:
                self._idle.append(worker)
                return
        worker.kill()

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker and keep one warm in its place."""
        worker.kill()
        with self._lock:
            if not self._closed and not self._idle:
                self._idle.append(self._spawn())

    def run(self, query: str, accept: str, client_gone: Callable[[], bool]) -> Answer | None:
        """The answer to ``query``, or ``None`` when the client went away first."""
        limits = self.limits
        if not self._slots.acquire(timeout=limits.timeout):
            return 503, "text/plain; charset=utf-8", b"server busy: try again later\n"
        try:
            worker = self._take()
            why = worker.wait_ready(max(60.0, limits.timeout), client_gone)
            if why is not None:
                self._replace(worker)
                return None if why == "gone" else _STOPPED[why](limits)
            try:
                worker.conn.send((query, accept, limits.max_result_bytes))
            except OSError:
                self._replace(worker)
                return 500, "text/plain; charset=utf-8", b"query process unavailable\n"
            deadline = time.monotonic() + limits.timeout
            while True:
                if worker.conn.poll(0.05):
                    try:
                        answer: Answer = worker.conn.recv()
                    except (EOFError, OSError):
                        self._replace(worker)
                        return 500, "text/plain; charset=utf-8", b"query process failed\n"
                    self._give_back(worker)
                    return answer
                stop = self._should_stop(worker, deadline, client_gone)
                if stop is not None:
                    self._replace(worker)
                    return None if stop == "gone" else _STOPPED[stop](limits)
        finally:
            self._slots.release()

    def _should_stop(
        self, worker: _Worker, deadline: float, client_gone: Callable[[], bool]
    ) -> str | None:
        if not worker.process.is_alive():
            return "died"
        if time.monotonic() > deadline:
            return "time"
        if client_gone():
            return "gone"
        rss = _rss(worker.process.pid)
        if rss is not None and rss > self.limits.max_memory_bytes:
            return "memory"
        return None

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.kill()


def _text(status: int, message: str) -> Answer:
    return status, "text/plain; charset=utf-8", (message + "\n").encode()


_STOPPED: dict[str, Callable[[Limits], Answer]] = {
    "died": lambda _l: _text(500, "query failed: the query process ended unexpectedly"),
    "start": lambda _l: _text(503, "server busy: no query process could start; try again"),
    "time": lambda lim: _text(
        503, f"query stopped: it ran longer than the {lim.timeout:g} s limit (--timeout)"
    ),
    "memory": lambda lim: _text(
        503,
        f"query stopped: it needed more than {lim.max_memory_bytes >> 20} MiB (--max-memory-mb)",
    ),
}
