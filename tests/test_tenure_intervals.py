"""Tenure intervals (issue 17): every cue on an invented sentence, and what articles add up to."""

from __future__ import annotations

import datetime as dt

import pytest
from rdflib import Dataset, Literal, URIRef

from polgraph.core.model import Article, ArticleFacts, Evidence, Holding
from polgraph.core.vocab import ORG, PG, PROV, TIME
from polgraph.extract.tenure import find_cues
from polgraph.rdf import resolved_dataset
from polgraph.rdf.tenure import TENURE_GRAPH, tenures_of

REF = dt.date(2021, 6, 1)

# (sentence, person, role, others, expected (kind, cause, date, precision) or None)
CUES = [
    ("Ông Lê Văn Bình được bầu giữ chức Bí thư Tỉnh ủy X tại kỳ họp ngày 12/5/2021.",
     "Lê Văn Bình", "Bí thư", (), ("start", "election", "2021-05-12", "day")),
    ("Hội nghị bầu ông Lê Văn Bình giữ chức Chủ tịch HĐND tỉnh.",
     "Lê Văn Bình", "Chủ tịch", (), ("start", "election", "2021-06-01", "day")),
    ("UBND tỉnh bổ nhiệm ông Trần Thị Cúc giữ chức Giám đốc Sở Y từ ngày 1/3/2021.",
     "Trần Thị Cúc", "Giám đốc", (), ("start", "appointment", "2021-03-01", "day")),
    ("Bà Trần Thị Cúc được bổ nhiệm làm Giám đốc Sở Y từ tháng 3/2021.",
     "Trần Thị Cúc", "Giám đốc", (), ("start", "appointment", "2021-03", "month")),
    ("Ngày 12/5, ông Ngô Văn Hải nhậm chức Giám đốc Công an tỉnh.",
     "Ngô Văn Hải", "Giám đốc", (), ("start", "appointment", "2021-05-12", "day")),
    ("Ông Đỗ Minh Dũng, Chủ tịch UBND huyện Z nhiệm kỳ 2020–2025, dự hội nghị.",
     "Đỗ Minh Dũng", "Chủ tịch", (), ("start", "term", "2020", "term")),
    ("Ông Lê Văn Bình, Giám đốc Sở Y, được điều động giữ chức Bí thư Huyện ủy Z.",
     "Lê Văn Bình", "Giám đốc", (), ("end", "transfer", "2021-06-01", "day")),
    ("Ông Lê Văn Bình, Giám đốc Sở Y, được điều động giữ chức Bí thư Huyện ủy Z.",
     "Lê Văn Bình", "Bí thư", (), ("start", "transfer", "2021-06-01", "day")),
    ("Ông Lê Văn Bình thôi giữ chức Bí thư Huyện ủy Z từ tháng 4/2021.",
     "Lê Văn Bình", "Bí thư", (), ("end", "dismissal", "2021-04", "month")),
    ("HĐND tỉnh miễn nhiệm chức vụ Chủ tịch UBND tỉnh đối với ông Lê Văn Bình năm 2020.",
     "Lê Văn Bình", "Chủ tịch", (), ("end", "dismissal", "2020", "year")),
    ("Ông Ngô Văn Hải xin từ chức Chủ tịch UBND tỉnh vào tháng 2 năm 2021.",
     "Ngô Văn Hải", "Chủ tịch", (), ("end", "resignation", "2021-02", "month")),
    ("Ông Lê Văn Bình, Giám đốc Sở X, nghỉ hưu theo chế độ từ ngày 1/8/2020.",
     "Lê Văn Bình", "Giám đốc", (), ("end", "retirement", "2020-08-01", "day")),
    ("Đồng chí Lê Văn Bình, nguyên Bí thư Tỉnh ủy X, đã từ trần ngày 3 tháng 2 năm 2021.",
     "Lê Văn Bình", "Bí thư", (), ("end", "death", "2021-02-03", "day")),
    ("Ban Bí thư quyết định cách chức Bí thư Tỉnh ủy X đối với ông Lê Văn Bình.",
     "Lê Văn Bình", "Bí thư", (), ("end", "discipline", "2021-06-01", "day")),
    ("Ông Ngô Văn Hải giữ chức Bí thư Tỉnh ủy thay ông Lê Văn Bình từ ngày 2/4/2021.",
     "Lê Văn Bình", "Bí thư", ("Ngô Văn Hải",), ("end", "replacement", "2021-04-02", "day")),
    # the cue is about someone else, another post, or long ago: no cue
    ("Ông Lê Văn Bình, Phó Bí thư Tỉnh ủy, được bầu giữ chức Bí thư Tỉnh ủy X.",
     "Lê Văn Bình", "Phó Bí thư", (), None),
    ("Ông Ngô Văn Hải được bầu làm Bí thư, ông Lê Văn Bình dự họp.",
     "Lê Văn Bình", "Bí thư", ("Ngô Văn Hải",), None),
    ("Ông Ngô Văn Hải từng được bầu làm Bí thư Tỉnh ủy.", "Ngô Văn Hải", "Bí thư", (), None),
    ("Ông Ngô Văn Hải tái đắc cử Bí thư Tỉnh ủy ngày 2/10/2020.", "Ngô Văn Hải", "Bí thư", (),
     None),  # re-elected: the tenure began earlier
    ("Hội nghị bầu ông Ngô Văn Hải, Giám đốc Sở Y, giữ chức Phó Chủ tịch UBND tỉnh.",
     "Ngô Văn Hải", "Giám đốc", (), None),  # the post he already holds is not elected
    ("HĐND miễn nhiệm chức danh Chủ tịch HĐND đối với ông Lê Văn Bình, Phó Bí thư Tỉnh ủy.",
     "Lê Văn Bình", "Phó Bí thư", (), None),  # only the post named with the cue ends
    ("Ông Ngô Văn Hải, Bí thư Tỉnh ủy, trao quyết định nghỉ hưu cho ông Lê Văn Bình.",
     "Ngô Văn Hải", "Bí thư", ("Lê Văn Bình",), None),  # the retiree is named after "cho"
    ("Ông Ngô Văn Hải, Chủ tịch UBND tỉnh, gặp mặt các đồng chí cán bộ đã nghỉ hưu.",
     "Ngô Văn Hải", "Chủ tịch", (), None),  # an unnamed group retired, not him
    ("Ông Lê Văn Bình, Ủy viên Trung ương Đảng, Giám đốc Sở Y, được điều động làm Bí thư.",
     "Lê Văn Bình", "Ủy viên", (), None),  # a transfer moves a job, not a committee seat
    ("Quyết định kỷ luật xóa tư cách chức vụ Chủ tịch UBND tỉnh đối với ông Lê Văn Bình.",
     "Lê Văn Bình", "Chủ tịch", (), ("end", "discipline", "2021-06-01", "day")),
    ("Ông Lê Văn Bình, Bí thư Tỉnh ủy, chủ trì hội nghị ngày 3/4/2021.",
     "Lê Văn Bình", "Bí thư", (), None),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "person", "role", "others", "expected"), CUES)
