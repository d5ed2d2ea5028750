"""Scores and reports of an evaluation: counts, ratios, text tables and JSON.

Ratios use vacuous truth (see ``polgraph.evaluate``); the JSON has a fixed key
order so that two runs dump byte-identical files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "ALL_CATEGORIES",
    "AUXILIARY_CATEGORIES",
    "CATEGORIES",
    "EvalReport",
    "LevelReport",
    "Score",
]

ENTITY_CATEGORIES = ("persons", "organizations", "documents")
CATEGORIES = (*ENTITY_CATEGORIES, "holdings", "events")
"""The official categories, in report order."""
AUXILIARY_CATEGORIES = ("events_by_date",)
"""Informative only: events matched on their date alone (the official rule needs a chair)."""
ALL_CATEGORIES = CATEGORIES + AUXILIARY_CATEGORIES


@dataclass(frozen=True)
class Score:
    """Counts of one category; ratios follow the vacuous-truth rule of the module docstring."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        claimed = self.tp + self.fp
        return self.tp / claimed if claimed else 1.0

    @property
    def recall(self) -> float:
        wanted = self.tp + self.fn
        return self.tp / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class LevelReport:
    """Scores plus the error lists of one scope (the whole corpus, or one article)."""

    scores: Mapping[str, Score]
    missed: Mapping[str, tuple[str, ...]]  # gold entries nobody found, readable labels
    spurious: Mapping[str, tuple[str, ...]]  # system entries that match no gold entry
    has_system: bool = True  # False: no system facts for this gold article (all missed)

    def to_json(self) -> dict[str, Any]:
        return {
            "has_system": self.has_system,
            "scores": {
                cat: {
                    "tp": s.tp,
                    "fp": s.fp,
                    "fn": s.fn,
                    "precision": round(s.precision, 6),
                    "recall": round(s.recall, 6),
                    "f1": round(s.f1, 6),
                    "missed": list(self.missed[cat]),
                    "spurious": list(self.spurious[cat]),
                }
                for cat, s in self.scores.items()
            },
        }


@dataclass(frozen=True)
class EvalReport:
    """Corpus-level (official) and per-article results of one evaluation."""

    corpus: LevelReport
    articles: Mapping[str, LevelReport]  # gold article id -> its report, sorted by id
    ignored_system_articles: tuple[str, ...] = ()  # system articles with no gold file
    match_system_aliases: bool = False
    gold_dir: str | None = field(default=None, compare=False)

    @property
    def matched(self) -> int:
        """Gold articles for which the system read an article (0: nothing was scored)."""
        return sum(r.has_system for r in self.articles.values())

    def format(self, errors: bool = False, per_article: bool = False) -> str:
        """Plain-text tables, the corpus-level (official) one last so it stays on screen;
        ``per_article`` adds each article's table, ``errors`` the misses per article."""
        lines = [
            f"Evaluation against {len(self.articles)} gold article(s)"
            + (f" in {self.gold_dir}" if self.gold_dir else "")
            + f", {self.matched} matched by an article",
            "Official score: corpus-level, categories " + ", ".join(CATEGORIES) + ".",
            "Auxiliary (not official): "
            + ", ".join(AUXILIARY_CATEGORIES)
            + " (events matched on date alone).",
            "System names matched: canonical name"
            + (" and aliases." if self.match_system_aliases else " only (aliases ignored)."),
        ]
        without = [a for a, r in self.articles.items() if not r.has_system]
        if without:
            lines.append("Gold articles without system facts (all missed): " + ", ".join(without))
        if self.ignored_system_articles:
            lines.append(
                "System articles without gold (ignored): " + ", ".join(self.ignored_system_articles)
            )
        for article_id, report in self.articles.items():
            if not per_article and not (errors and _error_lines(report)):
                continue
            title = f"== Article {article_id}" + ("" if report.has_system else " (no system facts)")
            lines += ["", title + " =="]
            if per_article:
                lines += _table(report)
            if errors:
                lines += _error_lines(report)
        lines += ["", "== Corpus-level (official) ==", *_table(self.corpus, footnote=True)]
        return "\n".join(lines) + "\n"

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict with a fixed key order, so two runs dump byte-identical files."""
        return {
            "official": {"level": "corpus", "categories": list(CATEGORIES)},
            "auxiliary_categories": list(AUXILIARY_CATEGORIES),
            "match_system_aliases": self.match_system_aliases,
            "corpus": self.corpus.to_json(),
            "articles": {a: r.to_json() for a, r in sorted(self.articles.items())},
            "gold_articles_without_system": sorted(
                a for a, r in self.articles.items() if not r.has_system
            ),
            "ignored_system_articles": list(self.ignored_system_articles),
        }


def _table(report: LevelReport, footnote: bool = False) -> list[str]:
    rows = [f"  {'category':<17}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>8}{'R':>8}{'F1':>8}"]
    for cat, s in report.scores.items():
        label = cat + ("*" if cat in AUXILIARY_CATEGORIES else "")
        rows.append(
            f"  {label:<17}{s.tp:>5}{s.fp:>5}{s.fn:>5}"
            f"{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}"
        )
    if footnote:
        rows.append("  (* auxiliary, not part of the official score)")
    return rows


def _error_lines(report: LevelReport) -> list[str]:
    lines: list[str] = []
    for cat in report.scores:
        missed, spurious = report.missed[cat], report.spurious[cat]
        if not missed and not spurious:
            continue
        lines.append(f"  {cat}:")
        lines += [f"    - missed:   {m}" for m in missed]
        lines += [f"    + spurious: {s}" for s in spurious]
    return lines
