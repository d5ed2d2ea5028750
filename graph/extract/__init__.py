"""Extractors: one article in, its facts (with evidence) out.

``extract_article`` is the single entry point the build, the evaluator and the
workers call; the individual extractors live beside it, one module per job.
"""

from __future__ import annotations

import gc

from polgraph.core.model import Article, ArticleFacts


def extract_article(article: Article) -> ArticleFacts:
    """Extract persons, organizations, documents, holdings and meetings from one article.

    The cyclic garbage collector is paused while one article is read: extraction makes
    a Python object per token and per match, all freed by reference counting when the
    article is done, and every collection started meanwhile only walked them (and the
    loaded lexicons) in vain (about a twentieth of extraction time).  The collector's
    state is restored after, so the article's few reference cycles go at its next run.
    """
    from polgraph.extract.article import extract  # deferred: loads lexicons once

    paused = gc.isenabled()
    try:
        if paused:
            gc.disable()
        return extract(article)
    finally:
        if paused:
            gc.enable()


def prepare() -> None:
    """Load the pipeline, lexicons and every table built on first use, now.

    Called before worker processes are forked, so that they share one copy (copy on
    write) instead of each building its own: less memory, and the time is spent once.
    """
    extract_article(Article("", "Ngày 1/1/2020, Ban Thường vụ Tỉnh ủy họp."))


__all__ = ["extract_article", "prepare"]
