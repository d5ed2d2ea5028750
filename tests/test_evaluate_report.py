"""Report rendering, JSON determinism, ratios and gold-loading errors of polgraph.evaluate."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from polgraph.core.model import Article, ArticleFacts, Holding, Person
from polgraph.evaluate import CATEGORIES, GoldFormatError, Score, evaluate, load_gold


def write_gold(root: Path, stem: str, **fields: Any) -> Path:
    data: dict[str, Any] = {"article": stem, "date": "2031-05-04", "date_basis": "test"}
    for key in ("persons", "organizations", "documents", "holdings", "events"):
        data[key] = []
    data.update(fields)
    root.mkdir(parents=True, exist_ok=True)
    (root / f"{stem}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return root


def facts(article: str, **kw: Any) -> ArticleFacts:
    return ArticleFacts(article=Article(id=article, text=""), **kw)


@pytest.fixture
def two_articles(tmp_path: Path) -> tuple[Path, list[ArticleFacts]]:
    write_gold(
        tmp_path,
        "a1",
        persons=[{"name": "Phạm Minh Khảo", "aliases": []}],
        organizations=[{"name": "Tỉnh ủy Sông Xanh", "kind": "party_committee", "aliases": []}],
        holdings=[
            {"person": "Phạm Minh Khảo", "role": "Bí thư", "organization": "Tỉnh ủy Sông Xanh"}
        ],
    )
    write_gold(tmp_path, "a2", persons=[{"name": "Đỗ Thị Lam", "aliases": []}])
    sys = [
        facts("a2", persons=(Person("Vũ Văn Giả"),)),
        facts("a1", persons=(Person("Phạm Minh Khảo"), Person("Lý Thị Thừa"))),
        facts("a1", holdings=(Holding("Phạm Minh Khảo", "Chủ tịch", "Tỉnh ủy Sông Xanh"),)),
    ]
    return tmp_path, sys


def test_score_ratios_and_vacuous_cases() -> None:
    s = Score(tp=2, fp=2, fn=6)
    assert (s.precision, s.recall) == (0.5, 0.25)
    assert s.f1 == pytest.approx(1 / 3)
    assert Score().f1 == 1.0  # nothing to find, nothing claimed
    assert Score(fp=3).f1 == 0.0
    assert Score(fn=3).f1 == 0.0


def test_format_lists_errors_per_article_only_when_asked(two_articles: tuple) -> None:
    gold, sys = two_articles
    report = evaluate(gold, sys)
    plain = report.format(per_article=True)
    detailed = report.format(errors=True)
    assert (  # the official table last, so it is what stays on screen
        plain.index("Article a1")
        < plain.index("Article a2")
        < plain.index("Corpus-level (official)")
    )
    assert "Article" not in report.format()  # per-article tables only when asked
    assert "missed" not in plain and "spurious" not in plain
    a1 = detailed[detailed.index("Article a1") : detailed.index("Article a2")]
    a2 = detailed[detailed.index("Article a2") : detailed.index("Corpus-level")]
    assert "+ spurious: Lý Thị Thừa" in a1
    assert "- missed:   Phạm Minh Khảo | Bí thư | Tỉnh ủy Sông Xanh" in a1
    assert "+ spurious: Phạm Minh Khảo | Chủ tịch | Tỉnh ủy Sông Xanh" in a1
    assert "- missed:   Đỗ Thị Lam" in a2 and "+ spurious: Vũ Văn Giả" in a2
    assert "Lý Thị Thừa" not in a2
    assert "events_by_date*" in plain and "auxiliary" in plain


def test_json_is_serialisable_and_independent_of_input_order(two_articles: tuple) -> None:
    gold, sys = two_articles
    one = json.dumps(evaluate(gold, sys).to_json(), ensure_ascii=False)
    two = json.dumps(evaluate(gold, list(reversed(sys))).to_json(), ensure_ascii=False)
    assert one == two
    data = json.loads(one)
    assert data["official"] == {"level": "corpus", "categories": list(CATEGORIES)}
    persons = data["corpus"]["scores"]["persons"]
    assert (persons["tp"], persons["fp"], persons["fn"]) == (1, 2, 1)
    assert persons["spurious"] == ["Lý Thị Thừa", "Vũ Văn Giả"]
    assert list(data["articles"]) == ["a1", "a2"]


def test_formatting_is_deterministic(two_articles: tuple) -> None:
    gold, sys = two_articles
    assert evaluate(gold, sys).format(errors=True) == evaluate(gold, sys[::-1]).format(errors=True)


def test_load_gold_keys_by_stem_and_parses_fields(tmp_path: Path) -> None:
    write_gold(
        tmp_path,
        "b2",
        events=[{"name": "Hội nghị", "date": "2031-06-09", "chair": None, "organizer": None}],
        holdings=[{"person": "X Y", "role": "Bí thư", "organization": "Tỉnh ủy Z", "former": True}],
    )
    write_gold(tmp_path, "b1")
    gold = load_gold(tmp_path)
    assert list(gold) == ["b1", "b2"]
    assert gold["b2"].events[0].date.isoformat() == "2031-06-09"
    assert gold["b2"].holdings[0].former is True
    assert gold["b2"].to_facts().article.id == "b2"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"article": "other"}, "file stem"),
        ({"organizations": [{"name": "Tỉnh ủy Z", "kind": "club", "aliases": []}]}, "kind"),
        ({"persons": [{"name": "", "aliases": []}]}, r"persons\[0\]\.name"),
        ({"events": [{"name": "H", "date": "4/5/2031"}]}, "ISO date"),
    ],
)
def test_load_gold_rejects_malformed_files(tmp_path: Path, fields: dict, message: str) -> None:
    write_gold(tmp_path, "bad", **fields)
    with pytest.raises(GoldFormatError, match=message):
        load_gold(tmp_path)


def test_load_gold_missing_or_empty_dir(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_gold(tmp_path / "nope")
    with pytest.raises(GoldFormatError, match=r"no \*\.json"):
        load_gold(tmp_path)
