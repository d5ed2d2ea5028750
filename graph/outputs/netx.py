"""The knowledge graph as a networkx property graph, for network analysis and GraphML/GEXF.

RDF is the record; analysts want people and organizations as nodes and "who
holds what where" as edges.  ``to_networkx`` flattens the RDF accordingly:

* **Nodes** are the entities: people, organizations, documents, meetings,
  places and articles, keyed by IRI, each with ``kind``, ``label`` and ``iri``
  (organizations also ``org_kind``, e.g. ``PartyCommittee``).
* **Edges** carry ``relation``, ``articles`` (space-separated ids of the
  articles that state it) and ``evidence`` (their sentences, `` | ``-joined).
  A holding (an ``org:Membership``) becomes one ``holds`` edge person →
  organization with ``role``, ``post``, ``former`` and ``observed``; every other
  statement between two entities becomes an edge named by its compact
  predicate (``org:subOrganizationOf``, ``schema:attendee``, ``pg:chair``…).

Only XML-safe strings, booleans and numbers are stored, so the graph writes to
GraphML and GEXF as is.  Nodes and edges are inserted sorted: the same graph
always gives the same files.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from polgraph.core.vocab import FOAF, ORG, PG, PREFIXES, PROV, RDF, SCHEMA, SKOS

__all__ = [
    "KIND_OF_CLASS",
    "co_membership",
    "official_centrality",
    "read_rdf",
    "to_networkx",
]

KIND_OF_CLASS: dict[URIRef, str] = {
    FOAF.Person: "person",
    ORG.Organization: "organization",
    SCHEMA.Legislation: "document",
    SCHEMA.Event: "event",
    SCHEMA.AdministrativeArea: "place",
    SCHEMA.NewsArticle: "article",
}
_LABELS = (FOAF.name, SKOS.prefLabel, SCHEMA.name, SCHEMA.headline, SCHEMA.identifier)
_SKIP = frozenset({RDF.type, PG.evidence, PROV.wasDerivedFrom})
_XML_BAD = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """Drop characters XML 1.0 cannot carry (control characters, lone surrogates)."""
    return _XML_BAD.sub("", text)


def compact(iri: str) -> str:
    """``http://www.w3.org/ns/org#holds`` → ``org:holds`` (full IRI when no prefix fits)."""
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


def read_rdf(path: str | os.PathLike[str]) -> Dataset:
    """Read a built graph (graph.trig, .nq, .ttl, .nt, .jsonld, or a build folder) into rdflib."""
    p = Path(path)
    if p.is_dir():
        for name in ("graph.trig", "graph.nq", "graph.ttl", "graph.nt"):
            if (p / name).is_file():
                return read_rdf(p / name)
        raise ValueError(f"{p}: no graph.trig, graph.nq, graph.ttl or graph.nt")
    formats = {
        ".trig": "trig",
        ".nq": "nquads",
        ".ttl": "turtle",
        ".nt": "nt",
        ".jsonld": "json-ld",
    }
    fmt = formats.get(p.suffix.lower())
    if fmt is None:
        raise ValueError(f"{p}: unknown RDF format (expected one of {', '.join(sorted(formats))})")
    if fmt == "json-ld":
        ds = Dataset(default_union=True)
        ds.parse(p, format=fmt)
        return ds
    # pyoxigraph reads the rest (rdflib's TriG/N-Quads parsers warn on every use)
    from polgraph.rdf.oxstore import rdflib_dataset
    from polgraph.rdf.sparql import RDF_FORMATS

    store = ox.Store()
    try:
        store.load(path=str(p), format=RDF_FORMATS[p.suffix.lower()])
    except SyntaxError as exc:
        raise ValueError(f"{p}: not valid {fmt}: {exc}") from exc
    return rdflib_dataset(store)


def _quads(graph: Graph) -> Iterator[tuple[Node, Node, Node, Node | None]]:
    if isinstance(graph, Dataset):
        yield from graph.quads((None, None, None, None))
    else:
        for s, p, o in graph.triples((None, None, None)):
            yield s, p, o, None


def _text(value: Node | None) -> str:
    return xml_safe(str(value)) if value is not None else ""


