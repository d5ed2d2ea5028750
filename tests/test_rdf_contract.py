"""The RDF vocabulary contract, checked by SPARQL on a dataset built from invented facts."""

from __future__ import annotations

import datetime as dt

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib import namespace as rdfns

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
from polgraph.core.vocab import PREFIXES
from polgraph.rdf import facts_to_dataset, graph_iri, iri_for, post_iri, union_graph
from polgraph.rdf.tenure import TENURE_GRAPH

PFX = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items()) + "\n"

S1 = "Đồng chí Lê Văn Bình, Bí thư Tỉnh ủy Sông Lam, chủ trì hội nghị."
S2 = "Nguyên Phó Bí thư Tỉnh ủy Sông Lam Trịnh Thị Cúc phát biểu."


def sample() -> list[ArticleFacts]:
    a1 = Article(
        id="art-1",
        text="…",
        title="Hội nghị Tỉnh ủy",
        date=dt.date(2021, 3, 5),
        url="https://example.invalid/a1",
    )
    e1 = Evidence("art-1", S1, 0, len(S1))
    e2 = Evidence("art-1", S2, len(S1) + 1, len(S1) + 1 + len(S2))
    f1 = ArticleFacts(
        article=a1,
        date=dt.date(2021, 3, 4),
        persons=(Person("Lê Văn Bình", ("ông Bình",), (e1,)), Person("Trịnh Thị Cúc", (), (e2,))),
        organizations=(
            Organization(
                "Tỉnh ủy Sông Lam",
                OrgKind.PARTY_COMMITTEE,
                parent="Ban Chấp hành Trung ương Đảng",
                locality="Sông Lam",
            ),
            Organization(
                "Ban Tổ chức Tỉnh ủy Sông Lam", OrgKind.PARTY_BODY, parent="Tỉnh ủy Sông Lam"
            ),
        ),
        documents=(
            Document(
                "Nghị quyết 07 của Tỉnh ủy Sông Lam",
                DocKind.RESOLUTION,
                number="07-NQ/TU",
                issuer="Tỉnh ủy Sông Lam",
                term="XX",
                title="Về phát triển vùng đồi",
                aliases=("Nghị quyết 07",),
            ),
        ),
        holdings=(
            Holding("Lê Văn Bình", "Bí thư", "Tỉnh ủy Sông Lam", evidence=(e1,)),
            Holding(
                "Trịnh Thị Cúc",
                "Phó Bí thư",
                "Tỉnh ủy Sông Lam",
                former=True,
                date=dt.date(2021, 3, 1),
                evidence=(e2,),
            ),
        ),
        events=(
            Event(
                "Hội nghị Ban Chấp hành Đảng bộ tỉnh",
                dt.date(2021, 3, 4),
                "Tỉnh ủy Sông Lam",
                chair="Lê Văn Bình",
                participants=("Trịnh Thị Cúc", "Đào Minh Dũng"),
                documents=("Nghị quyết 07 của Tỉnh ủy Sông Lam",),
                evidence=(e1,),
            ),
        ),
    )
    a2 = Article(id="art-2", text="…", date=dt.date(2022, 1, 9))
    f2 = ArticleFacts(
        article=a2,
        holdings=(
            Holding(
                "Lê Văn Bình",
                "bí thư",
                "Tỉnh ủy Sông Lam",
                evidence=(Evidence("art-2", "Bí thư Lê Văn Bình nói.", 5, 28),),
            ),
        ),
    )
    return [f1, f2]


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return facts_to_dataset(sample())


_UNIONS: dict[int, tuple[Dataset, Graph]] = {}


def _target(ds: Dataset, query: str) -> Graph:
    """The union as a plain graph unless the query names graphs: rdflib's union
    Dataset warns (deprecated default_context) on every triple lookup."""
    if "GRAPH" in query:
        return ds
    if id(ds) not in _UNIONS or _UNIONS[id(ds)][0] is not ds:
        _UNIONS[id(ds)] = (ds, union_graph(ds))
    return _UNIONS[id(ds)][1]


def ask(ds: Dataset, body: str, **bindings: object) -> bool:
    init = {k: v if isinstance(v, (URIRef, Literal)) else Literal(v) for k, v in bindings.items()}
    q = PFX + "ASK {" + body + "}"
    return bool(_target(ds, q).query(q, initBindings=init).askAnswer)


