"""Dates of birth (issue 17): "sinh năm 1968", "(sinh năm 1968)", "sinh ngày 3/4/1968" belong
to the person the clause is about; in RDF as ``schema:birthDate`` at its precision with an
``rdf:Statement`` naming article and sentence; in the Popolo, FtM and reconcile exports.
Every sentence is invented."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, Dataset, Literal, URIRef

from polgraph.core import vocab as V  # not its names: pytest's fixture scan warns on them
from polgraph.core.model import Article, ArticleFacts, Evidence, Holding, Organization, OrgKind
from polgraph.extract.article import extract
from polgraph.outputs.export import export
from polgraph.rdf import resolved_dataset, write_trig

REF = dt.date(2021, 6, 1)
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def births(text: str, day: dt.date | None = REF) -> dict[str, str]:
    facts = extract(Article("b", text, date=day))
    return {p.name: p.birth for p in facts.persons if p.birth}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ông Lê Văn Bình sinh năm 1968, quê xã Tân Lập.", {"Lê Văn Bình": "1968"}),
        ("Hội nghị chỉ định đồng chí Ngô Văn Hải (sinh năm 1975), Phó Bí thư Huyện ủy, "
         "giữ chức Bí thư Huyện ủy.", {"Ngô Văn Hải": "1975"}),
        ("Ông Ngô Văn Hải sinh ngày 3/4/1968 tại xã Tân Lập.", {"Ngô Văn Hải": "1968-04-03"}),
        ("Bà Trần Thị Cúc, Giám đốc Sở Y tế, sinh ngày 3 tháng 4 năm 1970.",
         {"Trần Thị Cúc": "1970-04-03"}),
        ("Ông Lê Văn Bình, Bí thư Thành ủy TP.HCM, sinh tháng 4/1969.", {"Lê Văn Bình": "1969-04"}),
        ("Ông Đỗ Minh Dũng (SN 1966) là Chủ tịch UBND xã Tân Lập.", {"Đỗ Minh Dũng": "1966"}),
        ("Ông Đỗ Minh Dũng, sinh năm 1960, quê Nghệ An, hiện là Giám đốc Sở Tài chính.",
         {"Đỗ Minh Dũng": "1960"}),
        ("Bà Phạm Thu Hà, quê Hà Tĩnh, dân tộc Kinh, sinh năm 1977.", {"Phạm Thu Hà": "1977"}),
        ("Sinh năm 1972 tại Bắc Sơn, ông Đỗ Minh Dũng từng giữ chức Chủ tịch UBND huyện.",
         {"Đỗ Minh Dũng": "1972"}),
        ("Ông Lê Văn Bình, Bí thư Tỉnh ủy, dự họp. Ông Bình sinh năm 1968.",
         {"Lê Văn Bình": "1968"}),  # a short reference names the same person
        ("Ông Ngô Văn Hải, năm sinh: 1971, trình độ thạc sĩ.", {"Ngô Văn Hải": "1971"}),
        # two people in a sentence: each date goes to the person named just before it
        ("Ông Lê Văn Bình (sinh năm 1968) và ông Ngô Văn Hải (sinh năm 1975) được bầu.",
         {"Lê Văn Bình": "1968", "Ngô Văn Hải": "1975"}),
        # nothing of this is a birth
        ("Huyện ủy Tân Lập được thành lập năm 1968; ông Lê Văn Bình là Bí thư.", {}),
        ("Năm 1968, ông Lê Văn Bình nhập ngũ.", {}),
        ("Ông Lê Văn Bình, Bí thư Tỉnh ủy, thăm học sinh năm 2020.", {}),
        ("Con trai ông Lê Văn Bình sinh năm 1995 hiện công tác tại Hà Nội.", {}),
        ("Ông Lê Văn Bình cho biết, cháu Lan sinh năm 2010 học rất giỏi.", {}),
        ("Liệt sĩ Lê Văn Bình hy sinh năm 1972 tại chiến trường.", {}),
        ("Ông Lê Văn Bình chỉ đạo công tác tuyển sinh năm 2021.", {}),
        ("Đồng chí Đinh Công Sinh năm 2015 được bầu làm Bí thư Tỉnh ủy.", {}),  # "Sinh": a name
        ("Ông Lê Văn Bình dự lễ kỷ niệm 130 năm ngày sinh Chủ tịch Hồ Chí Minh "
         "(19/5/1890-19/5/2020).", {}),  # a birthday, not his
        ("Ông Lê Văn Bình sinh năm 2035.", {}),  # after the article: a typo, not a birth
        ("Ông Lê Văn Bình sinh ngày 31/2/1968.", {}),  # no such day
    ],
)  # fmt: skip
def test_births(text: str, expected: dict[str, str]) -> None:
    assert births(text) == expected


def test_dates_that_agree_give_the_more_precise_and_disagreeing_ones_none() -> None:
    agree = "Ông Lê Văn Bình sinh năm 1968. Ông Bình sinh ngày 3/4/1968 tại xã Tân Lập."
    assert births(agree) == {"Lê Văn Bình": "1968-04-03"}
    disagree = "Ông Lê Văn Bình sinh năm 1968. Ông Bình sinh năm 1969 tại xã Tân Lập."
    assert births(disagree) == {}


def test_the_sentence_is_the_evidence() -> None:
    text = "Ông Lê Văn Bình, Bí thư Tỉnh ủy, dự họp. Ông Bình sinh năm 1968, quê Hà Tĩnh."
    (person,) = extract(Article("b", text, date=REF)).persons
    (ev,) = person.birth_evidence
    assert ev.sentence == "Ông Bình sinh năm 1968, quê Hà Tĩnh."
    assert text[ev.start : ev.end] == ev.sentence


ORG = Organization("Tỉnh ủy Bắc Sơn", OrgKind.PARTY_COMMITTEE, locality="Bắc Sơn")


def _art(aid: str, day: dt.date, sentence: str, person: str, birth: str | None) -> ArticleFacts:
    from polgraph.core.model import Person

    ev = Evidence(aid, sentence, 0, len(sentence))
    who = Person(person, evidence=(ev,), birth=birth, birth_evidence=(ev,) if birth else ())
    return ArticleFacts(
        Article(aid, sentence, date=day, url=f"https://news.example/{aid}.html"),
        persons=(who,),
        organizations=(ORG,),
        holdings=(Holding(person, "Bí thư", ORG.name, evidence=(ev,)),),
    )


FACTS = [
    _art("p1", dt.date(2020, 1, 2), "Ông Lê Văn Bình (sinh năm 1968), Bí thư Tỉnh ủy, dự họp.",
         "Lê Văn Bình", "1968"),
    _art("p2", dt.date(2021, 3, 4), "Bí thư Tỉnh ủy Lê Văn Bình sinh ngày 3/4/1968.",
         "Lê Văn Bình", "1968-04-03"),
    _art("p3", dt.date(2022, 5, 6), "Ông Ngô Văn Hải (sinh năm 1970), Bí thư Tỉnh ủy, dự họp.",
         "Ngô Văn Hải", "1970"),
    _art("p4", dt.date(2022, 7, 8), "Ông Ngô Văn Hải (sinh năm 1971), Bí thư Tỉnh ủy, dự lễ.",
         "Ngô Văn Hải", "1971"),
]  # fmt: skip
ARTICLE = "https://w3id.org/polgraph/id/article/"
BINH = URIRef("https://w3id.org/polgraph/id/person/Lê_Văn_Bình")
HAI = URIRef("https://w3id.org/polgraph/id/person/Ngô_Văn_Hải")


def test_rdf_birth_date_at_its_precision_with_article_and_sentence() -> None:
    pytest.importorskip("pyshacl")
    from polgraph.rdf.ontology import validate

    ds: Dataset = resolved_dataset(FACTS)
    year, day = Literal("1968", datatype=V.XSD.gYear), Literal("1968-04-03", datatype=V.XSD.date)
    assert set(ds.objects(BINH, V.SCHEMA.birthDate)) == {year, day}
    statements = {
        str(ds.value(s, V.PROV.wasDerivedFrom)).rsplit("/", 1)[-1]: s
        for s in ds.subjects(RDF.subject, BINH)
    }
    assert sorted(statements) == ["p1", "p2"]
    s = statements["p2"]
    assert (s, RDF.type, RDF.Statement) in ds and ds.value(s, RDF.predicate) == V.SCHEMA.birthDate
    assert ds.value(s, RDF.object) == Literal("1968-04-03", datatype=V.XSD.date)
    assert str(ds.value(ds.value(s, V.PG.evidence), V.PG.sentence)) == FACTS[1].article.text
    # each article's graph states its own date
    p1 = ds.graph(URIRef("https://w3id.org/polgraph/id/article/p1#graph"))
    assert list(p1.objects(BINH, V.SCHEMA.birthDate)) == [Literal("1968", datatype=V.XSD.gYear)]
    conforms, text = validate(ds)
    assert conforms, text
    ds.graph(URIRef("https://w3id.org/polgraph/id/article/p1#graph")).add(
        (BINH, V.SCHEMA.birthDate, Literal("khoảng 1968")))
    conforms, text = validate(ds)
    assert not conforms and "xsd:gYear, xsd:gYearMonth or xsd:date" in text


def test_the_build_path_writes_the_same_birth_statements() -> None:
    """``polgraph.rdf.ntriples`` (the build's writer) states what the rdflib converter does."""
    from polgraph.rdf import facts_to_dataset
    from polgraph.rdf.labels import _preferred_labels
    from polgraph.rdf.ntriples import triples_of

    labels = _preferred_labels(FACTS)
    for f in FACTS:
        lines = {_canon(line) for line in triples_of(f, None, labels, None)}
        g = facts_to_dataset([f]).graph(URIRef(f"{ARTICLE}{f.article.id}#graph"))
        reference = {_canon(f"{s.n3()} {p.n3()} {o.n3()}") for s, p, o in g}
        assert lines == reference
        assert any("birthDate" in x for x in lines)


def _canon(statement: str) -> str:
    return str(next(iter(ox.parse(statement + " .\n", format=ox.RdfFormat.N_TRIPLES))))


def test_facts_json_and_resolution_keep_the_birth() -> None:
    from polgraph.build.facts_json import facts_from_json, facts_to_json
    from polgraph.resolve import resolve

    back = facts_from_json(facts_to_json(FACTS[1]))
    assert back == FACTS[1]
    (person,) = resolve(FACTS).facts[1].persons
    assert (person.birth, person.birth_evidence) == ("1968-04-03", FACTS[1].persons[0].evidence)


@pytest.fixture(scope="module")
def graph_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("births") / "out"
    out.mkdir()
    write_trig(resolved_dataset(FACTS), out / "graph.trig")
    return out


def test_exports_give_one_agreed_birth_date(graph_dir: Path, tmp_path: Path) -> None:
    doc = json.loads(export(graph_dir, "popolo", tmp_path / "p.json").read_text("utf-8"))
    born = {p["name"]: p.get("birth_date") for p in doc["persons"]}
    assert born == {"Lê Văn Bình": "1968-04-03", "Ngô Văn Hải": None}  # 1970 vs 1971: none
    lines = export(graph_dir, "ftm", tmp_path / "f.json").read_text("utf-8").splitlines()
    people = [e for e in map(json.loads, lines) if e["schema"] == "Person"]
    assert {e["properties"]["name"][0]: e["properties"].get("birthDate") for e in people} == {
        "Lê Văn Bình": ["1968-04-03"], "Ngô Văn Hải": None}  # fmt: skip
    out = export(graph_dir, "quickstatements", tmp_path / "qs")
    rows = list(csv.DictReader((out / "reconcile.csv").open(encoding="utf-8", newline="")))
    years = {r["person"]: r["birth_year"] for r in rows}
    assert years == {"Lê Văn Bình": "1968", "Ngô Văn Hải": ""}


def test_ftm_birth_date_passes_followthemoney(graph_dir: Path, tmp_path: Path) -> None:
    ftm = pytest.importorskip("followthemoney", reason="followthemoney is a test dependency")
    lines = export(graph_dir, "ftm", tmp_path / "f.json").read_text("utf-8").splitlines()
    (binh,) = [e for e in map(json.loads, lines) if e["properties"].get("birthDate")]
    proxy = ftm.model.get_proxy(binh, cleaned=False)
    assert proxy.to_dict()["properties"] == binh["properties"]
    assert proxy.get("birthDate") == ["1968-04-03"]


@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="needs ../shared/corpus")
@pytest.mark.parametrize("corpus", ["dev", "dev2"])
def test_every_birth_in_the_shared_corpora_is_in_its_sentence(corpus: str) -> None:
    """No gold for births: each found one must be stated by its sentence, after the name."""
    from polgraph.ingest import read_articles

    folder = SHARED / "corpus" / corpus
    if not folder.is_dir():
        pytest.skip(f"no {folder}")
    for article in read_articles([folder]):
        if not isinstance(article, Article):
            continue
        for p in extract(article).persons:
            if p.birth:
                (ev,) = p.birth_evidence
                year = p.birth[:4]
                assert re.search(rf"(?:sinh|SN)[^.;]{{0,24}}{year}", ev.sentence), ev.sentence


