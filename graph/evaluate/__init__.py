"""Score extracted facts against the hand-made gold of ``shared/eval`` (see its FORMAT.md).

The official score is corpus-level because users query the merged graph, not one
article: gold entries of different articles that share a name or alias are one
entity (union-find over normalised names), and the system's entries are merged
the same way, so finding a person in two articles earns one true positive, not two.
Per-article scores are reported too, because they say *where* the extractor fails.

Names are compared after ``polgraph.core.text.fold`` (NFC, traditional tone placement,
whitespace folding, case folding): "Thành uỷ" and "THÀNH ỦY" are one key.

Ratios use vacuous truth: with nothing to find recall is 1.0, with nothing
claimed precision is 1.0, so an empty category scored against an empty gold is
perfect while any mismatch still gives F1 = 0.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from polgraph.core.model import ArticleFacts
from polgraph.evaluate.gold import GoldArticle, GoldFormatError, load_gold
from polgraph.evaluate.matching import _score_level
from polgraph.evaluate.report import (
    ALL_CATEGORIES,
    AUXILIARY_CATEGORIES,
    CATEGORIES,
    EvalReport,
    LevelReport,
    Score,
)


def evaluate_gold(
    gold: Mapping[str, GoldArticle],
    facts: Sequence[ArticleFacts],
    *,
    match_system_aliases: bool = False,
    gold_dir: str | None = None,
) -> EvalReport:
    """Score system facts against already loaded gold (see ``evaluate``)."""
    ordered = sorted(facts, key=lambda f: f.article.id)  # input order must not change labels
    by_article: dict[str, list[ArticleFacts]] = {}
    for f in ordered:
        by_article.setdefault(f.article.id, []).append(f)
    gold_ids = sorted(gold)
    annotated = [f for f in ordered if f.article.id in gold]
    corpus = _score_level([gold[a] for a in gold_ids], annotated, match_system_aliases)
    articles = {
        a: _score_level([gold[a]], by_article.get(a, []), match_system_aliases) for a in gold_ids
    }
    return EvalReport(
        corpus=corpus,
        articles=articles,
        ignored_system_articles=tuple(sorted(a for a in by_article if a not in gold)),
        match_system_aliases=match_system_aliases,
        gold_dir=gold_dir,
    )


def evaluate(
    gold_dir: Path,
    facts: Sequence[ArticleFacts],
    *,
    match_system_aliases: bool = False,
) -> EvalReport:
    """Score ``facts`` against the gold files of ``gold_dir`` (corpus-level is official).

    Only the system's canonical names are matched unless ``match_system_aliases``:
    aliases are where an extractor dumps every surface form, and crediting them by
    default would reward over-generation.
    """
    return evaluate_gold(
        load_gold(Path(gold_dir)),
        facts,
        match_system_aliases=match_system_aliases,
        gold_dir=str(gold_dir),
    )


__all__ = [
    "ALL_CATEGORIES",
    "AUXILIARY_CATEGORIES",
    "CATEGORIES",
    "EvalReport",
    "GoldArticle",
    "GoldFormatError",
    "LevelReport",
    "Score",
    "evaluate",
    "evaluate_gold",
    "load_gold",
]
