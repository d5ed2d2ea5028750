"""Persons across articles: the mentions of one full name grouped into people.

Mentions with the same folded full name join when their context agrees (a shared
province through the bodies they hold posts in, or a shared body); namesakes whose
context differs, or is not enough to tell, stay apart as separate clusters.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from polgraph.core.model import ArticleFacts

__all__ = ["PossiblySame"]


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

    def join(self, other: _Cluster) -> None:
        """Take ``other``'s mentions (both strong: their places are their mentions')."""
        self.mentions += other.mentions
        self.places |= other.places
        self.orgs |= other.orgs


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
        if hits:  # the others join the largest: each mention moves O(log n) times, not n
            target = max(hits, key=lambda c: len(c.mentions))
            for c in hits:
                if c is not target:
                    clusters.remove(c)
                    target.join(c)
        else:
            target = _Cluster(strong=True)
            clusters.append(target)
        target.add(m)
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


def _person_names(f: ArticleFacts) -> Iterable[str]:
    yield from (p.name for p in f.persons)
    yield from (h.person for h in f.holdings)
    for e in f.events:
        if e.chair:
            yield e.chair
        yield from e.participants
