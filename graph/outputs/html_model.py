"""What ``graph.html`` shows, read once from the merged RDF graph.

A reporter asks "who holds what where, and who sits with whom", so the page is
built around people and organizations: a post is not a node but a dated edge
person → organization ("Bí thư · 2019–2022", dashed when every article called
it former); documents and meetings are nodes the reader can switch on;
articles are not nodes at all but the evidence of every edge, shown in the
panel by headline.  Every organization belongs to a locality group (its own
``pg:locality`` or its nearest ancestor's; none means central or unknown) and
people, documents and meetings follow the organization they are tied to, so the
layout can draw one cluster per province.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from polgraph.core.text import canonical
from polgraph.core.vocab import FOAF, ORG, PG, PROV, RDF, SCHEMA, SKOS

__all__ = ["KINDS", "Edge", "Model"]

# kind: (legend label, colour, vis-network shape); documents and meetings start hidden
KINDS: dict[str, tuple[str, str, str]] = {
    "person": ("Người", "#e07a5f", "dot"),
    "organization": ("Tổ chức", "#3d5a80", "square"),
    "document": ("Văn bản", "#81b29a", "triangle"),
    "meeting": ("Hội nghị", "#9c6ade", "star"),
}

_CLASS_KIND: dict[URIRef, str] = {
    FOAF.Person: "person",
    ORG.Organization: "organization",
    SCHEMA.Legislation: "document",
    SCHEMA.Event: "meeting",
}

_DOC_KIND_VI: dict[URIRef, str] = {
    PG.Resolution: "Nghị quyết",
    PG.Directive: "Chỉ thị",
    PG.Conclusion: "Kết luận",
    PG.Program: "Chương trình",
    PG.Plan: "Kế hoạch",
    PG.Regulation: "Quy định",
    PG.Decision: "Quyết định",
    PG.OtherDocument: "Văn bản khác",
}

_MAX_LABEL = 48
_MAX_SENTENCE = 400

Evidence = tuple[str, int]  # (sentence, index into the article table or -1)


def short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def values(g: Graph, s: Node, p: Node) -> list[str]:
    return sorted({str(o) for o in g.objects(s, p)})


def first(g: Graph, s: Node, *preds: Node) -> str | None:
    for p in preds:
        vals = values(g, s, p)
        if vals:
            return vals[0]
    return None


def safe_url(url: str | None) -> str:
    """Only absolute http(s) URLs become links (no ``javascript:``, no ``data:``)."""
    if url and re.match(r"https?://[^\s]+\Z", url, re.I):
        return url
    return ""


@dataclass
class Edge:
    """One drawn edge; ``rel`` is a key the page translates (``hold`` edges carry a role)."""

    a: URIRef
    b: URIRef
    rel: str
    role: str = ""
    evidence: set[Evidence] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)
    former: list[bool] = field(default_factory=list)

    @property
    def is_former(self) -> bool:
        return bool(self.former) and all(self.former)

    def text(self) -> str:
        """The edge's caption: ``Bí thư · 2019–2022`` for a post, else empty (the page names it)."""
        if self.rel != "hold":
            return ""
        years = sorted({d[:4] for d in self.dates})
        span = years[0] if len(years) == 1 else f"{years[0]}–{years[-1]}" if years else ""
        return f"{self.role} · {span}" if span else self.role


