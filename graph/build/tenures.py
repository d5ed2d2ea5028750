"""Tenure intervals as N-Triples lines: the build's last RDF, inferred once all
observations are in (``polgraph.resolve.tenure``, ``polgraph.rdf.tenure``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from polgraph.resolve.tenure import TenureTally

__all__ = ["person_key", "tenure_lines", "tenure_statements"]


def person_key(person_iri: Any) -> Callable[[str, str], str]:
    """How tenure observations name a person: their IRI in the graph (``tenures_of``'s key)."""
    from polgraph.core.iris import iri_for

    def key(article_id: str, name: str) -> str:
        return str(person_iri(article_id, name) or iri_for("person", name))

    return key


def tenure_statements(tally: TenureTally) -> list[str]:
    """Tenure intervals inferred from all observations, as sorted N-Triples lines without
    " .": sorted as text, not as rdflib terms (compared in Python, 0.4 s on 2,000 articles)."""
    from polgraph.rdf.tenure import tenure_triple_set

    written: dict[Any, str] = {}  # a term recurs in many statements: written once

    def n3(term: Any) -> str:
        text = written.get(term)
        if text is None:
            text = written[term] = term.n3()
        return text

    return sorted(" ".join(map(n3, t)) for t in tenure_triple_set(tally.tenures()))


def tenure_lines(resolver: Any, person_iri: Any, facts: Iterable[Any]) -> list[str]:
    """The tenure intervals (``polgraph.rdf.tenure``) of ``facts`` as N-Triples lines."""
    from polgraph.resolve.tenure import observations

    renamed = (resolver.rewrite(f) for f in facts)
    tally = TenureTally()
    tally.add(observations(renamed, person_key(person_iri)))
    return tenure_statements(tally)
