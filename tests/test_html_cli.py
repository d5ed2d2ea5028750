"""``polgraph html GRAPH [--focus NAME --depth N]``: pages from a saved graph."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from click.testing import CliRunner

from polgraph.cli import main
from polgraph.core.model import Article, ArticleFacts, Event, Holding
from polgraph.rdf import facts_to_dataset, write_trig, write_turtle


def _graph(tmp_path: Path) -> Path:
    facts = [
        ArticleFacts(
            Article(id="c1", text="…", date=dt.date(2019, 2, 3)),
            holdings=(Holding("Vi Thị Bưởi", "Chủ tịch", "Hội Nông dân xã Khe Lim"),),
            events=(Event("Hội nghị", dt.date(2019, 2, 1), participants=("Mông Văn Tre",)),),
        )
    ]
    ds = facts_to_dataset(facts)
    write_trig(ds, tmp_path / "graph.trig")
    write_turtle(ds, tmp_path / "graph.ttl")
    return tmp_path


def _labels(page: Path) -> set[str]:
    text = page.read_text(encoding="utf-8")
    nodes = json.loads(re.search(r"var nodeData = (\[.*?\]);\n", text).group(1))
    return {n["label"] for n in nodes}


def test_html_from_a_build_folder_and_from_turtle(tmp_path: Path) -> None:
    folder = _graph(tmp_path)
    result = CliRunner().invoke(main, ["html", str(folder)])
    assert result.exit_code == 0, result.output
    assert "Vi Thị Bưởi" in _labels(folder / "graph.html")
    out = tmp_path / "other.html"
    result = CliRunner().invoke(main, ["html", str(folder / "graph.ttl"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert _labels(out) == _labels(folder / "graph.html")


def test_focus_writes_a_smaller_page_named_after_the_entity(tmp_path: Path) -> None:
    folder = _graph(tmp_path)
    result = CliRunner().invoke(
        main, ["html", str(folder), "--focus", "vi thi buoi", "--depth", "1"]
    )
    assert result.exit_code == 0, result.output
    page = folder / "graph-vi-thi-buoi.html"
    assert f"Wrote {page}." in result.output
    labels = _labels(page)
    assert labels == {"Vi Thị Bưởi", "Hội Nông dân xã Khe Lim"}  # the post is the edge
    assert "<title>polgraph: vi thi buoi</title>" in page.read_text(encoding="utf-8")


def test_unknown_focus_and_bad_graph_fail_cleanly(tmp_path: Path) -> None:
    folder = _graph(tmp_path)
    result = CliRunner().invoke(main, ["html", str(folder), "--focus", "Không Có Ai"])
    assert result.exit_code == 1
    assert "no entity is named" in result.output and "Traceback" not in result.output
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle <", encoding="utf-8")
    result = CliRunner().invoke(main, ["html", str(bad)])
    assert result.exit_code == 1 and "cannot read turtle" in result.output
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(main, ["html", str(empty)])
    assert result.exit_code == 1 and "no graph.trig or graph.ttl" in result.output
    assert not list(empty.iterdir())


def test_ambiguous_focus_lists_candidates_and_by_writes_pages(tmp_path: Path) -> None:
    facts = [
        ArticleFacts(
            Article(id=f"k{i}", text="…", date=dt.date(2020, 1, i + 1)),
            holdings=(Holding(name, "Chủ tịch", org),),
        )
        for i, (name, org) in enumerate(
            [("Ma Văn Sở", "Hội Nông dân xã Khe Lim"), ("Ma Văn Sở Hai", "Hội Nông dân xã Nà Mò")]
        )
    ]
    ds = facts_to_dataset(facts)
    write_trig(ds, tmp_path / "graph.trig")
    text = (tmp_path / "graph.trig").read_text(encoding="utf-8")
    (tmp_path / "graph.trig").write_text(text.replace('"Ma Văn Sở Hai"', '"Ma Văn Sở"'))
    result = CliRunner().invoke(main, ["html", str(tmp_path), "--focus", "ma van so"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "Ma Văn Sở (Chủ tịch Hội Nông dân xã Khe Lim)" in result.output
    assert "Ma Văn Sở (Chủ tịch Hội Nông dân xã Nà Mò)" in result.output
    result = CliRunner().invoke(
        main, ["html", str(tmp_path), "--focus", "Ma Văn Sở (Chủ tịch Hội Nông dân xã Nà Mò)"]
    )
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["html", str(tmp_path), "--by", "organization"])
    assert result.exit_code == 0, result.output
    pages = sorted(p.name for p in (tmp_path / "organizations").iterdir())
    assert len(pages) == 2 and all(p.startswith("hoi-nong-dan-xa-") for p in pages)
    page = (tmp_path / "organizations" / pages[0]).read_text(encoding="utf-8")
    assert '<script src="../assets/vis-network.min.js"></script>' in page
    assert (tmp_path / "assets" / "vis-network.min.js").stat().st_size > 400_000
    assert "Ma Văn Sở" in _labels(tmp_path / "organizations" / pages[0])
