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
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import quote

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from graph.atomic import atomic_write_text
from graph.model import ArticleFacts, DocKind, Evidence, OrgKind
from graph.text import canonical, fold, slug
from graph.vocab import FOAF, ID, ORG, PG, PREFIXES, PROV, RDF, SCHEMA, SKOS, XSD

KINDS = frozenset(
    {"person", "org", "post", "role", "doc", "event", "article", "membership", "statement", "place"}
)

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

_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


# --------------------------------------------------------------------------- IRIs


@lru_cache(maxsize=1 << 16)  # pure, and called for every mention of every entity
def _segment(text: str) -> str:
    """Percent-encode one path segment, keeping unreserved ASCII and non-ASCII letters."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in _UNRESERVED or (
            ord(ch) >= 0xA0 and unicodedata.category(ch)[0] in "LM" and ord(ch) < 0xE000
        ):
            out.append(ch)
        else:
            out.append(quote(ch.encode("utf-8", "replace"), safe=""))
    return "".join(out) or "_"


@lru_cache(maxsize=1 << 16)  # pure, and called for every mention of every entity
def iri_for(kind: str, name: str) -> URIRef:
    """Stable readable IRI ``ID/<kind>/<slug>`` for a canonical name.

    Roles are case-folded first (titles are compared case-insensitively);
    article ids are kept verbatim (they are identifiers already, not names).

    >>> iri_for("org", "Thành ủy Hà Nội")
    rdflib.term.URIRef('https://w3id.org/polgraph/id/org/Thành_ủy_Hà_Nội')
    >>> iri_for("person", 'A "<b>"')
    rdflib.term.URIRef('https://w3id.org/polgraph/id/person/A_b')
    """
    if kind not in KINDS:
        raise ValueError(f"unknown IRI kind {kind!r}; expected one of {sorted(KINDS)}")
    if kind == "article":
        return URIRef(f"{ID}article/{_segment(name)}")
    if kind == "role":
        name = fold(name)
    return URIRef(f"{ID}{kind}/{_segment(slug(name))}")


@lru_cache(maxsize=1 << 16)  # pure, and called for every mention of every entity
def post_iri(role: str, organization: str) -> URIRef:
    """The post a role is in one organization: ``ID/post/<org>/<role>``."""
    org_seg = _segment(slug(organization))
    role_seg = _segment(slug(fold(role)))
    return URIRef(f"{ID}post/{org_seg}/{role_seg}")


def membership_iri(
    article_id: str, person: str, post: str, former: bool, observed: _dt.date | None
) -> URIRef:
    """One article's observation of a person in a post (``graph.rdf_tenure`` links to it)."""
    digest = _digest(person, post, former, observed)
    return URIRef(f"{ID}membership/{_segment(article_id)}/{digest}")


def graph_iri(article_id: str) -> URIRef:
    """The named graph holding what one article says."""
    return URIRef(f"{iri_for('article', article_id)}#graph")


def _digest(*parts: object) -> str:
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8", "replace")).hexdigest()[:16]


def _evidence_iri(ev: Evidence) -> URIRef:
    seg = _segment(ev.article_id)
    return URIRef(f"{ID}statement/{seg}/{ev.start}-{ev.end}-{_digest(ev.sentence)[:8]}")


def _event_iri(article_id: str, name: str, date: _dt.date | None, organizer: str | None) -> URIRef:
    """Dated meetings merge across articles by (date, organizer, name); undated stay local."""
    name_seg = _segment(slug(name))
    if date is None:
        return URIRef(f"{ID}event/{_segment(article_id)}/{name_seg}")
    org_seg = _segment(slug(organizer or ""))
    return URIRef(f"{ID}event/{date.isoformat()}/{org_seg}/{name_seg}")


# ------------------------------------------------------------------- conversion


PersonIri = Callable[[str, str], URIRef]
"""``(article id, name) → IRI`` for persons that a name alone cannot identify (resolution)."""