def test_cue(sentence: str, person: str, role: str, others: tuple[str, ...], expected) -> None:  # type: ignore[no-untyped-def]
    cues = find_cues(sentence, person, role, others, REF)
    got = [(c.kind, c.cause, c.date, c.precision) for c in cues]
    assert got == ([expected] if expected else [])


def test_undated_cue_takes_the_article_date_and_says_so() -> None:
    (cue,) = find_cues("Ông Lê Văn Bình nghỉ hưu.", "Lê Văn Bình", "Bí thư", (), REF)
    assert (cue.date, cue.dated_by) == ("2021-06-01", "article")


def _art(aid: str, day: dt.date, sentence: str, *holdings: tuple[str, str, bool]) -> ArticleFacts:
    ev = Evidence(aid, sentence, 0, len(sentence))
    org = "Tỉnh ủy Bắc Sơn"
    hs = tuple(Holding(p, r, org, former, evidence=(ev,)) for p, r, former in holdings)
    return ArticleFacts(Article(aid, sentence, date=day), holdings=hs)


def _by_person(facts: list[ArticleFacts]) -> dict[str, object]:
    return {t.person.rsplit("/", 1)[-1]: t for t in tenures_of(facts)}


def test_successor_across_articles_ends_the_predecessor() -> None:
    facts = [
        _art("a1", dt.date(2019, 3, 1), "Ông Lê Văn Bình, Bí thư Tỉnh ủy, dự họp.",
             ("Lê Văn Bình", "Bí thư", False)),
        _art("a2", dt.date(2021, 5, 20),
             "Ông Ngô Văn Hải được bầu giữ chức Bí thư Tỉnh ủy ngày 12/5/2021.",
             ("Ngô Văn Hải", "Bí thư", False)),
        _art("a3", dt.date(2022, 1, 9), "Ông Phạm Thu Hà, Bí thư Tỉnh ủy, dự họp.",
             ("Phạm Thu Hà", "Bí thư", False)),
    ]  # fmt: skip
    t = _by_person(facts)
    a, b, c = t["Lê_Văn_Bình"], t["Ngô_Văn_Hải"], t["Phạm_Thu_Hà"]
    assert a.start is None and a.observed_since.date == "2019-03-01"  # observed, not a start
    assert (a.end.date, a.end.basis, a.end.successor) == ("2021-05-12", "successor", b.person)
    assert a.end.article_id == "a2" and "12/5/2021" in a.end.evidence.sentence
    assert (b.start.date, b.start.basis) == ("2021-05-12", "election")
    # the next holder has no dated start: only an upper bound for the second one
    assert b.end is None
    assert (b.ended_before.date, b.ended_before.basis) == ("2022-01-09", "successor")
    assert not any(x.conflicts for x in (a, b, c))


