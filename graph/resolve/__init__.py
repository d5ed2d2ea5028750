"""Cross-article entity resolution: one node per real person, organization and document.

The extractor names things one article at a time; the graph is worth more than
the articles only when what many of them say about one person, body or document
meets in one node.  ``rdf.iri_for`` already unifies identical canonical names;
this module handles what it cannot:

* **Organizations** are keyed on their name with abbreviations expanded
  ("UBND" → "Ủy ban nhân dân", "TƯ"/"T.Ư"/"TW" → "Trung ương", "TP.HCM" →
  "Thành phố Hồ Chí Minh") and tone placement/case/NFD folded (``text.fold``);
  every spelling meets under the most frequent full spelling, the others stay as
  aliases (``skos:altLabel``).  Parents are renamed the same way, so the
  hierarchy (Ban Thường vụ Thành ủy X → Thành ủy X) survives.
* **Documents** are keyed on what a citation identifies: kind + plenum + term
  for central-committee resolutions ("Nghị quyết TƯ4 khóa XI" = "Nghị quyết
  Trung ương 4 (khóa XI)" = "NQ TW4 khóa 11", but ≠ khóa XII), kind + number +
  issuer + term for numbered ones.  A citation without issuer or term joins the
  one known document it can only mean (issuer among the article's bodies, one
  term on record); if several fit it stays apart.
* **Persons** with the same folded full name merge when their context agrees
  (a shared province through the bodies they hold posts in, or a shared body).
  Namesakes in different provinces stay apart; mentions that fit several
  candidates, or none, stay apart too, and every pair of nodes sharing a full name
  is linked with ``pg:possiblySameAs`` instead of being merged wrongly.

``resolve(facts)`` returns a ``Resolution``: the facts renamed to canonical
names, person IRIs per (article, name), and the uncertain links.
``resolved_dataset(facts)`` is what the build uses.  Everything is sorted, so
the result does not depend on input order beyond article order.
"""

from __future__ import annotations

import pickle
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import groupby
from operator import itemgetter
from typing import Any

from rdflib import URIRef

from polgraph.core.iris import iri_for
from polgraph.core.model import (
    ArticleFacts,
    DocKind,
    Document,
    Event,
    Holding,
    Organization,
    Person,
)
from polgraph.core.text import canonical, fold
from polgraph.core.vocab import ID

__all__ = [
    "RESOLUTION_GRAPH",
    "PossiblySame",
    "Resolution",
    "doc_key",
    "expand_abbreviations",
    "org_key",
    "resolve",
    "to_roman",
]

RESOLUTION_GRAPH = URIRef(f"{ID}resolution#graph")
"""Named graph holding statements that come from comparing articles (no single source)."""

_LETTER = r"A-Za-zÀ-ỹĐđ"

# (pattern, replacement), applied in order to canonical text; whole words only.
_ABBREVIATIONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"(?<![\w/-])(?:TP|Tp|tp)\.?\s*HCM(?!\w)", "Thành phố Hồ Chí Minh"),
        (r"(?<![\w/-])HCM(?!\w)", "Hồ Chí Minh"),
        (r"(?<![\w/-])(?:TP|Tp)\.?\s+(?=[A-ZĐÀ-Ỹ])", "Thành phố "),
        (r"(?<![\w/-])TP\.(?=[A-ZĐÀ-Ỹ])", "Thành phố "),
        (r"(?<![\w/-])UBND(?!\w)", "Ủy ban nhân dân"),
        (r"(?<![\w/-])HĐND(?!\w)", "Hội đồng nhân dân"),
        (r"(?<![\w/-])MTTQ(?!\w)", "Mặt trận Tổ quốc"),
        (r"(?<![\w/-])BCH(?!\w)", "Ban Chấp hành"),
        (r"(?<![\w/-])BTV(?!\w)", "Ban Thường vụ"),
        (r"(?<![\w/-])NQ(?!\w)", "Nghị quyết"),
        (r"(?<![\w/-])(?:T\.?Ư|T\.W|TW)\.?(?![" + _LETTER + r"])\s*", "Trung ương "),
    )
)
_LOCAL_COMMITTEE = re.compile(
    r"^(thành ủy|tỉnh ủy|quận ủy|huyện ủy|thị ủy)\s+(?:thành phố|tỉnh|quận|huyện|thị xã)\s+"
)
_PUNCT = re.compile(r"[\s.,;:()\"“”'‘’]+")


