"""The synthetic corpus: deterministic by seed, prefix-stable, gold in FORMAT.md shape."""

from __future__ import annotations

import json
from pathlib import Path

from bench.generate_corpus import generate, write_corpus
from polgraph.evaluate import evaluate, load_gold
from polgraph.extract import extract_article
from polgraph.ingest import read_all


def test_same_seed_same_bytes_and_prefix_stable(tmp_path: Path) -> None:
    write_corpus(tmp_path / "a", 30, seed=7, per_file=10)
    write_corpus(tmp_path / "b", 30, seed=7, per_file=10)
    for name in ("part-00000.jsonl", "part-00002.jsonl"):
        assert (tmp_path / "a/articles" / name).read_bytes() == (
            tmp_path / "b/articles" / name
        ).read_bytes()
    small = [a.record for a in generate(5, seed=7)]
    big = [a.record for a in generate(30, seed=7)][:5]
    assert small == big  # the 1k corpus is the head of the 100k one
    other = [a.record for a in generate(5, seed=8)]
    assert other != small


def test_gold_is_valid_and_consistent_with_text(tmp_path: Path) -> None:
    write_corpus(tmp_path, 50, seed=3)
    gold = load_gold(tmp_path / "gold")  # raises on anything FORMAT.md forbids
    assert len(gold) == 50
    records = [
        json.loads(line)
        for p in sorted((tmp_path / "articles").glob("*.jsonl"))
        for line in p.read_text(encoding="utf-8").splitlines()
    ]
    for r in records:
        g = json.loads((tmp_path / "gold" / f"{r['id']}.json").read_text(encoding="utf-8"))
        text = r["title"] + "\n" + r["text"]
        assert {p["name"] for p in g["persons"]} == {h["person"] for h in g["holdings"]}
        for p in g["persons"]:
            assert p["name"] in text
        day, month = int(g["date"][8:]), int(g["date"][5:7])
        assert f"{day}/{month}" in text
    # recurring casts: some person appears in several articles (what resolution merges)
    names = [
        p["name"]
        for r in records
        for p in json.loads((tmp_path / "gold" / f"{r['id']}.json").read_text(encoding="utf-8"))[
            "persons"
        ]
    ]
    assert len(set(names)) < len(names)


def test_extractor_scores_on_generated_gold(tmp_path: Path) -> None:
    """Speed and accuracy on one corpus: the gold must be readable by the evaluator."""
    write_corpus(tmp_path, 50, seed=5)
    articles = read_all([tmp_path / "articles"]).articles
    report = evaluate(tmp_path / "gold", [extract_article(a) for a in articles])
    # a gold that disagreed with its own text would drag these far below
    assert report.corpus.scores["persons"].f1 > 0.9
    assert report.corpus.scores["documents"].recall > 0.8