def test_deputies_have_no_successor() -> None:
    facts = [
        _art("a1", dt.date(2019, 3, 1), "Ông Lê Văn Bình, Phó Bí thư, dự họp.",
             ("Lê Văn Bình", "Phó Bí thư", False)),
        _art("a2", dt.date(2021, 5, 20), "Ông Ngô Văn Hải, Phó Bí thư, dự họp.",
             ("Ngô Văn Hải", "Phó Bí thư", False)),
    ]  # fmt: skip
    assert all(t.end is None and t.ended_before is None for t in tenures_of(facts))


def test_nguyen_is_an_upper_bound_and_a_contradiction_is_reported() -> None:
    facts = [
        _art("a1", dt.date(2020, 2, 1), "Ông Lê Văn Bình, nguyên Bí thư Tỉnh ủy, dự lễ.",
             ("Lê Văn Bình", "Bí thư", True)),
        _art("a2", dt.date(2020, 9, 1), "Ông Lê Văn Bình, Bí thư Tỉnh ủy, dự họp.",
             ("Lê Văn Bình", "Bí thư", False)),
    ]  # fmt: skip
    (t,) = tenures_of(facts)
    assert (t.ended_before.date, t.ended_before.basis) == ("2020-02-01", "former")
    assert t.end is None
    assert len(t.conflicts) == 1 and "former" in t.conflicts[0]


def test_start_dates_that_disagree_are_both_reported() -> None:
    facts = [
        _art("a1", dt.date(2021, 5, 20), "Ông Lê Văn Bình được bầu giữ chức Bí thư ngày 12/5/2021.",
             ("Lê Văn Bình", "Bí thư", False)),
        _art("a2", dt.date(2021, 7, 2), "Ông Lê Văn Bình được bầu làm Bí thư tháng 3/2019.",
             ("Lê Văn Bình", "Bí thư", False)),
        _art("a3", dt.date(2021, 8, 2), "Ông Lê Văn Bình được bầu làm Bí thư năm 2021.",
             ("Lê Văn Bình", "Bí thư", False)),  # agrees with a1 at year precision
    ]  # fmt: skip
    (t,) = tenures_of(facts)
    assert t.start.date == "2021-05-12"  # the most precise date is kept ...
    assert t.start.precision == "day"
    assert any("2021-05-12" in c and "2019-03" in c for c in t.conflicts)  # ... and reported
    assert len(t.conflicts) == 1  # "năm 2021" agrees with 12/5/2021


def test_end_before_start_and_holder_after_end_are_conflicts() -> None:
    facts = [
        _art("a1", dt.date(2021, 5, 20), "Ông Lê Văn Bình được bầu giữ chức Bí thư ngày 12/5/2021.",
             ("Lê Văn Bình", "Bí thư", False)),
        _art("a2", dt.date(2021, 7, 2), "Ông Lê Văn Bình thôi giữ chức Bí thư từ ngày 1/3/2021.",
             ("Lê Văn Bình", "Bí thư", False)),
    ]  # fmt: skip
    (t,) = tenures_of(facts)
    assert t.end.date == "2021-03-01" and t.end.basis == "dismissal"
    assert any(c.startswith("ends 2021-03-01") for c in t.conflicts)
    assert any("after its end" in c for c in t.conflicts)


