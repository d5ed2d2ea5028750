"""The passes of cross-article resolution over the facts (see ``polgraph.resolve``).

Organizations, then documents, then persons are resolved over all articles (``run``: three
walks over them); ``rewrite`` then renames one article's facts to the canonical names.
"""

from __future__ import annotations

import pickle
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import replace
from itertools import groupby, islice
from operator import itemgetter
from typing import Any, TypeVar

from rdflib import URIRef

from polgraph.core.iris import iri_for
from polgraph.core.model import ArticleFacts, Document, Event, Holding, Organization, Person
from polgraph.core.text import canonical, fold
from polgraph.resolve.documents import _doc_display, cited_documents, doc_key, to_roman
from polgraph.resolve.names import _aliases, _dedupe, _display, org_key
from polgraph.resolve.passes import Batch, NameCounts
from polgraph.resolve.persons import PossiblySame, _cluster_name, _Mention, _person_names

__all__: list[str] = []

_T = TypeVar("_T")

Walk = Callable[[Callable[[Any, Batch], Any]], Iterator[Any]]
"""Applies a step (``count_names``, ``list_mentions``) to every batch, results in order."""

WALK_BATCH = 256


def _more_evidence(old: tuple[_T, ...], new: Iterable[_T]) -> tuple[_T, ...]:
    """``old`` then what ``new`` adds, in order: one entity met twice in an article."""
    return old + tuple(e for e in new if e not in old)


_Named = TypeVar("_Named", Organization, Document)


