"""Placeholder replaced by the real extractor pipeline (work in progress)."""

from __future__ import annotations

from graph.model import Article, ArticleFacts


def extract(article: Article) -> ArticleFacts:
    return ArticleFacts(article=article)