def test_rdf_intervals_with_precision_and_evidence() -> None:
    from polgraph.core.vocab import XSD  # not a module global: pytest's fixture scan
    # would look up XSD._mock_name, which rdflib warns about
    pytest.importorskip("pyshacl")
    from polgraph.rdf.ontology import validate

    facts = [
        _art("a1", dt.date(2021, 4, 2), "Bà Trần Thị Cúc được bổ nhiệm làm Bí thư từ tháng 3/2021.",
             ("Trần Thị Cúc", "Bí thư", False)),
        _art("a2", dt.date(2023, 1, 5), "Bà Trần Thị Cúc nghỉ hưu từ ngày 1/1/2023.",
             ("Trần Thị Cúc", "Bí thư", False)),
    ]  # fmt: skip
    ds: Dataset = resolved_dataset(facts)
    g = ds.graph(TENURE_GRAPH)
    (tenure,) = set(g.subjects(PG.holder, None))
    start = g.value(tenure, TIME.hasBeginning)
    end = g.value(tenure, TIME.hasEnd)
    assert g.value(start, TIME.inXSDgYearMonth) == Literal("2021-03", datatype=XSD.gYearMonth)
    assert g.value(start, TIME.unitType) == TIME.unitMonth
    assert g.value(end, TIME.inXSDDate) == Literal("2023-01-01", datatype=XSD.date)
    assert str(g.value(end, PG.basis)) == "retirement"
    assert g.value(end, PROV.wasDerivedFrom) == URIRef("https://w3id.org/polgraph/id/article/a2")
    ev = g.value(end, PG.evidence)
    assert "nghỉ hưu" in str(ds.value(ev, PG.sentence))
    # each article links its own membership to the interval, in its own graph
    links = [(m, c) for m, _p, _o, c in ds.quads((None, ORG.memberDuring, tenure, None))]
    assert len(links) == 2
    assert all((m, ORG.member, None, c) in ds and c != TENURE_GRAPH for m, c in links)
    conforms, text = validate(ds)
    assert conforms, text
    # the shapes check the bounds: a bound without its article is refused
    g.remove((end, PROV.wasDerivedFrom, None))
    conforms, text = validate(ds)
    assert not conforms and "article it comes from" in text


