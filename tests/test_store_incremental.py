"""build --store: only changed articles are extracted, and the store equals a fresh build."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from polgraph.build.store import facts_from_json, facts_to_json, store_quads, update_store
from polgraph.cli import main
from polgraph.core.model import (
    Article,
    ArticleFacts,
    Document,
    Event,
    Evidence,
    Holding,
    Organization,
)

A1 = """Tỉnh ủy Lai Châu họp phiên thường kỳ

Ngày 12/3/2019, Ban Thường vụ Tỉnh ủy Lai Châu tổ chức hội nghị.
Ông Lò Văn Khiêm, Bí thư Tỉnh ủy Lai Châu chủ trì hội nghị.
"""
A2 = """Huyện ủy Mường Tè triển khai nhiệm vụ

Ngày 5/6/2020, Huyện ủy Mường Tè tổ chức hội nghị.
Bà Vàng Thị Nhung, Phó Bí thư Huyện ủy Mường Tè phát biểu.
"""
A2_CHANGED = A2.replace("Vàng Thị Nhung", "Vàng Thị Nhàn")
A3 = """Tỉnh ủy Cà Mau tổng kết công tác

Ngày 20/12/2021, Tỉnh ủy Cà Mau tổ chức hội nghị. Ông Tạ Quang Lực, Bí thư Tỉnh ủy Cà Mau chủ trì.
"""


@pytest.fixture(autouse=True)
def fixed_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    """The extractor's code may change while the suite runs; pin its fingerprint."""
    monkeypatch.setattr("polgraph.build.store.extractor_fingerprint", lambda: "pinned")


def corpus(folder: Path, **articles: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.txt"):
        old.unlink()
    for name, text in articles.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def test_incremental_equals_scratch(tmp_path: Path) -> None:
    src, store = tmp_path / "src", tmp_path / "store"
    r1 = update_store([corpus(src, a1=A1, a2=A2)], store)
    assert (r1.added, r1.extracted) == (("a1", "a2"), 2)
    before = store_quads(store)

    r2 = update_store([src], store)  # nothing changed: nothing extracted or rewritten
    assert (r2.extracted, r2.graphs_written, r2.graphs_removed) == (0, 0, 0)
    assert store_quads(store) == before

    r3 = update_store([corpus(src, a2=A2_CHANGED, a3=A3)], store)
    assert r3.added == ("a3",) and r3.changed == ("a2",) and r3.removed == ("a1",)
    assert r3.extracted == 2
    incremental = store_quads(store)

    scratch = tmp_path / "scratch"
    update_store([src], scratch)
    assert incremental == store_quads(scratch)
    assert incremental != before
    text = "\n".join(incremental)
    assert "Lò_Văn_Khiêm" not in text  # only a1 supported him: gone with it
    assert "article/a1#graph" not in text  # its named graph is dropped
    assert "Vàng_Thị_Nhung" not in text and "Vàng_Thị_Nhàn" in text


def test_store_equals_the_trig_build(tmp_path: Path) -> None:
    """The store holds exactly the quads of graph.trig from a normal build."""
    from polgraph.build import build
    from polgraph.rdf.sparql import load_store

    src = corpus(tmp_path / "src", a1=A1, a3=A3)
    update_store([src], tmp_path / "store")
    build([src], tmp_path / "out")
    trig = load_store(tmp_path / "out" / "graph.trig")
    from_trig = sorted(f"{q} ." for q in trig.quads_for_pattern(None, None, None, None))
    assert store_quads(tmp_path / "store") == from_trig


def test_extractor_change_reextracts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src, store = corpus(tmp_path / "src", a1=A1), tmp_path / "store"
    update_store([src], store)
    monkeypatch.setattr("polgraph.build.store.extractor_fingerprint", lambda: "other")
    assert update_store([src], store).extracted == 1


def test_refuses_a_folder_that_is_not_a_store(tmp_path: Path) -> None:
    from polgraph.build import BuildFailed

    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(BuildFailed, match="not a polgraph store"):
        update_store([corpus(tmp_path / "src", a1=A1)], tmp_path / "mine")
    assert (tmp_path / "mine" / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_facts_json_round_trip() -> None:
    ev = Evidence("x", "Câu.", 1, 5)
    f = ArticleFacts(
        Article("x", "Câu.", "T", dt.date(2020, 1, 2), "https://example.org/x", "x.txt"),
        date=dt.date(2020, 1, 1),
        organizations=(
            Organization("Tỉnh ủy Lai Châu", aliases=("Tỉnh ủy",), locality="Lai Châu"),
        ),
        documents=(Document("Kế hoạch 12", number="12", term="XI", evidence=(ev,)),),
        holdings=(
            Holding("Lò Văn Khiêm", "Bí thư", "Tỉnh ủy Lai Châu", True, dt.date(2019, 1, 1)),
        ),
        events=(Event("Hội nghị", dt.date(2020, 1, 1), participants=("A", "B"), evidence=(ev,)),),
        warnings=("w",),
    )
    assert facts_from_json(facts_to_json(f)) == f


def test_cli_build_store_then_query(tmp_path: Path) -> None:
    src, store = corpus(tmp_path / "src", a1=A1, a3=A3), tmp_path / "store"
    runner = CliRunner()
    first = runner.invoke(main, ["build", str(src), "--store", str(store)])
    assert first.exit_code == 0, first.output
    assert "2 new" in first.output
    again = runner.invoke(main, ["build", str(src), "--store", str(store)])
    assert "0 new, 0 changed, 2 unchanged" in again.output
    assert not (tmp_path / "outputs").exists()
    q = runner.invoke(main, ["query", str(store), "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"])
    assert q.exit_code == 0 and "(1 row)" in q.output