def select(ds: Dataset, query: str, **bindings: object) -> list[tuple]:
    init = {k: v if isinstance(v, (URIRef, Literal)) else Literal(v) for k, v in bindings.items()}
    q = PFX + query
    return sorted(tuple(str(x) for x in row) for row in _target(ds, q).query(q, initBindings=init))


def test_person_post_role_org_chain(ds: Dataset) -> None:
    rows = select(
        ds,
        """SELECT ?name ?role ?org WHERE {
        ?p a foaf:Person ; foaf:name ?name ; org:holds ?post .
        ?post a org:Post ; org:role ?r ; org:postIn ?o .
        ?r a org:Role ; skos:prefLabel ?role . ?o skos:prefLabel ?org }""",
    )
    assert rows == [
        ("Lê Văn Bình", "Bí thư", "Tỉnh ủy Sông Lam"),
        ("Trịnh Thị Cúc", "Phó Bí thư", "Tỉnh ủy Sông Lam"),
    ]


def test_post_iri_is_derived_from_role_and_org_and_role_case_merges(ds: Dataset) -> None:
    post = post_iri("Bí thư", "Tỉnh ủy Sông Lam")
    assert post == post_iri("BÍ THƯ", "Tỉnh ủy Sông Lam")
    # both articles' holdings (role spelt "Bí thư" and "bí thư") land on one post
    rows = select(ds, "SELECT ?m WHERE { ?m a org:Membership ; pg:post ?post }", post=post)
    assert len(rows) == 2
    assert ask(ds, '?r skos:prefLabel "Bí thư" . FILTER NOT EXISTS { ?r skos:prefLabel "bí thư" }')


def test_person_name_and_alt_labels(ds: Dataset) -> None:
    p = iri_for("person", "Lê Văn Bình")
    assert select(ds, "SELECT ?n WHERE { ?p foaf:name ?n }", p=p) == [("Lê Văn Bình",)]
    assert ask(ds, '?p skos:altLabel "ông Bình"', p=p)


def test_organization_kind_parent_and_locality(ds: Dataset) -> None:
    body = iri_for("org", "Ban Tổ chức Tỉnh ủy Sông Lam")
    assert ask(
        ds,
        "?o a org:Organization, pg:PartyBody ; org:subOrganizationOf ?parent ."
        '?parent a pg:PartyCommittee ; skos:prefLabel "Tỉnh ủy Sông Lam" ;'
        '  pg:locality/skos:prefLabel "Sông Lam" ;'
        '  org:subOrganizationOf/skos:prefLabel "Ban Chấp hành Trung ương Đảng"',
        o=body,
    )


def test_membership_has_typed_date_former_and_article(ds: Dataset) -> None:
    rows = select(
        ds,
        """SELECT ?name ?date ?former ?aid WHERE {
        ?m a org:Membership ; org:member/foaf:name ?name ; org:organization ?o ; org:role ?r ;
           pg:observedOn ?date ; pg:former ?former ; prov:wasDerivedFrom ?a .
        ?a a schema:NewsArticle ; schema:identifier ?aid .
        FILTER (datatype(?date) = xsd:date && datatype(?former) = xsd:boolean) }""",
    )
    assert rows == [
        # holding date wins, else the date the article reports on, else publication date
        ("Lê Văn Bình", "2021-03-04", "false", "art-1"),
        ("Lê Văn Bình", "2022-01-09", "false", "art-2"),
        ("Trịnh Thị Cúc", "2021-03-01", "true", "art-1"),
    ]


def test_document_vocabulary(ds: Dataset) -> None:
    doc = iri_for("doc", "Nghị quyết 07 của Tỉnh ủy Sông Lam")
    assert ask(
        ds,
        """?d a schema:Legislation ; skos:prefLabel "Nghị quyết 07 của Tỉnh ủy Sông Lam" ;
        skos:altLabel "Nghị quyết 07" ; schema:legislationType pg:Resolution ;
        schema:legislationIdentifier "07-NQ/TU" ; schema:name "Về phát triển vùng đồi" ;
        pg:term "XX" ; schema:legislationPassedBy/skos:prefLabel "Tỉnh ủy Sông Lam" """,
        d=doc,
    )


