"""Extraction on every core, or on a Dask cluster, with results in input order.

``extract_article`` is a pure function of one ``Article`` (picklable in, picklable
out), so articles can be extracted anywhere and merged afterwards: the merge
(resolution, RDF) only ever sees the facts in input order, whichever process or
machine produced them.  That is why ``workers=1``, ``workers=8`` and a Dask
cluster give byte-identical outputs (``tests/test_parallel_identical.py``).

Articles travel in batches (``batch_size``) so that the per-task overhead of a
process pool or a cluster is paid once per batch, and only a bounded window of
batches is in flight at once: the input iterator is consumed lazily, so a corpus
of any size is read, extracted and handed on with flat memory.

>>> from polgraph.core.model import Article
>>> [len(f) for f, _e in extract_batches([Article("a", "Tỉnh ủy."), Article("b", "x")],
...                                      workers=1, batch_size=1)]
[1, 1]
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import suppress
from itertools import chain, islice
from typing import Any

from polgraph.build.memory import reuse_freed_memory
from polgraph.core.extras import require
from polgraph.core.model import Article, ArticleFacts
from polgraph.ingest import IngestError

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "Batch",
    "default_workers",
    "extract_batches",
    "extract_parallel",
    "in_order",
]

DEFAULT_BATCH_SIZE = 64
"""Articles per task: large enough to hide pickling/IPC cost, small enough to balance."""

Batch = tuple[Any, list[IngestError]]
"""One batch's facts (a list, input order; or what ``then`` made of it) and the articles
of it that failed."""

Progress = Callable[[int, int], None]


def default_workers() -> int:
    """All cores this process may use (CPU affinity aware)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


def _extract_batch(
    batch: Sequence[Article],
    time_limit: float | None,
    then: Callable[[list[ArticleFacts]], Any] | None,
) -> Batch:
    """Worker side: the same per-article isolation as a one-process build."""
    from polgraph.build.extraction import extract_all

    facts, failed = extract_all(batch, strict=False, time_limit=time_limit)
    _settle_heap()
    if then is not None:
        return then(facts), failed
    return facts, failed


_settled_pid = 0  # the process whose heap ``_settle_heap`` froze


def _settle_heap() -> None:
    """Once per process, after its first batch: leave what is alive by then out of the
    cycle collector's full collections.

    The lexicons, the NLP pipeline and their caches are loaded by the first
    article and live as long as the process; every full collection walked all of
    them again (0.4 s of the 9 s step on 2,480 articles).  Frozen objects are still
    freed when no longer referenced; only a cycle among them would stay (one
    snapshot, so memory stays bounded).
    """
    global _settled_pid
    if _settled_pid != os.getpid():
        _settled_pid = os.getpid()
        gc.collect()
        gc.freeze()


_FORKS = "fork" in multiprocessing.get_all_start_methods()  # else workers are spawned


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while chunk := list(islice(it, size)):
        yield chunk


def _pool(workers: int) -> ProcessPoolExecutor:
    """A process pool; ``fork`` where available so workers share the loaded lexicons."""
    method = "fork" if _FORKS else "spawn"
    if _FORKS:
        from polgraph.extract import prepare

        prepare()  # loaded once here, shared by every forked worker
        # and kept out of the workers' collections: each one's first full collection
        # walked the whole pipeline (70 ms) and wrote to, so copied, every page of it
        gc.freeze()
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context(method),
        initializer=reuse_freed_memory,
    )


class _DaskExecutor:
    """The two ``Executor`` calls we use, on a ``dask.distributed.Client``."""

    def __init__(self, scheduler: Any) -> None:
        Client = require("dask.distributed", "scale", "--dask").Client  # optional extra
        self._own = not isinstance(scheduler, Client)
        self.client = Client(scheduler) if self._own else scheduler

    def submit(self, fn: Callable[..., Batch], *args: Any) -> Any:
        return self.client.submit(fn, *args, pure=False)

    def shutdown(self) -> None:
        if self._own:
            self.client.close()


