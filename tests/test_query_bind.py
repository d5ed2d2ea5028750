"""Parameters of saved queries are bound everywhere the template mentions them, as one
checked RDF term each, and the lexer is not fooled by comments, strings or IRIs."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from polgraph.rdf.sparql import QueryError, bind_values

TEMPLATE = """PREFIX ex: <http://example.org/ns#>
# a comment with WHERE { and ?org in it
SELECT ?x ?n WHERE {
  { SELECT ?x (COUNT(?y) AS ?n) WHERE { ?x ex:in ?org ; ex:has ?y } GROUP BY ?x }
  { SELECT ?z WHERE { ?z ex:label "a } WHERE { ?org" } }
  ?x ex:name ?name .
}"""


def _values_blocks(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("VALUES")]


def test_values_open_the_outer_group_and_each_subquery_that_mentions_the_parameter() -> None:
    bound = bind_values(TEMPLATE, {"org": "Tỉnh ủy Lạng Sơn"})
    blocks = _values_blocks(bound)
    assert blocks == ['VALUES (?org) { ("Tỉnh ủy Lạng Sơn") }'] * 2  # outer + first subquery
    inner = bound.index("{ SELECT ?x")
    assert bound.index("VALUES", inner) < bound.index("?x ex:in ?org", inner)
    assert "# a comment with WHERE { and ?org in it\n" in bound  # comment untouched
    assert '"a } WHERE { ?org"' in bound  # string untouched


def test_bound_subquery_selects_before_it_aggregates() -> None:
    store = ox.Store()
    store.load(
        b"""@prefix ex: <http://example.org/ns#> .
        ex:a ex:in "u" ; ex:has 1, 2 ; ex:name "A" .
        ex:b ex:in "v" ; ex:has 3 ; ex:name "B" .""",
        format=ox.RdfFormat.TURTLE,
    )
    query = TEMPLATE.replace('  { SELECT ?z WHERE { ?z ex:label "a } WHERE { ?org" } }\n', "")
    rows = [(s["x"].value, s["n"].value) for s in store.query(bind_values(query, {"org": "u"}))]
    assert rows == [("http://example.org/ns#a", "2")]


@pytest.mark.parametrize("value", ['x" } ; DROP ALL ; #', "a\\\nb\u0000", "}\n} VALUES ?org { 1 }"])
def test_hostile_values_stay_one_literal(value: str) -> None:
    bound = bind_values("SELECT ?s WHERE { ?s ?p ?org }", {"org": value})
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal(value)))
    assert [s["s"].value for s in store.query(bound)] == ["http://e/s"]


def test_bad_names_and_queries_without_where_are_refused() -> None:
    with pytest.raises(QueryError, match="bad parameter name"):
        bind_values("SELECT ?s WHERE { ?s ?p ?o }", {"o } DROP ALL {": "x"})
    with pytest.raises(QueryError, match="no WHERE"):
        bind_values("ASK { ?s ?p ?o }", {"o": "x"})
