"""What the FollowTheMoney, Popolo and Wikidata exports read from a built graph.

Each export is a projection of the RDF graph, not a second model: the rows here
come from SPARQL over the graph's store (persons and their date of birth,
organizations, posts, and one holding per person and post with the tenure
``polgraph.rdf.tenure`` inferred), and the exporters only reshape them.  Rows are
sorted, so exports are deterministic.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from polgraph.core.text import fold

__all__ = [
    "COMMITTEE_ROLES",
    "Bound",
    "Holding",
    "Org",
    "Post",
    "Projection",
    "Source",
    "birth_date",
    "project",
]

COMMITTEE_ROLES = ("ủy viên", "thành viên", "đại biểu")
"""Roles that are a seat among many (a Membership), not an office (a Position)."""

_PREFIXES = """
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX pg: <https://w3id.org/polgraph/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX time: <http://www.w3.org/2006/time#>
"""

_PERSONS = _PREFIXES + """
SELECT DISTINCT ?person ?name ?alias WHERE {
  ?person a foaf:Person ; foaf:name ?name .
  OPTIONAL { ?person skos:altLabel ?alias }
}"""

_BIRTHS = _PREFIXES + """
SELECT DISTINCT ?person ?birth WHERE { ?person a foaf:Person ; schema:birthDate ?birth }"""

_ORGS = _PREFIXES + """
SELECT DISTINCT ?org ?name ?kind ?parent ?place ?place_name ?alias WHERE {
  ?org a org:Organization ; skos:prefLabel ?name .
  OPTIONAL { ?org a ?kind . FILTER (STRSTARTS(STR(?kind), STR(pg:))) }
  OPTIONAL { ?org org:subOrganizationOf ?parent }
  OPTIONAL { ?org pg:locality ?place . ?place skos:prefLabel ?place_name }
  OPTIONAL { ?org skos:altLabel ?alias }
}"""

_POSTS = _PREFIXES + """
SELECT DISTINCT ?post ?label ?role ?org WHERE {
  ?post a org:Post ; org:role/skos:prefLabel ?role ; org:postIn ?org .
  OPTIONAL { ?post skos:prefLabel ?label }
}"""

_MEMBERSHIPS = _PREFIXES + """
SELECT DISTINCT ?person ?post ?former ?observed ?article ?article_id ?url ?published WHERE {
  ?m a org:Membership ; org:member ?person ; pg:post ?post ; prov:wasDerivedFrom ?article .
  OPTIONAL { ?m pg:former ?former }
  OPTIONAL { ?m pg:observedOn ?observed }
  OPTIONAL { ?article schema:identifier ?article_id }
  OPTIONAL { ?article schema:url ?url }
  OPTIONAL { ?article schema:datePublished ?published }
}"""

_BOUNDS = _PREFIXES + """
SELECT DISTINCT ?person ?post ?which ?date ?unit ?basis ?term_end ?conflict WHERE {
  ?t a pg:Tenure ; pg:holder ?person ; pg:post ?post .
  OPTIONAL {
    VALUES (?p ?which) { (time:hasBeginning "start") (time:hasEnd "end")
                         (pg:endedBefore "before") }
    ?t ?p ?b .
    ?b time:inXSDDate|time:inXSDgYearMonth|time:inXSDgYear ?date ;
       time:unitType ?unit ; pg:basis ?basis .
    OPTIONAL { ?b pg:termEnd ?term_end }
  }
  OPTIONAL { ?t pg:conflict ?conflict }
}"""


@dataclass(frozen=True)
class Org:
    iri: str
    name: str
    kind: str  # the pg: class local name ("PartyCommittee" ...), "" when not known
    parent: str | None
    place: str | None  # IRI of the schema:AdministrativeArea
    place_name: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Post:
    iri: str
    label: str
    role: str
    org: str  # IRI

    @property
    def is_seat(self) -> bool:
        """A seat on a committee or assembly (many holders), not an office."""
        return fold(self.role).startswith(COMMITTEE_ROLES)


@dataclass(frozen=True)
class Bound:
    date: str  # ISO at its precision
    precision: str  # "day", "month", "year" or "term"
    basis: str
    term_end: str | None = None


@dataclass(frozen=True)
class Source:
    article: str  # IRI
    article_id: str
    url: str | None
    published: str | None  # ISO date


@dataclass(frozen=True)
class Holding:
    """One person in one post across articles (a pg:Tenure and its memberships)."""

    person: str
    post: str
    start: Bound | None
    end: Bound | None
    ended_before: Bound | None
    first_seen: str | None
    last_seen: str | None
    former_only: bool  # every article calls the person a former holder
    sources: tuple[Source, ...]
    conflicts: tuple[str, ...] = ()

    @property
    def ended(self) -> bool:
        return bool(self.end or self.ended_before or self.former_only)


@dataclass
class Projection:
    persons: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)  # iri → name
    births: dict[str, str] = field(default_factory=dict)  # iri → ISO date at its precision
    orgs: dict[str, Org] = field(default_factory=dict)
    posts: dict[str, Post] = field(default_factory=dict)
    holdings: list[Holding] = field(default_factory=list)


def _rows(store: ox.Store, query: str) -> list[dict[str, str]]:
    """Rows of a SELECT over the union of the graph's named graphs (each row once)."""
    result = store.query(query, use_default_graph_as_union=True)
    names = [v.value for v in result.variables]  # type: ignore[union-attr]
    return [
        {n: t.value for n, t in zip(names, row, strict=True) if t is not None}
        for row in result  # type: ignore[union-attr]
    ]