def _preferred_labels(
    facts: Sequence[ArticleFacts], person_iri: PersonIri | None = None
) -> dict[URIRef, str]:
    """One label per IRI across the dataset, so each node has exactly one name.

    Names that differ only in what ``slug`` drops (punctuation) share an IRI;
    the most frequent spelling wins, ties broken by code point order.
    """
    seen: dict[URIRef, Counter[str]] = defaultdict(Counter)

    article_id = ""

    def see(kind: str, name: str | None) -> None:
        if name:
            if kind == "person" and person_iri is not None:
                seen[person_iri(article_id, name)][canonical(name)] += 1
            else:
                seen[iri_for(kind, name)][canonical(name)] += 1

    for f in facts:
        article_id = f.article.id
        for p in f.persons:
            see("person", p.name)
        for o in f.organizations:
            see("org", o.name)
            see("org", o.parent)
            see("place", o.locality)
        for d in f.documents:
            see("doc", d.name)
            see("org", d.issuer)
        for h in f.holdings:
            see("person", h.person)
            see("role", h.role)
            see("org", h.organization)
        for e in f.events:
            see("org", e.organizer)
            see("person", e.chair)
            for name in e.participants:
                see("person", name)
            for name in e.documents:
                see("doc", name)
    return {iri: min(c, key=lambda s: (-c[s], s)) for iri, c in seen.items()}


class _CachedTerms:
    """``_T.SKOS_prefLabel`` is ``SKOS.prefLabel``, looked up once.

    rdflib's namespaces build (and check) a new term on every attribute access:
    some 700,000 times for a thousand articles.
    """

    _SPACES: ClassVar[dict[str, Any]] = {
        "FOAF": FOAF, "ORG": ORG, "PG": PG, "PROV": PROV, "RDF": RDF, "SCHEMA": SCHEMA,
        "SKOS": SKOS, "XSD": XSD,
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
    build (``graph.stream``) can write N-Triples text without rdflib terms.
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
            self.add(node, _T.RDF_type, _T.PG_Evidence)
            self.add(node, _T.RDF_type, _T.PROV_Entity)
            self.add(node, _T.PG_sentence, self.text(ev.sentence))
            self.add(node, _T.PG_charStart, self.integer(ev.start))
            self.add(node, _T.PG_charEnd, self.integer(ev.end))
            self.add(node, _T.PROV_wasDerivedFrom, iri_for("article", ev.article_id))
            self.add(subject, _T.PG_evidence, node)

    # entities -----------------------------------------------------------

    def person(self, name: str, aliases: Iterable[str] = ()) -> URIRef:
        iri, pref = self.label_of("person", name)
        self.add(iri, _T.RDF_type, _T.FOAF_Person)
        self.add(iri, _T.FOAF_name, self.text(pref))
        self.alt_labels(iri, pref, [name, *aliases])
        self.add(self.article, _T.SCHEMA_mentions, iri)
        return iri

    def organization(self, name: str, aliases: Iterable[str] = ()) -> URIRef:
        iri, pref = self.label_of("org", name)
        self.add(iri, _T.RDF_type, _T.ORG_Organization)
        self.add(iri, _T.SKOS_prefLabel, self.text(pref))
        self.alt_labels(iri, pref, [name, *aliases])
        self.add(self.article, _T.SCHEMA_mentions, iri)
        return iri

    def document(self, name: str, aliases: Iterable[str] = ()) -> URIRef:
        iri, pref = self.label_of("doc", name)
        self.add(iri, _T.RDF_type, _T.SCHEMA_Legislation)
        self.add(iri, _T.SKOS_prefLabel, self.text(pref))
        self.alt_labels(iri, pref, [name, *aliases])
        self.add(self.article, _T.SCHEMA_mentions, iri)
        return iri

    def role(self, name: str) -> URIRef:
        iri, pref = self.label_of("role", name)
        self.add(iri, _T.RDF_type, _T.ORG_Role)
        self.add(iri, _T.SKOS_prefLabel, self.text(pref))
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
            self.evidence(self.person(p.name, p.aliases), p.evidence)
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

    def holding(self, h) -> None:  # h: graph.model.Holding
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
        self.add(m, _T.PG_former, self.boolean(bool(h.former)))
        if observed:
            self.add(m, _T.PG_observedOn, self.date(observed))
        self.add(m, _T.PROV_wasDerivedFrom, self.article)
        self.evidence(m, h.evidence)

    def event(self, e) -> None:  # e: graph.model.Event
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


def new_dataset() -> Dataset:
    """An empty dataset whose default graph is the union of its named graphs."""
    ds = Dataset(default_union=True)
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True, replace=True)
    return ds