def extract_batches(
    articles: Iterable[Article],
    *,
    workers: int | None = None,
    dask: Any = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    time_limit: float | None = 60.0,
    window: int | None = None,
    then: Callable[[list[ArticleFacts]], Any] | None = None,
) -> Iterator[Batch]:
    """Yield ``(facts, failed)`` per batch of ``articles``, in input order.

    ``workers``: processes (default: all cores; 1 runs here, no pool).  ``dask``:
    a scheduler address (``"tcp://host:8786"``), a ``dask.distributed.Client`` or
    a ``LocalCluster``; it overrides ``workers``.  At most ``window`` batches
    (default twice the workers) are in flight, so memory does not grow with the
    corpus.  An article that crashes or times out is reported in ``failed`` and
    costs only itself.  ``then`` (a module-level function, so that it pickles) is
    applied to each batch's facts (the list) where they were extracted, and the
    batch carries its result instead: work such as serialising or counting then
    runs on every core instead of in the caller.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    workers = default_workers() if workers is None else workers
    if workers < 1:
        raise ValueError("workers must be at least 1")
    batches = _batches(articles, batch_size)
    first = next(batches, None)
    second = next(batches, None) if first is not None else None
    if first is None:
        return
    if dask is None and (workers == 1 or second is None):  # a pool would only cost time
        for batch in chain([first], [second] if second else [], batches):
            yield _extract_batch(batch, time_limit, then)
        return
    # ``second`` is None when everything fits in one batch (a cluster still gets it)
    batches = chain([first], [second] if second is not None else [], batches)
    executor: Executor | _DaskExecutor
    if dask is not None:
        executor = _DaskExecutor(dask)
        slots = _dask_slots(executor.client)
    else:
        executor = _pool(workers)
        slots = workers
    pending: deque[Future[Batch] | Any] = deque()
    limit = window or 2 * slots
    try:
        for batch in batches:
            pending.append(executor.submit(_extract_batch, batch, time_limit, then))
            while len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            with suppress(Exception):
                future.cancel()
        if isinstance(executor, _DaskExecutor):
            executor.shutdown()
        else:
            executor.shutdown(wait=True, cancel_futures=True)
            if _FORKS:
                gc.unfreeze()  # what ``_pool`` froze is this process's to collect again


def _dask_slots(client: Any) -> int:
    """Threads across the cluster's workers (at least 1)."""
    try:
        info = client.scheduler_info()
        return max(1, sum(w.get("nthreads", 1) for w in info.get("workers", {}).values()))
    except Exception:  # an unusual client still works, with a small window
        return 2


def extract_parallel(
    articles: Sequence[Article],
    *,
    workers: int | None = None,
    dask: Any = None,
    strict: bool = False,
    progress: Progress | None = None,
    time_limit: float | None = 60.0,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> tuple[list[ArticleFacts], list[IngestError]]:
    """``polgraph.build.extract_all`` on many cores or a cluster: same result, same order."""
    from polgraph.build.extraction import extract_all
    from polgraph.build.report import BuildFailed

    n = default_workers() if workers is None else workers
    if dask is None and (n == 1 or len(articles) <= batch_size):  # one batch: no pool
        return extract_all(articles, strict=strict, progress=progress, time_limit=time_limit)
    facts: list[ArticleFacts] = []
    failed: list[IngestError] = []
    total = len(articles)
    if progress:
        progress(0, total)
    done = 0
    for batch_facts, batch_failed in extract_batches(
        articles, workers=workers, dask=dask, batch_size=batch_size, time_limit=time_limit
    ):
        if strict and batch_failed:
            raise BuildFailed("extraction failed (strict mode)", batch_failed[:1])
        facts.extend(batch_facts)
        failed.extend(batch_failed)
        done += len(batch_facts) + len(batch_failed)
        if progress:
            progress(done, total)
    return facts, failed


def in_order(
    fn: Callable[..., Any], jobs: Iterable[tuple[Any, ...]], workers: int
) -> Iterator[Any]:
    """``fn(*job)`` for each job, results in job order; forked workers when > 1.

    Forked, so that workers inherit what the caller set up (the resolution, in a
    module's state) without pickling it; ``fn`` must be a module-level function.  At
    most ``2 * workers`` jobs are in flight, so memory stays bounded.
    """
    pending = iter(jobs)
    head = list(islice(pending, 2))
    jobs = chain(head, pending)
    if workers <= 1 or len(head) < 2 or not _FORKS:
        for job in jobs:  # one job (a small corpus): a pool would only cost time
            yield fn(*job)
        return
    ctx = multiprocessing.get_context("fork")
    # the children's collector would touch (and so copy) every inherited object's page;
    # no collection first: over the loaded pipeline it costs 50 ms, five times a build
    gc.freeze()
    try:
        yield from _forked(fn, jobs, workers, ctx)
    finally:
        gc.unfreeze()


def _forked(
    fn: Callable[..., Any], jobs: Iterable[tuple[Any, ...]], workers: int, ctx: Any
) -> Iterator[Any]:
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=ctx, initializer=reuse_freed_memory
    ) as pool:
        pending: deque[Any] = deque()
        for job in jobs:
            pending.append(pool.submit(fn, *job))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
