"""extract_article pauses the cyclic collector for one article only: whatever state the
caller had (on, or off on purpose) is the state it gets back, also after a failure."""

from __future__ import annotations

import gc

import pytest

import polgraph.extract.article as article_module
from polgraph.core.model import Article
from polgraph.extract import extract_article

ARTICLE = Article(id="gc-1", text="Ông Nguyễn Văn An, Bí thư Tỉnh ủy Nghệ An, dự hội nghị.")


@pytest.mark.parametrize("enabled", [True, False])
def test_collector_state_is_restored(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        facts = extract_article(ARTICLE)
        assert gc.isenabled() is enabled
        assert facts.article is ARTICLE
    finally:
        gc.enable() if was else gc.disable()


def test_collector_is_back_on_after_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_: Article) -> None:
        assert not gc.isenabled()  # paused while the article is read
        raise RuntimeError("boom")

    extract_article(ARTICLE)  # load the extractor before replacing its entry point
    monkeypatch.setattr(article_module, "extract", broken)
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        extract_article(ARTICLE)
    assert gc.isenabled()
