"""``TripleIndex`` answers like rdflib's ``Graph`` for every call the page makes."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from polgraph.outputs.html import to_html
from polgraph.rdf.index import TripleIndex
from polgraph.rdf.oxstore import rdflib_graph

ROOT = Path(__file__).resolve().parents[1]
EX = "http://example.org/"

TURTLE = f"""
@prefix ex: <{EX}> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a ex:knows ex:b , ex:c ; ex:name "Nguyễn Văn Hải" , "Hải"@vi ; ex:age 52 .
ex:b ex:knows ex:c ; ex:former true ; ex:name "Lê Thị Mai" .
ex:c ex:knows ex:a .
ex:a ex:knows ex:b .
"""


@pytest.fixture
def both(tmp_path: Path) -> tuple[Graph, TripleIndex]:
    path = tmp_path / "g.ttl"
    path.write_text(TURTLE, encoding="utf-8")
    return Graph().parse(path, format="turtle"), TripleIndex.parse(path)


def test_every_pattern_matches_rdflib(both: tuple[Graph, TripleIndex]) -> None:
    graph, index = both
    assert len(index) == len(graph) == 9  # the repeated statement counts once
    terms = {t for triple in graph for t in triple} | {URIRef(EX + "nobody"), None}
    for pattern in itertools.product(terms, repeat=3):
        assert set(index.triples(pattern)) == set(graph.triples(pattern)), pattern


def test_objects_subjects_value(both: tuple[Graph, TripleIndex]) -> None:
    graph, index = both
    a, knows, name = URIRef(EX + "a"), URIRef(EX + "knows"), URIRef(EX + "name")
    assert list(index.objects(a, knows)) == [URIRef(EX + "b"), URIRef(EX + "c")]  # file order
    assert set(index.objects(a, name)) == set(graph.objects(a, name))
    assert sorted(index.subjects(knows)) == sorted(set(graph.subjects(knows)))  # each once
    c = URIRef(EX + "c")
    assert set(index.subjects(knows, c)) == set(graph.subjects(knows, c))
    assert set(index.subject_objects(knows)) == set(graph.subject_objects(knows))
    assert index.value(URIRef(EX + "b"), URIRef(EX + "former")) == Literal(True)
    assert index.value(a, URIRef(EX + "age")) == Literal(52)
    assert index.value(URIRef(EX + "nobody"), knows) is None


def test_the_page_is_the_same_from_either(tmp_path: Path) -> None:
    """The build draws graph.html from a TripleIndex: byte for byte what rdflib gives."""
    turtle = ROOT / "outputs" / "graph.ttl"
    assert turtle.is_file(), "the bundled outputs are part of the repository"
    assert to_html(TripleIndex.parse(turtle)) == to_html(rdflib_graph(turtle))  # type: ignore[arg-type]
