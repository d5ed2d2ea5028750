"""Parallel and Dask builds: same output bytes as one worker, bounded reading."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from bench.generate_corpus import write_corpus
from polgraph.build import build
from polgraph.build.parallel import extract_batches, extract_parallel
from polgraph.core.model import Article
from polgraph.ingest import read_all

FILES = ("graph.ttl", "graph.trig", "graph.html", "report.json")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    write_corpus(root, 50, seed=11, per_file=20, gold=False)
    return root / "articles"


def _bytes(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in FILES}


def test_workers_give_byte_identical_outputs(corpus: Path, tmp_path: Path) -> None:
    one = build([corpus], tmp_path / "one", workers=1)
    two = build([corpus], tmp_path / "two", workers=2)
    # small batches: several extraction and RDF jobs, so both pools fork
    small = build([corpus], tmp_path / "small", workers=2, batch_size=8)
    assert one.articles == two.articles == small.articles == 50
    assert _bytes(tmp_path / "one") == _bytes(tmp_path / "two") == _bytes(tmp_path / "small")


def _statements(path: Path) -> set[str]:
    return {str(t) for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)}


def test_build_states_what_the_rdflib_converter_states(corpus: Path, tmp_path: Path) -> None:
    """The build writes N-Triples text for speed; ``resolved_dataset`` (rdflib, for users who
    want a ``Dataset``) is the reference: the same quads, and the union is graph.ttl."""
    from polgraph.build.extraction import extract_all
    from polgraph.rdf import resolved_dataset

    build([corpus], tmp_path / "out", workers=2)
    facts, _failed = extract_all(read_all([corpus]).articles)
    ds = resolved_dataset(facts)
    expected = {
        f"{_ox(s)} {_ox(p)} {_ox(o)} {_ox(g)}"
        for s, p, o, g in ds.quads((None, None, None, None))
        if g != ds.default_graph.identifier
    }
    trig = ox.parse(path=str(tmp_path / "out/graph.trig"), format=ox.RdfFormat.TRIG)
    assert {str(q) for q in trig} == expected
    union = {t.rsplit(" ", 1)[0] for t in expected}
    assert _statements(tmp_path / "out/graph.ttl") == union


def _ox(term: object) -> str:
    from polgraph.rdf.oxstore import ox_term

    return str(ox_term(term.identifier if hasattr(term, "identifier") else term))


def test_merged_graph_split_into_partitions_loses_and_duplicates_nothing(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Large builds merge the graph partition by partition (by subject); the split must
    not change the statements or the counts, and one subject's statements stay together,
    except its evidence links, spread so that no partition grows with the corpus."""
    import polgraph.build.merge

    whole = build([corpus], tmp_path / "whole", workers=1)
    monkeypatch.setattr(polgraph.build.merge, "_PART_ARTICLES", 7)  # 50 articles → 8 partitions
    split = build([corpus], tmp_path / "split", workers=2)
    assert _statements(tmp_path / "whole/graph.ttl") == _statements(tmp_path / "split/graph.ttl")
    assert whole.to_json() | {"outputs": None} == split.to_json() | {"outputs": None}
    turtle = (tmp_path / "split/graph.ttl").read_text(encoding="utf-8")
    by_subject: dict[str, list[set[str]]] = {}  # subject → predicates of each block
    for line in turtle.splitlines():
        if line[:1] in "<_":  # a block opens: "<s> <p> <o> ;"
            subject, predicate = line.split(" ", 2)[:2]
            block = {predicate}
            by_subject.setdefault(subject, []).append(block)
        elif line.startswith("\t") and by_subject:  # the block goes on: "\t<p> <o> ;"
            block.add(line.split(" ", 1)[0].strip())
    assert len(by_subject) > 50
    repeated = {s: p for s, p in by_subject.items() if len(p) > 1}
    assert repeated, "a body named in many articles has its evidence links spread"
    for subject, groups in repeated.items():
        # one block says everything else; the others carry evidence links only
        others = [g for g in groups if g != {"pg:evidence"}]
        assert len(others) <= 1, (subject, groups)


def test_overview_page_is_the_same_for_any_workers_and_partitions(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above the page limit graph.html is the overview, tallied partition by partition in
    the workers and added up: the same bytes for any split and any number of workers."""
    import polgraph.build.merge
    from polgraph.build import run

    monkeypatch.setattr(run, "HTML_MAX_TRIPLES", 0)
    build([corpus], tmp_path / "one", workers=1)
    monkeypatch.setattr(polgraph.build.merge, "_PART_ARTICLES", 7)  # 50 articles → 8 partitions
    build([corpus], tmp_path / "split", workers=2)
    page = (tmp_path / "one/graph.html").read_text(encoding="utf-8")
    assert "vis.Network" not in page and "people/" in page and "organizations/" in page
    assert page == (tmp_path / "split/graph.html").read_text(encoding="utf-8")


def test_input_is_read_lazily_in_a_bounded_window() -> None:
    pulled = 0

    def articles():
        nonlocal pulled
        for i in range(10_000):
            pulled += 1
            yield Article(f"a{i}", "Tỉnh ủy họp.")

    batches = extract_batches(articles(), workers=2, batch_size=5, window=3)
    first_facts, _failed = next(batches)
    assert [f.article.id for f in first_facts] == [f"a{i}" for i in range(5)]
    assert pulled <= 5 * 5  # window of 3 batches plus the one being cut, not the corpus
    batches.close()


def test_dask_local_cluster_matches_one_worker(corpus: Path) -> None:
    distributed = pytest.importorskip("dask.distributed", reason="Dask is the 'scale' extra")
    articles = list(read_all([corpus]).articles)[:24]
    expected, _ = extract_parallel(articles, workers=1)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        got, failed = extract_parallel(articles, dask=client, batch_size=5)
    assert failed == []
    assert got == expected  # same facts, same (input) order, across processes
