"""graph.html: one offline, deterministic page in which article strings are only ever data."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest

from polgraph.core.model import (
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
from polgraph.outputs.html import KINDS, FocusError, find_entities, to_html, write_html
from polgraph.rdf import facts_to_dataset

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
                url="javascript:alert(1)" if hostile else "https://example.invalid/t1",
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


def var(page: str, name: str) -> list[dict]:
    match = re.search(rf"var {name} = (\[.*?\]);\n", page)
    assert match, name
    return json.loads(match.group(1))


def panel_data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="pg-data">(.*?)</script>', page, re.S)
    assert match
    return json.loads(match.group(1))


def node_named(page: str, name: str) -> tuple[str, dict]:
    info = panel_data(page)["nodes"]
    for i, n in enumerate(info):
        if n["names"][0] == name:
            return f"n{i}", n
    raise AssertionError(f"no node named {name!r}")


def test_hostile_strings_are_only_data() -> None:
    page = to_html(facts_to_dataset(facts(hostile=True)), title=f"polgraph{SCRIPT}")
    assert SCRIPT not in page
    assert "<img" not in page and "onerror=alert(1)>" not in page
    assert "<title>polgraph&lt;script&gt;" in page
    # the strings survive, as JSON the page writes with textContent
    _id, person = node_named(page, f"Hà Văn Khải {SCRIPT}{IMG}")
    assert f"ông Khải {SCRIPT}{IMG}" in person["names"]
    assert any(SCRIPT in n["label"] for n in var(page, "nodeData"))
    sentences = [s for e in panel_data(page)["edges"] for s, _a in e["ev"]]
    assert any(SCRIPT in s and IMG in s for s in sentences)
    # no node or edge has a vis-network title (which would be a tooltip of markup)
    assert all("title" not in x for x in var(page, "nodeData") + var(page, "edgeData"))
    # the page's own script never turns data into markup
    app = page.rsplit("<script>", 1)[1]
    assert "innerHTML" not in app and "insertAdjacentHTML" not in app


def test_only_http_urls_become_links() -> None:
    page = to_html(facts_to_dataset(facts(hostile=True)))
    assert [a["url"] for a in panel_data(page)["articles"]] == [""]
    page = to_html(facts_to_dataset(facts()))
    assert [a["url"] for a in panel_data(page)["articles"]] == ["https://example.invalid/t1"]


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
    nodes = var(page, "nodeData")
    assert {n["group"] for n in nodes} == set(KINDS)
    options = json.loads(re.search(r"var options = (\{.*?\});\n", page).group(1))
    assert options["physics"]["enabled"] is False
    assert options["layout"]["improvedLayout"] is False
    assert {k: (g["color"], g["shape"]) for k, g in options["groups"].items()} == {
        k: (colour, shape) for k, (_l, colour, shape) in KINDS.items()
    }
    labels = {n["label"] for n in nodes}
    assert {"Hà Văn Khải", "Tỉnh ủy Núi Xanh", "Nghị quyết 05", "Bí thư Tỉnh ủy Núi Xanh"} <= labels
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in nodes)
    legend = panel_data(page)["kinds"]
    assert [k for k, _label, _c in legend] == list(KINDS)
    assert {label for _k, label, _c in legend} >= {"Người", "Tổ chức", "Chức vụ", "Bài báo"}
    edge_labels = {e["label"] for e in var(page, "edgeData")}
    assert {"giữ chức", "thuộc", "chủ trì", "dự", "bàn về", "ban hành", "tổ chức"} <= edge_labels


def test_holding_edge_carries_sentence_article_and_date() -> None:
    page = to_html(facts_to_dataset(facts()))
    data = panel_data(page)
    holds = [(i, e) for i, e in enumerate(var(page, "edgeData")) if e["label"] == "giữ chức"]
    assert len(holds) == 1
    info = data["edges"][holds[0][0]]
    sentence, article = info["ev"][0]
    assert sentence == "Bí thư Tỉnh ủy Núi Xanh Hà Văn Khải chủ trì hội nghị."
    assert data["articles"][article]["id"] == "t1"
    assert info["dates"] == ["2022-04-01"] and info["former"] is False


def test_search_keys_filters_and_dates() -> None:
    page = to_html(facts_to_dataset(facts()))
    _pid, person = node_named(page, "Hà Văn Khải")
    assert "ha van khai" in person["keys"] and "ong khai" in person["keys"]
    org_id, _org = node_named(page, "Tỉnh ủy Núi Xanh")
    parent_id, _parent = node_named(page, "Trung ương")
    # the person belongs to the committee whose post they hold, and to its parent
    assert {org_id, parent_id} <= set(person["orgs"])
    assert "2022-04-01" in person["dates"] and "2022-03-31" in person["dates"]
    assert [label for label, _id in panel_data(page)["orgs"]] == ["Tỉnh ủy Núi Xanh", "Trung ương"]


def test_same_graph_gives_the_same_bytes(tmp_path: Path) -> None:
    write_html(facts_to_dataset(facts()), tmp_path / "a.html")
    write_html(facts_to_dataset(facts()), tmp_path / "b.html")
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


def test_focus_keeps_only_the_neighbourhood() -> None:
    ds = facts_to_dataset(facts())
    full = var(to_html(ds), "nodeData")
    near = to_html(ds, focus="ha van khai", depth=1)  # no diacritics
    labels = {n["label"] for n in var(near, "nodeData")}
    assert "Hà Văn Khải" in labels and "Bí thư Tỉnh ủy Núi Xanh" in labels
    assert "Trung ương" not in labels and "Nghị quyết 05" not in labels
    assert len(labels) < len(full)
    focus_id, _ = node_named(near, "Hà Văn Khải")
    assert panel_data(near)["focus"] == focus_id
    deeper = {n["label"] for n in var(to_html(ds, focus="Hà Văn Khải", depth=2), "nodeData")}
    assert labels < deeper and "Tỉnh ủy Núi Xanh" in deeper


def test_focus_name_must_be_known_and_unambiguous() -> None:
    ds = facts_to_dataset(facts())
    with pytest.raises(FocusError, match="no entity"):
        to_html(ds, focus="Không Ai Cả")
    with pytest.raises(FocusError, match="several"):
        to_html(ds, focus="núi xanh")  # the committee and its post
    assert find_entities(ds, "ONG KHAI")[0][1:] == ("person", "Hà Văn Khải")


def test_large_component_lays_out_spread_out() -> None:
    names = [f"Người Số {i}" for i in range(520)]
    big = [
        ArticleFacts(
            Article(id="big", text=""),
            events=(Event("Đại hội", dt.date(2020, 1, 1), participants=tuple(names)),),
        )
    ]
    nodes = var(to_html(facts_to_dataset(big)), "nodeData")
    assert len(nodes) == 522
    assert len({(n["x"], n["y"]) for n in nodes}) > 500  # spread out, not stacked


def test_write_is_atomic_over_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "graph.html"
    target.write_text("old", encoding="utf-8")
    write_html(facts_to_dataset(facts()), target)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert os.listdir(tmp_path) == ["graph.html"]