_UNITS = {"unitDay": "day", "unitMonth": "month", "unitYear": "year", "unitTerm": "term"}


def birth_date(dates: set[str]) -> str | None:
    """One date of birth from what the articles say: the most precise when they all agree
    ("1968" and "1968-04-03"), none when they disagree (the exports do not guess).

    >>> birth_date({"1968", "1968-04-03"}), birth_date({"1968", "1969"})
    ('1968-04-03', None)
    """
    ranked = sorted(dates, key=lambda d: (len(d), d))
    if not ranked or not all(ranked[-1].startswith(d) for d in ranked):
        return None
    return ranked[-1]


def project(store: ox.Store) -> Projection:
    """The persons, organizations, posts and holdings of the graph in ``store``."""
    p = Projection()
    aliases: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    for r in _rows(store, _PERSONS):
        names[r["person"]] = r["name"]
        if r.get("alias") and r["alias"] != r["name"]:
            aliases[r["person"]].add(r["alias"])
    p.persons = {iri: (names[iri], tuple(sorted(aliases[iri]))) for iri in sorted(names)}

    dates: dict[str, set[str]] = defaultdict(set)
    for r in _rows(store, _BIRTHS):
        dates[r["person"]].add(r["birth"])
    p.births = {iri: d for iri in sorted(dates) if (d := birth_date(dates[iri])) is not None}

    org_rows: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in _rows(store, _ORGS):
        org_rows[r["org"]].append(r)
    for iri in sorted(org_rows):
        rows = org_rows[iri]
        kinds = sorted({r["kind"].rsplit("#", 1)[-1] for r in rows if r.get("kind")})
        parents = sorted({r["parent"] for r in rows if r.get("parent")})
        places = sorted({(r["place"], r.get("place_name", "")) for r in rows if r.get("place")})
        p.orgs[iri] = Org(
            iri=iri,
            name=rows[0]["name"],
            kind=kinds[0] if kinds else "",
            parent=parents[0] if parents else None,
            place=places[0][0] if places else None,
            place_name=places[0][1] if places else None,
            aliases=tuple(sorted({r["alias"] for r in rows if r.get("alias")} - {rows[0]["name"]})),
        )
    for r in _rows(store, _POSTS):
        p.posts[r["post"]] = Post(
            r["post"], r.get("label") or f"{r['role']}", r["role"], r["org"]
        )
    p.posts = dict(sorted(p.posts.items()))

    seen: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for r in _rows(store, _MEMBERSHIPS):
        seen[(r["person"], r["post"])].append(r)
    bounds: dict[tuple[str, str], dict[str, Bound]] = defaultdict(dict)
    conflicts: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in _rows(store, _BOUNDS):
        key = (r["person"], r["post"])
        if r.get("which"):
            unit = _UNITS.get(r["unit"].rsplit("#", 1)[-1], "day")
            bounds[key][r["which"]] = Bound(r["date"], unit, r["basis"], r.get("term_end"))
        if r.get("conflict"):
            conflicts[key].add(r["conflict"])
    for key in sorted(seen):
        rows = seen[key]
        current = sorted(
            r["observed"] for r in rows if r.get("observed") and r.get("former") != "true"
        )
        sources = sorted(
            {
                Source(r["article"], r.get("article_id", ""), r.get("url"), r.get("published"))
                for r in rows
            },
            key=lambda s: (s.published or "", s.article_id, s.article),
        )
        b = bounds.get(key, {})
        p.holdings.append(
            Holding(
                person=key[0],
                post=key[1],
                start=b.get("start"),
                end=b.get("end"),
                ended_before=b.get("before"),
                first_seen=current[0] if current else None,
                last_seen=current[-1] if current else None,
                former_only=all(r.get("former") == "true" for r in rows),
                sources=tuple(sources),
                conflicts=tuple(sorted(conflicts.get(key, ()))),
            )
        )
    return p