def _merged(prev: _Named | None, new: _Named, source: _Named, fields: tuple[str, ...]) -> _Named:
    """``new`` (``source`` renamed) joined to ``prev``, met under the same name earlier.

    ``prev`` keeps its values of ``fields`` where it has them; aliases and evidence add up.
    """
    if prev is None:
        return new
    return replace(
        prev,
        aliases=_aliases(source.name, new.name, [*prev.aliases, *source.aliases]),
        evidence=_more_evidence(prev.evidence, source.evidence),
        **{f: getattr(prev, f) or getattr(new, f) for f in fields},
    )


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

    def run(self, walk: Walk | None = None, names: NameCounts | None = None) -> None:
        """Organizations, documents and persons, in three walks over the facts.

        Each walk may read every article back from disk, so the passes share them:
        the first counts names of bodies and documents, the second (which needs the
        bodies' places and the document index) settles each article's documents and
        lists its persons, the third is the caller's rewrite.  ``walk`` applies a
        step to every batch of (index, facts) and yields the results in order: by
        default here, over ``self.facts``; the build gives one that runs the steps on
        every core (``polgraph.build.spool``).  Results are merged the same either way.
        ``names``, the first walk's tally counted already (the build counts it as it
        extracts), skips that walk.
        """
        walk = walk or self.walk_here
        if names is None:
            names = NameCounts()
            for part in walk(count_names):
                names.update(part)
        self.org_names, self.org_locality, self.org_parent = names.orgs.settle()
        self._index_docs(names.docs)
        final: set[tuple[str, ...]] = set()
        # grouped by name on disk: "" opens a private temporary database, deleted on close
        with closing(sqlite3.connect("")) as db:
            db.execute("CREATE TABLE mention (folded BLOB, art INTEGER, ord INTEGER, blob BLOB)")
            for rows, keys in walk(list_mentions):
                db.executemany("INSERT INTO mention VALUES (?, ?, ?, ?)", rows)
                final |= keys
            self._group_persons(db)
        self._display_docs(final)

    def walk_here(self, step: Callable[[_Resolver, Batch], _T]) -> Iterator[_T]:
        """``step`` over ``self.facts`` in batches of ``WALK_BATCH``, in this process."""
        it = enumerate(self.facts)
        while batch := list(islice(it, WALK_BATCH)):
            yield step(self, batch)

    # organizations -------------------------------------------------------
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
    def _index_docs(self, names: dict[tuple[str, ...], Counter[str]]) -> None:
        self.doc_counts = dict(names)
        by_prefix: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
        for key in self.doc_counts:
            by_prefix[key[:3]].append(key)
        self.doc_by_prefix = dict(by_prefix)

    def _display_docs(self, final: set[tuple[str, ...]]) -> None:
        """The label of each document the articles mean (``final``: their keys)."""
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
        keys = {folded: doc_key(d) for folded, d in cited_documents(f)}
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
    def mentions(self, batch: Batch) -> Iterator[tuple[bytes, int, int, bytes]]:
        """(folded name, article index, order in it, pickled mention) for every person
        named in each article of ``batch``."""
        for index, f in batch:
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
            for order, (folded, surface) in enumerate(sorted(surfaces.items())):
                orgs = frozenset(posts.get(folded, ()))
                places = frozenset(p for k in orgs if (p := self.place_of(k)))
                mention = _Mention(aid, surface, places, orgs, article_places)
                # bytes sort as the code points do, and any string (even a lone
                # surrogate) encodes
                key = folded.encode("utf-8", "surrogatepass")
                yield key, index, order, pickle.dumps(mention, protocol=pickle.HIGHEST_PROTOCOL)

    def _group_persons(self, db: sqlite3.Connection) -> None:
        rows = db.execute("SELECT folded, blob FROM mention ORDER BY folded, art, ord")
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
                _more_evidence(old.evidence, p.evidence),
                old.birth or p.birth,
                old.birth_evidence if old.birth else p.birth_evidence,
            )
        # the constructors, not dataclasses.replace (a third of the time of a rewrite);
        # every field is named, so tests/test_spool_records.py sees one that is dropped
        orgs: dict[str, Organization] = {}
        for o in f.organizations:
            name = self.org(o.name)
            prev = orgs.get(name)
            new = Organization(
                name=name,
                kind=o.kind,
                aliases=_aliases(o.name, name, o.aliases),
                parent=self.org(o.parent) if o.parent else None,
                locality=o.locality,
                evidence=o.evidence,
            )
            orgs[name] = _merged(prev, new, o, ("parent", "locality"))
        docs: dict[str, Document] = {}
        for d in f.documents:
            name = doc(d.name)
            prev = docs.get(name)
            new_doc = Document(
                name=name,
                kind=d.kind,
                number=d.number,
                issuer=self.org(d.issuer) if d.issuer else None,
                term=to_roman(d.term) or d.term if d.term else None,
                title=d.title,
                aliases=_aliases(d.name, name, d.aliases),
                evidence=d.evidence,
            )
            docs[name] = _merged(prev, new_doc, d, ("number", "issuer", "term", "title"))
        holdings = _dedupe(
            Holding(
                person=self.person(aid, h.person),
                role=h.role,
                organization=self.org(h.organization),
                former=h.former,
                date=h.date,
                evidence=h.evidence,
            )
            for h in f.holdings
        )
        events = tuple(
            Event(
                name=e.name,
                date=e.date,
                organizer=self.org(e.organizer) if e.organizer else None,
                chair=self.person(aid, e.chair) if e.chair else None,
                participants=_dedupe(self.person(aid, n) for n in e.participants),
                documents=_dedupe(doc(n) for n in e.documents),
                evidence=e.evidence,
            )
            for e in f.events
        )
        return ArticleFacts(
            article=f.article,
            date=f.date,
            persons=tuple(persons.values()),
            organizations=tuple(orgs.values()),
            documents=tuple(docs.values()),
            holdings=tuple[Holding, ...](holdings),
            events=tuple[Event, ...](events),
            warnings=f.warnings,
        )


def count_names(r: _Resolver, batch: Batch) -> NameCounts:
    """Walk 1 of ``_Resolver.run``: the names of bodies and documents in ``batch``."""
    names = NameCounts()
    for _index, f in batch:
        names.see(f)
    return names


def list_mentions(
    r: _Resolver, batch: Batch
) -> tuple[list[tuple[bytes, int, int, bytes]], set[tuple[str, ...]]]:
    """Walk 2: the persons named in ``batch``, and the documents its articles mean."""
    keys: set[tuple[str, ...]] = set()
    for _index, f in batch:
        keys.update(r._doc_keys(f).values())
    return list(r.mentions(batch)), keys
