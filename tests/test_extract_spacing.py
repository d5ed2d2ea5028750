"""Odd whitespace inside phrases costs nothing, and evidence still cites the article.

Web text carries no-break spaces, doubled spaces, tabs and zero-width characters; an
invented article is extracted clean and with each of them, and must give the same
facts, with every evidence sentence equal to the article text at its offsets.
"""

from __future__ import annotations

import datetime as dt

import pytest

from polgraph.core.model import Article, ArticleFacts
from polgraph.extract import extract_article

CLEAN = (
    "Ông Lò Văn Phát, Phó Chủ tịch UBND tỉnh Nghệ An, phát biểu tại hội nghị. "
    "Bà Mạc Thị Hoa, Ủy viên Ban Thường vụ Tỉnh ủy, Giám đốc Sở Y tế, cũng dự."
)
VARIANTS = {
    "no-break spaces": CLEAN.replace(" ", "\u00a0"),
    "doubled spaces": CLEAN.replace(" ", "  "),
    "tabs after commas": CLEAN.replace(", ", ",\t"),
    "zero-width space inside a word": CLEAN.replace("UBND", "UB\u200bND"),
    "mixed": CLEAN.replace("Chủ tịch ", "Chủ tịch \u00a0").replace("Sở ", "Sở\u2009"),
}


def _extract(text: str) -> tuple[Article, ArticleFacts]:
    article = Article(id="a", text=text, title="Nghệ An", date=dt.date(2024, 5, 2))
    return article, extract_article(article)


def _facts(facts: ArticleFacts) -> set[tuple[str, str, str, bool]]:
    return {(h.person, h.role, h.organization, h.former) for h in facts.holdings}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_odd_whitespace_gives_the_same_holdings(name: str) -> None:
    _, clean = _extract(CLEAN)
    assert len(_facts(clean)) == 3
    article, facts = _extract(VARIANTS[name])
    assert _facts(facts) == _facts(clean)
    assert {o.name for o in facts.organizations} == {o.name for o in clean.organizations}
    for holding in facts.holdings:
        for ev in holding.evidence:
            assert article.full_text[ev.start : ev.end] == ev.sentence
