"""Issue 15 items 8 and 9: saved queries show and check their parameters; names match
the same way in ``timeline`` and ``query --saved`` (diacritics optional, exact when
that is ambiguous, candidates listed when still ambiguous)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from polgraph.cli import main
from polgraph.core.model import Article, ArticleFacts, Holding, Organization, OrgKind, Person
from polgraph.core.names import AmbiguousName, match_name
from polgraph.outputs.timeline import office_timeline, person_timeline
from polgraph.rdf import resolved_dataset, write_trig
from polgraph.rdf.saved import saved_query, saved_query_list
from polgraph.rdf.sparql import QueryError, load_store, run_saved

ORG = Organization("Tỉnh ủy Bắc Sơn", OrgKind.PARTY_COMMITTEE, locality="Bắc Sơn")


@pytest.fixture()
def graph_dir(tmp_path: Path) -> Path:
    """Invented: two namesakes differing only in diacritics, one former holder."""

    def article(aid: str, day: dt.date, person: str, former: bool) -> ArticleFacts:
        return ArticleFacts(
            Article(aid, "…", date=day),
            persons=(Person(person),),
            organizations=(ORG,),
            holdings=(Holding(person, "Bí thư", ORG.name, former=former),),
        )

    facts = [
        article("n1", dt.date(2015, 3, 1), "Đỗ Văn Hòa", True),
        article("n2", dt.date(2021, 6, 1), "Đỗ Văn Hoà", False),  # same name, old tone place
        article("n3", dt.date(2022, 6, 1), "Đồ Văn Hóa", False),  # differs only in diacritics
    ]
    write_trig(resolved_dataset(facts), tmp_path / "graph.trig")
    return tmp_path


def test_match_name_rules() -> None:
    names = ["Tỉnh ủy Bắc Sơn", "Đỗ Văn Hòa", "Đồ Văn Hóa"]
    assert match_name("tinh uy bac son", names) == "Tỉnh ủy Bắc Sơn"
    assert match_name("Đỗ Văn Hoà", names) == "Đỗ Văn Hòa"  # tone placement
    assert match_name("Nguyễn", names) is None
    with pytest.raises(AmbiguousName) as caught:
        match_name("do van hoa", names)
    assert caught.value.candidates == ("Đồ Văn Hóa", "Đỗ Văn Hòa")


def test_timeline_matches_without_diacritics_and_shows_former(graph_dir: Path) -> None:
    store = load_store(graph_dir)
    rows = office_timeline(store, "bi thu", "Tinh uy Bac Son")
    status = {t.name: t.status for t in rows}
    assert status == {"Đỗ Văn Hòa": "current+former", "Đồ Văn Hóa": "current"}
    assert [t.role for t in person_timeline(store, "Đồ Văn Hóa")] == ["Bí thư"]
    runner = CliRunner()
    out = runner.invoke(main, ["timeline", str(graph_dir), "--role", "Bi thu",
                               "--org", "Tinh uy Bac Son"])  # fmt: skip
    assert out.exit_code == 0, out.output
    assert "current+former" in out.output and "Đồ Văn Hóa" in out.output
    ambiguous = runner.invoke(main, ["timeline", str(graph_dir), "--person", "do van hoa"])
    assert ambiguous.exit_code == 1
    assert "ambiguous" in ambiguous.output and "Đồ Văn Hóa; Đỗ Văn Hòa" in ambiguous.output
    exact = runner.invoke(main, ["timeline", str(graph_dir), "--person", "Đồ Văn Hóa"])
    assert exact.exit_code == 0 and "Đỗ" not in exact.output


def test_saved_query_parameters_listed_and_checked(graph_dir: Path) -> None:
    info = {q.name: q for q in saved_query_list()}
    assert [(p.name, p.required) for p in info["office-holders"].params] == [
        ("role_label", True), ("org_label", True)]  # fmt: skip
    assert [(p.name, p.required) for p in info["co-attendance"].params] == [("a_name", False)]
    assert all(q.description.endswith("?") for q in info.values())
    store = load_store(graph_dir)
    with pytest.raises(QueryError, match="needs -p org_label"):
        run_saved(store, "office-holders", {"role_label": "Bí thư"})
    with pytest.raises(QueryError, match=r"its parameters: role_label, org_label$"):
        run_saved(store, "office-holders", {"role_label": "Bí thư", "org_label": "x", "m": "1"})
    runner = CliRunner()
    listed = runner.invoke(main, ["query", str(graph_dir), "--list"])
    assert listed.exit_code == 0
    lines = listed.output.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("office-holders "))
    assert saved_query("office-holders").description in lines[at]
    assert lines[at + 1].strip().startswith("-p role_label=VALUE")
    assert lines[at + 2].strip().startswith("-p org_label=VALUE")
    missing = runner.invoke(main, ["query", str(graph_dir), "-s", "office-holders",
                                   "-p", "role_label=Bí thư"])  # fmt: skip
    assert missing.exit_code == 1 and "needs -p org_label" in missing.output
    unknown = runner.invoke(main, ["query", str(graph_dir), "-s", "person-posts", "-p", "m=1"])
    assert unknown.exit_code == 1
    assert "its parameters: person_name" in unknown.output and "none" not in unknown.output


def test_query_saved_matches_names_like_timeline(graph_dir: Path) -> None:
    store = load_store(graph_dir)
    params = {"role_label": "bi thu", "org_label": "tinh uy bac son"}
    assert run_saved(store, "office-holders", params).rows == ()  # the library binds verbatim
    matched = run_saved(store, "office-holders", params, match_names=True).values()
    assert {r["person_name"] for r in matched} == {"Đỗ Văn Hòa", "Đồ Văn Hóa"}
    runner = CliRunner()
    out = runner.invoke(main, ["query", str(graph_dir), "-s", "office-holders", "-p",
                               "role_label=bi thu", "-p", "org_label=tinh uy bac son"])  # fmt: skip
    assert out.exit_code == 0 and "(2 rows)" in out.output
    amb = runner.invoke(main, ["query", str(graph_dir), "-s", "person-posts",
                               "-p", "person_name=do van hoa"])  # fmt: skip
    assert amb.exit_code == 1 and "Đồ Văn Hóa; Đỗ Văn Hòa" in amb.output
