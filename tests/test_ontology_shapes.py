"""The ontology, SHACL shapes and saved queries agree with what graph/rdf.py writes."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from polgraph.core.model import (
    Article,
    ArticleFacts,
    DocKind,
    Document,
    Event,
    Evidence,
    Holding,
    Organization,
    OrgKind,
    Person,
)
from polgraph.core.vocab import PG, PG_NS
from polgraph.rdf import facts_to_dataset, iri_for, load_query, ontology_dir, run_query, validate

pytest.importorskip("pyshacl")

QUERIES = (
    "office-holders",
    "person-posts",
    "meetings-about-document",
    "co-attendance",
    "documents-by-issuer",
)


def facts() -> list[ArticleFacts]:
    s = "Bí thư Huyện ủy Bến Đá Quách Văn Tâm chủ trì hội nghị bàn về Kế hoạch 12."
    ev = Evidence("k1", s, 3, 3 + len(s))
    f1 = ArticleFacts(
        Article(id="k1", text=s, date=dt.date(2019, 6, 1)),
        date=dt.date(2019, 5, 30),
        persons=(Person("Quách Văn Tâm", evidence=(ev,)),),
        organizations=(
            Organization("Huyện ủy Bến Đá", OrgKind.PARTY_COMMITTEE, locality="Bến Đá"),
        ),
        documents=(
            Document(
                "Kế hoạch 12 của Huyện ủy Bến Đá",
                DocKind.PLAN,
                number="12-KH/HU",
                issuer="Huyện ủy Bến Đá",
                evidence=(ev,),
            ),
        ),
        holdings=(Holding("Quách Văn Tâm", "Bí thư", "Huyện ủy Bến Đá", evidence=(ev,)),),
        events=(
            Event(
                "Hội nghị Huyện ủy",
                dt.date(2019, 5, 30),
                "Huyện ủy Bến Đá",
                chair="Quách Văn Tâm",
                participants=("Lò Thị Uyên", "Vi Văn Xuân"),
                documents=("Kế hoạch 12 của Huyện ủy Bến Đá",),
                evidence=(ev,),
            ),
        ),
    )
    f2 = ArticleFacts(
        Article(id="k2", text="", date=dt.date(2020, 2, 2)),
        holdings=(Holding("Lò Thị Uyên", "Bí thư", "Huyện ủy Bến Đá"),),
    )
    return [f1, f2]


def test_generated_graph_conforms() -> None:
    conforms, report = validate(facts_to_dataset(facts()))
    assert conforms, report


def test_person_with_two_names_fails() -> None:
    ds = facts_to_dataset(facts())
    g = next(g for g in ds.graphs() if len(g))
    g.add(
        (
            iri_for("person", "Quách Văn Tâm"),
            URIRef("http://xmlns.com/foaf/0.1/name"),
            Literal("Quách Tâm"),
        )
    )
    conforms, report = validate(ds)
    assert not conforms
    assert "foaf:name" in report or "http://xmlns.com/foaf/0.1/name" in report


@pytest.mark.parametrize(
    ("predicate", "value", "needle"),
    [
        ("https://w3id.org/polgraph/ontology#observedOn", Literal("30/5/2019"), "observedOn"),
        ("http://www.w3.org/ns/prov#wasDerivedFrom", None, "wasDerivedFrom"),
        ("http://www.w3.org/ns/org#role", None, "role"),
    ],
)
def test_broken_membership_fails(predicate: str, value: Literal | None, needle: str) -> None:
    ds = facts_to_dataset(facts())
    p = URIRef(predicate)
    for g in ds.graphs():
        for m in list(g.subjects(RDF.type, URIRef("http://www.w3.org/ns/org#Membership"))):
            g.remove((m, p, None))
            if value is not None:
                g.add((m, p, value))
    conforms, report = validate(ds)
    assert not conforms
    assert needle in report


def test_post_without_organization_fails() -> None:
    ds = facts_to_dataset(facts())
    for g in ds.graphs():
        g.remove((None, URIRef("http://www.w3.org/ns/org#postIn"), None))
    assert not validate(ds)[0]


def test_event_date_must_be_xsd_date() -> None:
    ds = facts_to_dataset(facts())
    assert validate(ds)[0]
    for g in ds.graphs():
        for e in list(g.subjects(RDF.type, URIRef("https://schema.org/Event"))):
            g.remove((e, URIRef("https://schema.org/startDate"), None))
            g.add((e, URIRef("https://schema.org/startDate"), Literal("2019-05-30")))
    conforms, report = validate(ds)
    assert not conforms
    assert "startDate" in report


def test_every_pg_term_is_described_in_english_and_vietnamese() -> None:
    onto = Graph().parse(ontology_dir() / "polgraph.ttl", format="turtle")
    declared = {s for s in onto.subjects() if str(s).startswith(str(PG_NS))}
    used = {PG_NS[name] for name in PG.__annotations__}
    assert used == declared
    for term in used:
        langs = {o.language for o in onto.objects(term, RDFS.label)} | {
            o.language
            for o in onto.objects(term, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"))
        }
        assert {"en", "vi"} <= langs, term
    for cls in (PG.PartyCommittee, PG.PartyBody, PG.GovernmentBody, PG.MassOrganization):
        assert (cls, RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#Organization")) in onto
    assert (PG.observedOn, RDFS.range, URIRef("http://www.w3.org/2001/XMLSchema#date")) in onto
    assert (PG.observedOn, RDF.type, OWL.DatatypeProperty) in onto


@pytest.mark.parametrize("name", QUERIES)
def test_queries_document_what_they_answer_and_their_variables(name: str) -> None:
    text = load_query(name)
    header = "".join(line for line in text.splitlines(True) if line.startswith("#"))
    assert "Answers:" in header and "Expects" in header
    for var in re.findall(r"#\s+\?(\w+)\s", header):
        assert f"?{var}" in text.split("\n", header.count("\n"))[-1], var


def test_office_holders_ordered_by_first_observation() -> None:
    rows = run_query(
        facts_to_dataset(facts()),
        "office-holders",
        role_label="bí thư",
        org_label="Huyện ủy Bến Đá",
    )
    assert [
        (str(r["person_name"]), str(r["first_observed"]), str(r["articles"])) for r in rows
    ] == [
        ("Quách Văn Tâm", "2019-05-30", "k1"),
        ("Lò Thị Uyên", "2020-02-02", "k2"),
    ]


def test_person_posts_gives_the_sentence() -> None:
    rows = run_query(facts_to_dataset(facts()), "person-posts", person_name="Quách Văn Tâm")
    assert len(rows) == 1
    assert str(rows[0]["role_label"]) == "Bí thư" and str(rows[0]["article_id"]) == "k1"
    assert str(rows[0]["sentence"]).startswith("Bí thư Huyện ủy Bến Đá")


def test_meetings_documents_and_co_attendance() -> None:
    ds = facts_to_dataset(facts())
    meetings = run_query(ds, "meetings-about-document", doc_label="Kế hoạch 12 của Huyện ủy Bến Đá")
    assert [(str(m["chair_name"]), str(m["date"])) for m in meetings] == [
        ("Quách Văn Tâm", "2019-05-30")
    ]
    docs = run_query(ds, "documents-by-issuer", org_label="Huyện ủy Bến Đá")
    assert [(str(d["number"]), str(d["kind"])) for d in docs] == [("12-KH/HU", str(PG.Plan))]
    pairs = {
        frozenset((str(r["a_name"]), str(r["b_name"]))) for r in run_query(ds, "co-attendance")
    }
    assert pairs == {
        frozenset(p)
        for p in [
            ("Quách Văn Tâm", "Lò Thị Uyên"),
            ("Quách Văn Tâm", "Vi Văn Xuân"),
            ("Lò Thị Uyên", "Vi Văn Xuân"),
        ]
    }


def test_bound_values_are_never_spliced_into_the_query() -> None:
    ds = facts_to_dataset(facts())
    hostile = 'x" } UNION { ?person ?p ?o } #'
    assert run_query(ds, "person-posts", person_name=hostile) == []
    assert run_query(ds, "office-holders", role_label=hostile, org_label=hostile) == []


def test_unknown_query_name_is_refused() -> None:
    with pytest.raises(ValueError):
        load_query("../shapes")
