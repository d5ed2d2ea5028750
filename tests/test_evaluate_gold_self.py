"""The real gold scored against itself must be perfect: validates the loader and matcher."""

from __future__ import annotations

from pathlib import Path

import pytest

from polgraph.evaluate import ALL_CATEGORIES, evaluate, load_gold

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(params=["gold", "gold-dev"])
def gold_dir(request: pytest.FixtureRequest) -> Path:
    path = SHARED / "eval" / request.param
    if not path.is_dir() or not any(path.glob("*.json")):
        pytest.skip(f"../shared not found: no gold files in {path}")
    return path


@pytest.mark.parametrize("aliases", [False, True])
def test_gold_against_itself_is_perfect(gold_dir: Path, aliases: bool) -> None:
    gold = load_gold(gold_dir)
    report = evaluate(gold_dir, [g.to_facts() for g in gold.values()], match_system_aliases=aliases)
    for category in ALL_CATEGORIES:
        score = report.corpus.scores[category]
        assert score.f1 == 1.0, (category, score)
    for article_id, article in report.articles.items():
        for category in ALL_CATEGORIES:
            assert article.scores[category].f1 == 1.0, (article_id, category)
    assert report.corpus.scores["persons"].tp > 0
    assert report.corpus.scores["holdings"].tp > 0


def test_dropping_an_article_costs_recall_not_precision(gold_dir: Path) -> None:
    gold = load_gold(gold_dir)
    first = next(iter(gold))
    system = [g.to_facts() for a, g in gold.items() if a != first]
    report = evaluate(gold_dir, system)
    assert not report.articles[first].has_system
    holdings = report.corpus.scores["holdings"]
    assert holdings.fp == 0
    if gold[first].holdings:
        assert holdings.fn > 0