def test_popolo_birth_dates_pass_the_popolo_person_schema(graph_dir: Path, tmp_path: Path) -> None:
    """Year and day precision both pass Popolo's own person schema (draft 3)."""
    import os

    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is a test dependency")
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT3

    where = os.environ.get("POLGRAPH_POPOLO_SCHEMAS")
    folder = Path(where) if where else Path(__file__).resolve().parents[1] / "build/popolo-schemas"
    if not (folder / "person.json").is_file():
        pytest.skip(f"no Popolo schemas in {folder}: run scripts/fetch_popolo_schemas.py")
    schemas = [json.loads(p.read_text(encoding="utf-8")) for p in folder.glob("*.json")]
    registry = Registry().with_resources(
        (s["id"], Resource.from_contents(s, default_specification=DRAFT3)) for s in schemas
    )
    person = next(s for s in schemas if s["id"].rstrip("#").endswith("/person.json"))
    validator = jsonschema.Draft3Validator(person, registry=registry)
    doc = json.loads(export(graph_dir, "popolo", tmp_path / "p.json").read_text("utf-8"))
    born = [p for p in doc["persons"] if "birth_date" in p]
    assert born
    for p in [*born, {**born[0], "birth_date": "1968"}]:
        assert not list(validator.iter_errors(p)), p
    assert list(validator.iter_errors({**born[0], "birth_date": "3/4/1968"}))  # it checks dates
