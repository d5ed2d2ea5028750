"""Turtle/TriG output: byte-identical across builds, isomorphic when parsed back, atomic."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic, to_isomorphic

from polgraph.core.model import (
    Article,
    ArticleFacts,
    Event,
    Evidence,
    Holding,
    Organization,
    Person,
)
from polgraph.rdf import (
    facts_to_dataset,
    graph_iri,
    to_trig,
    to_turtle,
    union_graph,
    write_trig,
    write_turtle,
)
from polgraph.rdf.tenure import TENURE_GRAPH


def facts(n: int = 3) -> list[ArticleFacts]:
    out = []
    for i in range(n):
        sent = f"Câu số {i}: Bí thư Đoàn Văn Giang dự họp."
        ev = Evidence(f"bài-{i}", sent, 0, len(sent))
        out.append(
            ArticleFacts(
                Article(id=f"bài-{i}", text=sent, title=f"Tin {i}", date=dt.date(2020, 1, 1 + i)),
                persons=(Person("Đoàn Văn Giang", evidence=(ev,)), Person(f"Mai Thị H{i}")),
                organizations=(Organization("Huyện ủy Bến Đá"),),
                holdings=(Holding("Đoàn Văn Giang", "Bí thư", "Huyện ủy Bến Đá", evidence=(ev,)),),
                events=(
                    Event(
                        f"Hội nghị lần {i}",
                        participants=("Đoàn Văn Giang", f"Mai Thị H{i}"),
                        evidence=(ev,),
                    ),
                ),
            )
        )
    return out


def test_two_builds_write_byte_identical_files(tmp_path: Path) -> None:
    for run in ("a", "b"):
        ds = facts_to_dataset(facts())
        write_turtle(ds, tmp_path / f"{run}.ttl")
        write_trig(ds, tmp_path / f"{run}.trig")
    assert (tmp_path / "a.ttl").read_bytes() == (tmp_path / "b.ttl").read_bytes()
    assert (tmp_path / "a.trig").read_bytes() == (tmp_path / "b.trig").read_bytes()
    # input order of articles does not change the bytes either
    assert to_trig(facts_to_dataset(facts()[::-1])) == to_trig(facts_to_dataset(facts()))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.trig", "a.ttl", "b.trig", "b.ttl"]


def test_turtle_parses_back_isomorphic_to_the_union(tmp_path: Path) -> None:
    ds = facts_to_dataset(facts())
    write_turtle(ds, tmp_path / "g.ttl")
    back = Graph().parse(tmp_path / "g.ttl", format="turtle")
    assert len(back) == len(union_graph(ds)) > 0
    assert isomorphic(back, union_graph(ds))


def test_trig_parses_back_with_the_same_named_graphs(tmp_path: Path) -> None:
    ds = facts_to_dataset(facts())
    write_trig(ds, tmp_path / "g.trig")
    back = Dataset()
    back.parse(tmp_path / "g.trig", format="trig")
    original = {g.identifier: g for g in ds.graphs() if len(g)}
    parsed = {g.identifier: g for g in back.graphs() if len(g)}
    articles = {graph_iri(f"bài-{i}") for i in range(3)}
    assert set(parsed) == set(original) == articles | {TENURE_GRAPH}
    for name, g in original.items():
        assert to_isomorphic(parsed[name]) == to_isomorphic(g)


def test_write_replaces_atomically_and_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "graph.ttl"
    target.write_text("old", encoding="utf-8")
    write_turtle(facts_to_dataset(facts(1)), target)
    assert target.read_text(encoding="utf-8").startswith("@prefix")
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


_names = st.text(min_size=1, max_size=30)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(person=_names, org=_names, role=_names, sentence=st.text(max_size=80), article_id=_names)
def test_any_strings_round_trip_through_turtle_and_trig(
    person: str, org: str, role: str, sentence: str, article_id: str
) -> None:
    ev = Evidence(article_id, sentence, 0, len(sentence))
    f = ArticleFacts(
        Article(id=article_id, text=sentence, title=sentence, url=sentence),
        persons=(Person(person, aliases=(sentence,), evidence=(ev,)),),
        holdings=(Holding(person, role, org, evidence=(ev,)),),
        events=(Event(sentence or "họp", chair=person, participants=(person,)),),
    )
    ds = facts_to_dataset([f])
    g = union_graph(ds)
    back = Graph().parse(data=to_turtle(ds), format="turtle")
    assert isomorphic(back, g)
    trig = Dataset()
    trig.parse(data=to_trig(ds), format="trig")
    assert isomorphic(union_graph(trig), g)
    # the untrusted strings survive as literal values, unchanged
    assert Literal(sentence) in set(back.objects()) or not sentence


def test_serialisation_does_not_depend_on_insertion_order() -> None:
    triples = [
        (
            URIRef("https://w3id.org/polgraph/id/person/B"),
            URIRef("http://xmlns.com/foaf/0.1/name"),
            Literal("B"),
        ),
        (
            URIRef("https://w3id.org/polgraph/id/person/A"),
            URIRef("http://xmlns.com/foaf/0.1/name"),
            Literal('A\n"q"'),
        ),
        (
            URIRef("https://w3id.org/polgraph/id/person/A"),
            URIRef("http://xmlns.com/foaf/0.1/name"),
            Literal("A"),
        ),
    ]
    g1, g2 = Graph(), Graph()
    for t in triples:
        g1.add(t)
    for t in reversed(triples):
        g2.add(t)
    assert to_turtle(g1) == to_turtle(g2)
    assert to_turtle(g1).index("person/A>") < to_turtle(g1).index("person/B>")
