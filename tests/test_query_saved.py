"""polgraph query: saved queries with safely bound parameters, three output formats."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from polgraph.cli import main
from polgraph.core.model import Article, ArticleFacts, Holding, Organization, OrgKind, Person
from polgraph.rdf import resolved_dataset, write_trig
from polgraph.rdf.sparql import QueryError, load_store, run, run_saved


@pytest.fixture()
def graph_dir(tmp_path: Path) -> Path:
    org = Organization("Tỉnh ủy Lai Châu", OrgKind.PARTY_COMMITTEE, locality="Lai Châu")
    facts = [
        ArticleFacts(
            Article("k1", "…", date=dt.date(2017, 5, 1)),
            persons=(Person("Lò Văn Khiêm"),),
            organizations=(org,),
            holdings=(Holding("Lò Văn Khiêm", "Bí thư", org.name),),
        ),
        ArticleFacts(
            Article("k2", "…", date=dt.date(2022, 8, 9)),
            persons=(Person('Tạ "Quang" Lực'),),
            organizations=(org,),
            holdings=(Holding('Tạ "Quang" Lực', "Bí thư", org.name),),
        ),
    ]
    out = tmp_path / "out"
    out.mkdir()
    write_trig(resolved_dataset(facts), out / "graph.trig")
    return out


def holders(graph_dir: Path, org: str) -> list[str]:
    store = load_store(graph_dir)
    result = run_saved(store, "office-holders", {"role_label": "Bí thư", "org_label": org})
    return [r["person_name"] for r in result.values()]


def test_saved_query_binds_parameters(graph_dir: Path) -> None:
    assert holders(graph_dir, "Tỉnh ủy Lai Châu") == ["Lò Văn Khiêm", 'Tạ "Quang" Lực']


@pytest.mark.parametrize(
    "hostile",
    [
        'Tỉnh ủy Lai Châu" } UNION { ?org ?p ?org_label } #',
        'x" . } } ; DROP ALL ; #',
        '\\" ) } #\n',
        "'''",
    ],
)
def test_parameters_are_never_pasted_into_the_query(graph_dir: Path, hostile: str) -> None:
    assert holders(graph_dir, hostile) == []
    assert holders(graph_dir, "Tỉnh ủy Lai Châu")  # the graph is untouched


def test_plain_substitution_of_a_projected_variable(graph_dir: Path) -> None:
    store = load_store(graph_dir)
    q = "PREFIX foaf: <http://xmlns.com/foaf/0.1/> SELECT ?p ?n WHERE { ?p foaf:name ?n }"
    rows = run(store, q, {"n": 'Tạ "Quang" Lực'}).values()
    assert [r["n"] for r in rows] == ['Tạ "Quang" Lực']


def test_unknown_parameter_and_query_are_errors(graph_dir: Path) -> None:
    store = load_store(graph_dir)
    with pytest.raises(QueryError, match="no variable"):
        run_saved(store, "office-holders", {"orgg": "x"})
    with pytest.raises(QueryError, match="no saved query"):
        run_saved(store, "../secrets", {})
    with pytest.raises(QueryError, match="syntax"):
        run(store, "SELEC nothing")


def test_formats(graph_dir: Path) -> None:
    store = load_store(graph_dir)
    r = run_saved(
        store, "office-holders", {"role_label": "Bí thư", "org_label": "Tỉnh ủy Lai Châu"}
    )
    rows = list(csv.DictReader(io.StringIO(r.format("csv"))))
    assert [x["first_observed"] for x in rows] == ["2017-05-01", "2022-08-09"]
    doc = json.loads(r.format("json"))
    assert doc["head"]["vars"][:2] == ["person", "person_name"]
    first = doc["results"]["bindings"][0]
    assert first["person"]["type"] == "uri"
    assert first["first_observed"]["datatype"] == "http://www.w3.org/2001/XMLSchema#date"
    table = r.format("table")
    assert "id:person/Lò_Văn_Khiêm" in table and table.endswith("(2 rows)\n")


def test_cli_query_saved_file_and_text(graph_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    saved = runner.invoke(
        main,
        ["query", str(graph_dir), "--saved", "office-holders", "-p", "role_label=bí thư",
         "-p", "org_label=Tỉnh uỷ Lai Châu", "--format", "csv"],
    )  # fmt: skip
    assert saved.exit_code == 0, saved.output
    assert len(saved.output.splitlines()) == 3  # header + two holders; tone placement folded
    rq = tmp_path / "q.rq"
    rq.write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    assert runner.invoke(main, ["query", str(graph_dir), "-f", str(rq)]).output == "true\n"
    both = runner.invoke(main, ["query", str(graph_dir), "ASK {}", "-f", str(rq)])
    assert both.exit_code == 2
    listed = runner.invoke(main, ["query", str(graph_dir), "--list"])
    assert "office-holders" in listed.output
    bad = runner.invoke(main, ["query", str(graph_dir), "SELECT WHERE"])
    assert bad.exit_code == 1 and "syntax" in bad.output


def test_same_rows_as_rdflib_when_entities_repeat_across_articles(graph_dir: Path) -> None:
    """An org named in two article graphs must not double rows (union as a set)."""
    from rdflib import Dataset

    from polgraph.rdf import run_query

    ds = Dataset(default_union=True)
    ds.parse(graph_dir / "graph.trig", format="trig")
    for name, params in [
        ("person-posts", {"person_name": "Lò Văn Khiêm"}),
        ("office-holders", {"role_label": "Bí thư", "org_label": "Tỉnh ủy Lai Châu"}),
    ]:
        ours = run_saved(load_store(graph_dir), name, params).values()
        theirs = [{k: str(v) for k, v in r.items()} for r in run_query(ds, name, **params)]
        assert ours == theirs