@lru_cache(maxsize=1 << 16)  # pure; called for every mention
def expand_abbreviations(name: str) -> str:
    """Canonical name with the usual abbreviations written out.

    >>> expand_abbreviations("Thành uỷ TP.HCM")
    'Thành ủy Thành phố Hồ Chí Minh'
    >>> expand_abbreviations("UBND tỉnh Nghệ An")
    'Ủy ban nhân dân tỉnh Nghệ An'
    >>> expand_abbreviations("Ban Tổ chức T.Ư")
    'Ban Tổ chức Trung ương'
    """
    text = canonical(name)
    for pattern, replacement in _ABBREVIATIONS:
        text = pattern.sub(replacement, text)
    return canonical(text)


@lru_cache(maxsize=1 << 16)  # pure; called for every mention
def org_key(name: str) -> str:
    """Comparison key of an organization name: abbreviations, tones, case, NFD all folded.

    >>> org_key("Thành ủy TPHCM") == org_key("Thành uỷ Thành phố Hồ Chí Minh")
    True
    >>> org_key("UBND tỉnh Nghệ An") == org_key("Ủy ban nhân dân Tỉnh Nghệ An")
    True
    """
    key = fold(expand_abbreviations(name))
    key = _LOCAL_COMMITTEE.sub(r"\1 ", key)
    return _PUNCT.sub(" ", key).strip()


# ------------------------------------------------------------------ documents

_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip
_ROMAN_VALUE = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def to_roman(value: str | int) -> str | None:
    """A congress term as canonical Roman numerals: '11', 'xi', 'XI' → 'XI'.

    >>> [to_roman(v) for v in ("11", "xii", "XIII", 9, "abc")]
    ['XI', 'XII', 'XIII', 'IX', None]
    """
    text = str(value).strip().lower()
    if text.isdigit():
        n = int(text)
    elif text and all(ch in _ROMAN_VALUE for ch in text):
        n = 0
        for i, ch in enumerate(text):
            v = _ROMAN_VALUE[ch]
            n += -v if i + 1 < len(text) and _ROMAN_VALUE[text[i + 1]] > v else v
    else:
        return None
    if not 0 < n < 4000:
        return None
    out = []
    for v, sym in _ROMAN:
        while n >= v:
            out.append(sym)
            n -= v
    return "".join(out)


_KIND_WORDS: dict[DocKind, str] = {
    DocKind.RESOLUTION: "Nghị quyết",
    DocKind.DIRECTIVE: "Chỉ thị",
    DocKind.CONCLUSION: "Kết luận",
    DocKind.PROGRAM: "Chương trình",
    DocKind.PLAN: "Kế hoạch",
    DocKind.REGULATION: "Quy định",
    DocKind.DECISION: "Quyết định",
}
_KIND_PREFIX = tuple((fold(word), kind) for kind, word in _KIND_WORDS.items())
_PLENUM = re.compile(r"trung ương\s*(\d{1,2})(?!\d)")
_TERM = re.compile(r"khóa\s*\(?\s*([ivxlc]+|\d{1,2})(?![\w])")
_NUMBER = re.compile(r"^(?:số\s*)?0*(\d+)(.*)$")
_NUMBER_IN_NAME = re.compile(r"(?:^|\s)(?:số\s*)?(\d+(?:[-/][\w/.-]+)?)")


def _doc_kind(doc: Document, folded: str) -> DocKind:
    if doc.kind != DocKind.OTHER:
        return DocKind(doc.kind)
    for word, kind in _KIND_PREFIX:
        if folded.startswith(word):
            return kind
    return DocKind.OTHER


def doc_key(doc: Document) -> tuple[str, ...]:
    """What a citation identifies, as a tuple key (issuer as an ``org_key``).

    >>> doc_key(Document("Nghị quyết TƯ4 khóa XI")) == doc_key(Document("NQ TW4 khóa 11"))
    True
    >>> doc_key(Document("Nghị quyết Trung ương 4 (khóa XI)"))
    ('plenum', 'resolution', '4', 'XI')
    >>> doc_key(Document("Nghị quyết Trung ương 4 khóa XII"))[3]
    'XII'
    """
    folded = fold(expand_abbreviations(doc.name))
    kind = _doc_kind(doc, folded)
    term = to_roman(doc.term) if doc.term else None
    if term is None and (m := _TERM.search(folded)):
        term = to_roman(m.group(1))
    if m := _PLENUM.search(folded):
        return ("plenum", kind.value, str(int(m.group(1))), term or "")
    number = doc.number
    if not number and (m := _NUMBER_IN_NAME.search(folded)):
        number = m.group(1)
    if number and (m := _NUMBER.match(fold(number).replace(" ", ""))):
        issuer = org_key(doc.issuer) if doc.issuer else ""
        return ("number", kind.value, m.group(1), issuer, term or "")
    return ("name", kind.value, _PUNCT.sub(" ", folded).strip(), term or "")


