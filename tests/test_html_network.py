"""graph.html: one offline, deterministic page in which article strings are only ever escaped."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from graph.html import KINDS, to_html, write_html
from graph.model import (
    Article,
    ArticleFacts,
    DocKind,
    Document,
    Event,
    Evidence,
    Holding,
    Organization,
    Person,
)
from graph.rdf import facts_to_dataset

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'


def facts(hostile: bool = False) -> list[ArticleFacts]:
    bad = f" {SCRIPT}{IMG}" if hostile else ""
    sentence = f"Bí thư Tỉnh ủy Núi Xanh Hà Văn Khải{bad} chủ trì hội nghị."
    ev = Evidence("t1", sentence, 0, len(sentence))
    return [
        ArticleFacts(
            Article(
                id="t1",
                text=sentence,
                title=f"Tin hội nghị{bad}",
                date=dt.date(2022, 4, 1),
                url=f"https://example.invalid/?q={bad}",
            ),
            persons=(Person(f"Hà Văn Khải{bad}", aliases=(f"ông Khải{bad}",), evidence=(ev,)),),
            organizations=(Organization(f"Tỉnh ủy Núi Xanh{bad}", parent=f"Trung ương{bad}"),),
            documents=(
                Document(
                    f"Nghị quyết 05{bad}",
                    DocKind.RESOLUTION,
                    number=f"05{bad}",
                    title=f"Về rừng{bad}",
                    issuer=f"Tỉnh ủy Núi Xanh{bad}",
                ),
            ),
            holdings=(
                Holding(
                    f"Hà Văn Khải{bad}", f"Bí thư{bad}", f"Tỉnh ủy Núi Xanh{bad}", evidence=(ev,)
                ),
            ),
            events=(
                Event(
                    f"Hội nghị{bad}",
                    dt.date(2022, 3, 31),
                    f"Tỉnh ủy Núi Xanh{bad}",
                    chair=f"Hà Văn Khải{bad}",
                    participants=(f"Lý Thị Mai{bad}",),
                    documents=(f"Nghị quyết 05{bad}",),
                    evidence=(ev,),
                ),
            ),
        )
    ]


def data(page: str, var: str) -> list[dict]:
    match = re.search(rf"var {var} = (\[.*?\]);\n", page)
    assert match, var
    return json.loads(match.group(1))


def test_hostile_strings_appear_only_escaped() -> None:
    page = to_html(facts_to_dataset(facts(hostile=True)), title=f"polgraph{SCRIPT}")
    assert SCRIPT not in page
    assert "<img" not in page and "onerror=alert(1)>" not in page
    # the strings are still there, as data: decoded labels are the raw text (drawn on the canvas),
    # titles are HTML in which the text is escaped
    nodes = data(page, "nodeData")
    person = next(
        n
        for n in nodes
        if "/person/" in n["id"] and n["title"].startswith("<b>Người</b>: Hà Văn Khải")
    )
    assert SCRIPT in person["label"] or person["label"].endswith("…")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in person["title"]
    assert "<script>" not in person["title"] and "<img" not in person["title"]
    edges = data(page, "edgeData")
    assert all("<img" not in e["title"] and "<script>" not in e["title"] for e in edges)
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in "".join(e["title"] for e in edges)
    assert "<title>polgraph&lt;script&gt;" in page


def test_page_is_self_contained_and_offline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    write_html(facts_to_dataset(facts()), out / "graph.html")
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["graph.html", "out"]
    page = (out / "graph.html").read_text(encoding="utf-8")
    tags = re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", page)
    assert tags and all("src=" not in t and "href=" not in t for t in tags)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "new vis.Network(" in page and " * vis-network" in page  # the library, inlined
    assert len(page) > 400_000  # vis-network inlined, not referenced


def test_nodes_by_kind_with_vietnamese_labels_legend_and_fixed_positions() -> None:
    page = to_html(facts_to_dataset(facts()))
    nodes = data(page, "nodeData")
    colours = {colour: kind for kind, (_l, colour, _s) in KINDS.items()}
    kinds = {colours[n["color"]] for n in nodes}
    assert kinds == set(KINDS)
    labels = {n["label"] for n in nodes}
    assert {"Hà Văn Khải", "Tỉnh ủy Núi Xanh", "Nghị quyết 05", "Bí thư Tỉnh ủy Núi Xanh"} <= labels
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in nodes)
    assert '"physics": {"enabled": false}' in page
    for legend, _colour, _shape in KINDS.values():
        assert legend in page
    edge_labels = {e["label"] for e in data(page, "edgeData")}
    assert {"giữ chức", "thuộc", "chủ trì", "dự", "bàn về", "ban hành", "tổ chức"} <= edge_labels


def test_holding_edge_title_carries_the_evidence_sentence() -> None:
    page = to_html(facts_to_dataset(facts()))
    holds = [e for e in data(page, "edgeData") if e["label"] == "giữ chức"]
    assert len(holds) == 1
    assert "Bí thư Tỉnh ủy Núi Xanh Hà Văn Khải chủ trì hội nghị." in holds[0]["title"]
    assert "t1" in holds[0]["title"]


def test_same_graph_gives_the_same_bytes(tmp_path: Path) -> None:
    write_html(facts_to_dataset(facts()), tmp_path / "a.html")
    write_html(facts_to_dataset(facts()), tmp_path / "b.html")
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


def test_large_component_lays_out_without_scipy() -> None:
    names = [f"Người Số {i}" for i in range(520)]
    big = [
        ArticleFacts(
            Article(id="big", text=""),
            events=(Event("Đại hội", dt.date(2020, 1, 1), participants=tuple(names)),),
        )
    ]
    nodes = data(to_html(facts_to_dataset(big)), "nodeData")
    assert len(nodes) == 522
    assert len({(n["x"], n["y"]) for n in nodes}) > 500  # spread out, not stacked


def test_write_is_atomic_over_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "graph.html"
    target.write_text("old", encoding="utf-8")
    write_html(facts_to_dataset(facts()), target)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert os.listdir(tmp_path) == ["graph.html"]


_STUB = """
var document = {
  createElement: function (tag) { return { tag: tag }; },
  getElementById: function () { return {}; },
};
var vis = {
  DataSet: function (items) { this.items = items; },
  Network: function (container, data, options) { globalThis.drawn = { data, options }; },
};
"""


def test_page_script_runs_and_turns_escaped_titles_into_elements(tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node not installed: cannot run the page's script")
    page = to_html(facts_to_dataset(facts(hostile=True)))
    script = re.findall(r"<script>(.*?)</script>", page, re.S)[-1]
    probe = tmp_path / "probe.js"
    probe.write_text(
        _STUB
        + script
        + "\nconsole.log(JSON.stringify({physics: drawn.options.physics.enabled,"
        + " titles: drawn.data.nodes.items.map(function (n) {"
        + " return [typeof n.title, n.title.tag, n.title.innerHTML]; })}));",
        encoding="utf-8",
    )
    result = subprocess.run([node, str(probe)], capture_output=True, text=True, check=True)
    out = json.loads(result.stdout)
    assert out["physics"] is False
    assert all(kind == "object" and tag == "div" for kind, tag, _html in out["titles"])
    markup = " ".join(h for _k, _t, h in out["titles"])
    assert "&lt;script&gt;" in markup and "<script" not in markup and "<img" not in markup
