"""Matching rules of polgraph.evaluate on tiny invented gold sets (names are fictional)."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from polgraph.core.model import Article, ArticleFacts, Event, Holding, Organization, Person
from polgraph.evaluate import evaluate

D1 = dt.date(2031, 5, 4)
D2 = dt.date(2031, 6, 9)


def write_gold(root: Path, article: str, **lists: Any) -> Path:
    """One gold file in FORMAT.md shape; missing lists are empty."""
    data = {"article": article, "date": None, "date_basis": "test"}
    for key in ("persons", "organizations", "documents", "holdings", "events"):
        data[key] = lists.get(key, [])
    root.mkdir(parents=True, exist_ok=True)
    (root / f"{article}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return root


def facts(article: str, **kw: Any) -> ArticleFacts:
    return ArticleFacts(article=Article(id=article, text=""), **kw)


def person(name: str, *aliases: str) -> dict[str, Any]:
    return {"name": name, "aliases": list(aliases)}


def org(name: str, *aliases: str) -> dict[str, Any]:
    return {"name": name, "kind": "party_committee", "aliases": list(aliases)}


def test_alias_case_and_spacing_match_once(tmp_path: Path) -> None:
    gold = write_gold(tmp_path, "a1", persons=[person("Phạm Minh Khảo", "đồng chí Phạm Minh Khảo")])
    sys = facts(
        "a1",
        persons=(Person("đồng chí Phạm Minh Khảo"), Person("ĐỒNG CHÍ  PHẠM   MINH KHẢO")),
    )
    s = evaluate(gold, [sys]).corpus.scores["persons"]
    assert (s.tp, s.fp, s.fn) == (1, 0, 0)


def test_tone_placement_and_nfd_variants_match(tmp_path: Path) -> None:
    gold = write_gold(
        tmp_path, "a1", organizations=[org("Tỉnh ủy Sông Xanh"), org("Huyện ủy Hòa Mộc")]
    )
    nfd = unicodedata.normalize("NFD", "Huyện uỷ Hoà Mộc")
    sys = facts("a1", organizations=(Organization("Tỉnh uỷ Sông Xanh"), Organization(nfd)))
    s = evaluate(gold, [sys]).corpus.scores["organizations"]
    assert (s.tp, s.fp, s.fn) == (2, 0, 0)


def test_system_aliases_ignored_unless_asked(tmp_path: Path) -> None:
    gold = write_gold(tmp_path, "a1", persons=[person("Phạm Minh Khảo")])
    sys = facts("a1", persons=(Person("ông Khảo", aliases=("Phạm Minh Khảo",)),))
    strict = evaluate(gold, [sys]).corpus.scores["persons"]
    lenient = evaluate(gold, [sys], match_system_aliases=True).corpus.scores["persons"]
    assert (strict.tp, strict.fp, strict.fn) == (0, 1, 1)
    assert (lenient.tp, lenient.fp, lenient.fn) == (1, 0, 0)


def test_cross_article_entries_sharing_an_alias_are_one_entity(tmp_path: Path) -> None:
    write_gold(tmp_path, "a1", persons=[person("Phạm Minh Khảo", "Phạm M. Khảo")])
    gold = write_gold(tmp_path, "a2", persons=[person("Phạm M. Khảo"), person("Đỗ Thị Lam")])
    sys = [
        facts("a1", persons=(Person("Phạm Minh Khảo"), Person("Vũ Văn Giả"))),
        facts("a2", persons=(Person("Vũ Văn Giả"),)),
    ]
    report = evaluate(gold, sys)
    corpus = report.corpus.scores["persons"]
    # Gold: {Khảo cluster, Lam}; the spurious person seen twice counts once.
    assert (corpus.tp, corpus.fp, corpus.fn) == (1, 1, 1)
    a2 = report.articles["a2"].scores["persons"]
    assert (a2.tp, a2.fp, a2.fn) == (0, 1, 2)
    a1 = report.articles["a1"].scores["persons"]
    assert (a1.tp, a1.fp, a1.fn) == (1, 1, 0)
    assert a1.precision == pytest.approx(0.5)
    assert corpus.f1 == pytest.approx(0.5)


def test_holdings_match_the_triple_through_aliases(tmp_path: Path) -> None:
    gold = write_gold(
        tmp_path,
        "a1",
        persons=[person("Phạm Minh Khảo", "đồng chí Khảo"), person("Đỗ Thị Lam")],
        organizations=[org("Tỉnh ủy Sông Xanh", "Ban Chấp hành Đảng bộ tỉnh Sông Xanh")],
        holdings=[
            {"person": "Phạm Minh Khảo", "role": "Bí thư", "organization": "Tỉnh ủy Sông Xanh"},
            {"person": "Đỗ Thị Lam", "role": "Ủy viên", "organization": "Tỉnh ủy Sông Xanh"},
            {"person": "Đỗ Thị Lam", "role": "Phó Bí thư", "organization": "Tỉnh ủy Sông Xanh"},
        ],
    )
    sys = facts(
        "a1",
        holdings=(
            Holding("đồng chí Khảo", "BÍ THƯ", "Ban Chấp hành Đảng bộ tỉnh Sông Xanh"),
            Holding("Phạm Minh Khảo", "bí thư", "Tỉnh uỷ Sông Xanh"),  # duplicate of the first
            Holding("Đỗ Thị Lam", "Uỷ viên", "tỉnh ủy sông xanh"),
            Holding("Đỗ Thị Lam", "Chủ tịch", "Tỉnh ủy Sông Xanh"),  # wrong role
            Holding("Vũ Văn Giả", "Phó Bí thư", "Tỉnh ủy Sông Xanh"),  # unknown person
        ),
    )
    report = evaluate(gold, [sys])
    s = report.corpus.scores["holdings"]
    assert (s.tp, s.fp, s.fn) == (2, 2, 1)
    assert report.corpus.missed["holdings"] == ("Đỗ Thị Lam | Phó Bí thư | Tỉnh ủy Sông Xanh",)
    assert "Vũ Văn Giả | Phó Bí thư | Tỉnh ủy Sông Xanh" in report.corpus.spurious["holdings"]


def test_events_need_date_and_chair_on_both_sides(tmp_path: Path) -> None:
    gold = write_gold(
        tmp_path,
        "a1",
        persons=[person("Phạm Minh Khảo", "đồng chí Khảo")],
        events=[
            {"name": "Hội nghị A", "date": D1.isoformat(), "chair": "Phạm Minh Khảo"},
            {"name": "Hội nghị B", "date": D2.isoformat(), "chair": None},  # not official
            {"name": "Hội nghị C", "date": None, "chair": "Phạm Minh Khảo"},  # not official
        ],
    )
    sys = facts(
        "a1",
        events=(
            Event("Họp", date=D1, chair="đồng chí Khảo"),  # tp through the chair's alias
            Event("Họp khác", date=D2),  # no chair: only in events_by_date
            Event("Họp nữa", date=D2, chair="Vũ Văn Giả"),  # wrong chair: spurious
            Event("Không ngày", chair="Phạm Minh Khảo"),  # no date: not counted
        ),
    )
    report = evaluate(gold, [sys])
    ev = report.corpus.scores["events"]
    assert (ev.tp, ev.fp, ev.fn) == (1, 1, 0)
    by_date = report.corpus.scores["events_by_date"]
    assert (by_date.tp, by_date.fp, by_date.fn) == (2, 0, 0)


def test_event_with_wrong_date_misses(tmp_path: Path) -> None:
    gold = write_gold(
        tmp_path,
        "a1",
        persons=[person("Phạm Minh Khảo")],
        events=[{"name": "Hội nghị A", "date": D1.isoformat(), "chair": "Phạm Minh Khảo"}],
    )
    sys = facts("a1", events=(Event("Họp", date=D2, chair="Phạm Minh Khảo"),))
    report = evaluate(gold, [sys])
    ev = report.corpus.scores["events"]
    assert (ev.tp, ev.fp, ev.fn) == (0, 1, 1)
    assert report.corpus.missed["events"] == (
        f"{D1.isoformat()}, chair Phạm Minh Khảo (Hội nghị A)",
    )


def test_missing_system_article_and_ignored_system_article(tmp_path: Path) -> None:
    write_gold(tmp_path, "a1", persons=[person("Phạm Minh Khảo")])
    gold = write_gold(tmp_path, "a2", persons=[person("Đỗ Thị Lam")])
    sys = [
        facts("a1", persons=(Person("Phạm Minh Khảo"),)),
        facts("zz", persons=(Person("Vũ Văn Giả"),)),  # no gold: ignored everywhere
    ]
    report = evaluate(gold, sys)
    s = report.corpus.scores["persons"]
    assert (s.tp, s.fp, s.fn) == (1, 0, 1)
    assert not report.articles["a2"].has_system
    assert report.articles["a2"].scores["persons"].fn == 1
    assert report.ignored_system_articles == ("zz",)
    assert "zz" not in report.articles
    text = report.format()
    assert "System articles without gold (ignored): zz" in text
    assert "Gold articles without system facts (all missed): a2" in text


def test_documents_match_by_alias(tmp_path: Path) -> None:
    gold = write_gold(
        tmp_path,
        "a1",
        documents=[
            {
                "name": "Nghị quyết 77 của Tỉnh ủy Sông Xanh",
                "kind": "resolution",
                "issuer": "Tỉnh ủy Sông Xanh",
                "title": None,
                "aliases": ["Nghị quyết 77"],
            }
        ],
    )
    from polgraph.core.model import Document

    sys = facts("a1", documents=(Document("nghị quyết 77"), Document("Chỉ thị 5")))
    s = evaluate(gold, [sys]).corpus.scores["documents"]
    assert (s.tp, s.fp, s.fn) == (1, 1, 0)
