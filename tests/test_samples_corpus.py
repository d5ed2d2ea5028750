"""The shipped sample corpus, its gold and the phenomenon sentences stay consistent.

Other tests (extractor, evaluator, demos) trust these files, so a typo in a gold name, a
sentence whose expected person is not in its text, or an article that ingest cannot read
would silently weaken them; these checks catch that.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from polgraph.core.model import Article, DocKind, OrgKind
from polgraph.core.text import canonical, fold
from polgraph.evaluate import ALL_CATEGORIES, evaluate, load_gold
from polgraph.ingest import read_all

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "graph" / "samples"
GOLD = ROOT / "tests" / "data" / "sample_gold"
PHENOMENA = ROOT / "tests" / "data" / "phenomena"
SHARED = ROOT.parent / "shared"
NOTICE = "(Bài viết hư cấu dùng làm dữ liệu mẫu cho polgraph.)"
PHENOMENON_FILES = (
    "persons.jsonl",
    "holdings.jsonl",
    "organizations.jsonl",
    "documents.jsonl",
    "meetings.jsonl",
    "dates.jsonl",
)


def _articles() -> dict[str, Article]:
    result = read_all([SAMPLES])
    assert not result.errors, result.errors
    return {a.id: a for a in result.articles}


def _gold() -> dict[str, dict[str, Any]]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))}


def _rows() -> list[tuple[str, dict[str, Any]]]:
    rows = []
    for name in PHENOMENON_FILES:
        for line in (PHENOMENA / name).read_text(encoding="utf-8").splitlines():
            rows.append((name, json.loads(line)))
    return rows


def _folded(text: str) -> str:
    return fold(text)


def test_every_sample_article_has_gold_and_reads_cleanly() -> None:
    articles = _articles()
    assert sorted(articles) == sorted(_gold())
    assert len(articles) == 9
    # a .jsonl source is "file.jsonl:<line>"
    suffixes = sorted({Path(a.source or "").suffix.split(":")[0] for a in articles.values()})
    assert suffixes == [".html", ".jsonl", ".txt"]


def test_sample_text_is_canonical_vietnamese_and_marked_as_fiction() -> None:
    for article in _articles().values():
        lines = [line for line in article.text.split("\n") if line.strip()]
        assert NOTICE in lines[-2:], article.id  # last line (html: before the byline)
        for line in lines:
            assert unicodedata.normalize("NFC", line) == line, (article.id, line)
            assert canonical(line) == line.strip(), (article.id, line)
        words = len(article.text.split())
        assert 150 <= words <= 450, (article.id, words)


def test_html_sample_drops_page_furniture() -> None:
    article = _articles()["s07_ha_tinh_2023"]
    assert article.date == dt.date(2023, 12, 8)
    for furniture in ("Tin đọc nhiều", "Gửi bình luận", "Trang chủ", "Chia sẻ", "© Báo Mẫu"):
        assert furniture not in article.text


def test_gold_is_loadable_and_perfect_against_itself() -> None:
    gold = load_gold(GOLD)
    report = evaluate(GOLD, [g.to_facts() for g in gold.values()])
    for category in ALL_CATEGORIES:
        assert report.corpus.scores[category].f1 == 1.0, category


def test_gold_names_occur_in_their_article() -> None:
    articles = _articles()
    for article_id, gold in _gold().items():
        text = _folded(articles[article_id].text)
        assert gold["article"] == article_id
        assert dt.date(2012, 1, 1) <= dt.date.fromisoformat(gold["date"]) <= dt.date(2025, 12, 31)
        assert gold["date"] in {e["date"] for e in gold["events"]}
        for person in gold["persons"]:
            assert _folded(person["name"]) in text, (article_id, person["name"])
        for holding in gold["holdings"]:
            assert _folded(holding["role"]) in text, (article_id, holding)


def test_cross_article_facts_are_present() -> None:
    """The timeline, namesake and successor cases the README promises."""
    gold = _gold()

    def holds(article: str, person: str, role: str, org: str) -> bool:
        return any(
            (h["person"], h["role"], h["organization"]) == (person, role, org)
            for h in gold[article]["holdings"]
        )

    assert holds("s01_nghe_an_2016", "Lương Đình Thạc", "Phó Bí thư", "Tỉnh ủy Nghệ An")
    assert holds("s02_nghe_an_2022", "Lương Đình Thạc", "Bí thư", "Tỉnh ủy Nghệ An")
    assert holds("s01_nghe_an_2016", "Chu Bá Khanh", "Bí thư", "Thành ủy Vinh")
    assert holds("s02_nghe_an_2022", "Phạm Hữu Tường", "Bí thư", "Thành ủy Vinh")
    assert holds("s05_tra_vinh_2020", "Phan Thanh Liêm", "Giám đốc", "Sở Nội vụ tỉnh Trà Vinh")
    assert holds(
        "s06_thanh_hoa_2015", "Phan Thanh Liêm", "Phó Chủ tịch", "Ủy ban nhân dân huyện Nông Cống"
    )
    dai_tu = _articles()["s03_dai_tu_2019"].text
    assert "Thái Nguyên" not in dai_tu


def test_phenomenon_rows_are_well_formed() -> None:
    org_kinds = {k.value for k in OrgKind}
    doc_kinds = {k.value for k in DocKind}
    ids: set[str] = set()
    counts: dict[str, int] = {}
    for name, row in _rows():
        counts[name] = counts.get(name, 0) + 1
        assert set(row) <= {"id", "text", "context", "expect", "note"}, row
        assert row["id"] not in ids
        ids.add(row["id"])
        assert unicodedata.normalize("NFC", row["text"]) == row["text"]
        context = row.get("context", {})
        assert set(context) <= {"province", "title", "published", "url"}, row["id"]
        if "published" in context:
            dt.date.fromisoformat(context["published"])
        expect = row["expect"]
        for holding in expect.get("holdings", []):
            assert len(holding) == 4 and isinstance(holding[3], bool), row["id"]
        for holding in expect.get("not_holdings", []):
            assert len(holding) == 3, row["id"]
        for org in expect.get("organizations", []):
            assert org["kind"] in org_kinds, row["id"]
        for doc in expect.get("documents", []):
            assert set(doc) == {"name", "kind", "number", "issuer", "term", "title"}, row["id"]
            assert doc["kind"] in doc_kinds, row["id"]
        for event in expect.get("events", []):
            if event["date"] is not None:
                dt.date.fromisoformat(event["date"])
        if name == "dates.jsonl":
            assert "date" in expect, row["id"]
            if expect["date"] is not None:
                dt.date.fromisoformat(expect["date"])
    assert all(counts[name] >= 10 for name in PHENOMENON_FILES), counts


def test_phenomenon_expectations_are_grounded_in_the_text() -> None:
    """Every expected or forbidden name is actually written in the sentence (or its title)."""
    for _name, row in _rows():
        text = _folded(row["text"] + "\n" + row.get("context", {}).get("title", ""))
        expect = row["expect"]
        names = list(expect.get("persons", [])) + list(expect.get("not_persons", []))
        names += [h[0] for h in expect.get("holdings", [])]
        for event in expect.get("events", []):
            names += [event["chair"]] if event["chair"] else []
            names += event.get("participants", [])
        for doc in expect.get("documents", []):
            names += [doc["number"]] if doc["number"] else []
            names += [doc["title"]] if doc["title"] else []
        for value in names:
            assert _folded(value) in text, (row["id"], value)
        for person in expect.get("persons", []):
            assert person not in expect.get("not_persons", []), row["id"]


def test_no_person_from_the_shared_gold_is_reused() -> None:
    gold_dirs = [SHARED / "eval" / "gold", SHARED / "eval" / "gold-dev"]
    files = [p for d in gold_dirs if d.is_dir() for p in sorted(d.glob("*.json"))]
    if not files:
        pytest.skip(f"../shared not found: no gold files under {SHARED / 'eval'}")
    shared_names = {
        _folded(person["name"])
        for path in files
        for person in json.loads(path.read_text(encoding="utf-8"))["persons"]
    }
    ours = {_folded(p["name"]) for g in _gold().values() for p in g["persons"]}
    for _name, row in _rows():
        ours.update(_folded(p) for p in row["expect"].get("persons", []))
        ours.update(_folded(h[0]) for h in row["expect"].get("holdings", []))
    assert not ours & shared_names
