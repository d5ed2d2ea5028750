"""The overview's numbers straight from an Oxigraph store, for graphs rdflib cannot hold.

A streamed build of a very large corpus never has its graph in Python
objects, so the overview page (``polgraph.outputs.html_overview``) is filled
by a handful of SPARQL aggregates instead of the page model.  The numbers mean
the same as there, with two simplifications that keep the queries cheap: an
organization's locality is the first (by name) of its own or any ancestor's,
and a person counts in every locality where they hold a post.
"""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from polgraph.core.text import canonical
from polgraph.outputs.html_model import short
from polgraph.outputs.html_overview import Summary

__all__ = ["summarize_store"]

_PREFIXES = """
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
PREFIX pg: <https://w3id.org/polgraph/ontology#>
"""

_COUNTS = """SELECT ?k (COUNT(DISTINCT ?s) AS ?n) WHERE {
  VALUES (?c ?k) { (foaf:Person "person") (org:Organization "organization")
                   (schema:Legislation "document") (schema:Event "meeting") }
  ?s a ?c } GROUP BY ?k"""

_RELATIONS = """SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?a ?b ?r WHERE {
  { ?m a org:Membership ; org:member ?a ; org:organization ?b ; org:role ?r }
  UNION { ?a org:subOrganizationOf ?b . BIND("sub" AS ?r) }
  UNION { ?b schema:legislationPassedBy ?a . BIND("issue" AS ?r) }
  UNION { ?b schema:organizer ?a . BIND("organize" AS ?r) }
  UNION { ?b pg:chair ?a . BIND("chair" AS ?r) }
  UNION { ?b schema:attendee ?a . BIND("attend" AS ?r) }
  UNION { ?a schema:about ?b . BIND("about" AS ?r) } } }"""

_ORGS = """SELECT ?o (MIN(?l) AS ?label) (MIN(?pl) AS ?place) WHERE {
  ?o a org:Organization ; skos:prefLabel ?l .
  OPTIONAL { ?o org:subOrganizationOf* ?up . ?up pg:locality/skos:prefLabel ?pl }
} GROUP BY ?o"""

_ORG_DEGREE = """SELECT ?o (COUNT(DISTINCT ?x) AS ?d) WHERE {
  ?o a org:Organization .
  { ?m org:organization ?o ; org:member ?x } UNION { ?x org:subOrganizationOf ?o }
  UNION { ?o org:subOrganizationOf ?x } UNION { ?x schema:legislationPassedBy ?o }
  UNION { ?x schema:organizer ?o } } GROUP BY ?o"""

_PEOPLE = """SELECT ?p (MIN(?name) AS ?label) (COUNT(DISTINCT ?x) AS ?d) WHERE {
  ?p a foaf:Person ; foaf:name ?name .
  { ?m org:member ?p ; org:organization ?x } UNION { ?x pg:chair ?p }
  UNION { ?x schema:attendee ?p } } GROUP BY ?p ORDER BY DESC(?d) ?p LIMIT 100"""

_POSTS = """SELECT ?p ?role ?org ?date WHERE {
  ?m org:member ?p ; org:role/skos:prefLabel ?role ; org:organization/skos:prefLabel ?org .
  OPTIONAL { ?m pg:observedOn ?date } }"""

_PEOPLE_PER_PLACE = """SELECT ?place (COUNT(DISTINCT ?p) AS ?n) WHERE {
  { SELECT ?o (MIN(?pl) AS ?place) WHERE {
      ?o a org:Organization .
      OPTIONAL { ?o org:subOrganizationOf* ?up . ?up pg:locality/skos:prefLabel ?pl }
    } GROUP BY ?o }
  ?m org:member ?p ; org:organization ?o } GROUP BY ?place"""


def _rows(store: ox.Store, query: str) -> list[dict[str, str]]:
    result = store.query(_PREFIXES + query)
    names = [v.value for v in result.variables]  # type: ignore[union-attr]
    return [
        {n: row[n].value for n in names if row[n] is not None}
        for row in result  # type: ignore[union-attr]
    ]


def summarize_store(store: ox.Store) -> Summary:
    """The overview's numbers for the graph in ``store``."""
    counts = {r["k"]: int(r["n"]) for r in _rows(store, _COUNTS)}
    relations = int(_rows(store, _RELATIONS)[0]["n"])
    out = Summary(counts, relations)
    degree = {r["o"]: int(r["d"]) for r in _rows(store, _ORG_DEGREE)}
    for r in _rows(store, _ORGS):
        label = short(canonical(r.get("label", r["o"])), 48)
        out.places.setdefault(canonical(r.get("place", "")), []).append(
            (label, r["o"], degree.get(r["o"], 0))
        )
    for r in _rows(store, _PEOPLE_PER_PLACE):
        key = canonical(r.get("place", ""))
        out.people_per_place[key] = out.people_per_place.get(key, 0) + int(r["n"])
    top = _rows(store, _PEOPLE)
    wanted = {r["p"] for r in top}
    latest: dict[str, tuple[str, str]] = defaultdict(lambda: ("", ""))
    for r in _rows(store, _POSTS):
        if r["p"] in wanted:
            key = (r.get("date", ""), f"{canonical(r['role'])} {canonical(r['org'])}")
            latest[r["p"]] = max(latest[r["p"]], key)
    out.people = [
        (short(canonical(r["label"]), 48), r["p"], latest[r["p"]][1], int(r["d"])) for r in top
    ]
    return out
