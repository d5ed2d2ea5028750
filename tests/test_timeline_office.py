"""polgraph timeline: holders of a post in date order, and one person's posts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from polgraph.cli import main
from polgraph.core.model import Article, ArticleFacts, Holding, Organization, OrgKind
from polgraph.outputs.timeline import format_timeline, office_timeline, person_timeline
from polgraph.rdf import resolved_dataset, write_trig
from polgraph.rdf.sparql import load_store

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def art(aid: str, day: dt.date | None, *holdings: Holding) -> ArticleFacts:
    org = Organization("Tỉnh ủy Lai Châu", OrgKind.PARTY_COMMITTEE, locality="Lai Châu")
    return ArticleFacts(Article(aid, "…", date=day), organizations=(org,), holdings=holdings)


@pytest.fixture()
def graph_dir(tmp_path: Path) -> Path:
    org = "Tỉnh ủy Lai Châu"
    facts = [
        art("t3", dt.date(2022, 8, 9), Holding("Tạ Quang Lực", "Bí thư", org)),
        art("t1", dt.date(2016, 3, 1), Holding("Lò Văn Khiêm", "Phó Bí thư", org)),
        art("t2", dt.date(2017, 5, 1), Holding("Lò Văn Khiêm", "Bí thư", org)),
        art("t4", dt.date(2019, 1, 4), Holding("Lò Văn Khiêm", "Bí thư", org)),
        art("t5", None, Holding("Lò Văn Khiêm", "Bí thư", org, former=True)),  # undated
    ]
    out = tmp_path / "out"
    out.mkdir()
    write_trig(resolved_dataset(facts), out / "graph.trig")
    return out


def test_office_holders_in_date_order_with_first_and_last(graph_dir: Path) -> None:
    rows = office_timeline(load_store(graph_dir), "Bí thư", "Tỉnh ủy Lai Châu")
    assert [(t.name, t.first, t.last) for t in rows] == [
        ("Lò Văn Khiêm", "2017-05-01", "2019-01-04"),  # the undated article does not blank it
        ("Tạ Quang Lực", "2022-08-09", "2022-08-09"),
    ]
    assert rows[0].articles == ("t2", "t4", "t5")


@pytest.mark.parametrize("org", ["tỉnh uỷ lai châu", "TỈNH ỦY LAI CHÂU", "Tỉnh ủy tỉnh Lai Châu"])
def test_org_and_role_match_across_spellings(graph_dir: Path, org: str) -> None:
    rows = office_timeline(load_store(graph_dir), "BÍ THƯ", org)
    assert [t.name for t in rows] == ["Lò Văn Khiêm", "Tạ Quang Lực"]
    assert rows[0].organization == "Tỉnh ủy Lai Châu" and rows[0].role == "Bí thư"


def test_person_posts_over_time(graph_dir: Path) -> None:
    rows = person_timeline(load_store(graph_dir), "lò văn khiêm")
    assert [(t.role, t.first, t.last, t.status) for t in rows] == [
        ("Phó Bí thư", "2016-03-01", "2016-03-01", "current"),
        ("Bí thư", "2017-05-01", "2019-01-04", "current+former"),
    ]
    text = format_timeline(rows)
    assert text.index("Phó Bí thư") < text.index("2017-05-01")


def test_cli_timeline(graph_dir: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(
        main, ["timeline", str(graph_dir), "--role", "Bí thư", "--org", "Tỉnh ủy Lai Châu"]
    )
    assert ok.exit_code == 0, ok.output
    lines = ok.output.splitlines()
    # no start cue: "?"; a later holder of a one-holder post bounds the end; seen range kept
    assert lines[0].split()[:4] == ["start", "end", "seen", "person"]
    assert lines[2].startswith("?      <2022-08-09  2017-05-01..2019-01-04  Lò Văn Khiêm")
    assert runner.invoke(main, ["timeline", str(graph_dir), "--role", "Bí thư"]).exit_code == 2
    csv_out = runner.invoke(
        main, ["timeline", str(graph_dir), "--person", "Tạ Quang Lực", "--format", "csv"]
    )
    assert csv_out.output.splitlines()[1].startswith("2022-08-09,2022-08-09,Tạ Quang Lực,Bí thư")


def test_cli_validate(graph_dir: Path, tmp_path: Path) -> None:
    pytest.importorskip("pyshacl")
    runner = CliRunner()
    good = runner.invoke(main, ["validate", str(graph_dir)])
    assert good.exit_code == 0 and "conforms" in good.output
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n"
        '<https://w3id.org/polgraph/id/person/X> a foaf:Person ; foaf:name "A", "B" .\n',
        encoding="utf-8",
    )
    result = runner.invoke(main, ["validate", str(bad)])
    assert result.exit_code == 1


def test_seed_timeline_lists_two_holders(tmp_path: Path) -> None:
    """Done-when of issue 3: the Bí thư of Thành ủy Hà Nội in 2017 and 2022 (seed corpus)."""
    seeds = SHARED / "corpus" / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"../shared not found: {seeds} is needed for the seed timeline")
    from polgraph.build import build

    build([seeds], tmp_path / "seeds")
    rows = office_timeline(load_store(tmp_path / "seeds"), "Bí thư", "Thành ủy Hà Nội")
    years = [t.first[:4] for t in rows if t.first]
    assert "2017" in years and "2022" in years
    assert len({t.person for t in rows}) >= 2
    pytest.importorskip("pyshacl")
    from rdflib import Dataset

    from polgraph.rdf import validate

    ds = Dataset(default_union=True)
    ds.parse(tmp_path / "seeds" / "graph.trig", format="trig")
    conforms, text = validate(ds)
    assert conforms, text
