"""What the walks of ``_Resolver.run`` count per batch of articles, and how it adds up.

A step reads a batch of (index, facts) and returns what the batch contributes; the
results of all batches are merged in the main process in any grouping, which is what
lets the build run the steps on every core.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from polgraph.core.model import ArticleFacts
from polgraph.core.text import canonical
from polgraph.resolve.documents import _doc_display, cited_documents, doc_key
from polgraph.resolve.names import _display, org_key

Batch = list[tuple[int, ArticleFacts]]
"""Articles with their index in the input: what one step of a walk reads."""

__all__ = ["Batch", "NameCounts"]


class _OrgCounts:
    """How often each body is named, where and under whom: the organizations pass."""

    def __init__(self) -> None:
        self.names: dict[str, Counter[str]] = defaultdict(Counter)
        self.localities: dict[str, Counter[str]] = defaultdict(Counter)
        self.parents: dict[str, Counter[str]] = defaultdict(Counter)

    def _name(self, name: str | None) -> None:
        if name and canonical(name):
            self.names[org_key(name)][canonical(name)] += 1

    def see(self, f: ArticleFacts) -> None:
        for o in f.organizations:
            self._name(o.name)
            self._name(o.parent)
            if o.locality:
                self.localities[org_key(o.name)][canonical(o.locality)] += 1
            if o.parent:
                self.parents[org_key(o.name)][org_key(o.parent)] += 1
        for d in f.documents:
            self._name(d.issuer)
        for h in f.holdings:
            self._name(h.organization)
        for e in f.events:
            self._name(e.organizer)

    def update(self, other: _OrgCounts) -> None:
        """Add the counts of other articles (any order: the displays break ties by name)."""
        for mine, theirs in (
            (self.names, other.names),
            (self.localities, other.localities),
            (self.parents, other.parents),
        ):
            for key, counts in theirs.items():
                mine[key].update(counts)

    def settle(self) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
        """Each body's display name, locality and parent: the most frequent, ties by name."""
        return (
            {key: _doc_display(("org",), counts) for key, counts in self.names.items()},
            {k: _display(c.elements()) for k, c in self.localities.items()},
            {k: _display(c.elements()) for k, c in self.parents.items()},
        )


class NameCounts:
    """The first walk's tally: how bodies and documents are named, over some articles.

    Counted wherever the articles are at hand (the build counts each batch where it
    was extracted, and so skips the walk); tallies of any grouping of the articles
    add up with ``update`` to the same result, provided they are added in input
    order: the document index lists keys in the order they were first met.
    """

    def __init__(self) -> None:
        self.orgs = _OrgCounts()
        self.docs: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)

    def see(self, f: ArticleFacts) -> None:
        self.orgs.see(f)
        for _folded, d in cited_documents(f):
            self.docs[doc_key(d)][canonical(d.name)] += 1

    def update(self, other: NameCounts) -> None:
        self.orgs.update(other.orgs)
        for key, counts in other.docs.items():
            self.docs[key].update(counts)
