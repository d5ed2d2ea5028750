"""One pathological article cannot stall a build: each article has a time budget."""

from __future__ import annotations

import contextlib
import json
import re
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import polgraph.build.extraction as build_module
from polgraph.build import BuildFailed, build, extract_all
from polgraph.core.model import Article, ArticleFacts

pytestmark = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs SIGALRM")

WATCHDOG = 20.0  # without the budget a stuck article would hang: fail the test instead


class Stalled(BaseException):
    pass


@pytest.fixture(autouse=True)
def watchdog() -> Iterator[None]:
    def fire(_signum: int, _frame: object) -> None:
        raise Stalled("the article's time budget never fired")

    previous = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, WATCHDOG)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def spin(article: Article) -> ArticleFacts:
    if "chậm" in article.text:
        while True:  # a slow path that never ends
            pass
    return ArticleFacts(article=article)


def backtrack(article: Article) -> ArticleFacts:
    if "chậm" in article.text:
        re.match(r"(a+)+$", "a" * 64 + "!")  # catastrophic backtracking, in C
    return ArticleFacts(article=article)


def swallow(article: Article) -> ArticleFacts:
    if "chậm" in article.text:
        while True:
            with contextlib.suppress(Exception):  # an over-broad handler inside an extractor
                time.sleep(0.01)
    return ArticleFacts(article=article)


ARTICLES = [
    Article(id="a", text="Bài bình thường."),
    Article(id="b", text="Bài chậm.", source="b.txt"),
    Article(id="c", text="Bài bình thường nữa."),
]


@pytest.mark.parametrize("extractor", [spin, backtrack, swallow])
def test_slow_article_is_skipped_and_the_rest_extracted(
    monkeypatch: pytest.MonkeyPatch, extractor
) -> None:
    monkeypatch.setattr(build_module, "extract_article", extractor)
    started = time.monotonic()
    facts, failed = extract_all(ARTICLES, time_limit=0.5)
    assert time.monotonic() - started < WATCHDOG / 2
    assert [f.article.id for f in facts] == ["a", "c"]
    (error,) = failed
    assert error.path == "b.txt" and "timed out after 0.5 s" in error.reason


def test_budget_is_per_article_and_leaves_no_timer_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    def nap(article: Article) -> ArticleFacts:
        time.sleep(0.3)
        return ArticleFacts(article=article)

    monkeypatch.setattr(build_module, "extract_article", nap)
    handler = signal.getsignal(signal.SIGALRM)
    facts, failed = extract_all(ARTICLES * 1, time_limit=0.6)  # 0.9 s in all, 0.3 s each
    assert len(facts) == 3 and failed == []
    assert signal.getsignal(signal.SIGALRM) is handler
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0.0


def test_timeout_under_strict_is_fatal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build_module, "extract_article", spin)
    with pytest.raises(BuildFailed) as info:
        extract_all(ARTICLES, strict=True, time_limit=0.3)
    assert "timed out" in str(info.value)


def test_timeout_is_listed_in_report_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build_module, "extract_article", spin)
    (tmp_path / "in").mkdir()
    for article in ARTICLES:
        (tmp_path / "in" / f"{article.id}.txt").write_text(article.text, encoding="utf-8")
    report = build([tmp_path / "in"], tmp_path / "out", time_limit=0.3)
    assert report.articles == 2
    data = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    (entry,) = data["skipped"]
    assert entry["path"].endswith("b.txt") and "timed out" in entry["reason"]


def test_default_budget_is_on() -> None:
    assert 0 < build_module.ARTICLE_TIME_LIMIT <= 300
