"""Saved-query parameters are typed: an IRI parameter (``tenure``'s ``?person``) takes an
IRI, checked and bound as an IRI, or a person's name looked up in the graph; a text
parameter never takes an IRI.  Invented people and organizations throughout."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Dataset, URIRef

from polgraph.cli import main
from polgraph.core.model import Article, ArticleFacts, Evidence, Holding, Organization, OrgKind
from polgraph.core.names import AmbiguousName
from polgraph.core.vocab import ID
from polgraph.rdf import facts_to_dataset, resolved_dataset, run_query, write_trig
from polgraph.rdf.params import ParamError, parse_iri
from polgraph.rdf.saved import saved_query, saved_query_list
from polgraph.rdf.sparql import QueryError, load_store, run, run_saved
from polgraph.rdf.tenure import add_tenures, tenures_of

ORG = Organization("Tỉnh ủy Bắc Sơn", OrgKind.PARTY_COMMITTEE, locality="Bắc Sơn")
HAI = f"{ID}person/Ngô_Văn_Hải"


def _article(aid: str, day: dt.date, sentence: str, person: str, role: str) -> ArticleFacts:
    ev = Evidence(aid, sentence, 0, len(sentence))
    return ArticleFacts(
        Article(aid, sentence, date=day),
        organizations=(ORG,),
        holdings=(Holding(person, role, ORG.name, evidence=(ev,)),),
    )


@pytest.fixture()
def graph_dir(tmp_path: Path) -> Path:
    facts = [
        _article("t1", dt.date(2021, 5, 20),
                 "Ông Ngô Văn Hải được bầu giữ chức Bí thư Tỉnh ủy ngày 12/5/2021.",
                 "Ngô Văn Hải", "Bí thư"),
        _article("t2", dt.date(2022, 3, 2), "Ông Ngô Văn Hải, Bí thư Tỉnh ủy, dự họp.",
                 "Ngô Văn Hải", "Bí thư"),
        _article("t3", dt.date(2022, 3, 2), "Bà Đinh Thị Mơ, Phó Bí thư Tỉnh ủy, dự họp.",
                 "Đinh Thị Mơ", "Phó Bí thư"),
    ]  # fmt: skip
    write_trig(resolved_dataset(facts), tmp_path / "graph.trig")
    return tmp_path


def _posts(rows: list[dict[str, str]]) -> list[tuple[str, str, str | None]]:
    return [(r["person"], r["role_label"], r.get("start")) for r in rows]


@pytest.mark.parametrize(
    "value",
    [f"<{HAI}>", HAI, "id:person/Ngô_Văn_Hải", "Ngô Văn Hải", "ngo van hai", '"Ngô Văn Hải"',
     ox.NamedNode(HAI)],
)  # fmt: skip
def test_tenure_takes_an_iri_in_any_written_form_or_a_name(graph_dir: Path, value) -> None:  # type: ignore[no-untyped-def]
    rows = run_saved(load_store(graph_dir), "tenure", {"person": value}).values()
    assert _posts(rows) == [(HAI, "Bí thư", "2021-05-12")]


def test_the_header_declares_which_parameters_are_iris() -> None:
    (person,) = saved_query("tenure").params
    assert (person.kind, person.of) == ("iri", "http://xmlns.com/foaf/0.1/Person")
    literal = [p for q in saved_query_list() if q.name != "tenure" for p in q.params]
    assert literal and all(p.kind == "literal" and p.of is None for p in literal)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (f"<{HAI}> }} ; DROP ALL #", "no person named"),  # not written as an IRI: a name
        (f"<{HAI}> }} UNION {{ ?s ?p ?o }} #>", "not a valid IRI"),
        ("<https://w3id.org/polgraph/id/person/Ngô Văn Hải>", "not a valid IRI"),
        ('<http://e/x"> . } #>', "not a valid IRI"),
        ("<relative/person>", "not a valid IRI"),
        ("Lê Không Có", "no person named 'Lê Không Có'"),
    ],
)
def test_iris_are_checked_and_names_must_exist(graph_dir: Path, value: str, message: str) -> None:
    store = load_store(graph_dir)
    with pytest.raises(QueryError, match=message):
        run_saved(store, "tenure", {"person": value})
    assert run_saved(store, "tenure", {"person": HAI}).rows  # the graph is untouched


def test_an_iri_that_is_no_person_finds_nothing(graph_dir: Path) -> None:
    store = load_store(graph_dir)
    assert run_saved(store, "tenure", {"person": "<urn:x-not:a-person>"}).rows == ()


def test_a_text_parameter_refuses_an_iri(graph_dir: Path) -> None:
    store = load_store(graph_dir)
    for value in (f"<{HAI}>", ox.NamedNode(HAI)):
        with pytest.raises(QueryError, match="takes text, not an IRI"):
            run_saved(store, "person-posts", {"person_name": value})


def test_a_name_two_persons_share_lists_both_iris(tmp_path: Path) -> None:
    """Namesakes kept apart by resolution: the name alone cannot pick one."""
    facts = [
        _article("n1", dt.date(2020, 1, 1), "Ông Ngô Văn Hải, Bí thư Tỉnh ủy, dự họp.",
                 "Ngô Văn Hải", "Bí thư"),
        _article("n2", dt.date(2020, 1, 2), "Ông Ngô Văn Hải, Phó Bí thư Tỉnh ủy, dự họp.",
                 "Ngô Văn Hải", "Phó Bí thư"),
    ]  # fmt: skip

    def person_iri(aid: str, _name: str) -> URIRef:
        return URIRef(f"{HAI}-{aid}")

    ds = facts_to_dataset(facts, person_iri=person_iri)
    add_tenures(ds, tenures_of(facts, person_iri))
    write_trig(ds, tmp_path / "graph.trig")
    store = load_store(tmp_path)
    with pytest.raises(AmbiguousName) as caught:
        run_saved(store, "tenure", {"person": "Ngô Văn Hải"})
    assert caught.value.candidates == (f"<{HAI}-n1>", f"<{HAI}-n2>")
    assert "2 persons are named 'Ngô Văn Hải'" in str(caught.value)
    assert "give one IRI: -p person=<…>" in str(caught.value)
    args = ["query", str(tmp_path), "-s", "tenure", "-p", "person=ngo van hai"]
    cli = CliRunner().invoke(main, args)
    assert cli.exit_code == 1 and f"<{HAI}-n1>; <{HAI}-n2>" in cli.output
    one = run_saved(store, "tenure", {"person": f"<{HAI}-n2>"}).values()
    assert [r["role_label"] for r in one] == ["Phó Bí thư"]


def test_rdflib_path_binds_the_same_iri(graph_dir: Path) -> None:
    ds = Dataset(default_union=True)
    ds.parse(graph_dir / "graph.trig", format="trig")
    for value in (f"<{HAI}>", URIRef(HAI), "id:person/Ngô_Văn_Hải"):
        rows = run_query(ds, "tenure", person=value)
        assert [(str(r["person"]), str(r["role_label"])) for r in rows] == [(HAI, "Bí thư")]
    with pytest.raises(QueryError, match="takes an IRI"):
        run_query(ds, "tenure", person="Ngô Văn Hải")  # no store to look a name up in


def test_parse_iri_forms() -> None:
    assert parse_iri("pg:Tenure") == ox.NamedNode("https://w3id.org/polgraph/ontology#Tenure")
    assert parse_iri("  <urn:x>  ") == ox.NamedNode("urn:x")
    assert parse_iri("Ngô Văn Hải") is None
    with pytest.raises(ParamError, match="not a valid IRI"):
        parse_iri("<Ngô Văn Hải>")


def test_cli_tenure_by_iri_or_name(graph_dir: Path) -> None:
    runner = CliRunner()
    for value in (f"<{HAI}>", "id:person/Ngô_Văn_Hải", "ngo van hai"):
        out = runner.invoke(main, ["query", str(graph_dir), "--saved", "tenure",
                                   "-p", f"person={value}", "--format", "csv"])  # fmt: skip
        assert out.exit_code == 0, out.output
        lines = out.output.splitlines()
        assert len(lines) == 2 and lines[1].startswith(f"{HAI},Bí thư,Tỉnh ủy Bắc Sơn,2021-05-12")
    bad = runner.invoke(main, ["query", str(graph_dir), "--saved", "tenure",
                               "-p", "person=<http://e/a b>"])  # fmt: skip
    assert bad.exit_code == 1 and "not a valid IRI" in bad.output
    missing = runner.invoke(main, ["query", str(graph_dir), "-s", "tenure", "-p", "person=Ai Đó"])
    assert missing.exit_code == 1 and "no person named" in missing.output
    listed = runner.invoke(main, ["query", str(graph_dir), "--list"]).output
    assert "-p person=IRI|NAME" in listed and "-p person_name=VALUE" in listed


def test_cli_adhoc_query_binds_a_bracketed_value_as_an_iri(graph_dir: Path) -> None:
    q = "PREFIX foaf: <http://xmlns.com/foaf/0.1/> SELECT ?n WHERE { ?p foaf:name ?n }"
    runner = CliRunner()
    out = runner.invoke(main, ["query", str(graph_dir), q, "-p", f"p=<{HAI}>", "--format", "csv"])
    assert out.exit_code == 0, out.output
    assert out.output.splitlines() == ["n", "Ngô Văn Hải"]
    text = runner.invoke(main, ["query", str(graph_dir), q, "-p", f"p={HAI}"])
    assert "(0 rows)" in text.output  # unbracketed: a plain literal, which names no node
    store = load_store(graph_dir)
    assert run(store, q, {"p": ox.NamedNode(HAI)}).values() == [{"n": "Ngô Văn Hải"}]


def test_remote_select_binds_an_iri_parameter_as_an_iri(graph_dir: Path) -> None:
    """A SPARQL server gets the IRI in a VALUES row; the query it gets answers as locally."""
    from polgraph.outputs.load import remote_select

    class Recorder:
        query = ""

        def select(self, query: str) -> list[dict[str, str]]:
            Recorder.query = query
            return run(load_store(graph_dir), query).values()

    rows = remote_select(Recorder(), "tenure", person="id:person/Ngô_Văn_Hải")  # type: ignore[arg-type]
    assert f"VALUES (?person) {{ (<{HAI}>) }}" in Recorder.query
    assert _posts(rows) == [(HAI, "Bí thư", "2021-05-12")]
    with pytest.raises(ValueError, match="takes an IRI"):
        remote_select(Recorder(), "tenure", person="Ngô Văn Hải")  # type: ignore[arg-type]


def test_cli_adhoc_query_refuses_a_bracketed_value_that_is_no_iri(graph_dir: Path) -> None:
    q = "SELECT ?n WHERE { ?p ?x ?n }"
    out = CliRunner().invoke(main, ["query", str(graph_dir), q, "-p", "p=<a b> } #>"])
    assert out.exit_code == 1 and "not a valid IRI" in out.output and "Traceback" not in out.output
