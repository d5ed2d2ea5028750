"""Tenure intervals as RDF: OWL-Time intervals that memberships are ``org:memberDuring``.

``polgraph.resolve.tenure`` works out, per person and post, when the holding began
and ended.  Here each ``Tenure`` becomes a ``pg:Tenure`` (a ``time:Interval``)
in its own named graph (``TENURE_GRAPH``, like the resolution's links, since it
comes from comparing articles).  Each article's graph links its memberships to
their interval (``<membership> org:memberDuring <tenure>``, W3C ORG's own term;
``polgraph.rdf.statements``): the interval's IRI depends on person and post only::

    <tenure> a time:Interval, pg:Tenure ; pg:holder <person> ; pg:post <post> ;
        time:hasBeginning <tenure>/start ; time:hasEnd <tenure>/end ;
        pg:observedSince … ; pg:observedUntil … ; pg:endedBefore … ; pg:conflict "…" .
    <tenure>/start a time:Instant ; time:inXSDDate "2021-05-12"^^xsd:date ;
        time:unitType time:unitDay ; pg:basis "election" ; pg:dateSource "sentence" ;
        prov:wasDerivedFrom <article> ; pg:evidence <the sentence's pg:Evidence> .
    <tenure>/since a time:Instant ; time:inXSDDate "2019-03-01"^^xsd:date ;
        pg:basis "observed" ; pg:dateSource "article" ; prov:wasDerivedFrom <article> ;
        pg:evidence <the pg:Evidence of the sentence that showed the holding> .

Month and year bounds use ``time:inXSDgYearMonth`` / ``time:inXSDgYear`` (a
term: ``time:unitType pg:unitTerm`` and ``pg:termEnd``), so precision is never
inflated to a day.  Both builds call ``tenure_triples`` with the resolved facts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from rdflib import Dataset, Literal, URIRef
from rdflib.term import Node

from polgraph.core.iris import evidence_iri, iri_for, post_iri, tenure_iri
from polgraph.core.model import ArticleFacts, Evidence
from polgraph.core.vocab import ID, PG, PROV, RDF, TIME, XSD
from polgraph.resolve.tenure import Bound, Tenure, infer, observations

__all__ = ["TENURE_GRAPH", "add_tenures", "tenure_iri", "tenure_triples", "tenures_of"]


TENURE_GRAPH = URIRef(f"{ID}tenure#graph")
"""Named graph holding the tenure intervals (inferred across articles)."""

Triple = tuple[Node, Node, Node]


def tenures_of(
    facts: Iterable[ArticleFacts], person_iri: Callable[[str, str], URIRef] | None = None
) -> list[Tenure]:
    """The tenures of resolved ``facts``; ``person_iri`` as given to ``facts_to_dataset``."""

    def key(article_id: str, name: str) -> str:
        iri = person_iri(article_id, name) if person_iri else None
        return str(iri or iri_for("person", name))

    return infer(observations(facts, key))


def _instant(node: URIRef, b: Bound) -> Iterator[Triple]:
    yield node, RDF.type, TIME.Instant
    if b.precision == "day":
        yield node, TIME.inXSDDate, Literal(b.date, datatype=XSD.date)
        yield node, TIME.unitType, TIME.unitDay
    elif b.precision == "month":
        yield node, TIME.inXSDgYearMonth, Literal(b.date, datatype=XSD.gYearMonth)
        yield node, TIME.unitType, TIME.unitMonth
    else:
        yield node, TIME.inXSDgYear, Literal(b.date, datatype=XSD.gYear)
        yield node, TIME.unitType, PG.unitTerm if b.precision == "term" else TIME.unitYear
        if b.term_end:
            yield node, PG.termEnd, Literal(f"{b.term_end:04d}", datatype=XSD.gYear)
    yield node, PG.basis, Literal(b.basis)
    yield node, PG.dateSource, Literal(b.dated_by)
    yield node, PROV.wasDerivedFrom, iri_for("article", b.article_id)
    if b.evidence is not None:
        ev = b.evidence
        if not ev.article_id:
            ev = Evidence(b.article_id, ev.sentence, ev.start, ev.end)
        yield node, PG.evidence, evidence_iri(ev)
    elif b.evidence_iri:  # an observation: the sentence that showed the holding
        yield node, PG.evidence, URIRef(b.evidence_iri)
    if b.successor:
        yield node, PG.successor, URIRef(b.successor)


def tenure_triples(tenures: Iterable[Tenure]) -> list[Triple]:
    """The statements of every tenure, sorted (see the module docstring)."""
    out: set[Triple] = set()
    for t in tenures:
        person = URIRef(t.person)
        post = post_iri(t.role, t.organization)
        iri = tenure_iri(t.person, str(post))
        out.add((iri, RDF.type, TIME.Interval))
        out.add((iri, RDF.type, PG.Tenure))
        out.add((iri, PG.holder, person))
        out.add((iri, PG.post, post))
        for name, prop, b in (
            ("start", TIME.hasBeginning, t.start),
            ("end", TIME.hasEnd, t.end),
            ("since", PG.observedSince, t.observed_since),
            ("until", PG.observedUntil, t.observed_until),
            ("before", PG.endedBefore, t.ended_before),
        ):
            if b is not None:
                node = URIRef(f"{iri}/{name}")
                out.add((iri, prop, node))
                out.update(_instant(node, b))
        for text in t.conflicts:
            out.add((iri, PG.conflict, Literal(text)))
    return sorted(out)


def add_tenures(ds: Dataset, tenures: Iterable[Tenure]) -> None:
    """Write the tenures into their own named graph of ``ds`` (nothing when there are none)."""
    triples = tenure_triples(tenures)
    if triples:
        g = ds.graph(TENURE_GRAPH)
        for t in triples:
            g.add(t)
