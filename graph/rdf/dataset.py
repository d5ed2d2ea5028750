"""Facts → an rdflib ``Dataset``: for users (and tests) who want rdflib's API.

The build writes the same statements as N-Triples text (``polgraph.rdf.ntriples``,
tested equal in ``tests/test_parallel_identical.py``); this is the reference
converter, one named graph per article, the resolution's links and the tenure
intervals in their own graphs.
"""

from __future__ import annotations

import datetime as _dt  # noqa: F401  (the doctest below)
from collections.abc import Sequence

from rdflib import Dataset, URIRef

from polgraph.core.iris import graph_iri
from polgraph.core.model import ArticleFacts
from polgraph.core.vocab import PG, PREFIXES
from polgraph.rdf.labels import PersonIri, _preferred_labels
from polgraph.rdf.statements import _ArticleGraph
from polgraph.rdf.tenure import add_tenures, tenures_of
from polgraph.resolve import RESOLUTION_GRAPH, Resolution, resolve

__all__ = ["add_links", "facts_to_dataset", "new_dataset", "resolved_dataset"]


def new_dataset() -> Dataset:
    """An empty dataset whose default graph is the union of its named graphs."""
    ds = Dataset(default_union=True)
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True, replace=True)
    return ds


def facts_to_dataset(
    facts: Sequence[ArticleFacts], *, person_iri: PersonIri | None = None
) -> Dataset:
    """Convert every article's facts into its own named graph of one dataset, and the
    tenure intervals their memberships are ``org:memberDuring`` into theirs.

    >>> from polgraph.core.model import Article, ArticleFacts, Holding
    >>> a = Article(id="a1", text="…", date=_dt.date(2020, 1, 2))
    >>> h = Holding("Lê Văn B", "Bí thư", "Tỉnh ủy X")
    >>> ds = facts_to_dataset([ArticleFacts(a, holdings=(h,))])
    >>> for g in sorted(str(g.identifier) for g in ds.graphs() if len(g)):
    ...     print(g)
    https://w3id.org/polgraph/id/article/a1#graph
    https://w3id.org/polgraph/id/tenure#graph
    """
    labels = _preferred_labels(facts, person_iri)
    ds = new_dataset()
    for f in facts:
        _ArticleGraph(ds.graph(graph_iri(f.article.id)), f, labels, person_iri).build()
    add_tenures(ds, tenures_of(facts, person_iri))
    return ds


def add_links(ds: Dataset, resolution: Resolution) -> None:
    """Write the ``pg:possiblySameAs`` links into their own named graph (``RESOLUTION_GRAPH``)."""
    if not resolution.possibly_same:
        return
    g = ds.graph(RESOLUTION_GRAPH)
    for link in resolution.possibly_same:
        g.add((URIRef(link.a), PG.possiblySameAs, URIRef(link.b)))


def resolved_dataset(facts: Sequence[ArticleFacts]) -> Dataset:
    """``facts_to_dataset`` after resolution: one node per entity across articles."""
    resolution = resolve(facts)
    ds = facts_to_dataset(resolution.facts, person_iri=resolution.person_iri)
    add_links(ds, resolution)
    return ds