def to_networkx(graph: Graph | str | os.PathLike[str]) -> nx.MultiDiGraph:
    """Entities as nodes, holdings and other statements as edges (see the module doc)."""
    if not isinstance(graph, Graph):
        graph = read_rdf(graph)
    triples: dict[tuple[Node, Node, Node], set[str]] = defaultdict(set)
    article_of_graph: dict[Node, str] = {}
    identifiers: dict[Node, str] = {}
    for s, p, o, g in _quads(graph):
        triples[(s, p, o)].add(str(g) if g is not None else "")
        if p == SCHEMA.identifier:
            identifiers[s] = str(o)
    for (s, p, o) in triples:  # a lookup on a union Dataset warns (rdflib), a dict does not
        if p == RDF.type and o == SCHEMA.NewsArticle and s in identifiers:
            article_of_graph[s] = identifiers[s]
    by_subject: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        by_subject[s][p].append(o)

    def first(s: Node, p: Node) -> Node | None:
        values = by_subject.get(s, {}).get(p, [])
        return min(values, key=str) if values else None

    def article_ids(s: Node) -> str:
        return " ".join(
            sorted(article_of_graph.get(a, str(a)) for a in by_subject[s][PROV.wasDerivedFrom])
        )

    def evidence(s: Node) -> str:
        sentences = {
            _text(first(e, PG.sentence)) for e in by_subject.get(s, {}).get(PG.evidence, [])
        }
        return " | ".join(sorted(x for x in sentences if x))

    G = nx.MultiDiGraph()
    nodes: dict[str, dict[str, Any]] = {}
    for s, props in by_subject.items():
        kinds = sorted({KIND_OF_CLASS[c] for c in props.get(RDF.type, []) if c in KIND_OF_CLASS})
        if not isinstance(s, URIRef) or not kinds:
            continue
        label = next((first(s, p) for p in _LABELS if first(s, p) is not None), None)
        attrs: dict[str, Any] = {"kind": kinds[0], "label": _text(label) or str(s), "iri": str(s)}
        sub = sorted(
            str(c).rsplit("#", 1)[-1]
            for c in props[RDF.type]
            if str(c).startswith(str(PG.PartyCommittee).rsplit("#", 1)[0])
        )
        if kinds[0] == "organization":
            attrs["org_kind"] = " ".join(sub)
        for key, prop in (("date", SCHEMA.startDate), ("date", SCHEMA.datePublished)):
            if first(s, prop) is not None:
                attrs[key] = str(first(s, prop))
        nodes[str(s)] = attrs
    for iri in sorted(nodes):
        G.add_node(iri, **nodes[iri])

    edges: list[tuple[str, str, str, dict[str, Any]]] = []
    for s, props in by_subject.items():
        if ORG.Membership in props.get(RDF.type, []):
            person, org = first(s, ORG.member), first(s, ORG.organization)
            if str(person) not in nodes or str(org) not in nodes:
                continue
            role, post = first(s, ORG.role), first(s, PG.post)
            observed = first(s, PG.observedOn)
            edges.append(
                (
                    str(person),
                    str(org),
                    str(s),
                    {
                        "relation": "holds",
                        "role": _text(first(role, SKOS.prefLabel)) if role is not None else "",
                        "post": _text(first(post, SKOS.prefLabel)) if post is not None else "",
                        "former": str(first(s, PG.former)).lower() == "true",
                        "observed": str(observed) if observed is not None else "",
                        "articles": article_ids(s),
                        "evidence": evidence(s),
                    },
                )
            )
    for (s, p, o), graphs in triples.items():
        if p in _SKIP or str(s) not in nodes or str(o) not in nodes or isinstance(o, Literal):
            continue
        relation = compact(str(p))
        statement = s if nodes[str(s)]["kind"] == "event" else None
        arts = sorted(
            article_of_graph.get(URIRef(g.removesuffix("#graph")), "") for g in graphs if g
        )
        edges.append(
            (
                str(s),
                str(o),
                relation,
                {
                    "relation": relation,
                    "articles": " ".join(a for a in arts if a),
                    "evidence": evidence(statement) if statement is not None else "",
                },
            )
        )
    for u, v, key, attrs in sorted(edges, key=lambda e: (e[0], e[1], e[2])):
        G.add_edge(u, v, key=key, **attrs)
    return G


def _holdings(G: nx.MultiDiGraph, current_only: bool) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for u, v, data in G.edges(data=True):
        if data.get("relation") == "holds" and not (current_only and data.get("former")):
            yield u, v, data


def official_centrality(
    G: nx.MultiDiGraph, measure: str = "betweenness", *, current_only: bool = False
) -> list[tuple[str, str, float]]:
    """Officials ranked by centrality in the person–organization holdings network.

    ``measure`` is ``degree``, ``betweenness`` or ``eigenvector``.  Returns
    ``(iri, label, score)`` best first (ties by label), people only.
    """
    H = nx.Graph()
    for u, v, _data in _holdings(G, current_only):
        H.add_edge(u, v)
    if measure == "degree":
        scores = nx.degree_centrality(H)
    elif measure == "betweenness":
        scores = nx.betweenness_centrality(H, normalized=True)
    elif measure == "eigenvector":
        scores = nx.eigenvector_centrality(H, max_iter=1000, tol=1e-9)
    else:
        raise ValueError(
            f"unknown measure {measure!r}: expected degree, betweenness or eigenvector"
        )
    people = [n for n in H if G.nodes[n].get("kind") == "person"]
    ranked = [(n, G.nodes[n]["label"], float(scores[n])) for n in people]
    return sorted(ranked, key=lambda r: (-round(r[2], 12), r[1], r[0]))


def co_membership(G: nx.MultiDiGraph, *, current_only: bool = False) -> nx.Graph:
    """Who sits together on which bodies: people linked when they hold posts in one organization.

    Edge attributes: ``weight`` (number of shared organizations) and
    ``organizations`` (their labels, sorted).  Node attributes are copied.
    """
    members: dict[str, set[str]] = defaultdict(set)
    for u, v, _data in _holdings(G, current_only):
        members[v].add(u)
    P = nx.Graph()
    for person in sorted({p for ps in members.values() for p in ps}):
        P.add_node(person, **G.nodes[person])
    shared: dict[tuple[str, str], set[str]] = defaultdict(set)
    for org, people in members.items():
        for a, b in combinations(sorted(people), 2):
            shared[(a, b)].add(G.nodes[org]["label"])
    for (a, b), orgs in sorted(shared.items()):
        P.add_edge(a, b, weight=len(orgs), organizations=tuple(sorted(orgs)))
    return P
