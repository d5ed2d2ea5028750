"""A date of birth in an article's graph: the statement, and where it comes from.

``<person> schema:birthDate "1968"^^xsd:gYear`` (``xsd:gYearMonth`` or ``xsd:date`` for a
month or a day: the precision the article gave), and an ``rdf:Statement`` reifying it
with ``prov:wasDerivedFrom`` the article and ``pg:evidence`` the sentence, so which
article said a person was born when is one query, and two articles that disagree keep
their own statements (the exports then give none: ``export_projection.birth_date``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from rdflib import URIRef

from polgraph.core.iris import iri_segment
from polgraph.core.model import Evidence
from polgraph.core.vocab import ID, PROV, RDF, SCHEMA, XSD

__all__ = ["BIRTH_TYPES", "add_birth"]

BIRTH_TYPES = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}
"""A date of birth's datatype by the length of its ISO text (its precision)."""


def add_birth(g: Any, person: URIRef, date: str, evidence: Iterable[Evidence]) -> None:
    """Write the birth statements through ``g``, a ``polgraph.rdf.statements._ArticleGraph``
    (or the build's ``LineGraph``: the same calls write N-Triples text)."""
    datatype = BIRTH_TYPES.get(len(date))
    if datatype is None:
        return
    value = g.typed(date, datatype)
    g.add(person, SCHEMA.birthDate, value)
    digest = hashlib.sha256(f"{person}\x1f{date}".encode()).hexdigest()[:16]
    node = URIRef(f"{ID}birth/{iri_segment(g.facts.article.id)}/{digest}")
    g.add(node, RDF.type, RDF.Statement)
    g.add(node, RDF.subject, person)
    g.add(node, RDF.predicate, SCHEMA.birthDate)
    g.add(node, RDF.object, value)
    g.add(node, PROV.wasDerivedFrom, g.article)
    g.evidence(node, evidence)
