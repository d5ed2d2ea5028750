"""One label per node: the most frequent spelling of each IRI's names across articles.

Counted per batch of articles (``label_counts``), the counts summed, and the label
picked once (``preferred_labels``): the build counts on every core.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping

from rdflib import URIRef

from polgraph.core.iris import iri_for
from polgraph.core.model import ArticleFacts
from polgraph.core.text import canonical

__all__ = ["PersonIri", "label_counts", "preferred_labels"]

PersonIri = Callable[[str, str], URIRef]
"""``(article id, name) → IRI`` for persons that a name alone cannot identify (resolution)."""


def _preferred_labels(
    facts: Iterable[ArticleFacts], person_iri: PersonIri | None = None
) -> dict[URIRef, str]:
    """One label per IRI across the dataset, so each node has exactly one name.

    Names that differ only in what ``slug`` drops (punctuation) share an IRI;
    the most frequent spelling wins, ties broken by code point order.
    """
    return preferred_labels(label_counts(facts, person_iri))


def preferred_labels(seen: Mapping[URIRef, Counter[str]]) -> dict[URIRef, str]:
    """The label of each IRI from the counts of its spellings (``label_counts``, summed)."""
    return {iri: min(c, key=lambda s: (-c[s], s)) for iri, c in seen.items()}


def label_counts(
    facts: Iterable[ArticleFacts], person_iri: PersonIri | None = None
) -> dict[URIRef, Counter[str]]:
    """How often each IRI is named with each spelling in ``facts`` (renamed facts)."""
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
    return seen
