"""Resolution holds what is per entity, not per article (issue 6: flat memory).

A streaming build walks the facts from disk several times; what the resolver
keeps between walks must not grow with the number of articles that repeat the
same people, bodies and documents.  Only namesakes (one name, several people)
need an entry per mention.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from polgraph.build.spool import SpooledFacts, spool_record
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
from polgraph.core.text import fold
from polgraph.resolve import _Resolver, resolve


def _article(i: int) -> ArticleFacts:
    """An article repeating the same two officials, bodies and documents."""
    committee = Organization("Tỉnh ủy Yên Bái", OrgKind.PARTY_COMMITTEE, locality="Yên Bái")
    board = Organization(
        "Ban Tổ chức Tỉnh ủy Yên Bái", OrgKind.PARTY_BODY, parent="Tỉnh ủy Yên Bái"
    )
    return ArticleFacts(
        Article(id=f"a{i:05d}", text="", date=dt.date(2021, 1, 1 + i % 28)),
        persons=(Person("Lục Văn Khiêm"), Person("Mã Thị Hòa")),
        organizations=(committee, board),
        documents=(
            Document(
                "Kế hoạch số 12-KH/TU", DocKind.PLAN, number="12-KH/TU", issuer="Tỉnh ủy Yên Bái"
            ),
            Document("Kế hoạch số 12", DocKind.PLAN, number="12"),
        ),
        holdings=(
            Holding("Lục Văn Khiêm", "Bí thư", "Tỉnh ủy Yên Bái"),
            Holding("Mã Thị Hòa", "Trưởng ban", "Ban Tổ chức Tỉnh ủy Yên Bái"),
        ),
        events=(
            Event(
                "Hội nghị",
                dt.date(2021, 1, 1 + i % 28),
                "Tỉnh ủy Yên Bái",
                "Lục Văn Khiêm",
                ("Lục Văn Khiêm", "Mã Thị Hòa"),
                ("Kế hoạch số 12",),
            ),
        ),
    )


def _state_sizes(r: _Resolver) -> dict[str, int]:
    return {
        name: len(getattr(r, name))
        for name in (
            "org_names",
            "org_locality",
            "org_parent",
            "doc_counts",
            "doc_by_prefix",
            "doc_display",
            "person_by_name",
            "person_by_mention",
            "links",
        )
    }


def _resolved(n: int) -> _Resolver:
    r = _Resolver([_article(i) for i in range(n)])
    r.run()
    return r


def test_resolver_state_does_not_grow_with_articles_repeating_the_same_entities() -> None:
    small, large = _resolved(5), _resolved(400)
    assert _state_sizes(small) == _state_sizes(large)
    assert _state_sizes(large)["person_by_mention"] == 0  # no namesakes here


def test_per_article_answers_are_recomputed_from_the_article() -> None:
    r = _resolved(3)
    # the bare number means the issued plan the same article cites
    assert r.doc_names(_article(1)) == {
        fold("Kế hoạch số 12"): "Kế hoạch số 12-KH/TU",
        fold("Kế hoạch số 12-KH/TU"): "Kế hoạch số 12-KH/TU",
    }
    rewritten = r.rewrite(_article(2))
    assert [d.name for d in rewritten.documents] == ["Kế hoạch số 12-KH/TU"]
    assert rewritten.events[0].documents == ("Kế hoạch số 12-KH/TU",)
    assert r.person_iri("a00002", "Lục Văn Khiêm") == r.person_iri("a00000", "Lục Văn Khiêm")


def test_namesakes_are_told_apart_per_mention() -> None:
    def holder(aid: str, province: str) -> ArticleFacts:
        org = f"Tỉnh ủy {province}"
        return ArticleFacts(
            Article(id=aid, text=""),
            persons=(Person("Lục Văn Khiêm"),),
            organizations=(Organization(org, OrgKind.PARTY_COMMITTEE, locality=province),),
            holdings=(Holding("Lục Văn Khiêm", "Bí thư", org),),
        )

    facts = [holder("b1", "Yên Bái"), holder("b2", "Cà Mau"), holder("b3", "Yên Bái")]
    r = _Resolver(facts)
    r.run()
    assert r.person_by_name == {}
    assert len(r.person_by_mention) == 3
    assert r.person_iri("b1", "Lục Văn Khiêm") == r.person_iri("b3", "Lục Văn Khiêm")
    assert r.person_iri("b1", "Lục Văn Khiêm") != r.person_iri("b2", "Lục Văn Khiêm")
    assert len(r.links) == 1


class _WalkOnly(Sequence[ArticleFacts]):
    """Facts that can only be walked in order, as a spool on disk is."""

    def __init__(self, facts: list[ArticleFacts]) -> None:
        self._facts = facts
        self.walks = 0

    def __len__(self) -> int:
        return len(self._facts)

    def __getitem__(self, i: Any) -> Any:
        raise AssertionError("resolution must walk the facts, not index them")

    def __iter__(self) -> Iterator[ArticleFacts]:
        self.walks += 1
        return iter(self._facts)


def test_resolution_walks_the_facts_without_copying_them() -> None:
    facts = [_article(i) for i in range(4)]
    walk_only = _WalkOnly(facts)
    r = _Resolver(walk_only)
    assert r.facts is walk_only
    r.run()
    assert walk_only.walks == 2  # the caller's rewrite is the third
    assert resolve(walk_only).facts == resolve(facts).facts


def test_spooled_facts_read_back_in_order_at_every_walk(tmp_path: Path) -> None:
    import pickle

    facts = [_article(i) for i in range(300)]
    path = tmp_path / "slim.spool"
    with path.open("wb") as fh:
        for f in facts:
            spool_record(fh, pickle.dumps(f))
    spooled = SpooledFacts(path, len(facts))
    assert len(spooled) == 300
    assert list(spooled) == facts
    assert list(spooled) == facts  # a second walk reads the file again
    assert spooled[299] == facts[299]
    assert spooled[-1] == facts[-1]


def test_person_groups_follow_code_point_order_and_take_any_text() -> None:
    """Names are grouped on disk; the groups come back in the order Python sorts them,
    and a name that is not valid UTF-8 on its own (a lone surrogate) still resolves."""
    names = ["Ân Văn Ba", "An Văn Ba", "Ăn Văn Ba", "Zô Văn Ba", "An Văn B\udc80"]
    facts = [
        ArticleFacts(Article(id=f"c{i}", text=""), persons=(Person(n),))
        for i, n in enumerate(names)
    ]
    r = _Resolver(facts)
    r.run()
    assert list(r.person_by_name) == sorted(fold(n) for n in names)
    assert r.person("c4", "An Văn B\udc80") == "An Văn B\udc80"


def test_resolution_on_several_workers_equals_one_process(tmp_path: Path, monkeypatch: Any) -> None:
    """The build runs each walk's steps on every core, batch by batch; merged, the results
    are those of one walk over all articles: same names, namesakes, labels and links."""
    import pickle

    import polgraph.resolve.resolver as resolver_module
    from polgraph.build.spool import resolve as resolve_spool

    def holder(aid: str, name: str, province: str) -> ArticleFacts:
        org = f"Tỉnh ủy {province}"
        return ArticleFacts(
            Article(id=aid, text=""),
            persons=(Person(name),),
            organizations=(Organization(org, OrgKind.PARTY_COMMITTEE, locality=province),),
            holdings=(Holding(name, "Bí thư", org),),
        )

    provinces = ["Yên Bái", "Cà Mau", "Yên Bái", "Sơn La"]
    facts = [_article(i) for i in range(7)] + [
        holder(f"b{i}", "Lục Văn Khiêm" if i % 2 else "Lục Văn  Khiêm", provinces[i % 4])
        for i in range(9)
    ]
    # the minority spelling of a body comes last: merged batch by batch, it must not win
    facts += [holder(f"c{i}", "Mã Thị Hòa", "Yên Bái") for i in range(2)]
    facts[-2:] = [
        ArticleFacts(f.article, persons=f.persons, organizations=(Organization("Tỉnh Ủy Yên Bái"),))
        for f in facts[-2:]
    ]
    path = tmp_path / "slim.spool"
    with path.open("wb") as fh:
        for f in facts:
            spool_record(fh, pickle.dumps(f))
    one = resolve_spool(SpooledFacts(path, len(facts)), 1)  # one batch: nothing merged
    monkeypatch.setattr(resolver_module, "WALK_BATCH", 3)  # many batches to merge
    two = resolve_spool(SpooledFacts(path, len(facts)), 2)
    assert one[0].org("Tỉnh Ủy Yên Bái") == "Tỉnh ủy Yên Bái"
    assert one[1] == two[1]  # labels
    assert one[3] == two[3] and one[3]  # "possibly the same" links, namesakes found
    names = {(f.article.id, p.name) for f in facts for p in f.persons}
    assert {n: one[2](*n) for n in names} == {n: two[2](*n) for n in names}
    assert [one[0].rewrite(f) for f in facts] == [two[0].rewrite(f) for f in facts]


def test_one_name_in_many_articles_clusters_in_linear_work(monkeypatch: Any) -> None:
    """A national leader is named in thousands of articles: each mention that joins the
    cluster is added once, not the whole cluster again (that was quadratic)."""
    from polgraph.resolve import persons

    added = 0
    add = persons._Cluster.add

    def counting(self: Any, m: Any) -> None:
        nonlocal added
        added += 1
        add(self, m)

    monkeypatch.setattr(persons._Cluster, "add", counting)
    n = 300
    mentions = [
        persons._Mention(f"a{i:04d}", "Lục Văn Khiêm", frozenset({"Yên Bái"}), frozenset(),
                         frozenset())
        for i in range(n)
    ]  # fmt: skip
    clusters = persons._cluster_name(mentions)
    assert len(clusters) == 1 and len(clusters[0].mentions) == n
    assert added == n