def test_event_has_chair_attendees_about_and_typed_date(ds: Dataset) -> None:
    rows = select(
        ds,
        """SELECT ?date ?chair ?who ?doc ?org WHERE {
        ?e a schema:Event ; schema:name "Hội nghị Ban Chấp hành Đảng bộ tỉnh" ;
           schema:startDate ?date ; pg:chair/foaf:name ?chair ; schema:attendee/foaf:name ?who ;
           schema:about/skos:prefLabel ?doc ; schema:organizer/skos:prefLabel ?org .
        FILTER (datatype(?date) = xsd:date) }""",
    )
    assert rows == [
        ("2021-03-04", "Lê Văn Bình", who, "Nghị quyết 07 của Tỉnh ủy Sông Lam", "Tỉnh ủy Sông Lam")
        for who in sorted(["Trịnh Thị Cúc", "Đào Minh Dũng"])
    ]


def test_article_node(ds: Dataset) -> None:
    assert ask(
        ds,
        """?a a schema:NewsArticle ; schema:identifier "art-1" ;
        schema:headline "Hội nghị Tỉnh ủy" ; schema:url ?u ; pg:reportsOn "2021-03-04"^^xsd:date ;
        schema:datePublished "2021-03-05"^^xsd:date""",
        a=iri_for("article", "art-1"),
    )


def test_one_query_says_which_article_and_sentence_stated_a_holding(ds: Dataset) -> None:
    rows = select(
        ds,
        """SELECT ?aid ?sentence ?start ?end WHERE {
        ?m org:member ?x ; pg:post ?y ; prov:wasDerivedFrom ?a ; pg:evidence ?ev .
        ?ev a prov:Entity, pg:Evidence ; pg:sentence ?sentence ; pg:charStart ?start ;
            pg:charEnd ?end ; prov:wasDerivedFrom ?a .
        ?a schema:identifier ?aid }""",
        x=iri_for("person", "Lê Văn Bình"),
        y=post_iri("Bí thư", "Tỉnh ủy Sông Lam"),
    )
    assert rows == [
        ("art-1", S1, "0", str(len(S1))),
        ("art-2", "Bí thư Lê Văn Bình nói.", "5", "28"),
    ]


def test_named_graph_per_article_holds_only_that_articles_statements(ds: Dataset) -> None:
    names = {g.identifier for g in ds.graphs() if len(g)}
    assert names == {graph_iri("art-1"), graph_iri("art-2"), TENURE_GRAPH}
    g2 = ds.graph(graph_iri("art-2"))
    members = set(g2.subjects(predicate=None, object=URIRef("http://www.w3.org/ns/org#Membership")))
    assert len(members) == 1
    # the article-2 graph is self-contained: the person it mentions is typed and named there
    assert (
        iri_for("person", "Lê Văn Bình"),
        URIRef("http://xmlns.com/foaf/0.1/name"),
        Literal("Lê Văn Bình"),
    ) in g2
    assert not any("Trịnh" in str(o) for o in g2.objects())
    # the default graph is the union: a statement from each article is visible there
    assert ask(ds, "?m1 prov:wasDerivedFrom ?a1 . ?m2 prov:wasDerivedFrom ?a2 . FILTER(?a1 != ?a2)")


def test_graph_query_finds_statement_by_named_graph(ds: Dataset) -> None:
    rows = select(
        ds,
        """SELECT DISTINCT ?g WHERE { GRAPH ?g {
        ?m a org:Membership ; pg:former true } }""",
    )
    assert rows == [(str(graph_iri("art-1")),)]


def test_label_conflicts_keep_one_foaf_name() -> None:
    a = Article(id="x", text="")
    facts = [
        ArticleFacts(a, persons=(Person("Hồ Văn Em"), Person("Hồ Văn Em."), Person("Hồ Văn Em")))
    ]
    ds = facts_to_dataset(facts)
    names = list(
        ds.objects(iri_for("person", "Hồ Văn Em"), URIRef("http://xmlns.com/foaf/0.1/name"))
    )
    assert names == [Literal("Hồ Văn Em")]
    assert Literal("Hồ Văn Em.") in set(
        ds.objects(None, URIRef("http://www.w3.org/2004/02/skos/core#altLabel"))
    )


def test_literal_datatypes() -> None:
    ds = facts_to_dataset(sample())
    for o in ds.objects(None, URIRef("https://w3id.org/polgraph/ontology#observedOn")):
        assert isinstance(o, Literal) and o.datatype == rdfns.XSD.date