def test_cli_tenure_counts_starts_ends_and_conflicts(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from click.testing import CliRunner

    from polgraph.cli import main
    from polgraph.rdf import write_trig

    facts = [
        _art("a1", dt.date(2019, 3, 1), "Ông Lê Văn Bình, Bí thư Tỉnh ủy, dự họp.",
             ("Lê Văn Bình", "Bí thư", False)),
        _art("a2", dt.date(2021, 5, 20),
             "Ông Ngô Văn Hải được bầu giữ chức Bí thư Tỉnh ủy ngày 12/5/2021.",
             ("Ngô Văn Hải", "Bí thư", False)),
        _art("a3", dt.date(2021, 7, 2), "Ông Ngô Văn Hải được bầu làm Bí thư tháng 3/2019.",
             ("Ngô Văn Hải", "Bí thư", False)),
        _art("a4", dt.date(2022, 1, 9), "Bà Trần Thị Cúc, Phó Bí thư Tỉnh ủy, dự họp.",
             ("Trần Thị Cúc", "Phó Bí thư", False)),
    ]  # fmt: skip
    write_trig(resolved_dataset(facts), tmp_path / "graph.trig")
    runner = CliRunner()
    out = runner.invoke(main, ["tenure", str(tmp_path), "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert (data["tenures"], data["with_start"], data["with_end"], data["observed_only"]) == (
        3, 1, 1, 2,
    )  # fmt: skip
    assert data["with_end_from_successor"] == 1 and data["conflicts"] == 1
    listed = runner.invoke(main, ["tenure", str(tmp_path), "--conflicts"]).output
    assert "Ngô Văn Hải — Bí thư Tỉnh ủy Bắc Sơn: start dates disagree" in listed
    timeline = runner.invoke(main, ["timeline", str(tmp_path), "--person", "Ngô Văn Hải"]).output
    assert timeline.splitlines()[2].startswith("2021-05-12  ?") and " !" in timeline


def test_observed_and_former_bounds_cite_the_sentence_that_showed_the_holding() -> None:
    """No cue dates the holding: "observed since/until" and "nguyên" bounds still name
    the article and the sentence, as cue bounds do, and the shapes accept them."""
    pytest.importorskip("pyshacl")
    from polgraph.rdf.ontology import validate

    first = "Ông Lê Văn Bình, Bí thư Tỉnh ủy, dự lễ khánh thành cầu Suối Mơ."
    last = "Bí thư Tỉnh ủy Lê Văn Bình thăm hợp tác xã chè Bản Lầu."
    former = "Ông Lê Văn Bình, nguyên Bí thư Tỉnh ủy, dự lễ mừng thọ."
    facts = [
        _art("b1", dt.date(2019, 3, 1), first, ("Lê Văn Bình", "Bí thư", False)),
        _art("b2", dt.date(2020, 6, 9), last, ("Lê Văn Bình", "Bí thư", False)),
        _art("b3", dt.date(2023, 2, 2), former, ("Lê Văn Bình", "Bí thư", True)),
    ]
    (t,) = tenures_of(facts)
    assert t.start is None and t.end is None
    ds: Dataset = resolved_dataset(facts)
    g = ds.graph(TENURE_GRAPH)
    (tenure,) = set(g.subjects(PG.holder, None))
    for prop, bound, article, sentence in (
        (PG.observedSince, t.observed_since, "b1", first),
        (PG.observedUntil, t.observed_until, "b2", last),
        (PG.endedBefore, t.ended_before, "b3", former),
    ):
        assert bound.article_id == article and bound.evidence_iri
        node = g.value(tenure, prop)
        assert g.value(node, PROV.wasDerivedFrom) == URIRef(
            f"https://w3id.org/polgraph/id/article/{article}"
        )
        ev = g.value(node, PG.evidence)
        assert str(ev) == bound.evidence_iri
        assert str(ds.value(ev, PG.sentence)) == sentence  # the node the article graph holds
        assert ds.value(ev, PROV.wasDerivedFrom) == g.value(node, PROV.wasDerivedFrom)
    conforms, text = validate(ds)
    assert conforms, text
    # the successor's observation is the evidence of a predecessor's upper bound
    later = _art("b4", dt.date(2024, 1, 5), "Ông Ngô Văn Hải, Bí thư Tỉnh ủy, dự họp.",
                 ("Ngô Văn Hải", "Bí thư", False))  # fmt: skip
    bounds = {x.person.rsplit("/", 1)[-1]: x for x in tenures_of([*facts[:2], later])}
    upper = bounds["Lê_Văn_Bình"].ended_before
    assert (upper.basis, upper.article_id) == ("successor", "b4")
    assert upper.evidence_iri == bounds["Ngô_Văn_Hải"].observed_since.evidence_iri


def test_a_bound_citing_two_sentences_is_refused_by_the_shapes() -> None:
    pytest.importorskip("pyshacl")
    from polgraph.rdf.ontology import validate

    facts = [
        _art("c1", dt.date(2019, 3, 1), "Ông Lê Văn Bình, Bí thư Tỉnh ủy, dự họp.",
             ("Lê Văn Bình", "Bí thư", False)),
        _art("c2", dt.date(2020, 3, 1), "Bí thư Tỉnh ủy Lê Văn Bình dự họp.",
             ("Lê Văn Bình", "Bí thư", False)),
    ]  # fmt: skip
    ds: Dataset = resolved_dataset(facts)
    g = ds.graph(TENURE_GRAPH)
    (tenure,) = set(g.subjects(PG.holder, None))
    since, until = g.value(tenure, PG.observedSince), g.value(tenure, PG.observedUntil)
    g.add((since, PG.evidence, g.value(until, PG.evidence)))
    conforms, text = validate(ds)
    assert not conforms and "at most one sentence" in text


def test_the_tally_folds_batches_in_any_order_to_the_same_intervals() -> None:
    """The build folds each batch's observations as it comes back: the order must not matter."""
    import itertools

    from polgraph.core.iris import iri_for
    from polgraph.resolve.tenure import TenureTally, observations

    facts = [
        _art("d1", dt.date(2019, 3, 1), "Ông Lê Văn Bình, Bí thư Tỉnh ủy, dự họp.",
             ("Lê Văn Bình", "Bí thư", False)),
        _art("d2", dt.date(2021, 5, 20),
             "Ông Ngô Văn Hải được bầu giữ chức Bí thư Tỉnh ủy ngày 12/5/2021.",
             ("Ngô Văn Hải", "Bí thư", False)),
        _art("d3", dt.date(2022, 1, 9), "Ông Lê Văn Bình, nguyên Bí thư Tỉnh ủy, dự họp.",
             ("Lê Văn Bình", "Bí thư", True)),
        _art("d4", dt.date(2020, 7, 2), "Bí thư Tỉnh ủy Lê Văn Bình dự họp.",
             ("Lê Văn Bình", "BÍ THƯ", False)),
    ]  # fmt: skip

    def key(_article: str, name: str) -> str:  # as tenures_of names people without resolution
        return str(iri_for("person", name))

    expected = tenures_of(facts)
    assert [t.person.rsplit("/", 1)[-1] for t in expected] == ["Lê_Văn_Bình", "Ngô_Văn_Hải"]
    for order in itertools.permutations(facts):
        tally = TenureTally()
        for one in order:  # one batch per article
            tally.add(observations([one], key))
        got = tally.tenures()
        assert len(tally) == 2
        assert [(t.role, t.start, t.end, t.observed_since, t.observed_until, t.ended_before,
                 t.conflicts) for t in got] == [
            (t.role, t.start, t.end, t.observed_since, t.observed_until, t.ended_before,
             t.conflicts) for t in expected
        ]  # fmt: skip
