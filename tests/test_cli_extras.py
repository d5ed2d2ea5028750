"""Issue 15 items 3 and 5: validate's exit codes, and --dask with few articles or no Dask."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from polgraph.build import sample_corpus
from polgraph.build.parallel import extract_batches, extract_parallel
from polgraph.cli import main
from polgraph.cli.graph_cmds import NOT_CONFORMING
from polgraph.core.extras import MissingExtra, require
from polgraph.ingest import read_all

BAD = (
    "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n"
    '<https://w3id.org/polgraph/id/person/X> a foaf:Person ; foaf:name "A", "B" .\n'
)


def test_validate_exit_codes_tell_nonconforming_from_could_not_run(tmp_path: Path) -> None:
    from polgraph.rdf import validate
    from polgraph.rdf.oxstore import union_rdflib
    from polgraph.rdf.sparql import load_store

    bad = tmp_path / "bad.ttl"
    bad.write_text(BAD, encoding="utf-8")
    conforms, text = validate(union_rdflib(load_store(bad)))
    assert not conforms and "foaf" in text  # the library says why
    runner = CliRunner()
    result = runner.invoke(main, ["validate", str(bad)])
    assert result.exit_code == NOT_CONFORMING == 3
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    result = runner.invoke(main, ["validate", str(broken)])
    assert result.exit_code == 1
    assert result.output.startswith("Error:") and "Traceback" not in result.output


def _hide_dask(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("dask", "dask.distributed", "distributed"):
        monkeypatch.setitem(sys.modules, name, None)  # import raises ImportError


def test_dask_without_the_extra_is_one_error_line(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    _hide_dask(monkeypatch)
    with pytest.raises(MissingExtra, match=r"polgraph\[scale\]"):
        require("dask.distributed", "scale", "--dask")
    articles = list(read_all([sample_corpus()]).articles)[:2]
    with pytest.raises(MissingExtra):
        extract_parallel(articles, dask="tcp://127.0.0.1:1")
    result = CliRunner().invoke(
        main, ["build", "--dask", "tcp://127.0.0.1:1", "-o", str(tmp_path / "o")]
    )
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: --dask needs")
    assert "pip install 'polgraph[scale]'" in lines[0]
    assert not (tmp_path / "o").exists()


def test_dask_with_one_batch_of_articles(tmp_path: Path) -> None:
    """Fewer articles than one batch (64) crashed: a None second batch was chained."""
    distributed = pytest.importorskip("dask.distributed", reason="Dask is the 'scale' extra")
    articles = list(read_all([sample_corpus()]).articles)
    assert len(articles) < 64
    expected, _ = extract_parallel(articles, workers=1)
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        with distributed.Client(cluster) as client:
            batches = list(extract_batches(articles[:3], dask=client))
            assert [f.article.id for f in batches[0][0]] == [a.id for a in articles[:3]]
            got, failed = extract_parallel(articles, dask=client)
            assert failed == [] and got == expected
        out = tmp_path / "out"
        result = CliRunner().invoke(
            main, ["build", "--dask", cluster.scheduler_address, "-o", str(out), "-q"]
        )
    assert result.exit_code == 0, result.output
    reference = tmp_path / "ref"
    assert CliRunner().invoke(main, ["build", "-o", str(reference), "-q"]).exit_code == 0
    assert (out / "graph.trig").read_bytes() == (reference / "graph.trig").read_bytes()