def facts_to_dataset(
    facts: Sequence[ArticleFacts], *, person_iri: PersonIri | None = None
) -> Dataset:
    """Convert every article's facts into its own named graph of one dataset.

    >>> from graph.model import Article, ArticleFacts, Holding
    >>> a = Article(id="a1", text="…", date=_dt.date(2020, 1, 2))
    >>> h = Holding("Lê Văn B", "Bí thư", "Tỉnh ủy X")
    >>> ds = facts_to_dataset([ArticleFacts(a, holdings=(h,))])
    >>> [str(g.identifier) for g in ds.graphs() if len(g)]
    ['https://w3id.org/polgraph/id/article/a1#graph']
    """
    labels = _preferred_labels(facts, person_iri)
    ds = new_dataset()
    for f in facts:
        _ArticleGraph(ds.graph(graph_iri(f.article.id)), f, labels, person_iri).build()
    return ds


# ------------------------------------------------------------ serialisation

_PN_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_ECHAR = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_literal(text: str) -> str:
    out: list[str] = []
    for ch in text:
        code = ord(ch)
        if ch in _ECHAR:
            out.append(_ECHAR[ch])
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04X}")
        elif 0xD800 <= code <= 0xDFFF:  # a lone surrogate cannot be written as UTF-8
            out.append("\\uFFFD")
        else:
            out.append(ch)
    return "".join(out)


class _Writer:
    """Turtle/TriG terms with prefixes; records which prefixes were used."""

    def __init__(self) -> None:
        self.ns = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))  # longest match first
        self.used: set[str] = set()

    def iri(self, iri: str) -> str:
        for prefix, ns in self.ns:
            if iri.startswith(ns) and _PN_LOCAL.match(iri[len(ns) :]):
                self.used.add(prefix)
                return f"{prefix}:{iri[len(ns) :]}"
        if _IRI_FORBIDDEN.search(iri):
            raise ValueError(f"not a valid IRI: {iri!r}")
        return f"<{iri}>"

    def term(self, term: Node) -> str:
        if isinstance(term, Literal):
            text = f'"{_escape_literal(str(term))}"'
            if term.language:
                return f"{text}@{term.language}"
            if term.datatype and term.datatype != XSD.string:
                return f"{text}^^{self.iri(str(term.datatype))}"
            return text
        if isinstance(term, BNode):
            return f"_:b{_digest(term)}"
        if term == RDF.type:
            return "a"
        return self.iri(str(term))

    def prefixes(self) -> str:
        return "".join(f"@prefix {p}: <{PREFIXES[p]}> .\n" for p in sorted(self.used))


def _sort_key(term: Node) -> tuple[int, str, str, str]:
    if isinstance(term, Literal):
        return (2, str(term), str(term.datatype or ""), term.language or "")
    return (1 if isinstance(term, BNode) else 0, str(term), "", "")


def _block(w: _Writer, triples: Iterable[tuple[Node, Node, Node]], indent: str) -> list[str]:
    """Subjects sorted, rdf:type first, then predicates and objects sorted; one per line."""
    by_subject: dict[Node, list[tuple[Node, Node]]] = defaultdict(list)
    for s, p, o in set(triples):
        by_subject[s].append((p, o))
    lines: list[str] = []
    for s in sorted(by_subject, key=_sort_key):
        pairs = sorted(
            by_subject[s], key=lambda po: (po[0] != RDF.type, w.term(po[0]), _sort_key(po[1]))
        )
        lines.append(f"{indent}{w.term(s)}")
        for i, (p, o) in enumerate(pairs):
            end = " ." if i == len(pairs) - 1 else " ;"
            lines.append(f"{indent}    {w.term(p)} {w.term(o)}{end}")
        lines.append("")
    return lines


def _triples(ds_or_graph: Graph) -> Iterator[tuple[Node, Node, Node]]:
    """All triples: the union of every graph of a dataset, or a graph's own."""
    if isinstance(ds_or_graph, Dataset):
        for s, p, o, _g in ds_or_graph.quads((None, None, None, None)):
            yield s, p, o
    else:
        yield from ds_or_graph.triples((None, None, None))


