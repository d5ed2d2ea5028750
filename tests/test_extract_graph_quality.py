"""Graph quality as a SPARQL user sees it (issue 12, item 12).

Invented articles go through extraction, resolution and RDF, as ``polgraph build``
does; the TriG is loaded into the Oxigraph store ``polgraph query`` uses and asked what
a user would ask: a body by its label, bodies by locality, events by name. People,
cities and districts are invented; provinces are real, as the gazetteer that places
bodies is the closed list of real provinces.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyoxigraph as ox
import pytest

from polgraph.core.model import Article
from polgraph.core.vocab import PREFIXES
from polgraph.extract import extract_article
from polgraph.rdf.dataset import resolved_dataset
from polgraph.rdf.sparql import load_store, run

_PREFIXES = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())

_ARTICLES = [
    (
        "q1",
        "Tỉnh ủy Quảng Nam sơ kết công tác quý I",
        "Sáng 12/4/2024, Thành ủy Phù Vân tổ chức Hội nghị lần thứ 11 Ban Chấp hành Đảng bộ "
        "thành phố. Ông Lạc Văn Tùng, Ủy viên Ban Thường vụ Tỉnh ủy, Bí thư Thành ủy, Chủ tịch "
        "HĐND thành phố Phù Vân chủ trì hội nghị. Thành ủy đề nghị HĐND thành phố sớm "
        "kiện toàn các chức danh. Ông Tùng (sinh năm 1970, quê Hà Tĩnh) trước đó là Phó Chủ "
        "tịch UBND tỉnh.",
    ),
    (
        "q2",
        "Tỉnh ủy Quảng Ngãi họp phiên thường kỳ",
        "Chiều 20/5/2024, Tỉnh ủy Quảng Ngãi tổ chức Hội nghị lần thứ 15 Ban Chấp hành Đảng "
        "bộ tỉnh Quảng Ngãi. Bà Kiều Thị Mơ, Bí thư Thành ủy, Chủ tịch HĐND thành phố Hòa "
        "Vân, báo cáo tại hội nghị; Thành ủy Hòa Vân và HĐND thành phố đã hoàn thành nhiệm "
        "vụ. Ông Tạ Quang Ngân (quê quán xã Phong Lạc, huyện Kỳ Sơn, tỉnh Nghệ An), Bí thư "
        "Tỉnh ủy, kết luận hội nghị.",
    ),
]

# surface forms that name a body only together with the article's place
_BARE = ["Thành ủy", "Tỉnh ủy", "HĐND thành phố", "HĐND tỉnh", "UBND tỉnh", "Ban Thường vụ Tỉnh ủy"]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    facts = [
        extract_article(Article(id=aid, text=text, title=title, date=dt.date(2024, 6, 1)))
        for aid, title, text in _ARTICLES
    ]
    path: Path = tmp_path_factory.mktemp("graph") / "graph.trig"
    resolved_dataset(facts).serialize(destination=str(path), format="trig")
    return load_store(path)


def _select(store: ox.Store, query: str, **params: str) -> list[str]:
    """The first column of the answer, as text."""
    result = run(store, _PREFIXES + query, params)
    return [row[0].value for row in result.rows if row[0] is not None]


def test_a_label_lookup_finds_one_city_body_not_every_city_s(store: ox.Store) -> None:
    by_label = """SELECT ?o WHERE { ?o a org:Organization .
        { ?o skos:altLabel ?l } UNION { ?o skos:prefLabel ?l }
        FILTER(lcase(str(?l)) = lcase(?label)) }"""
    for bare in _BARE:
        assert _select(store, by_label, label=bare) == [], f"the bare label {bare!r} names a body"
    # each city's party committee is one node, found by its own name
    for city in ("Phù Vân", "Hòa Vân"):
        assert len(_select(store, by_label, label=f"Thành ủy {city}")) == 1, city
    # the city's council named "HĐND thành phố" after its city is that city's
    assert len(_select(store, by_label, label="Hội đồng nhân dân thành phố Hòa Vân")) == 1


def test_no_label_is_shared_by_two_organizations(store: ox.Store) -> None:
    shared = _select(
        store,
        """SELECT DISTINCT ?l WHERE {
             ?a a org:Organization . ?b a org:Organization . FILTER(?a != ?b)
             { ?a skos:altLabel ?l } UNION { ?a skos:prefLabel ?l }
             { ?b skos:altLabel ?m } UNION { ?b skos:prefLabel ?m }
             FILTER(lcase(str(?l)) = lcase(str(?m))) }""",
    )
    assert shared == []


def test_a_birthplace_places_no_body(store: ox.Store) -> None:
    places = set(
        _select(store, "SELECT ?n WHERE { ?o a org:Organization ; pg:locality/skos:prefLabel ?n }")
    )
    assert {"Quảng Nam", "Quảng Ngãi"} <= places
    assert not places & {"Hà Tĩnh", "Nghệ An", "Kỳ Sơn", "Phong Lạc"}, places
    names = set(_select(store, "SELECT ?n WHERE { ?o a org:Organization ; skos:prefLabel ?n }"))
    assert "Ủy ban nhân dân tỉnh Quảng Nam" in names
    assert not any("Hà Tĩnh" in n or "Nghệ An" in n for n in names), names
    # a bare "Thành ủy" or "HĐND thành phố" in a province is no provincial body
    assert "Hội đồng nhân dân tỉnh Quảng Ngãi" not in names


def test_meeting_names_are_names(store: ox.Store) -> None:
    names = set(_select(store, "SELECT ?n WHERE { ?e a schema:Event ; schema:name ?n }"))
    assert names == {
        "Hội nghị lần thứ 11 Ban Chấp hành Đảng bộ thành phố Phù Vân",
        "Hội nghị lần thứ 15 Ban Chấp hành Đảng bộ tỉnh Quảng Ngãi",
    }
