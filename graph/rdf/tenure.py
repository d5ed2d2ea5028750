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
from functools import lru_cache

from rdflib import Dataset, Literal, URIRef
from rdflib.term import Node

from polgraph.core.iris import evidence_iri, iri_for, post_iri, tenure_iri
from polgraph.core.model import ArticleFacts, Evidence
from polgraph.core.vocab import ID
from polgraph.rdf.statements import _T  # namespace terms looked up once
from polgraph.resolve.tenure import Bound, Tenure, infer, observations

__all__ = [
    "TENURE_GRAPH",
    "add_tenures",
    "tenure_iri",
    "tenure_triple_set",
    "tenure_triples",
    "tenures_of",
]


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


@lru_cache(maxsize=1 << 12)
def _literal(value: str, datatype: URIRef | None = None) -> Literal:
    """A literal, made once per value: bounds repeat a few dates and words, and an
    rdflib ``Literal`` (which parses its value) was the larger part of writing them."""
    return Literal(value, datatype=datatype)


def _instant(node: URIRef, b: Bound) -> Iterator[Triple]:
    yield node, _T.RDF_type, _T.TIME_Instant
    if b.precision == "day":
        yield node, _T.TIME_inXSDDate, _literal(b.date, _T.XSD_date)
        yield node, _T.TIME_unitType, _T.TIME_unitDay
    elif b.precision == "month":
        yield node, _T.TIME_inXSDgYearMonth, _literal(b.date, _T.XSD_gYearMonth)
        yield node, _T.TIME_unitType, _T.TIME_unitMonth
    else:
        yield node, _T.TIME_inXSDgYear, _literal(b.date, _T.XSD_gYear)
        yield node, _T.TIME_unitType, _T.PG_unitTerm if b.precision == "term" else _T.TIME_unitYear
        if b.term_end:
            yield node, _T.PG_termEnd, _literal(f"{b.term_end:04d}", _T.XSD_gYear)
    yield node, _T.PG_basis, _literal(b.basis)
    yield node, _T.PG_dateSource, _literal(b.dated_by)
    yield node, _T.PROV_wasDerivedFrom, iri_for("article", b.article_id)
    if b.evidence is not None:
        ev = b.evidence
        if not ev.article_id:
            ev = Evidence(b.article_id, ev.sentence, ev.start, ev.end)
        yield node, _T.PG_evidence, evidence_iri(ev)
    elif b.evidence_iri:  # an observation: the sentence that showed the holding
        yield node, _T.PG_evidence, URIRef(b.evidence_iri)
    if b.successor:
        yield node, _T.PG_successor, URIRef(b.successor)


def tenure_triples(tenures: Iterable[Tenure]) -> list[Triple]:
    """The statements of every tenure, sorted (see the module docstring)."""
    return sorted(tenure_triple_set(tenures))


def tenure_triple_set(tenures: Iterable[Tenure]) -> set[Triple]:
    """The statements of every tenure, unsorted: sorting rdflib terms compares them in
    Python (two thirds of the time on 2,000 articles); the build sorts its lines as text."""
    out: set[Triple] = set()
    for t in tenures:
        person = URIRef(t.person)
        post = post_iri(t.role, t.organization)
        iri = tenure_iri(t.person, str(post))
        out.add((iri, _T.RDF_type, _T.TIME_Interval))
        out.add((iri, _T.RDF_type, _T.PG_Tenure))
        out.add((iri, _T.PG_holder, person))
        out.add((iri, _T.PG_post, post))
        for name, prop, b in (
            ("start", _T.TIME_hasBeginning, t.start),
            ("end", _T.TIME_hasEnd, t.end),
            ("since", _T.PG_observedSince, t.observed_since),
            ("until", _T.PG_observedUntil, t.observed_until),
            ("before", _T.PG_endedBefore, t.ended_before),
        ):
            if b is not None:
                node = URIRef(f"{iri}/{name}")
                out.add((iri, prop, node))
                out.update(_instant(node, b))
        for text in t.conflicts:
            out.add((iri, _T.PG_conflict, Literal(text)))
    return out


def add_tenures(ds: Dataset, tenures: Iterable[Tenure]) -> None:
    """Write the tenures into their own named graph of ``ds`` (nothing when there are none)."""
    triples = tenure_triples(tenures)
    if triples:
        g = ds.graph(TENURE_GRAPH)
        for t in triples:
            g.add(t)
