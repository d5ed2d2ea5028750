"""graph.html: one offline, deterministic page in which article strings are only ever data."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal

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
from polgraph.core.vocab import FOAF, SKOS
from polgraph.outputs.html import KINDS, FocusError, find_entities, to_html, write_html
from polgraph.rdf import facts_to_dataset, union_graph

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


def test_people_and_bodies_are_nodes_posts_are_dated_edges() -> None:
    page = to_html(facts_to_dataset(facts()))
    nodes = var(page, "nodeData")
    assert {n["group"] for n in nodes} == set(KINDS)
    assert set(KINDS) == {"person", "organization", "document", "meeting"}
    options = json.loads(re.search(r"var options = (\{.*?\});\n", page).group(1))
    assert options["physics"]["enabled"] is False
    assert options["layout"]["improvedLayout"] is False
    assert {k: (g["color"], g["shape"]) for k, g in options["groups"].items()} == {
        k: (colour, shape) for k, (_l, colour, shape) in KINDS.items()
    }
    labels = {n["label"] for n in nodes}
    assert {"Hà Văn Khải", "Tỉnh ủy Núi Xanh", "Nghị quyết 05"} <= labels
    assert "Bí thư Tỉnh ủy Núi Xanh" not in labels  # a post is an edge, not a node
    assert not any(n["label"] == "t1" for n in nodes)  # articles live in the panel
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in nodes)
    data = panel_data(page)
    assert [k for k, _label, _c in data["kinds"]] == list(KINDS)
    assert data["shown"] == ["person", "organization"]  # documents and meetings switch on
    rels = {e["rel"] for e in data["edges"]}
    assert {"hold", "sub", "chair", "attend", "about", "issue", "organize"} <= rels


def test_post_edge_carries_role_year_sentence_headline_and_date() -> None:
    page = to_html(facts_to_dataset(facts()))
    data = panel_data(page)
    holds = [i for i, e in enumerate(data["edges"]) if e["rel"] == "hold"]
    assert len(holds) == 1
    edge, info = var(page, "edgeData")[holds[0]], data["edges"][holds[0]]
    person, org = node_named(page, "Hà Văn Khải")[0], node_named(page, "Tỉnh ủy Núi Xanh")[0]
    assert (edge["from"], edge["to"]) == (person, org) and "dashes" not in edge
    assert info["text"] == "Bí thư · 2022" and info["role"] == "Bí thư"
    sentence, article = info["ev"][0]
    assert sentence == "Bí thư Tỉnh ủy Núi Xanh Hà Văn Khải chủ trì hội nghị."
    assert data["articles"][article] | {"url": ""} == {
        "id": "t1", "title": "Tin hội nghị", "date": "2022-04-01", "url": ""
    }
    assert info["dates"] == ["2022-04-01"] and info["former"] is False


def test_former_post_is_dashed_with_its_years() -> None:
    ev = Evidence("f1", "x", 0, 1)
    older = [
        ArticleFacts(
            Article(id=f"f{y}", text="x", date=dt.date(y, 1, 2)),
            holdings=(Holding("Mã Thị Ngà", "Chủ tịch", "Hội Nông dân xã Khe Lim",
                              former=True, evidence=(ev,)),),
        )
        for y in (2015, 2019)
    ]  # fmt: skip
    page = to_html(facts_to_dataset(older))
    (edge,) = var(page, "edgeData")
    assert edge["dashes"] is True
    assert panel_data(page)["edges"][0]["text"] == "Chủ tịch · 2015–2019"


def test_search_keys_hints_filters_and_dates() -> None:
    page = to_html(facts_to_dataset(facts()))
    _pid, person = node_named(page, "Hà Văn Khải")
    assert "ha van khai" in person["keys"] and "ong khai" in person["keys"]
    assert person["hint"] == "Bí thư Tỉnh ủy Núi Xanh"
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
    assert "Hà Văn Khải" in labels and "Tỉnh ủy Núi Xanh" in labels
    assert "Trung ương" not in labels and "Nghị quyết 05" not in labels
    assert len(labels) < len(full)
    focus_id, _ = node_named(near, "Hà Văn Khải")
    assert panel_data(near)["focus"] == focus_id
    deeper = {n["label"] for n in var(to_html(ds, focus="Hà Văn Khải", depth=2), "nodeData")}
    assert labels < deeper and "Trung ương" in deeper


def namesakes() -> Graph:
    """Two people called Lâm Văn Bình (distinct IRIs), in two provinces' committees."""
    ev = Evidence("m1", "x", 0, 1)
    rows = [
        ("m1", "Lâm Văn Bình", "Bí thư", "Huyện ủy Suối Đá", "Gò Đồi"),
        ("m2", "Lâm Văn Bình Hai", "Chủ tịch", "Ủy ban nhân dân huyện Bàu Sen", "Bãi Ngang"),
    ]
    g = union_graph(facts_to_dataset([
        ArticleFacts(
            Article(id=aid, text="x", title=f"Tin {org}", date=dt.date(2021, 3, 4)),
            persons=(Person(name),),
            organizations=(Organization(org, locality=place),),
            holdings=(Holding(name, role, org, evidence=(ev,)),),
        )
        for aid, name, role, org, place in rows
    ]))  # fmt: skip
    other = next(s for s, o in g.subject_objects(FOAF.name) if str(o) == "Lâm Văn Bình Hai")
    g.remove((other, FOAF.name, None))
    g.remove((other, SKOS.altLabel, None))
    g.add((other, FOAF.name, Literal("Lâm Văn Bình")))
    return g


