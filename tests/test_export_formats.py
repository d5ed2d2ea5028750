"""Every export format read back by its own ecosystem's reader, and byte-deterministic."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph

from polgraph.cli import main
from polgraph.core.model import (
    Article,
    ArticleFacts,
    Event,
    Evidence,
    Holding,
    Organization,
    OrgKind,
)
from polgraph.outputs.export import JSONLD_CONTEXT, export
from polgraph.rdf import facts_to_dataset, write_trig

NASTY = 'Ông Lê Văn Bình nói: "<b>đoàn kết</b>" & \x0bkỷ cương.'


def facts() -> list[ArticleFacts]:
    ev = Evidence("x-1", NASTY, 0, len(NASTY))
    org = "Tỉnh ủy Sông Lam"
    return [
        ArticleFacts(
            article=Article(id="x-1", text="…", date=dt.date(2021, 5, 6), title="Hội nghị"),
            organizations=(
                Organization(org, OrgKind.PARTY_COMMITTEE, parent="Ban Chấp hành Trung ương"),
            ),
            holdings=(
                Holding("Lê Văn Bình", "Bí thư", org, evidence=(ev,)),
                Holding("Trịnh Thị Cúc", "Phó Bí thư", org, former=True, evidence=(ev,)),
            ),
            events=(
                Event(
                    "Hội nghị Tỉnh ủy",
                    date=dt.date(2021, 5, 5),
                    organizer=org,
                    chair="Lê Văn Bình",
                    participants=("Trịnh Thị Cúc",),
                    evidence=(ev,),
                ),
            ),
        ),
        ArticleFacts(
            article=Article(id="x 2;odd", text="…", date=dt.date(2022, 1, 2)),
            holdings=(Holding("Lê Văn Bình", "Ủy viên", "Ban Chấp hành Trung ương"),),
        ),
    ]


@pytest.fixture(scope="module")
def trig(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("src") / "graph.trig"
    write_trig(facts_to_dataset(facts()), path)
    return path


def quad_set(store: ox.Store) -> set[str]:
    return {str(q) for q in store}


def source_quads(trig: Path) -> set[str]:
    store = ox.Store()
    store.load(path=str(trig), format=ox.RdfFormat.TRIG)
    return quad_set(store)


@pytest.mark.parametrize("fmt", ["jsonld", "nquads"])
def test_dataset_formats_round_trip_with_named_graphs(trig: Path, tmp_path: Path, fmt: str):
    out = export(trig, fmt, tmp_path / f"g.{fmt}")
    rdf_format = {"jsonld": ox.RdfFormat.JSON_LD, "nquads": ox.RdfFormat.N_QUADS}[fmt]
    back = ox.Store()
    back.load(path=str(out), format=rdf_format)
    assert quad_set(back) == source_quads(trig)
    ds = Dataset()  # rdflib reads the same quads
    ds.parse(out, format={"jsonld": "json-ld", "nquads": "nquads"}[fmt])
    assert len(list(ds.quads((None, None, None, None)))) == len(source_quads(trig))


def test_jsonld_context_is_compact(trig: Path, tmp_path: Path) -> None:
    doc = json.loads(export(trig, "jsonld", tmp_path / "g.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"] == dict(sorted(JSONLD_CONTEXT.items()))
    graphs = {g["@id"] for g in doc["@graph"]}
    assert "pgid:article/x-1#graph" in graphs
    node = next(n for g in doc["@graph"] for n in g["@graph"] if "org:holds" in n)
    assert node["@id"].startswith("pgid:person/") and "foaf:Person" in node["@type"]


def test_ntriples_is_the_merged_graph(trig: Path, tmp_path: Path) -> None:
    out = export(trig, "ntriples", tmp_path / "g.nt")
    g = Graph().parse(out, format="nt")
    merged = {(s, p, o) for s, p, o, _ in Dataset().parse(trig, format="trig").quads()}
    assert len(g) == len(merged)
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(merged)  # no duplicates


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_formats_read_back_with_networkx(trig: Path, tmp_path: Path, fmt: str) -> None:
    out = export(trig, fmt, tmp_path / f"g.{fmt}")
    G = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    kinds = {d["kind"] for _, d in G.nodes(data=True)}
    assert {"person", "organization", "event", "article"} <= kinds
    labels = {d["label"] for _, d in G.nodes(data=True)}
    assert {"Lê Văn Bình", "Tỉnh ủy Sông Lam"} <= labels
    holds = [d for *_, d in G.edges(data=True) if d["relation"] == "holds"]
    assert sorted(d["role"] for d in holds) == ["Bí thư", "Phó Bí thư", "Ủy viên"]
    former = {d["role"]: d["former"] in (True, "true", "True") for d in holds}
    assert former == {"Bí thư": False, "Phó Bí thư": True, "Ủy viên": False}
    evidence = {d["evidence"] for d in holds}
    assert NASTY.replace("\x0b", "") in evidence  # markup kept as text, control char dropped
    assert {d["articles"] for d in holds} >= {"x-1", "x 2;odd"}
    relations = {d["relation"] for *_, d in G.edges(data=True)}
    assert {"pg:chair", "schema:attendee", "org:subOrganizationOf"} <= relations


@pytest.mark.parametrize("fmt", ["jsonld", "nquads", "ntriples", "graphml", "gexf"])
def test_exports_are_byte_deterministic(trig: Path, tmp_path: Path, fmt: str) -> None:
    a = export(trig, fmt, tmp_path / f"a.{fmt}").read_bytes()
    ds = facts_to_dataset(facts())  # same graph given as an rdflib dataset
    b = export(ds, fmt, tmp_path / f"b.{fmt}").read_bytes()
    assert a == b


def test_cli_export_and_bad_format(trig: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(main, ["export", str(trig), "--format", "gexf", "-o", str(tmp_path / "g")])
    assert ok.exit_code == 0 and (tmp_path / "g").read_bytes().startswith(b"<?xml")
    bad = runner.invoke(main, ["export", str(trig), "--format", "dot", "-o", str(tmp_path / "d")])
    assert bad.exit_code == 2 and not (tmp_path / "d").exists()
