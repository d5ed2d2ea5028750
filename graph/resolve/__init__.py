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

The work is split by job: ``names`` (organization keys, display spellings),
``documents`` (what a citation identifies), ``persons`` (grouping the mentions
of one full name into people) and ``resolver`` (the passes over all articles
and the rewriting of each); this module holds the result and the entry point.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rdflib import URIRef

from polgraph.core.iris import iri_for
from polgraph.core.model import ArticleFacts
from polgraph.core.text import fold
from polgraph.core.vocab import ID
from polgraph.resolve.documents import doc_key, to_roman
from polgraph.resolve.names import expand_abbreviations, org_key
from polgraph.resolve.persons import PossiblySame, _person_names
from polgraph.resolve.resolver import _Resolver as _Resolver

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


@dataclass(frozen=True)
class Resolution:
    """Renamed facts plus the person identities that names alone cannot carry."""

    facts: tuple[ArticleFacts, ...]
    person_iris: Mapping[tuple[str, str], URIRef]  # (article id, fold(name)) → IRI
    possibly_same: tuple[PossiblySame, ...] = ()

    def person_iri(self, article_id: str, name: str) -> URIRef:
        """The IRI of the person called ``name`` in article ``article_id``."""
        return self.person_iris.get((article_id, fold(name))) or iri_for("person", name)


def resolve(facts: Sequence[ArticleFacts]) -> Resolution:
    """Canonical names across ``facts``, person identities and "possibly same" links."""
    r = _Resolver(facts)
    r.run()
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
