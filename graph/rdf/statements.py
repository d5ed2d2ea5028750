"""ArticleFacts → RDF: one named graph per article, merged entities, a statement trail.

Design
------
* **IRIs** are minted from canonical names (``iri_for``), so the same person,
  organization or document named in two articles is one node without any
  lookup: ``https://w3id.org/polgraph/id/person/Nguyễn_Văn_A``.  Vietnamese
  letters are kept (IRIs allow them); anything else that is not unreserved is
  percent-encoded, so whatever an article contains, the IRI is valid.
* **Vocabulary**: people are ``foaf:Person`` (``foaf:name``, other spellings
  ``skos:altLabel``); organizations ``org:Organization`` plus a ``pg:`` kind
  class, ``skos:prefLabel``, ``org:subOrganizationOf``, ``pg:locality``; a
  holding is ``?person org:holds ?post . ?post org:role ?role ; org:postIn ?org``
  with, per article, an ``org:Membership`` carrying the time (``pg:observedOn``),
  ``pg:former`` and the source.  Documents are ``schema:Legislation``, meetings
  ``schema:Event``, articles ``schema:NewsArticle``.  ``org:holds`` is asserted
  for former titles too: the graph records what was observed, and tense lives on
  the membership.
* **Provenance**: the dataset has one named graph per article
  (``<article IRI>#graph``) holding everything extracted from it, including the
  type and label of every entity it mentions, so each graph stands alone.  The
  dataset's default graph is the union of the named graphs (``default_union``);
  ``write_turtle`` writes that union (graph.ttl), ``write_trig`` the named
  graphs.  Below the graph level each statement node (membership, event) has
  ``prov:wasDerivedFrom`` its article and ``pg:evidence`` a ``pg:Evidence``
  (a ``prov:Entity``) with ``pg:sentence``, ``pg:charStart``, ``pg:charEnd`` and
  ``prov:wasDerivedFrom`` the article; entities and documents link their
  mentions the same way.  "Which article and sentence said X holds post Y" is
  one query::

      SELECT ?article ?sentence WHERE {
        ?m org:member ?x ; pg:post ?y ; prov:wasDerivedFrom ?article ;
           pg:evidence/pg:sentence ?sentence }

* **Determinism**: the serialisers here do not use rdflib's (whose order is not
  stable); they sort subjects, predicates and objects and write one statement per
  line, so the same facts give byte-identical files.  There are no blank nodes.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from collections.abc import Iterable
from typing import Any, ClassVar

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from polgraph.core.iris import (
    KINDS,
    evidence_iri,
    graph_iri,
    iri_for,
    iri_segment,
    membership_iri,
    post_iri,
    tenure_iri,
)
from polgraph.core.model import ArticleFacts, DocKind, Evidence, OrgKind
from polgraph.core.text import canonical, slug
from polgraph.core.vocab import FOAF, ID, ORG, PG, PROV, RDF, SCHEMA, SKOS, TIME, XSD
from polgraph.rdf.births import add_birth
from polgraph.rdf.labels import PersonIri

ORG_CLASSES: dict[OrgKind, URIRef] = {
    OrgKind.PARTY_COMMITTEE: PG.PartyCommittee,
    OrgKind.PARTY_BODY: PG.PartyBody,
    OrgKind.PARTY_ORGANIZATION: PG.PartyOrganization,
    OrgKind.GOVERNMENT: PG.GovernmentBody,
    OrgKind.LEGISLATURE: PG.Legislature,
    OrgKind.MASS_ORGANIZATION: PG.MassOrganization,
}

DOC_KINDS: dict[DocKind, URIRef] = {
    DocKind.RESOLUTION: PG.Resolution,
    DocKind.DIRECTIVE: PG.Directive,
    DocKind.CONCLUSION: PG.Conclusion,
    DocKind.PROGRAM: PG.Program,
    DocKind.PLAN: PG.Plan,
    DocKind.REGULATION: PG.Regulation,
    DocKind.DECISION: PG.Decision,
    DocKind.OTHER: PG.OtherDocument,
}


def _digest(*parts: object) -> str:
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8", "replace")).hexdigest()[:16]


_evidence_iri = evidence_iri


def _event_iri(article_id: str, name: str, date: _dt.date | None, organizer: str | None) -> URIRef:
    """Dated meetings merge across articles by (date, organizer, name); undated stay local."""
    name_seg = iri_segment(slug(name))
    if date is None:
        return URIRef(f"{ID}event/{iri_segment(article_id)}/{name_seg}")
    org_seg = iri_segment(slug(organizer or ""))
    return URIRef(f"{ID}event/{date.isoformat()}/{org_seg}/{name_seg}")


# ------------------------------------------------------------------- conversion



class _CachedTerms:
    """``_T.SKOS_prefLabel`` is ``SKOS.prefLabel``, looked up once.

    rdflib's namespaces build (and check) a new term on every attribute access:
    some 700,000 times for a thousand articles.
    """

    _SPACES: ClassVar[dict[str, Any]] = {
        "FOAF": FOAF, "ORG": ORG, "PG": PG, "PROV": PROV, "RDF": RDF, "SCHEMA": SCHEMA,
        "SKOS": SKOS, "TIME": TIME, "XSD": XSD,
    }  # fmt: skip

    def __getattr__(self, name: str) -> URIRef:
        space, _, local = name.partition("_")
        if space not in self._SPACES or not local:
            raise AttributeError(name)
        term = getattr(self._SPACES[space], local)
        setattr(self, name, term)  # found as a plain attribute from now on
        return term


_T = _CachedTerms()


class _ArticleGraph:
    """Writes one article's named graph; keeps the label table shared by all articles.

    Literals are made by the small factory methods below, so that the streaming
    build (``polgraph.rdf.ntriples``) can write N-Triples text without rdflib terms.
    """

    def __init__(
        self,
        g: Graph,
        facts: ArticleFacts,
        labels: dict[URIRef, str],
        person_iri: PersonIri | None = None,
    ) -> None:
        self.g = g
        self.person_iri = person_iri
        self.facts = facts
        self.labels = labels
        self.article = iri_for("article", facts.article.id)
        # what this article has already said, so that a name or a sentence met again
        # (a person in ten holdings, one sentence behind five facts) is described once
        self._described: dict[tuple[str, str, tuple[str, ...]], URIRef] = {}
        self._evidence_nodes: set[URIRef] = set()

    def add(self, s: Node, p: Node, o: Node) -> None:
        self.g.add((s, p, o))

    def text(self, value: str) -> Any:
        return Literal(value)

    def integer(self, value: int) -> Any:
        return Literal(value)

    def boolean(self, value: bool) -> Any:
        return Literal(value)

    def date(self, value: _dt.date) -> Any:
        return Literal(value, datatype=XSD.date)

    def any_uri(self, value: str) -> Any:
        return Literal(value, datatype=XSD.anyURI)

    def typed(self, lexical: str, datatype: URIRef) -> Any:
        return Literal(lexical, datatype=datatype)

    def label_of(self, kind: str, name: str) -> tuple[URIRef, str]:
        if kind == "person" and self.person_iri is not None:
            iri = self.person_iri(self.facts.article.id, name)
        else:
            iri = iri_for(kind, name)
        return iri, self.labels.get(iri, canonical(name))

    def alt_labels(self, iri: URIRef, pref: str, names: Iterable[str]) -> None:
        for name in names:
            alt = canonical(name)
            if alt and alt != pref:
                self.add(iri, _T.SKOS_altLabel, self.text(alt))

    def evidence(self, subject: URIRef, evidence: Iterable[Evidence]) -> None:
        for ev in evidence:
            if not ev.article_id:
                ev = Evidence(self.facts.article.id, ev.sentence, ev.start, ev.end)
            node = _evidence_iri(ev)
            self.add(subject, _T.PG_evidence, node)
            if node in self._evidence_nodes:
                continue
            self._evidence_nodes.add(node)
            self.add(node, _T.RDF_type, _T.PG_Evidence)
            self.add(node, _T.RDF_type, _T.PROV_Entity)
            self.add(node, _T.PG_sentence, self.text(ev.sentence))
            self.add(node, _T.PG_charStart, self.integer(ev.start))
            self.add(node, _T.PG_charEnd, self.integer(ev.end))
            self.add(node, _T.PROV_wasDerivedFrom, iri_for("article", ev.article_id))

    # entities -----------------------------------------------------------

    def person(self, name: str, aliases: Iterable[str] = ()) -> URIRef:
        key = ("person", name, tuple(aliases))
        if (known := self._described.get(key)) is not None:
            return known
        iri, pref = self.label_of("person", name)
        self.add(iri, _T.RDF_type, _T.FOAF_Person)
        self.add(iri, _T.FOAF_name, self.text(pref))
        self.alt_labels(iri, pref, [name, *key[2]])
        self.add(self.article, _T.SCHEMA_mentions, iri)
        self._described[key] = iri
        return iri

    def organization(self, name: str, aliases: Iterable[str] = ()) -> URIRef:
        key = ("org", name, tuple(aliases))
        if (known := self._described.get(key)) is not None:
            return known
        iri, pref = self.label_of("org", name)
        self.add(iri, _T.RDF_type, _T.ORG_Organization)
        self.add(iri, _T.SKOS_prefLabel, self.text(pref))
        self.alt_labels(iri, pref, [name, *key[2]])
        self.add(self.article, _T.SCHEMA_mentions, iri)
        self._described[key] = iri
        return iri

    def document(self, name: str, aliases: Iterable[str] = ()) -> URIRef:
        key = ("doc", name, tuple(aliases))
        if (known := self._described.get(key)) is not None:
            return known
        iri, pref = self.label_of("doc", name)
        self.add(iri, _T.RDF_type, _T.SCHEMA_Legislation)
        self.add(iri, _T.SKOS_prefLabel, self.text(pref))
        self.alt_labels(iri, pref, [name, *key[2]])
        self.add(self.article, _T.SCHEMA_mentions, iri)
        self._described[key] = iri
        return iri

    def role(self, name: str) -> URIRef:
        key = ("role", name, ())
        if (known := self._described.get(key)) is not None:
            return known
        iri, pref = self.label_of("role", name)
        self.add(iri, _T.RDF_type, _T.ORG_Role)
        self.add(iri, _T.SKOS_prefLabel, self.text(pref))
        self._described[key] = iri
        return iri

    # the article's content ----------------------------------------------

    def build(self) -> None:
        f, a = self.facts, self.facts.article
        self.add(self.article, _T.RDF_type, _T.SCHEMA_NewsArticle)
        self.add(self.article, _T.SCHEMA_identifier, self.text(a.id))
        if a.title:
            self.add(self.article, _T.SCHEMA_headline, self.text(a.title))
        if a.date:
            self.add(self.article, _T.SCHEMA_datePublished, self.date(a.date))
        if a.url:
            self.add(self.article, _T.SCHEMA_url, self.any_uri(a.url))
        if f.date:
            self.add(self.article, _T.PG_reportsOn, self.date(f.date))

        for p in f.persons:
            iri = self.person(p.name, p.aliases)
            self.evidence(iri, p.evidence)
            if p.birth:
                add_birth(self, iri, p.birth, p.birth_evidence)
        for o in f.organizations:
            iri = self.organization(o.name, o.aliases)
            cls = ORG_CLASSES.get(o.kind)
            if cls is not None:
                self.add(iri, _T.RDF_type, cls)
            if o.parent and iri_for("org", o.parent) != iri:
                self.add(iri, _T.ORG_subOrganizationOf, self.organization(o.parent))
            if o.locality:
                place, pref = self.label_of("place", o.locality)
                self.add(place, _T.RDF_type, _T.SCHEMA_AdministrativeArea)
                self.add(place, _T.SKOS_prefLabel, self.text(pref))
                self.add(iri, _T.PG_locality, place)
            self.evidence(iri, o.evidence)
        for d in f.documents:
            iri = self.document(d.name, d.aliases)
            self.add(iri, _T.SCHEMA_legislationType, DOC_KINDS[DocKind(d.kind)])
            if d.number:
                self.add(iri, _T.SCHEMA_legislationIdentifier, self.text(d.number))
            if d.issuer:
                self.add(iri, _T.SCHEMA_legislationPassedBy, self.organization(d.issuer))
            if d.title:
                self.add(iri, _T.SCHEMA_name, self.text(d.title))
            if d.term:
                self.add(iri, _T.PG_term, self.text(d.term))
            self.evidence(iri, d.evidence)
        for h in f.holdings:
            self.holding(h)
        for e in f.events:
            self.event(e)

    def holding(self, h) -> None:  # h: polgraph.core.model.Holding
        person = self.person(h.person)
        org = self.organization(h.organization)
        role = self.role(h.role)
        post = post_iri(h.role, h.organization)
        role_label = self.labels.get(role, canonical(h.role))
        org_label = self.labels.get(org, canonical(h.organization))
        self.add(person, _T.ORG_holds, post)
        self.add(post, _T.RDF_type, _T.ORG_Post)
        self.add(post, _T.ORG_role, role)
        self.add(post, _T.ORG_postIn, org)
        self.add(post, _T.SKOS_prefLabel, self.text(f"{role_label} {org_label}"))

        observed = h.date or self.facts.date or self.facts.article.date
        m = membership_iri(self.facts.article.id, person, post, h.former, observed)
        self.add(m, _T.RDF_type, _T.ORG_Membership)
        self.add(m, _T.ORG_member, person)
        self.add(m, _T.ORG_organization, org)
        self.add(m, _T.ORG_role, role)
        self.add(m, _T.PG_post, post)
        self.add(m, _T.ORG_memberDuring, tenure_iri(str(person), str(post)))
        self.add(m, _T.PG_former, self.boolean(bool(h.former)))
        if observed:
            self.add(m, _T.PG_observedOn, self.date(observed))
        self.add(m, _T.PROV_wasDerivedFrom, self.article)
        self.evidence(m, h.evidence)

    def event(self, e) -> None:  # e: polgraph.core.model.Event
        iri = _event_iri(self.facts.article.id, e.name, e.date, e.organizer)
        self.add(iri, _T.RDF_type, _T.SCHEMA_Event)
        self.add(iri, _T.SCHEMA_name, self.text(canonical(e.name)))
        if e.date:
            self.add(iri, _T.SCHEMA_startDate, self.date(e.date))
        if e.organizer:
            self.add(iri, _T.SCHEMA_organizer, self.organization(e.organizer))
        if e.chair:
            self.add(iri, _T.PG_chair, self.person(e.chair))
        for name in e.participants:
            self.add(iri, _T.SCHEMA_attendee, self.person(name))
        for name in e.documents:
            self.add(iri, _T.SCHEMA_about, self.document(name))
        self.add(iri, _T.PROV_wasDerivedFrom, self.article)
        self.evidence(iri, e.evidence)


__all__ = [
    "DOC_KINDS",
    "KINDS",
    "ORG_CLASSES",
    "PersonIri",
    "graph_iri",
    "iri_for",
    "membership_iri",
    "post_iri",
]