def _doc_display(key: tuple[str, ...], names: Counter[str]) -> str:
    """Canonical citation: rebuilt for plenum resolutions, else the most common spelling."""
    if key[0] == "plenum":
        word = _KIND_WORDS.get(DocKind(key[1]), "Nghị quyết")
        return f"{word} Trung ương {key[2]}" + (f" khóa {key[3]}" if key[3] else "")
    full = Counter({n: c for n, c in names.items() if expand_abbreviations(n) == n})
    pool = full or Counter({expand_abbreviations(n): c for n, c in names.items()})
    return min(pool, key=lambda s: (-pool[s], -len(s), s))


# -------------------------------------------------------------------- persons


@dataclass(frozen=True, order=True)
class PossiblySame:
    """Two person nodes kept apart although they share a full name."""

    a: str  # IRI, a < b
    b: str
    name: str
    reason: str


@dataclass
class _Mention:
    article_id: str
    name: str  # canonical surface
    places: frozenset[str]  # provinces/districts of the bodies they hold posts in
    orgs: frozenset[str]  # org keys of their posts
    article_places: frozenset[str]  # localities named anywhere in the article


@dataclass
class _Cluster:
    mentions: list[_Mention] = field(default_factory=list)
    places: set[str] = field(default_factory=set)
    orgs: set[str] = field(default_factory=set)
    strong: bool = False

    def add(self, m: _Mention) -> None:
        self.mentions.append(m)
        self.places |= m.places or (m.article_places if not self.strong else set())
        self.orgs |= m.orgs


def _cluster_name(mentions: Sequence[_Mention]) -> list[_Cluster]:
    """Group the mentions of one folded full name into people (see module docstring)."""
    strong = sorted(
        (m for m in mentions if m.places or m.orgs), key=lambda m: (m.article_id, m.name)
    )
    weak = sorted(
        (m for m in mentions if not (m.places or m.orgs)), key=lambda m: (m.article_id, m.name)
    )
    clusters: list[_Cluster] = []
    for m in strong:  # single-link: a shared place or body joins clusters
        hits = [c for c in clusters if (c.places & m.places) or (c.orgs & m.orgs)]
        target = _Cluster(strong=True)
        for c in hits:
            clusters.remove(c)
            for old in c.mentions:
                target.add(old)
        target.add(m)
        clusters.append(target)
    for m in weak:  # only article-level context: join the one cluster it fits
        fits = [c for c in clusters if c.places & m.article_places]
        if len(fits) == 1:
            fits[0].add(m)
        elif not fits and len(clusters) == 1 and (not m.article_places or not clusters[0].places):
            clusters[0].add(m)  # nothing contradicts the only candidate
        else:
            c = _Cluster()
            c.add(m)
            clusters.append(c)
    clusters.sort(key=lambda c: min((m.article_id, m.name) for m in c.mentions))
    return clusters


def _display(names: Iterable[str]) -> str:
    counts = Counter(names)
    return min(counts, key=lambda s: (-counts[s], s))


# ------------------------------------------------------------------ resolution


@dataclass(frozen=True)
class Resolution:
    """Renamed facts plus the person identities that names alone cannot carry."""

    facts: tuple[ArticleFacts, ...]
    person_iris: Mapping[tuple[str, str], URIRef]  # (article id, fold(name)) → IRI
    possibly_same: tuple[PossiblySame, ...] = ()

    def person_iri(self, article_id: str, name: str) -> URIRef:
        """The IRI of the person called ``name`` in article ``article_id``."""
        return self.person_iris.get((article_id, fold(name))) or iri_for("person", name)


def _person_names(f: ArticleFacts) -> Iterable[str]:
    yield from (p.name for p in f.persons)
    yield from (h.person for h in f.holdings)
    for e in f.events:
        if e.chair:
            yield e.chair
        yield from e.participants


def _dedupe(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))


