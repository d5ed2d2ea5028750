"""office-holders on the embedded store: an undated observation keeps its holder and
leaves the dates of the dated ones alone (strict engines blank MIN/MAX otherwise)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from polgraph.core.model import Article, ArticleFacts, Holding, Organization, OrgKind, Person
from polgraph.rdf import facts_to_dataset, resolved_dataset, run_query, write_trig
from polgraph.rdf.sparql import load_store, run_saved

ORG = Organization("Tỉnh ủy Lai Châu", OrgKind.PARTY_COMMITTEE, locality="Lai Châu")


def _facts() -> list[ArticleFacts]:
    def article(aid: str, day: dt.date | None, person: str) -> ArticleFacts:
        return ArticleFacts(
            Article(aid, "…", date=day),
            persons=(Person(person),),
            organizations=(ORG,),
            holdings=(Holding(person, "Bí thư", ORG.name),),
        )

    return [
        article("d1", dt.date(2016, 3, 1), "Lò Văn Khiêm"),
        article("d2", None, "Lò Văn Khiêm"),  # the same post, seen in an undated article
        article("d3", dt.date(2019, 9, 9), "Lò Văn Khiêm"),
        article("d4", None, "Vàng A Páo"),  # only ever seen undated
    ]


def test_undated_observations_leave_the_dates_of_dated_ones(tmp_path: Path) -> None:
    write_trig(resolved_dataset(_facts()), tmp_path / "graph.trig")
    rows = run_saved(
        load_store(tmp_path), "office-holders", {"role_label": "bí thư", "org_label": ORG.name}
    ).values()
    by_name = {str(r["person_name"]): r for r in rows}
    assert set(by_name) == {"Lò Văn Khiêm", "Vàng A Páo"}
    khiem = by_name["Lò Văn Khiêm"]
    assert (str(khiem["first_observed"]), str(khiem["last_observed"])) == (
        "2016-03-01",
        "2019-09-09",
    )
    assert sorted(str(khiem["articles"]).split()) == ["d1", "d2", "d3"]
    assert by_name["Vàng A Páo"].get("first_observed") is None


def test_rdflib_gives_the_same_dates() -> None:
    rows = run_query(
        facts_to_dataset(_facts()), "office-holders", role_label="Bí thư", org_label=ORG.name
    )
    dates = {str(r["person_name"]): str(r.get("first_observed")) for r in rows}
    assert dates == {"Lò Văn Khiêm": "2016-03-01", "Vàng A Páo": "None"}