def to_turtle(ds_or_graph: Graph) -> str:
    """Deterministic Turtle of the merged graph (every named graph's triples)."""
    w = _Writer()
    body = _block(w, _triples(ds_or_graph), "")
    return w.prefixes() + "\n" + "\n".join(body)


def to_trig(ds: Dataset) -> str:
    """Deterministic TriG: the default graph's own triples, then each named graph, sorted."""
    w = _Writer()
    graphs: dict[Node, set[tuple[Node, Node, Node]]] = defaultdict(set)
    for s, p, o, g in ds.quads((None, None, None, None)):
        graphs[g if g is not None else DATASET_DEFAULT_GRAPH_ID].add((s, p, o))
    parts: list[str] = []
    default = graphs.pop(DATASET_DEFAULT_GRAPH_ID, set())
    if default:
        parts.append("\n".join(_block(w, default, "")))
    for g in sorted(graphs, key=_sort_key):
        inner = _block(w, graphs[g], "    ")
        parts.append(f"{w.term(g)} {{\n" + "\n".join(inner[:-1]) + "\n}\n")
    return w.prefixes() + "\n" + "\n".join(parts)


def write_turtle(ds: Graph, path: Path) -> None:
    """Write the merged graph as Turtle, atomically and byte-deterministically."""
    atomic_write_text(path, to_turtle(ds))


def write_trig(ds: Dataset, path: Path) -> None:
    """Write the per-article named graphs as TriG, atomically and byte-deterministically."""
    atomic_write_text(path, to_trig(ds))


# --------------------------------------------------- ontology, shapes, queries


def ontology_dir() -> Path:
    """Where ``polgraph.ttl``, ``shapes.ttl`` and ``queries/`` live.

    A checkout keeps them at the repository root; an installed package may ship
    them as ``graph/ontology`` (needs package-data in pyproject).
    """
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "ontology", here / "ontology"):
        if (candidate / "shapes.ttl").is_file():
            return candidate
    raise FileNotFoundError(f"ontology/ not found beside {here} (shapes.ttl missing)")


def load_query(name: str) -> str:
    """Text of a saved query, ``name`` with or without ``.rq``."""
    stem = name.removesuffix(".rq")
    if not re.fullmatch(r"[a-z0-9-]+", stem):
        raise ValueError(f"bad query name {name!r}")
    return (ontology_dir() / "queries" / f"{stem}.rq").read_text(encoding="utf-8")


def run_query(ds_or_graph: Graph, name: str, **bindings: str | Node) -> list[dict[str, Node]]:
    """Run a saved query with its variables bound as checked RDF terms, never as raw text.

    Strings become plain literals: ``run_query(ds, "person-posts", person_name="Lê Văn B")``.
    """
    from graph.query import bind_values
    from graph.store import ox_term

    values = {k: v if isinstance(v, str) and not isinstance(v, Node) else ox_term(v)
              for k, v in bindings.items()}  # fmt: skip
    result = ds_or_graph.query(bind_values(load_query(name), values))
    return [
        {str(var): row[var] for var in result.vars if row[var] is not None}
        for row in result  # type: ignore[union-attr]
    ]


def union_graph(ds_or_graph: Graph) -> Graph:
    """A plain graph holding every triple (what SHACL and exporters look at)."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)
    for t in _triples(ds_or_graph):
        g.add(t)
    return g


def validate(ds_or_graph: Graph) -> tuple[bool, str]:
    """Check the merged graph against ``ontology/shapes.ttl``; (conforms, report text).

    Returns ``(True, reason)`` without checking when pyshacl is not installed
    (it is a test dependency, not a runtime one).
    """
    try:
        import pyshacl
    except ImportError:
        return True, "pyshacl is not installed: SHACL validation skipped"
    shapes = Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")
    conforms, _report, text = pyshacl.validate(
        union_graph(ds_or_graph), shacl_graph=shapes, inference="none", advanced=True
    )
    return bool(conforms), str(text)


__all__ = [
    "KINDS",
    "facts_to_dataset",
    "graph_iri",
    "iri_for",
    "load_query",
    "membership_iri",
    "new_dataset",
    "ontology_dir",
    "post_iri",
    "run_query",
    "to_trig",
    "to_turtle",
    "union_graph",
    "validate",
    "write_trig",
    "write_turtle",
]