def test_focus_name_must_be_known_and_namesakes_are_listed() -> None:
    ds = facts_to_dataset(facts())
    with pytest.raises(FocusError, match="no entity"):
        to_html(ds, focus="Không Ai Cả")
    assert find_entities(ds, "ONG KHAI")[0][1:] == ("person", "Hà Văn Khải")
    g = namesakes()
    with pytest.raises(FocusError, match="several") as err:
        to_html(g, focus="lam van binh")
    message = str(err.value)
    assert "Lâm Văn Bình (Bí thư Huyện ủy Suối Đá · Gò Đồi)" in message
    assert "Lâm Văn Bình (Chủ tịch Ủy ban nhân dân huyện Bàu Sen · Bãi Ngang)" in message
    iris = re.findall(r"<(https://[^>]+)>", message)
    assert len(iris) == 2
    # the name as the list shows it, or just enough of the hint, or the IRI, picks one
    for spec in ("Lâm Văn Bình (Chủ tịch Ủy ban nhân dân huyện Bàu Sen · Bãi Ngang)",
                 "lam van binh (bai ngang)", iris[1]):  # fmt: skip
        page = to_html(g, focus=spec, depth=1)
        labels = {n["label"] for n in var(page, "nodeData")}
        assert labels == {"Lâm Văn Bình", "Ủy ban nhân dân huyện Bàu Sen"}, spec
    hints = sorted(n["hint"] for n in panel_data(to_html(g))["nodes"] if n["kind"] == "person")
    assert hints == [
        "Bí thư Huyện ủy Suối Đá · Gò Đồi",
        "Chủ tịch Ủy ban nhân dân huyện Bàu Sen · Bãi Ngang",
    ]


def test_large_component_lays_out_spread_out() -> None:
    names = [f"Người Số {i}" for i in range(520)]
    big = [
        ArticleFacts(
            Article(id="big", text=""),
            holdings=tuple(Holding(n, "Ủy viên", "Hội đồng nhân dân tỉnh Mẫu") for n in names),
        )
    ]
    nodes = var(to_html(facts_to_dataset(big)), "nodeData")
    assert len(nodes) == 521
    assert len({(n["x"], n["y"]) for n in nodes}) > 500  # spread out, not stacked


def test_large_graph_gets_an_overview_page_linking_per_entity_pages() -> None:
    page = to_html(facts_to_dataset(facts(hostile=True)), max_nodes=3)
    assert "vis.Network" not in page and SCRIPT not in page and "<img" not in page
    assert "Người / people: 2" in page
    links = re.findall(r'href="((?:organizations|people)/[^"]+)"', page)
    assert any(x.startswith("people/ha-van-khai-script-") for x in links)
    assert any(x.startswith("organizations/tinh-uy-nui-xanh-") for x in links)


def test_write_is_atomic_over_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "graph.html"
    target.write_text("old", encoding="utf-8")
    write_html(facts_to_dataset(facts()), target)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert os.listdir(tmp_path) == ["graph.html"]


