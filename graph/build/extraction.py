"""Extraction of many articles in one process, each under a time budget.

One odd page among 10,000 must cost only itself: a crash or a timeout skips that
article and is reported like an unreadable file.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from polgraph.build.report import BuildFailed, _one_line
from polgraph.core.model import Article, ArticleFacts
from polgraph.extract import extract_article
from polgraph.ingest import IngestError

ARTICLE_TIME_LIMIT = 60.0
"""Seconds one article may take to extract before it is skipped (a news article takes
well under a second; only a pathological text gets near this)."""

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` after each article is extracted (and once at 0)."""


def extract_all(
    articles: Sequence[Article],
    *,
    strict: bool = False,
    progress: Progress | None = None,
    time_limit: float | None = ARTICLE_TIME_LIMIT,
) -> tuple[list[ArticleFacts], list[IngestError]]:
    """Run the extractor on each article; a crash on one article skips only that article.

    The extractor should never raise, but on 10,000 scraped pages one odd page
    must not cost the other 9,999: it is reported like an unreadable file.
    Likewise an article that takes longer than ``time_limit`` seconds (a
    pathological text hitting a slow path) is abandoned and reported, so it
    cannot stall the build; ``None`` or 0 disables the limit.
    Under ``strict`` the first failure raises ``BuildFailed``.
    """
    facts: list[ArticleFacts] = []
    failed: list[IngestError] = []
    total = len(articles)
    if progress:
        progress(0, total)
    for done, article in enumerate(articles, start=1):
        try:
            with _time_budget(time_limit):
                result = extract_article(article)
        except (Exception, ExtractionTimeout) as exc:  # reported per article, see docstring
            if isinstance(exc, ExtractionTimeout):
                reason = f"extraction timed out after {time_limit:g} s (article skipped)"
            else:
                reason = f"extraction failed: {type(exc).__name__}: {_one_line(str(exc))}"
            error = IngestError(article.source or article.id, reason)
            if strict:
                raise BuildFailed("extraction failed (strict mode)", [error]) from exc
            failed.append(error)
        else:
            facts.append(result)
        if progress:
            progress(done, total)
    return facts, failed


class ExtractionTimeout(BaseException):
    """One article exceeded its time budget.

    A ``BaseException`` (like ``KeyboardInterrupt``) so that a broad
    ``except Exception`` inside an extractor cannot swallow it.
    """


@contextmanager
def _time_budget(seconds: float | None) -> Iterator[None]:
    """Raise ``ExtractionTimeout`` in this block after ``seconds`` of wall time.

    Uses ``SIGALRM`` (Python checks signals between bytecodes and inside ``re``
    matching, so slow loops and backtracking regexes are both interrupted).  Where
    that is unavailable (Windows, or a thread other than the main one) the block
    runs without a limit.
    """
    usable = (
        seconds
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise ExtractionTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, float(seconds))  # type: ignore[arg-type]
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
