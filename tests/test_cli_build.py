"""``polgraph build`` in-process: results checked through rdflib and report.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, Namespace
from rdflib.namespace import RDF

import polgraph.build.extraction as build_module
from polgraph.cli import main
from polgraph.core.model import Article, ArticleFacts, Person

SCHEMA = Namespace("https://schema.org/")


def write_articles(root: Path, count: int) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (root / f"bai{i:03d}.txt").write_text(
            f"Ngày {i % 28 + 1}/3/2021, Huyện ủy Mẫu họp phiên thứ {i}.", encoding="utf-8"
        )
    return root


def test_build_writes_graph_readable_by_rdflib(tmp_path: Path) -> None:
    """Uses the real extractor on tiny invented articles: article nodes must be there."""
    articles = write_articles(tmp_path / "bai", 2)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(articles), "-o", str(out)])
    assert result.exit_code == 0, result.output
    g = Graph().parse(out / "graph.ttl", format="turtle")
    ids = {
        str(o)
        for s in g.subjects(RDF.type, SCHEMA.NewsArticle)
        for o in g.objects(s, SCHEMA.identifier)
    }
    assert ids == {"bai000", "bai001"}
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["articles_read"] == 2
    assert "Read 2 articles" in result.output


def fake_extract(article: Article) -> ArticleFacts:
    return ArticleFacts(article=article, persons=(Person(f"Lê Văn {article.id[-1].upper()}"),))


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build_module, "extract_article", fake_extract)


def test_skipped_file_listed_and_strict_exit_1(tmp_path: Path, fake: None) -> None:
    articles = write_articles(tmp_path / "bai", 2)
    (articles / "anh.txt").write_bytes(b"\x89PNG\x00\x00")
    out = tmp_path / "out"
    runner = CliRunner()

    ok = runner.invoke(main, ["build", str(articles), "-o", str(out)])
    assert ok.exit_code == 0
    assert f"skipped {articles / 'anh.txt'}: binary file" in ok.stderr
    first = (out / "graph.ttl").read_bytes()

    (articles / "bai009.txt").write_text("Thêm bài.", encoding="utf-8")
    strict = runner.invoke(main, ["build", str(articles), "-o", str(out), "--strict"])
    assert strict.exit_code == 1
    assert "anh.txt" in strict.stderr and "Traceback" not in strict.output
    assert (out / "graph.ttl").read_bytes() == first  # nothing written


def test_quiet_prints_nothing_on_success(tmp_path: Path, fake: None) -> None:
    articles = write_articles(tmp_path / "bai", 1)
    result = CliRunner().invoke(main, ["build", str(articles), "-o", str(tmp_path / "o"), "-q"])
    assert result.exit_code == 0 and result.output == ""


def test_progress_bar_only_for_large_runs(tmp_path: Path, fake: None) -> None:
    runner = CliRunner()
    small = runner.invoke(
        main, ["build", str(write_articles(tmp_path / "s", 3)), "-o", str(tmp_path / "o1")]
    )
    large = runner.invoke(
        main, ["build", str(write_articles(tmp_path / "l", 60)), "-o", str(tmp_path / "o2")]
    )
    assert small.exit_code == large.exit_code == 0
    assert "Extracting" not in small.stderr
    assert "Extracting" in large.stderr
    assert "Extracting" not in large.stdout


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["build", "--no-such-option"]).exit_code == 2
    assert runner.invoke(main, ["eval"]).exit_code == 2
    assert runner.invoke(main, ["eval", str(tmp_path / "missing-gold"), "x.txt"]).exit_code == 2


def test_nothing_readable_is_a_clean_error(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(tmp_path / "x.txt"), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no articles could be read")
    assert "Traceback" not in result.output


def test_default_build_uses_samples_into_outputs(
    tmp_path: Path, fake: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    samples = write_articles(tmp_path / "samples", 2)
    monkeypatch.setattr("polgraph.build.run.sample_corpus", lambda: samples)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    g = Graph().parse(tmp_path / "outputs" / "graph.ttl", format="turtle")
    assert Literal("Lê Văn 0") in set(g.objects())


def test_python_dash_m_entry_point(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "polgraph", "build", "--help"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Usage: polgraph build")
