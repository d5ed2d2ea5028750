"""Resolution: one node per real entity across articles, namesakes kept apart (invented names)."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import FOAF, SKOS

from polgraph.core.model import (
    Article,
    ArticleFacts,
    DocKind,
    Document,
    Event,
    Holding,
    Organization,
    OrgKind,
    Person,
)
from polgraph.core.vocab import PG
from polgraph.rdf import iri_for, resolved_dataset
from polgraph.resolve import RESOLUTION_GRAPH, doc_key, org_key, resolve


def art(aid: str, year: int = 2020, **kw: object) -> ArticleFacts:
    return ArticleFacts(Article(id=aid, text="…", date=dt.date(year, 1, 2)), **kw)  # type: ignore[arg-type]


def post(person: str, role: str, org: str, locality: str | None) -> dict[str, object]:
    return {
        "persons": (Person(person),),
        "organizations": (Organization(org, OrgKind.PARTY_COMMITTEE, locality=locality),),
        "holdings": (Holding(person, role, org),),
    }


def people(ds) -> set[URIRef]:  # type: ignore[no-untyped-def]
    return {s for s, _p, _o, _g in ds.quads((None, FOAF.name, None, None))}


def test_namesakes_in_different_provinces_stay_apart_and_are_linked() -> None:
    facts = [
        art("a1", **post("Hà Văn Tịnh", "Bí thư", "Tỉnh ủy Lai Châu", "Lai Châu")),
        art("a2", **post("Hà Văn Tịnh", "Phó Bí thư", "Tỉnh ủy Cà Mau", "Cà Mau")),
    ]
    r = resolve(facts)
    a, b = r.person_iri("a1", "Hà Văn Tịnh"), r.person_iri("a2", "Hà Văn Tịnh")
    assert a != b
    assert [(x.a, x.b) for x in r.possibly_same] == [tuple(sorted((str(a), str(b))))]
    ds = resolved_dataset(facts)
    assert len(people(ds)) == 2
    links = list(ds.graph(RESOLUTION_GRAPH).triples((None, PG.possiblySameAs, None)))
    assert len(links) == 1
    # each node keeps exactly one name (SHACL: one foaf:name)
    for p in people(ds):
        assert {o for _s, _p, o, _g in ds.quads((p, FOAF.name, None, None))} == {
            Literal("Hà Văn Tịnh")
        }


def test_same_name_same_province_merges_across_articles() -> None:
    facts = [
        art("a1", 2017, **post("Hà Văn Tịnh", "Phó Bí thư", "Tỉnh ủy Lai Châu", "Lai Châu")),
        art("a2", 2022, **post("Hà Văn Tịnh", "Bí thư", "Tỉnh ủy Lai Châu", "Lai Châu")),
    ]
    r = resolve(facts)
    assert r.person_iri("a1", "Hà Văn Tịnh") == r.person_iri("a2", "Hà Văn Tịnh")
    assert r.possibly_same == ()
    assert len(people(resolved_dataset(facts))) == 1


def test_shared_body_merges_even_across_provinces() -> None:
    """A transferred official: both articles name them a member of the same central body."""
    central = Organization("Ban Chấp hành Trung ương Đảng", OrgKind.PARTY_COMMITTEE)
    f1 = art(
        "a1",
        organizations=(central, Organization("Tỉnh ủy Lai Châu", locality="Lai Châu")),
        holdings=(
            Holding("Đỗ Quang Vĩnh", "Ủy viên", central.name),
            Holding("Đỗ Quang Vĩnh", "Bí thư", "Tỉnh ủy Lai Châu"),
        ),
    )
    f2 = art(
        "a2",
        organizations=(central, Organization("Tỉnh ủy Cà Mau", locality="Cà Mau")),
        holdings=(
            Holding("Đỗ Quang Vĩnh", "Ủy viên", central.name),
            Holding("Đỗ Quang Vĩnh", "Bí thư", "Tỉnh ủy Cà Mau"),
        ),
    )
    r = resolve([f1, f2])
    assert r.person_iri("a1", "Đỗ Quang Vĩnh") == r.person_iri("a2", "Đỗ Quang Vĩnh")


def test_mention_without_post_joins_the_only_candidate_of_its_province() -> None:
    lc = Organization("Tỉnh ủy Lai Châu", locality="Lai Châu")
    cm = Organization("Tỉnh ủy Cà Mau", locality="Cà Mau")
    facts = [
        art("a1", **post("Hà Văn Tịnh", "Bí thư", lc.name, "Lai Châu")),
        art("a2", **post("Hà Văn Tịnh", "Bí thư", cm.name, "Cà Mau")),
        # only attends a meeting; the article is about Lai Châu → the Lai Châu person
        art("a3", persons=(Person("Hà Văn Tịnh"),), organizations=(lc,)),
        # an article naming both provinces cannot tell: a third node, linked to both
        art("a4", persons=(Person("Hà Văn Tịnh"),), organizations=(lc, cm)),
    ]
    r = resolve(facts)
    assert r.person_iri("a3", "Hà Văn Tịnh") == r.person_iri("a1", "Hà Văn Tịnh")
    unsure = r.person_iri("a4", "Hà Văn Tịnh")
    assert unsure not in {r.person_iri(a, "Hà Văn Tịnh") for a in ("a1", "a2")}
    linked = {(x.a, x.b) for x in r.possibly_same}
    assert tuple(sorted((str(unsure), str(r.person_iri("a1", "Hà Văn Tịnh"))))) in linked
    assert tuple(sorted((str(unsure), str(r.person_iri("a2", "Hà Văn Tịnh"))))) in linked


def test_tone_placement_and_nfd_names_are_one_node_with_alt_labels() -> None:
    nfd = unicodedata.normalize("NFD", "Ủy ban nhân dân tỉnh Hoà Bình")
    facts = [
        art("a1", organizations=(Organization("UBND tỉnh Hòa Bình", OrgKind.GOVERNMENT),)),
        art("a2", organizations=(Organization(nfd, OrgKind.GOVERNMENT),)),
        art("a3", organizations=(Organization("Ủy ban nhân dân tỉnh Hòa Bình"),)),
        art("a4", persons=(Person("Lò Thị Thuỷ"),)),
        art("a5", persons=(Person(unicodedata.normalize("NFD", "Lò Thị Thủy")),)),
    ]
    ds = resolved_dataset(facts)
    org = iri_for("org", "Ủy ban nhân dân tỉnh Hòa Bình")
    labels = {str(o) for _s, p, o, _g in ds.quads((org, None, None, None)) if p == SKOS.altLabel}
    assert "UBND tỉnh Hòa Bình" in labels
    pref = {o for _s, _p, o, _g in ds.quads((org, SKOS.prefLabel, None, None))}
    assert pref == {Literal("Ủy ban nhân dân tỉnh Hòa Bình")}
    orgs = {s for s, _p, _o, _g in ds.quads((None, SKOS.prefLabel, None, None)) if "/org/" in s}
    assert orgs == {org}
    assert len(people(ds)) == 1


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Thành ủy TP.HCM", "Thành uỷ Thành phố Hồ Chí Minh"),
        ("Thành ủy TPHCM", "Thành ủy Thành phố Hồ Chí Minh"),
        ("Ban Tổ chức T.Ư", "Ban Tổ chức Trung ương"),
        ("Ban Tổ chức TW", "Ban Tổ chức TƯ"),
        ("UBND huyện Mường Tè", "Ủy ban nhân dân huyện Mường Tè"),
        ("HĐND tỉnh Lai Châu", "Hội đồng nhân dân Tỉnh Lai Châu"),
    ],
)
def test_organization_spellings_share_a_key(a: str, b: str) -> None:
    assert org_key(a) == org_key(b)


def test_different_organizations_keep_different_keys() -> None:
    assert org_key("Ủy ban nhân dân tỉnh Lai Châu") != org_key("Hội đồng nhân dân tỉnh Lai Châu")
    assert org_key("Ban Thường vụ Thành ủy Hà Nội") != org_key("Thành ủy Hà Nội")


def test_hierarchy_survives_renaming() -> None:
    f = art(
        "a1",
        organizations=(
            Organization(
                "Ban Thường vụ Thành ủy TP.HCM", OrgKind.PARTY_BODY, parent="Thành ủy TPHCM"
            ),
            Organization("Thành ủy Thành phố Hồ Chí Minh", OrgKind.PARTY_COMMITTEE),
        ),
    )
    out = resolve([f]).facts[0].organizations
    board = next(o for o in out if o.kind == OrgKind.PARTY_BODY)
    assert board.name == "Ban Thường vụ Thành ủy Thành phố Hồ Chí Minh"
    assert board.parent == "Thành ủy Thành phố Hồ Chí Minh"
    assert "Ban Thường vụ Thành ủy TP.HCM" in board.aliases


@pytest.mark.parametrize(
    "citation",
    [
        "Nghị quyết TƯ4 khóa XI",
        "Nghị quyết Trung ương 4 (khóa XI)",
        "NQ TW4 khóa 11",
        "Nghị quyết T.Ư 4 khoá XI",
    ],
)
def test_citation_forms_of_one_resolution_meet(citation: str) -> None:
    assert doc_key(Document(citation)) == ("plenum", "resolution", "4", "XI")


def test_documents_of_different_terms_stay_apart_and_forms_become_alt_labels() -> None:
    facts = [
        art("a1", documents=(Document("Nghị quyết TƯ4 khóa XI", DocKind.RESOLUTION),)),
        art("a2", documents=(Document("NQ TW4 khóa 11"),)),
        art(
            "a3",
            documents=(Document("Nghị quyết Trung ương 4 (khóa XII)", DocKind.RESOLUTION),),
            events=(
                Event(
                    "Hội nghị",
                    dt.date(2017, 3, 1),
                    documents=("Nghị quyết Trung ương 4 (khóa XII)",),
                ),
            ),
        ),
    ]
    r = resolve(facts)
    names = [d.name for f in r.facts for d in f.documents]
    assert names == [
        "Nghị quyết Trung ương 4 khóa XI",
        "Nghị quyết Trung ương 4 khóa XI",
        "Nghị quyết Trung ương 4 khóa XII",
    ]
    assert r.facts[2].events[0].documents == ("Nghị quyết Trung ương 4 khóa XII",)
    ds = resolved_dataset(facts)
    doc = iri_for("doc", "Nghị quyết Trung ương 4 khóa XI")
    alts = {str(o) for _s, _p, o, _g in ds.quads((doc, SKOS.altLabel, None, None))}
    assert {"Nghị quyết TƯ4 khóa XI", "NQ TW4 khóa 11"} <= alts


def test_numbered_citation_without_issuer_joins_the_articles_own_document() -> None:
    f = art(
        "a1",
        organizations=(Organization("Huyện ủy Mường Tè", locality="Mường Tè"),),
        documents=(
            Document("Kế hoạch 12 của Huyện ủy Mường Tè", DocKind.PLAN, "12", "Huyện ủy Mường Tè"),
            Document("Kế hoạch số 12", DocKind.PLAN, "12"),
            Document("Kế hoạch số 13", DocKind.PLAN, "13"),
        ),
    )
    names = sorted(d.name for d in resolve([f]).facts[0].documents)
    assert names == ["Kế hoạch 12 của Huyện ủy Mường Tè", "Kế hoạch số 13"]


def test_resolved_graph_conforms_to_shapes() -> None:
    pytest.importorskip("pyshacl")
    from polgraph.rdf import validate

    facts = [
        art("a1", **post("Hà Văn Tịnh", "Bí thư", "Tỉnh ủy Lai Châu", "Lai Châu")),
        art("a2", **post("Hà Văn Tịnh", "Bí thư", "Tỉnh ủy Cà Mau", "Cà Mau")),
    ]
    conforms, text = validate(resolved_dataset(facts))
    assert conforms, text