def _merged_lines(ds: object, path: Path) -> list[str]:
    """The merged graph as the build's partitions hold it: sorted N-Triples lines."""
    import pyoxigraph as ox

    from polgraph.rdf import write_turtle

    write_turtle(ds, path)
    statements = ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
    text = ox.serialize(statements, format=ox.RdfFormat.N_TRIPLES).decode()
    return sorted(set(text.split("\n")) - {""})


def test_overview_tally_matches_the_page_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Graphs too big for rdflib get the same overview, tallied from the merge's lines."""
    from polgraph.build import run
    from polgraph.outputs.html_model import Model
    from polgraph.outputs.html_overview import overview_html, summarize
    from polgraph.outputs.html_tally import OverviewTally

    ds = facts_to_dataset(facts(hostile=True))
    tally = OverviewTally()
    tally.add_lines(_merged_lines(ds, tmp_path / "graph.ttl"))
    mine, theirs = summarize(Model(union_graph(ds))), tally.summary()
    assert theirs.counts == mine.counts and theirs.relations == mine.relations
    assert {p: sorted(o) for p, o in theirs.places.items()} == {
        p: sorted(o) for p, o in mine.places.items()
    }
    assert [(label, iri, d) for label, iri, _h, d in theirs.people] == [
        (label, iri, d) for label, iri, _h, d in mine.people
    ]
    for (*_, hint, _d), (*_, short_hint, _d2) in zip(theirs.people, mine.people, strict=True):
        assert hint.startswith(short_hint.rstrip("…"))  # the page model shortens it
    assert theirs.people[0][2].startswith("Bí thư")  # the chair's post, as a hint
    # a build above the limit writes it as graph.html, escaped
    monkeypatch.setattr(run, "HTML_MAX_TRIPLES", 0)
    run.write_page(tmp_path / "graph.html", tmp_path / "graph.ttl", 10**6, tally)
    page = (tmp_path / "graph.html").read_text(encoding="utf-8")
    assert SCRIPT not in page and "<img" not in page and "vis.Network" not in page
    assert "Hà Văn Khải &lt;script&gt;" in page
    assert page == overview_html(theirs, "polgraph")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_persons_panel_shows_the_date_of_birth_an_article_gives() -> None:
    """Namesakes are told apart by their year of birth too: the panel lists it."""
    from polgraph.outputs.html_model import Model

    ev = Evidence("b1", "x", 0, 1)
    ds = facts_to_dataset([
        ArticleFacts(
            Article(id="b1", text="x", date=dt.date(2021, 3, 4)),
            persons=(Person("Lâm Văn Bình", birth="1968"), Person("Đào Thị Sen")),
            holdings=(Holding("Lâm Văn Bình", "Bí thư", "Huyện ủy Suối Đá", evidence=(ev,)),),
        )
    ])  # fmt: skip
    model = Model(union_graph(ds))
    born = {model.label(s): model.fields(s) for s, k in model.kinds.items() if k == "person"}
    assert born == {"Lâm Văn Bình": [["born", "1968"]], "Đào Thị Sen": []}
    assert '["born","1968"]' in to_html(ds).replace(" ", "")


def test_overview_tally_adds_up_over_partitions_in_any_order(tmp_path: Path) -> None:
    """Partitions (by subject) tallied apart, in worker processes, then added up in any
    order, give the tally of the whole graph."""
    import pickle
    import zlib

    from polgraph.outputs.html_tally import OverviewTally

    many = facts(hostile=True) + facts()
    lines = _merged_lines(facts_to_dataset(many), tmp_path / "graph.ttl")
    whole = OverviewTally()
    whole.add_lines(lines)
    expected = whole.summary()
    assert expected.counts["person"] == 4 and len(expected.places[""]) == 4
    for parts in (2, 3, 7):
        tallies = [OverviewTally() for _ in range(parts)]
        for line in lines:  # routed by subject, as the build does
            tallies[zlib.crc32(line.split(" ", 1)[0].encode()) % parts].add_lines([line])
        for order in (tallies, tallies[::-1]):
            total = OverviewTally()
            for t in order:
                total.update(pickle.loads(pickle.dumps(t)))  # as from a worker
            assert total.summary() == expected