def _aliases(old: str, new: str, aliases: Iterable[str]) -> tuple[str, ...]:
    """Aliases plus the old name when it differs, without the new name."""
    return tuple(a for a in _dedupe([*aliases, old]) if canonical(a) != new and canonical(a))


class _Resolver:
    """Resolution in passes over the facts, holding only what is per entity.

    Facts are walked a few times (they may be read back from disk each time); what
    depends on one article (which document a bare number means there, which
    namesake a mention is) is recomputed from that article when it is rewritten,
    and the mentions of persons are grouped by name in a temporary on-disk table,
    so memory grows with the number of distinct persons, bodies and documents,
    not with the number of articles.
    """

    def __init__(self, facts: Iterable[ArticleFacts]) -> None:
        # walked several times; a sequence is kept as it is (it may read from disk)
        self.facts: Sequence[ArticleFacts] = facts if isinstance(facts, Sequence) else list(facts)
        self.org_names: dict[str, str] = {}  # org_key → display
        self.org_locality: dict[str, str] = {}
        self.org_parent: dict[str, str] = {}
        self.doc_counts: dict[tuple[str, ...], Counter[str]] = {}  # key → spellings
        self.doc_by_prefix: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        self.doc_display: dict[tuple[str, ...], str] = {}
        self.person_by_name: dict[str, tuple[str, URIRef]] = {}  # fold(name) → one person
        self.person_by_mention: dict[tuple[str, str], tuple[str, URIRef]] = {}  # namesakes
        self.links: list[PossiblySame] = []

    # organizations -------------------------------------------------------
    def organizations(self) -> None:
        names: dict[str, Counter[str]] = defaultdict(Counter)
        localities: dict[str, Counter[str]] = defaultdict(Counter)
        parents: dict[str, Counter[str]] = defaultdict(Counter)

        def see(name: str | None) -> None:
            if name and canonical(name):
                names[org_key(name)][canonical(name)] += 1

        for f in self.facts:
            for o in f.organizations:
                see(o.name)
                see(o.parent)
                if o.locality:
                    localities[org_key(o.name)][canonical(o.locality)] += 1
                if o.parent:
                    parents[org_key(o.name)][org_key(o.parent)] += 1
            for d in f.documents:
                see(d.issuer)
            for h in f.holdings:
                see(h.organization)
            for e in f.events:
                see(e.organizer)
        for key, counts in names.items():
            self.org_names[key] = _doc_display(("org",), counts)
        self.org_locality = {k: _display(c.elements()) for k, c in localities.items()}
        self.org_parent = {k: _display(c.elements()) for k, c in parents.items()}

    def org(self, name: str) -> str:
        return self.org_names.get(org_key(name), canonical(name))

    def place_of(self, key: str) -> str | None:
        """Locality of a body, inherited from its parents ('Ban Tổ chức Tỉnh ủy X' → X)."""
        seen: set[str] = set()
        while key and key not in seen:
            seen.add(key)
            if key in self.org_locality:
                return self.org_locality[key]
            key = self.org_parent.get(key, "")
        return None

    # documents -----------------------------------------------------------
    @staticmethod
    def _cited(f: ArticleFacts) -> list[tuple[str, Document]]:
        """An article's documents by folded name, with those only its meetings cite."""
        docs = {fold(d.name): d for d in f.documents}
        for e in f.events:
            for n in e.documents:
                docs.setdefault(fold(n), Document(n))
        return sorted(docs.items())

    def documents(self) -> None:
        names: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
        for f in self.facts:
            for _folded, d in self._cited(f):
                names[doc_key(d)][canonical(d.name)] += 1
        self.doc_counts = dict(names)
        by_prefix: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
        for key in self.doc_counts:
            by_prefix[key[:3]].append(key)
        self.doc_by_prefix = dict(by_prefix)
        final: set[tuple[str, ...]] = set()
        for f in self.facts:
            final.update(self._doc_keys(f).values())
        display = {key: _doc_display(key, self.doc_counts[key]) for key in final}
        # one label for two keys (e.g. a term given in one article only): say the term
        by_label: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for key, label in sorted(display.items()):
            by_label[fold(label)].append(key)
        for keys in by_label.values():
            if len(keys) > 1:
                for key in keys:
                    term = key[-1]
                    if term and f"khóa {fold(term)}" not in fold(display[key]):
                        display[key] = f"{display[key]} khóa {term}"
        self.doc_display = display

    def _doc_keys(self, f: ArticleFacts) -> dict[str, tuple[str, ...]]:
        """Each document an article cites (by folded name) → the document it means.

        A numbered citation without issuer joins the one issued document it can
        mean: first the article's own ("Chương trình số 01" beside "Chương trình 01
        của Thành ủy X"), else one whose issuer the article names, same term.  Terms
        are never guessed: "Nghị quyết Trung ương 4" without a term stays its own node.
        """
        keys = {folded: doc_key(d) for folded, d in self._cited(f)}
        own = set(keys.values())
        bodies: set[str] | None = None

        def fuller(key: tuple[str, ...]) -> tuple[str, ...]:
            nonlocal bodies
            if key[0] != "number" or key[3]:
                return key
            local = {k for k in own if k[:3] == key[:3] and k[3]}
            if len(local) == 1:
                return local.pop()
            if bodies is None:
                bodies = {org_key(o.name) for o in f.organizations}
            cands = {
                k for k in self.doc_by_prefix.get(key[:3], ()) if k[3] in bodies and k[4] == key[4]
            }
            return cands.pop() if len(cands) == 1 else key

        return {folded: fuller(key) for folded, key in keys.items()}

    def doc_names(self, f: ArticleFacts) -> dict[str, str]:
        """An article's documents: folded name as cited → canonical name."""
        return {folded: self.doc_display[key] for folded, key in self._doc_keys(f).items()}

    # persons -------------------------------------------------------------
    def _mentions(self) -> Iterator[tuple[bytes, int, bytes]]:
        """(folded name, order, pickled mention) for every person named in every article."""
        order = 0
        for f in self.facts:
            aid = f.article.id
            article_places = frozenset(
                p for o in f.organizations if (p := self.place_of(org_key(o.name)))
            )
            posts: dict[str, set[str]] = defaultdict(set)
            for h in f.holdings:
                posts[fold(h.person)].add(org_key(h.organization))
            surfaces: dict[str, str] = {}
            for n in _person_names(f):
                surfaces.setdefault(fold(n), canonical(n))
            for folded, surface in sorted(surfaces.items()):
                orgs = frozenset(posts.get(folded, ()))
                places = frozenset(p for k in orgs if (p := self.place_of(k)))
                mention = _Mention(aid, surface, places, orgs, article_places)
                # bytes sort as the code points do, and any string (even a lone
                # surrogate) encodes
                key = folded.encode("utf-8", "surrogatepass")
                yield key, order, pickle.dumps(mention, protocol=pickle.HIGHEST_PROTOCOL)
                order += 1

    def persons(self) -> None:
        # grouped by name on disk: "" opens a private temporary database, deleted on close
        with closing(sqlite3.connect("")) as db:
            db.execute("CREATE TABLE mention (folded BLOB, ord INTEGER, mention BLOB)")
            db.executemany("INSERT INTO mention VALUES (?, ?, ?)", self._mentions())
            rows = db.execute("SELECT folded, mention FROM mention ORDER BY folded, ord")
            for key, group in groupby(rows, key=itemgetter(0)):
                mentions = [pickle.loads(blob) for _key, blob in group]
                self._name_group(key.decode("utf-8", "surrogatepass"), mentions, iri_for)

    def _name_group(self, folded: str, mentions: list[_Mention], iri_for: Any) -> None:
        """The persons behind one folded full name, and links between namesakes."""
        clusters = _cluster_name(mentions)
        label = _display(m.name for c in clusters for m in c.mentions)
        iris: list[URIRef] = []
        for i, c in enumerate(clusters, start=1):
            name = _display(m.name for m in c.mentions)
            iri = iri_for("person", name)
            if len(clusters) > 1:
                where = ", ".join(sorted(c.places)) if c.strong and c.places else ""
                unique = (
                    where
                    and sum(
                        1 for o in clusters if o.strong and ", ".join(sorted(o.places)) == where
                    )
                    == 1
                )
                suffix = where if unique else str(i)
                tail = str(iri_for("person", suffix)).rsplit("/", 1)[1]
                iri = URIRef(f"{iri}--{tail}")
            iris.append(iri)
            if len(clusters) == 1:
                self.person_by_name[folded] = (name, iri)
            else:
                for m in c.mentions:
                    self.person_by_mention[(m.article_id, folded)] = (name, iri)
        for i, a in enumerate(clusters):
            for j in range(i + 1, len(clusters)):
                b = clusters[j]
                if a.strong and b.strong:
                    reason = "same name, different provinces or bodies"
                else:
                    reason = "same name, context not enough to tell"
                x, y = sorted((str(iris[i]), str(iris[j])))
                self.links.append(PossiblySame(x, y, label, reason))

    def _person_entry(self, aid: str, name: str) -> tuple[str, URIRef] | None:
        folded = fold(name)
        return self.person_by_name.get(folded) or self.person_by_mention.get((aid, folded))

    def person(self, aid: str, name: str) -> str:
        entry = self._person_entry(aid, name)
        return entry[0] if entry else canonical(name)

    def person_iri(self, aid: str, name: str) -> URIRef | None:
        """The IRI resolution gave the person called ``name`` in article ``aid``."""
        entry = self._person_entry(aid, name)
        return entry[1] if entry else None

    # rewriting -----------------------------------------------------------
    def rewrite(self, f: ArticleFacts) -> ArticleFacts:
        aid = f.article.id
        doc_names = self.doc_names(f)

        def doc(name: str) -> str:
            return doc_names.get(fold(name), canonical(name))

        persons: dict[str, Person] = {}
        for p in f.persons:
            name = self.person(aid, p.name)
            old = persons.get(name, Person(name))
            persons[name] = Person(
                name,
                _aliases(p.name, name, [*old.aliases, *p.aliases]),
                old.evidence + tuple(e for e in p.evidence if e not in old.evidence),
                old.birth or p.birth,
                old.birth_evidence if old.birth else p.birth_evidence,
            )
        orgs: dict[str, Organization] = {}
        for o in f.organizations:
            name = self.org(o.name)
            prev = orgs.get(name)
            new = replace(
                o,
                name=name,
                aliases=_aliases(o.name, name, o.aliases),
                parent=self.org(o.parent) if o.parent else None,
            )
            if prev is not None:
                new = replace(
                    prev,
                    aliases=_aliases(o.name, name, [*prev.aliases, *o.aliases]),
                    parent=prev.parent or new.parent,
                    locality=prev.locality or new.locality,
                    evidence=prev.evidence + tuple(e for e in o.evidence if e not in prev.evidence),
                )
            orgs[name] = new
        docs: dict[str, Document] = {}
        for d in f.documents:
            name = doc(d.name)
            prev = docs.get(name)
            new = replace(
                d,
                name=name,
                aliases=_aliases(d.name, name, d.aliases),
                issuer=self.org(d.issuer) if d.issuer else None,
                term=to_roman(d.term) or d.term if d.term else None,
            )
            if prev is not None:
                new = replace(
                    prev,
                    aliases=_aliases(d.name, name, [*prev.aliases, *d.aliases]),
                    number=prev.number or d.number,
                    issuer=prev.issuer or new.issuer,
                    term=prev.term or new.term,
                    title=prev.title or d.title,
                    evidence=prev.evidence + tuple(e for e in d.evidence if e not in prev.evidence),
                )
            docs[name] = new
        holdings = _dedupe(
            replace(h, person=self.person(aid, h.person), organization=self.org(h.organization))
            for h in f.holdings
        )
        events = tuple(
            replace(
                e,
                organizer=self.org(e.organizer) if e.organizer else None,
                chair=self.person(aid, e.chair) if e.chair else None,
                participants=_dedupe(self.person(aid, n) for n in e.participants),
                documents=_dedupe(doc(n) for n in e.documents),
            )
            for e in f.events
        )
        return replace(
            f,
            persons=tuple(persons.values()),
            organizations=tuple(orgs.values()),
            documents=tuple(docs.values()),
            holdings=tuple[Holding, ...](holdings),
            events=tuple[Event, ...](events),
        )


def resolve(facts: Sequence[ArticleFacts]) -> Resolution:
    """Canonical names across ``facts``, person identities and "possibly same" links."""
    r = _Resolver(facts)
    r.organizations()
    r.documents()
    r.persons()
    iris: dict[tuple[str, str], URIRef] = {}
    for f in r.facts:
        for name in _person_names(f):
            iri = r.person_iri(f.article.id, name)
            if iri is not None:
                iris[(f.article.id, fold(name))] = iri
    return Resolution(
        facts=tuple(r.rewrite(f) for f in r.facts),
        person_iris=dict(sorted(iris.items())),
        possibly_same=tuple(sorted(set(r.links))),
    )
