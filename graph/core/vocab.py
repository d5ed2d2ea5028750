"""polgraph's RDF vocabulary: its own terms as a closed class, the rest reused.

Only what W3C ORG, FOAF, SKOS, schema.org and PROV-O do not already say is
declared here (organization kinds, evidence, the observed date of a holding).
``PG`` is closed (``_fail = True``) so a typo such as ``PG.observedon`` raises
an AttributeError instead of minting a silent new IRI.  The OWL description of the
same terms, with English and Vietnamese labels, is ``ontology/polgraph.ttl``.

>>> str(PG.observedOn)
'https://w3id.org/polgraph/ontology#observedOn'
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SDO, SKOS, XSD, DefinedNamespace

PG_NS = Namespace("https://w3id.org/polgraph/ontology#")
ID = "https://w3id.org/polgraph/id/"  # data IRIs: ID + "<kind>/<segment>"
SCHEMA = SDO  # https://schema.org/ (rdflib calls it SDO)
TIME = Namespace("http://www.w3.org/2006/time#")  # W3C OWL-Time


class PG(DefinedNamespace):
    """Terms of the polgraph ontology (https://w3id.org/polgraph/ontology#)."""

    _NS = PG_NS
    _fail = True

    # Organization kinds (each a subclass of org:Organization), one per OrgKind
    PartyCommittee: URIRef  # Thành ủy, Tỉnh ủy, Quận ủy: a party executive committee
    PartyBody: URIRef  # a board or commission of a committee (Ban Tổ chức, Ban Thường vụ)
    PartyOrganization: URIRef  # a Đảng bộ or chi bộ as a whole
    GovernmentBody: URIRef  # Chính phủ, UBND, ministries
    Legislature: URIRef  # Quốc hội, Hội đồng nhân dân
    MassOrganization: URIRef  # Mặt trận Tổ quốc, Đoàn Thanh niên, unions

    # Provenance
    Evidence: URIRef  # a sentence of an article that states something (a prov:Entity)
    evidence: URIRef  # statement or entity → the pg:Evidence supporting it
    sentence: URIRef  # pg:Evidence → the sentence text
    charStart: URIRef  # pg:Evidence → offset of the sentence's first character
    charEnd: URIRef  # pg:Evidence → offset just past the sentence's last character

    # Holdings
    observedOn: URIRef  # org:Membership → xsd:date the holding was observed
    former: URIRef  # org:Membership → xsd:boolean, true for a title no longer held
    post: URIRef  # org:Membership → the org:Post it is a membership in

    # Tenure intervals (polgraph.resolve.tenure): a pg:Tenure is a time:Interval
    Tenure: URIRef  # one person's time in one post, across articles
    holder: URIRef  # pg:Tenure → the foaf:Person
    observedSince: URIRef  # pg:Tenure → time:Instant of the first observation (not a start)
    observedUntil: URIRef  # pg:Tenure → time:Instant of the last observation as holder
    endedBefore: URIRef  # pg:Tenure → time:Instant the tenure had ended by (upper bound)
    basis: URIRef  # time:Instant → why: "election", "retirement", "successor", "observed" ...
    dateSource: URIRef  # time:Instant → "sentence" or "article" (the article's date stood in)
    successor: URIRef  # time:Instant → the foaf:Person whose start ended the tenure
    termEnd: URIRef  # time:Instant → xsd:gYear, last year of a term ("nhiệm kỳ 2020–2025")
    conflict: URIRef  # pg:Tenure → text: what two articles disagree on
    unitTerm: URIRef  # a time:TemporalUnit: a date known only as a term of office

    # Organizations, documents, meetings, articles
    locality: URIRef  # org:Organization → the schema:AdministrativeArea it serves
    term: URIRef  # schema:Legislation → party congress term ("XI")
    chair: URIRef  # schema:Event → the foaf:Person who presided
    reportsOn: URIRef  # schema:NewsArticle → xsd:date of the main meeting it reports
    possiblySameAs: URIRef  # foaf:Person → foaf:Person: same name, not enough evidence to merge

    # Document kinds: skos:Concepts in pg:DocumentKindScheme, one per DocKind
    DocumentKindScheme: URIRef
    Resolution: URIRef  # Nghị quyết
    Directive: URIRef  # Chỉ thị
    Conclusion: URIRef  # Kết luận
    Program: URIRef  # Chương trình
    Plan: URIRef  # Kế hoạch
    Regulation: URIRef  # Quy định
    Decision: URIRef  # Quyết định
    OtherDocument: URIRef  # any other kind


PREFIXES: dict[str, str] = {
    "dcterms": str(DCTERMS),
    "foaf": str(FOAF),
    "org": str(ORG),
    "owl": "http://www.w3.org/2002/07/owl#",
    "pg": str(PG_NS),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "schema": str(SDO),
    "sh": "http://www.w3.org/ns/shacl#",
    "skos": str(SKOS),
    "time": "http://www.w3.org/2006/time#",
    "xsd": str(XSD),
}
"""Prefixes used by the serialisers and the saved queries, in one place."""

__all__ = [
    "DCTERMS",
    "FOAF",
    "ID",
    "ORG",
    "PG",
    "PG_NS",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SKOS",
    "TIME",
    "XSD",
]