class Model:
    """Nodes, edges, groups and evidence of the page, in a fixed order."""

    def __init__(self, g: Graph) -> None:
        self.g = g
        self.kinds: dict[URIRef, str] = {}
        for s in set(g.subjects(RDF.type, None)):
            if isinstance(s, URIRef):
                kinds = {_CLASS_KIND[t] for t in g.objects(s, RDF.type) if t in _CLASS_KIND}
                for kind in KINDS:  # fixed precedence when a node has several types
                    if kind in kinds:
                        self.kinds[s] = kind
                        break
        self.articles: list[URIRef] = sorted(
            (s for s in set(g.subjects(RDF.type, SCHEMA.NewsArticle)) if isinstance(s, URIRef)),
            key=str,
        )
        self.article_index = {a: i for i, a in enumerate(self.articles)}
        self.article_dates = {
            a: first(g, a, PG.reportsOn, SCHEMA.datePublished) for a in self.articles
        }
        self._names: dict[URIRef, list[str]] = {}
        self.edges = self._edges()
        self.parents: dict[URIRef, set[URIRef]] = defaultdict(set)
        for e in self.edges:
            if e.rel == "sub":
                self.parents[e.a].add(e.b)
        self.holds: dict[URIRef, list[Edge]] = defaultdict(list)
        for e in self.edges:
            if e.rel == "hold":
                self.holds[e.a].append(e)
        self.groups = self._groups()

    def adjacency(self) -> dict[URIRef, list[int]]:
        """Indices into ``edges`` of the edges touching each node."""
        if not hasattr(self, "_adj"):
            self._adj: dict[URIRef, list[int]] = defaultdict(list)
            for i, e in enumerate(self.edges):
                self._adj[e.a].append(i)
                self._adj[e.b].append(i)
        return self._adj

    # evidence ----------------------------------------------------------

    def _art(self, a: Node) -> int:
        return self.article_index.get(a, -1) if isinstance(a, URIRef) else -1

    def evidence(self, s: Node) -> set[Evidence]:
        """Sentences supporting statement/entity ``s``; its source articles if it has none."""
        out: set[Evidence] = set()
        for ev in self.g.objects(s, PG.evidence):
            arts = sorted(self.g.objects(ev, PROV.wasDerivedFrom), key=str) or [None]
            for sentence in self.g.objects(ev, PG.sentence):
                for art in arts:
                    out.add((short(canonical(str(sentence)), _MAX_SENTENCE), self._art(art)))
        if not out:
            for art in self.g.objects(s, PROV.wasDerivedFrom):
                out.add(("", self._art(art)))
        return out

    def dates_of(self, evidence: Iterable[Evidence]) -> set[str]:
        return {d for _s, i in evidence if i >= 0 and (d := self.article_dates[self.articles[i]])}

    # edges -------------------------------------------------------------

    def _edges(self) -> list[Edge]:
        g, nodes = self.g, self.kinds
        out: dict[tuple[URIRef, URIRef, str, str], Edge] = {}

        def add(a: Node, b: Node, rel: str, role: str = "") -> Edge | None:
            if isinstance(a, URIRef) and isinstance(b, URIRef) and a in nodes and b in nodes:
                return out.setdefault((a, b, rel, role), Edge(a, b, rel, role))
            return None

        def role_of(post: Node) -> str:
            roles = [
                canonical(r)
                for x in g.objects(post, ORG.role)
                for r in values(g, x, SKOS.prefLabel)
            ]
            return min(roles) if roles else ""

        seen_posts: set[tuple[Node, Node]] = set()
        for m in sorted(g.subjects(RDF.type, ORG.Membership), key=str):
            ev = self.evidence(m)
            dates = set(values(g, m, PG.observedOn)) or self.dates_of(ev)
            former = any(o == Literal(True) for o in g.objects(m, PG.former))
            for person in g.objects(m, ORG.member):
                for post in g.objects(m, PG.post):
                    seen_posts.add((person, post))
                    for org in g.objects(post, ORG.postIn):
                        if edge := add(person, org, "hold", role_of(post)):
                            edge.evidence |= ev
                            edge.dates |= dates
                            edge.former.append(former)
        for person, post in g.subject_objects(ORG.holds):  # holdings with no membership
            if (person, post) not in seen_posts:
                for org in g.objects(post, ORG.postIn):
                    add(person, org, "hold", role_of(post))
        for child, parent in g.subject_objects(ORG.subOrganizationOf):
            if edge := add(child, parent, "sub"):
                edge.evidence |= self.evidence(child)
        for doc, org in g.subject_objects(SCHEMA.legislationPassedBy):
            if edge := add(org, doc, "issue"):
                edge.evidence |= self.evidence(doc)
                edge.dates |= self.dates_of(edge.evidence)
        for event in g.subjects(RDF.type, SCHEMA.Event):
            ev = self.evidence(event)
            dates = set(values(g, event, SCHEMA.startDate)) or self.dates_of(ev)
            pairs = [
                *((org, event, "organize") for org in g.objects(event, SCHEMA.organizer)),
                *((p, event, "chair") for p in g.objects(event, PG.chair)),
                *((p, event, "attend") for p in g.objects(event, SCHEMA.attendee)),
                *((event, d, "about") for d in g.objects(event, SCHEMA.about)),
            ]
            for a, b, rel in pairs:
                if edge := add(a, b, rel):
                    edge.evidence |= ev
                    edge.dates |= dates
        return sorted(out.values(), key=lambda e: (str(e.a), str(e.b), e.rel, e.role))

    # groups ------------------------------------------------------------

    def _locality(self, org: URIRef) -> str:
        """The org's place, else its nearest ancestor's (breadth first), else ''."""
        todo, seen = [org], {org}
        while todo:
            nxt = []
            for o in sorted(todo, key=str):
                places = sorted(
                    canonical(p) for loc in self.g.objects(o, PG.locality)
                    for p in values(self.g, loc, SKOS.prefLabel)
                )  # fmt: skip
                if places:
                    return places[0]
                nxt += [p for p in self.parents[o] if p not in seen]
                seen.update(self.parents[o])
            todo = nxt
        return ""

    def _groups(self) -> dict[URIRef, str]:
        """Locality group per node: organizations first, the rest follow their organization."""
        groups = {s: self._locality(s) for s, k in self.kinds.items() if k == "organization"}
        latest: dict[URIRef, tuple[str, str, str]] = {}
        for e in self.edges:
            if e.rel == "hold":
                key = (max(e.dates, default=""), groups.get(e.b, ""), str(e.b))
                latest[e.a] = max(latest.get(e.a, key), key)
            elif e.rel in ("issue", "organize"):
                groups.setdefault(e.b, groups.get(e.a, ""))
        for person, (_d, group, _o) in latest.items():
            groups[person] = group
        for e in self.edges:  # people with no post: the meeting they chaired or attended
            if e.rel in ("chair", "attend") and e.a not in groups:
                groups[e.a] = groups.get(e.b, "")
        return {s: groups.get(s, "") for s in self.kinds}

    # names and facts ---------------------------------------------------

    def names(self, s: URIRef) -> list[str]:
        """Preferred name first, then the other spellings, for the panel and the search."""
        if s in self._names:
            return self._names[s]
        g, kind = self.g, self.kinds[s]
        if kind == "person":
            pref = values(g, s, FOAF.name)
        elif kind == "meeting":
            pref = values(g, s, SCHEMA.name)
        else:
            pref = values(g, s, SKOS.prefLabel)
        names = [canonical(n) for n in pref + values(g, s, SKOS.altLabel)]
        if kind == "document":
            names += [canonical(n) for n in values(g, s, SCHEMA.legislationIdentifier)]
        seen: list[str] = []
        for n in names:
            if n and n not in seen:
                seen.append(n)
        self._names[s] = seen or [str(s).rsplit("/", 1)[-1]]
        return self._names[s]

    def label(self, s: URIRef) -> str:
        return short(self.names(s)[0], _MAX_LABEL)

    def fields(self, s: URIRef) -> list[list[str]]:
        """Kind-specific facts shown under the names: ``[key, value]`` pairs (keys translated)."""
        g, kind = self.g, self.kinds[s]
        rows: list[tuple[str, str | None]] = []
        if kind == "organization":
            rows.append(("locality", self.groups[s]))
        elif kind == "person":  # a namesake is told apart by the year of birth too
            rows.append(("born", first(g, s, SCHEMA.birthDate)))
        elif kind == "document":
            kinds = sorted(
                _DOC_KIND_VI.get(k, str(k))  # type: ignore[call-overload]
                for k in g.objects(s, SCHEMA.legislationType)
            )
            rows += [
                ("doctype", "; ".join(kinds)),
                ("number", "; ".join(values(g, s, SCHEMA.legislationIdentifier))),
                ("term", "; ".join(values(g, s, PG.term))),
                ("summary", "; ".join(values(g, s, SCHEMA.name))),
            ]
        elif kind == "meeting":
            rows.append(("date", first(g, s, SCHEMA.startDate)))
        return [[k, canonical(v)] for k, v in rows if v]

    def hint(self, s: URIRef) -> str:
        """What tells this entity from a namesake: latest post and province, or place and parent."""
        kind, group = self.kinds[s], self.groups[s]
        parts: list[str] = []
        if kind == "person":
            holds = self.holds.get(s, [])
            if holds:
                e = max(holds, key=lambda e: (max(e.dates, default=""), not e.is_former, str(e.b)))
                parts.append(f"{e.role} {self.label(e.b)}".strip())
        elif kind == "organization":
            parts += sorted(self.label(p) for p in self.parents[s])[:1]
        elif kind == "meeting":
            parts += values(self.g, s, SCHEMA.startDate)[:1]
        if group and not any(group in p for p in parts):
            parts.append(group)
        return " · ".join(parts)
