"""The networkx API: holdings as edges, centrality of officials, co-membership projection."""

from __future__ import annotations

import datetime as dt

import pytest

from polgraph.core.model import Article, ArticleFacts, Holding
from polgraph.outputs.netx import co_membership, official_centrality, to_networkx
from polgraph.rdf import facts_to_dataset


def star() -> list[ArticleFacts]:
    """A chairs two bodies (the bridge); B and C sit with A on one, D with A on the other."""
    a = Article(id="n-1", text="…", date=dt.date(2020, 1, 1))
    return [
        ArticleFacts(
            article=a,
            holdings=(
                Holding("Người A", "Bí thư", "Tỉnh ủy X"),
                Holding("Người A", "Chủ tịch", "Hội đồng nhân dân tỉnh X"),
                Holding("Người B", "Phó Bí thư", "Tỉnh ủy X"),
                Holding("Người C", "Ủy viên", "Tỉnh ủy X", former=True),
                Holding("Người D", "Phó Chủ tịch", "Hội đồng nhân dân tỉnh X"),
            ),
        )
    ]


@pytest.fixture(scope="module")
def G():
    return to_networkx(facts_to_dataset(star()))


def test_holdings_are_person_to_organization_edges(G) -> None:
    holds = [
        (G.nodes[u]["label"], G.nodes[v]["label"], d)
        for u, v, d in G.edges(data=True)
        if d["relation"] == "holds"
    ]
    assert len(holds) == 5
    a_roles = sorted(d["role"] for u, _v, d in holds if u == "Người A")
    assert a_roles == ["Bí thư", "Chủ tịch"]
    assert all(d["articles"] == "n-1" and d["observed"] == "2020-01-01" for *_, d in holds)


def test_centrality_puts_the_bridge_first(G) -> None:
    for measure in ("degree", "betweenness", "eigenvector"):
        ranked = official_centrality(G, measure)
        assert ranked[0][1] == "Người A", measure
        assert {r[1] for r in ranked} == {"Người A", "Người B", "Người C", "Người D"}
    with pytest.raises(ValueError, match="unknown measure"):
        official_centrality(G, "pagerankish")


def test_co_membership_projection(G) -> None:
    P = co_membership(G)
    label = {n: d["label"] for n, d in P.nodes(data=True)}
    pairs = {frozenset((label[u], label[v])): d for u, v, d in P.edges(data=True)}
    assert set(pairs) == {
        frozenset(("Người A", "Người B")),
        frozenset(("Người A", "Người C")),
        frozenset(("Người B", "Người C")),
        frozenset(("Người A", "Người D")),
    }
    assert pairs[frozenset(("Người A", "Người D"))]["organizations"] == (
        "Hội đồng nhân dân tỉnh X",
    )
    current = co_membership(G, current_only=True)
    assert current.number_of_edges() == 2  # C's title is former
