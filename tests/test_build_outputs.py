"""build(): the four outputs, their content through rdflib, determinism, atomicity, failures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, Namespace
from rdflib.namespace import FOAF, RDF

import polgraph.build
import polgraph.build.extraction as build_module
from polgraph.build import OUTPUT_FILES, BuildFailed, build
from polgraph.core.model import Article, ArticleFacts, Holding, Organization, OrgKind, Person

SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")


def fake_extract(article: Article) -> ArticleFacts:
    """Known facts for any article, so these tests do not depend on the extractor."""
    if "HỎNG" in article.text:
        raise RuntimeError("extractor\ncrashed")
    return ArticleFacts(
        article=article,
        persons=(Person("Trần Văn Thử"),),
        organizations=(Organization("Tỉnh ủy Mẫu", OrgKind.PARTY_COMMITTEE),),
        holdings=(Holding("Trần Văn Thử", "Bí thư", "Tỉnh ủy Mẫu"),),
        warnings=("ngày họp không rõ",),
    )


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "bai"
    root.mkdir()
    (root / "a1.txt").write_text("Đồng chí Trần Văn Thử, Bí thư Tỉnh ủy Mẫu.", encoding="utf-8")
    (root / "a2.txt").write_text("Bí thư Tỉnh ủy Mẫu Trần Văn Thử dự họp.", encoding="utf-8")
    (root / "hong.txt").write_bytes(b"\x00\x00")
    return root


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build_module, "extract_article", fake_extract)


def test_outputs_parse_and_hold_the_facts(corpus: Path, tmp_path: Path, fake: None) -> None:
    out = tmp_path / "out"
    report = build([corpus], out)
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUT_FILES)

    merged = Graph().parse(out / "graph.ttl", format="turtle")
    persons = set(merged.subjects(RDF.type, FOAF.Person))
    assert len(persons) == 1  # the same person in two articles is one node
    (person,) = persons
    assert (person, FOAF.name, Literal("Trần Văn Thử")) in merged
    assert len(set(merged.subjects(RDF.type, SCHEMA.NewsArticle))) == 2

    ds = Dataset()
    ds.parse(out / "graph.trig", format="trig")
    named = [g for g in ds.graphs() if len(g) and g.identifier != ds.default_graph.identifier]
    articles = [g for g in named if "/article/" in str(g.identifier)]
    assert len(articles) == 2  # one named graph per article
    # and the tenures inferred across them in their own graph
    assert {str(g.identifier) for g in named} - {str(g.identifier) for g in articles} == {
        "https://w3id.org/polgraph/id/tenure#graph"
    }

    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert data == report.to_json()
    assert data["articles_read"] == 2
    assert data["skipped"] == [
        {
            "path": str(corpus / "hong.txt"),
            "line": None,
            "reason": "binary file (contains NUL bytes)",
        }
    ]
    assert data["extracted"]["holdings"] == 2
    assert data["entities"]["foaf:Person"] == 1
    assert data["triples"] == len(merged)
    assert data["warnings"] == ["a1: ngày họp không rõ", "a2: ngày họp không rõ"]
    assert "Read 2 articles, skipped 1" in report.summary()


def test_same_input_gives_byte_identical_outputs(corpus: Path, tmp_path: Path, fake: None) -> None:
    build([corpus], tmp_path / "one")
    build([corpus], tmp_path / "two")
    for name in OUTPUT_FILES:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


@pytest.mark.parametrize(
    "failing", ["polgraph.build.merge.concatenate", "polgraph.outputs.html.write_html"]
)
def test_failure_midway_keeps_previous_outputs(
    corpus: Path, tmp_path: Path, fake: None, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    out = tmp_path / "out"
    build([corpus], out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (corpus / "a3.txt").write_text("Bài mới về Tỉnh ủy Mẫu.", encoding="utf-8")

    def boom(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(failing, boom)
    with pytest.raises(OSError, match="disk full"):
        build([corpus], out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no staging left either


def test_strict_fails_before_writing(corpus: Path, tmp_path: Path, fake: None) -> None:
    out = tmp_path / "out"
    with pytest.raises(BuildFailed) as info:
        build([corpus], out, strict=True)
    assert [e.path for e in info.value.errors] == [str(corpus / "hong.txt")]
    assert "hong.txt" in str(info.value)
    assert not out.exists() or not any(out.iterdir())


def test_no_readable_article_fails(tmp_path: Path, fake: None) -> None:
    (tmp_path / "x.txt").write_bytes(b"\x00")
    with pytest.raises(BuildFailed, match="no articles"):
        build([tmp_path / "x.txt"], tmp_path / "out")


def test_extractor_crash_skips_only_that_article(corpus: Path, tmp_path: Path, fake: None) -> None:
    (corpus / "a0.txt").write_text("Bài HỎNG.", encoding="utf-8")
    report = build([corpus], tmp_path / "out")
    assert report.articles == 2
    crash = [e for e in report.skipped if e.path.endswith("a0.txt")]
    assert [e.reason for e in crash] == ["extraction failed: RuntimeError: extractor crashed"]
    with pytest.raises(BuildFailed, match="extraction failed"):
        (corpus / "hong.txt").unlink()
        build([corpus], tmp_path / "out2", strict=True)


def test_progress_is_reported(corpus: Path, tmp_path: Path, fake: None) -> None:
    calls: list[tuple[int, int]] = []
    build([corpus], tmp_path / "out", progress=lambda done, total: calls.append((done, total)))
    # per batch of articles; the total is estimated first (one per file: the unreadable one too)
    assert calls[0] == (0, 3) and calls[-1] == (3, 3)
    assert [d for d, _t in calls] == sorted(d for d, _t in calls)


def test_default_corpus_is_the_packaged_samples() -> None:
    samples = polgraph.build.sample_corpus()
    assert samples.is_dir() and samples.name == "samples"
