"""FollowTheMoney, Popolo and QuickStatements exports (issue 17), checked by their own tools.

The graph is built from invented articles: a provincial secretary elected on a
dated day and succeeded, a chairman who retired, a committee seat.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from polgraph.cli import main
from polgraph.core.model import Article, ArticleFacts, Evidence, Holding, Organization, OrgKind
from polgraph.outputs.export import export
from polgraph.rdf import resolved_dataset, write_trig

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FETCHED_SCHEMAS = Path(__file__).resolve().parents[1] / "build" / "popolo-schemas"
PROVINCE = "Tỉnh ủy Bắc Sơn"
PEOPLE = "Ủy ban nhân dân tỉnh Bắc Sơn"


def _art(aid: str, day: dt.date, sentence: str, *holdings: tuple[str, str, str]) -> ArticleFacts:
    ev = Evidence(aid, sentence, 0, len(sentence))
    orgs = (
        Organization(PROVINCE, OrgKind.PARTY_COMMITTEE, locality="Bắc Sơn"),
        Organization(PEOPLE, OrgKind.GOVERNMENT, locality="Bắc Sơn"),
    )
    hs = tuple(Holding(p, r, o, evidence=(ev,)) for p, r, o in holdings)
    url = f"https://news.example/{aid}.html"
    return ArticleFacts(Article(aid, sentence, date=day, url=url), organizations=orgs, holdings=hs)


@pytest.fixture(scope="module")
def graph_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    facts = [
        _art("n1", dt.date(2019, 3, 1), "Ông Lê Văn Bình, Bí thư Tỉnh ủy, dự họp.",
             ("Lê Văn Bình", "Bí thư", PROVINCE)),
        _art("n2", dt.date(2021, 5, 20),
             "Ông Ngô Văn Hải được bầu giữ chức Bí thư Tỉnh ủy ngày 12/5/2021.",
             ("Ngô Văn Hải", "Bí thư", PROVINCE)),
        _art("n3", dt.date(2022, 2, 3),
             "Ông Đỗ Minh Dũng, Chủ tịch UBND tỉnh, nghỉ hưu từ tháng 1/2022.",
             ("Đỗ Minh Dũng", "Chủ tịch", PEOPLE)),
        _art("n4", dt.date(2022, 2, 3), "Bà Trần Thị Cúc, Tỉnh ủy viên, dự họp.",
             ("Trần Thị Cúc", "Ủy viên", PROVINCE)),
    ]  # fmt: skip
    out = tmp_path_factory.mktemp("people") / "out"
    out.mkdir()
    write_trig(resolved_dataset(facts), out / "graph.trig")
    return out


def _ftm(graph_dir: Path, tmp_path: Path) -> list[dict]:  # type: ignore[type-arg]
    path = export(graph_dir, "ftm", tmp_path / "out.ftm.json")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_ftm_entities_load_in_followthemoney(graph_dir: Path, tmp_path: Path) -> None:
    ftm = pytest.importorskip("followthemoney", reason="followthemoney is a test dependency")
    from followthemoney.exc import InvalidData
    from followthemoney.types import registry

    entities = _ftm(graph_dir, tmp_path)
    ids = {e["id"] for e in entities}
    by_schema: dict[str, list] = {}  # type: ignore[type-arg]
    for data in entities:
        try:
            proxy = ftm.model.get_proxy(data, cleaned=False)
        except InvalidData as exc:  # an unknown schema or property
            pytest.fail(f"{data['schema']} {data['id']}: {exc}")
        # every value survives FtM's own cleaning unchanged (dates, country, topics ...)
        assert proxy.to_dict()["properties"] == data["properties"], data
        for prop in proxy.iterprops():
            if prop.type == registry.entity:
                assert set(proxy.get(prop)) <= ids, f"{prop.name} points outside the export"
        by_schema.setdefault(proxy.schema.name, []).append(proxy)
    assert {k: len(v) for k, v in by_schema.items()} == {
        "Organization": 1, "PublicBody": 1, "Person": 4, "Position": 2, "Occupancy": 3,
        "Membership": 1,
    }  # fmt: skip
    positions = {p.first("name"): p for p in by_schema["Position"]}
    secretary = positions[f"Bí thư {PROVINCE}"]
    assert secretary.get("country") == ["vn"] and secretary.get("subnationalArea") == ["Bắc Sơn"]
    assert secretary.get("topics") == ["gov.state", "pol.party"]
    assert positions[f"Chủ tịch {PEOPLE}"].get("topics") == ["gov.executive", "gov.state"]
    names = {p.id: p.first("name") for p in by_schema["Person"]}
    occ = {names[o.first("holder")]: o for o in by_schema["Occupancy"]}
    assert occ["Ngô Văn Hải"].get("startDate") == ["2021-05-12"]
    assert occ["Lê Văn Bình"].get("endDate") == ["2021-05-12"]  # the successor's start
    assert occ["Lê Văn Bình"].get("status") == ["ended"]
    assert occ["Đỗ Minh Dũng"].get("endDate") == ["2022-01"]  # month precision kept
    assert occ["Ngô Văn Hải"].get("status") == ["current"]
    assert occ["Ngô Văn Hải"].get("sourceUrl") == ["https://news.example/n2.html"]
    (seat,) = by_schema["Membership"]
    assert names[seat.first("member")] == "Trần Thị Cúc" and seat.get("role") == ["Ủy viên"]


def test_ftm_ids_are_stable(graph_dir: Path, tmp_path: Path) -> None:
    a = export(graph_dir, "ftm", tmp_path / "a.json").read_bytes()
    b = export(graph_dir, "ftm", tmp_path / "b.json").read_bytes()
    assert a == b and a.count(b"\n") == 12


def _popolo_schemas() -> Path:
    """$POLGRAPH_POPOLO_SCHEMAS, else what scripts/fetch_popolo_schemas.py fetched."""
    where = os.environ.get("POLGRAPH_POPOLO_SCHEMAS")
    folder = Path(where) if where else FETCHED_SCHEMAS
    if not (folder / "membership.json").is_file():
        pytest.skip(
            f"Popolo JSON schemas not found in {folder}: run scripts/fetch_popolo_schemas.py "
            "(it takes them from the npm registry; .ci/run does) or set POLGRAPH_POPOLO_SCHEMAS"
        )
    return folder


def test_popolo_validates_against_the_popolo_schemas(graph_dir: Path, tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is a test dependency")
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT3

    folder = _popolo_schemas()
    schemas = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in folder.glob("*.json")}
    registry = Registry().with_resources(
        (s["id"], Resource.from_contents(s, default_specification=DRAFT3)) for s in schemas.values()
    )
    doc = json.loads(export(graph_dir, "popolo", tmp_path / "p.json").read_text(encoding="utf-8"))
    collections = {"persons": "person", "organizations": "organization", "posts": "post",
                   "memberships": "membership", "areas": "area"}  # fmt: skip
    required = {"persons", "organizations", "posts", "memberships"}
    checked = 0
    for collection, schema in collections.items():
        assert doc[collection], collection
        if schema not in schemas:  # older schema sets have no area.json
            assert collection not in required, f"{folder} lacks {schema}.json"
            continue
        validator = jsonschema.Draft3Validator(schemas[schema], registry=registry)
        for item in doc[collection]:
            errors = sorted(e.message for e in validator.iter_errors(item))
            assert not errors, (collection, item, errors)
            checked += 1
    assert checked >= len(doc["persons"]) + len(doc["memberships"])
    # the schemas are strict where it matters: a date that is not ISO 8601 fails
    bad = {"start_date": "12/5/2021"}
    validator = jsonschema.Draft3Validator(schemas["membership"], registry=registry)
    assert list(validator.iter_errors(bad))


def test_popolo_links_and_dates(graph_dir: Path, tmp_path: Path) -> None:
    doc = json.loads(export(graph_dir, "popolo", tmp_path / "p.json").read_text(encoding="utf-8"))
    ids = {x["id"] for key in ("persons", "organizations", "posts", "areas") for x in doc[key]}
    for m in doc["memberships"]:
        assert {m["person_id"], m["organization_id"], m["post_id"]} <= ids
    for o in doc["organizations"]:
        assert o.get("parent_id", o["id"]) in ids and o.get("area_id", o["id"]) in ids
    kinds = {o["name"]: o["classification"] for o in doc["organizations"]}
    assert kinds == {PROVINCE: "party committee", PEOPLE: "executive"}
    by_person = {m["person_id"].rsplit("/", 1)[-1]: m for m in doc["memberships"]}
    assert by_person["Ngô_Văn_Hải"]["start_date"] == "2021-05-12"
    assert "start_date" not in by_person["Lê_Văn_Bình"]  # observed only: no start claimed
    assert by_person["Lê_Văn_Bình"]["end_date"] == "2021-05-12"
    assert by_person["Ngô_Văn_Hải"]["sources"] == [
        {"url": "https://news.example/n2.html", "note": "article n2, 2021-05-20"}
    ]


def test_quickstatements_after_reconciliation(graph_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    first = tmp_path / "qs1"
    args = ["export", str(graph_dir), "-f", "quickstatements", "-o", str(first)]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert (first / "quickstatements.txt").read_text(encoding="utf-8") == ""  # nothing known yet
    rows = list(csv.DictReader((first / "reconcile.csv").open(encoding="utf-8", newline="")))
    assert len(rows) == 4 and all(r["person_qid"] == r["post_qid"] == "" for r in rows)
    # the user reconciles two holdings in OpenRefine and fills in the ids
    for r in rows:
        if r["person"] == "Ngô Văn Hải":
            r["person_qid"], r["post_qid"] = "Q1001", "Q2002"
        if r["person"] == "Đỗ Minh Dũng":
            r["person_qid"], r["post_qid"] = "Q1003", "Q2004"
    reconciled = tmp_path / "reconciled.csv"
    with reconciled.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    second = tmp_path / "qs2"
    result = runner.invoke(main, ["export", str(graph_dir), "-f", "quickstatements", "-o",
                                  str(second), "--reconciled", str(reconciled),
                                  "--retrieved", "2022-03-01"])  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = (second / "quickstatements.txt").read_text(encoding="utf-8").splitlines()
    assert lines == [
        "Q1001\tP39\tQ2002\tP580\t+2021-05-12T00:00:00Z/11\tS854\t"
        '"https://news.example/n2.html"\tS813\t+2022-03-01T00:00:00Z/11',
        "Q1003\tP39\tQ2004\tP582\t+2022-01-00T00:00:00Z/10\tS854\t"
        '"https://news.example/n3.html"\tS813\t+2022-03-01T00:00:00Z/11',
    ]
    assert "P642" not in "\n".join(lines)
    left = list(csv.DictReader((second / "reconcile.csv").open(encoding="utf-8", newline="")))
    assert sorted(r["person"] for r in left) == ["Lê Văn Bình", "Trần Thị Cúc"]


def test_quickstatements_refuse_a_bad_id_and_write_nothing(graph_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "person_iri,person_qid,post_iri,post_qid\nhttps://x/p,Q12;DROP,https://x/q,Q1\n",
        encoding="utf-8",
    )
    out = tmp_path / "qs"
    result = CliRunner().invoke(main, ["export", str(graph_dir), "-f", "quickstatements", "-o",
                                       str(out), "--reconciled", str(bad)])  # fmt: skip
    assert result.exit_code == 1
    assert "bad.csv, row 2" in result.output and "Traceback" not in result.output
    assert not out.exists()


def test_readme_samples_are_what_the_bundled_outputs_export(tmp_path: Path) -> None:
    """The README's FtM and Popolo samples are real records of ``outputs/``."""
    root = Path(__file__).resolve().parents[1]
    readme = (root / "README.md").read_text(encoding="utf-8")
    ftm = export(root / "outputs", "ftm", tmp_path / "o.ftm.json").read_text(encoding="utf-8")
    start = readme.index('```json\n{"id": "pg-person-') + len("```json\n")
    sample = readme[start : readme.index("```", start)].strip().splitlines()
    assert len(sample) == 4 and all(line in ftm.splitlines() for line in sample)
    doc = json.loads(export(root / "outputs", "popolo", tmp_path / "o.json").read_text("utf-8"))
    start = readme.index('```json\n{\n  "id": "https://w3id.org/polgraph/id/post/') + 8
    membership = json.loads(readme[start : readme.index("```", start)])
    assert membership in doc["memberships"]
