"""``polgraph eval`` in-process, compared with the library's own evaluation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import polgraph.build.extraction as build_module
from polgraph.cli import main
from polgraph.core.model import Article, ArticleFacts, Holding, Person
from polgraph.evaluate import evaluate

GOLD = {
    "article": "bai1",
    "date": "2021-03-04",
    "persons": [{"name": "Trần Văn Thử", "aliases": []}],
    "organizations": [{"name": "Tỉnh ủy Mẫu", "kind": "party_committee", "aliases": []}],
    "documents": [],
    "holdings": [{"person": "Trần Văn Thử", "role": "Bí thư", "organization": "Tỉnh ủy Mẫu"}],
    "events": [],
}


def fake_extract(article: Article) -> ArticleFacts:
    return ArticleFacts(
        article=article,
        persons=(Person("Trần Văn Thử"), Person("Lê Thị Sai")),
        holdings=(Holding("Trần Văn Thử", "Bí thư", "Tỉnh ủy Mẫu"),),
    )


@pytest.fixture
def setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    monkeypatch.setattr(build_module, "extract_article", fake_extract)
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "bai1.json").write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    articles = tmp_path / "bai"
    articles.mkdir()
    (articles / "bai1.txt").write_text("Bí thư Tỉnh ủy Mẫu Trần Văn Thử.", encoding="utf-8")
    return gold, articles


def test_eval_json_matches_library(setup: tuple[Path, Path]) -> None:
    gold, articles = setup
    result = CliRunner().invoke(main, ["eval", str(gold), str(articles), "--json"])
    assert result.exit_code == 0, result.output
    expected = evaluate(gold, [fake_extract(Article(id="bai1", text="x"))]).to_json()
    assert json.loads(result.stdout) == expected
    persons = expected["corpus"]["scores"]["persons"]
    assert (persons["tp"], persons["fp"], persons["fn"]) == (1, 1, 0)


def test_eval_text_and_errors(setup: tuple[Path, Path]) -> None:
    gold, articles = setup
    runner = CliRunner()
    plain = runner.invoke(main, ["eval", str(gold), str(articles)])
    detailed = runner.invoke(main, ["eval", str(gold), str(articles), "--errors"])
    assert plain.exit_code == detailed.exit_code == 0
    assert "Corpus-level" in plain.stdout
    assert "Lê Thị Sai" not in plain.stdout
    assert "Lê Thị Sai" in detailed.stdout  # the spurious person is listed


def test_eval_bad_gold_is_clean_error(setup: tuple[Path, Path]) -> None:
    gold, articles = setup
    (gold / "bai2.json").write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(gold), str(articles)])
    assert result.exit_code == 1
    assert "bai2.json" in result.stderr and "Traceback" not in result.output


def test_eval_strict_with_unreadable_article(setup: tuple[Path, Path]) -> None:
    gold, articles = setup
    (articles / "bin.txt").write_bytes(b"\x00")
    runner = CliRunner()
    assert runner.invoke(main, ["eval", str(gold), str(articles)]).exit_code == 0
    strict = runner.invoke(main, ["eval", str(gold), str(articles), "--strict"])
    assert strict.exit_code == 1 and "bin.txt" in strict.stderr


def test_eval_prints_corpus_last_and_articles_on_request(setup: tuple[Path, Path]) -> None:
    gold, articles = setup
    runner = CliRunner()
    plain = runner.invoke(main, ["eval", str(gold), str(articles)])
    assert plain.exit_code == 0
    assert "== Article" not in plain.stdout
    tail = plain.stdout.rstrip().splitlines()
    assert tail[-1].strip().startswith("(* auxiliary") and "F1" in "".join(tail[-9:])
    both = runner.invoke(main, ["eval", str(gold), str(articles), "--per-article"])
    out = both.stdout
    assert out.index("== Article bai1 ==") < out.index("== Corpus-level (official) ==")
    report = evaluate(gold, [fake_extract(Article(id="bai1", text="x"))])
    assert report.matched == 1 and out == report.format(per_article=True)


def test_eval_json_keeps_vietnamese_and_the_corpus_scores(setup: tuple[Path, Path]) -> None:
    gold, articles = setup
    result = CliRunner().invoke(main, ["eval", str(gold), str(articles), "--json", "--errors"])
    assert "Lê Thị Sai" in result.stdout and "\\u" not in result.stdout  # the spurious one
    doc = json.loads(result.stdout)
    assert doc["corpus"]["scores"]["persons"]["f1"] == pytest.approx(2 / 3, abs=1e-6)


def test_eval_fails_when_no_article_has_gold(setup: tuple[Path, Path], tmp_path: Path) -> None:
    gold, articles = setup
    other = tmp_path / "other"
    other.mkdir()
    (other / "khac.txt").write_text("Một bài khác.", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(gold), str(other)])
    assert result.exit_code == 1
    assert "none of the 1 article(s) read has a gold file" in result.stderr
    assert "khac" in result.stderr and "Corpus-level" not in result.stdout
    assert evaluate(gold, [fake_extract(Article(id="khac", text="x"))]).matched == 0
    (articles / "khac.txt").write_text("Một bài khác.", encoding="utf-8")
    (gold / "bai9.json").write_text(
        json.dumps({**GOLD, "article": "bai9"}, ensure_ascii=False), encoding="utf-8"
    )
    partly = CliRunner().invoke(main, ["eval", str(gold), str(articles)])
    assert partly.exit_code == 0 and "1 gold article(s) matched no article" in partly.stderr
