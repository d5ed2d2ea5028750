"""Issue 15 item 11: the build summary counts what a reader counts, in words (RDF counts stay
in report.json), and the progress bar's estimate leaves out the start-up."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from polgraph.build.report import in_words
from polgraph.cli import main
from polgraph.cli.common import _Progress, eta_seconds


def test_build_summary_in_words_and_rdf_counts_in_report(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "-o", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    entities = report["entities"]
    assert entities["pg:Evidence"] > 0 and entities["foaf:Person"] > 0  # RDF counts kept
    words = in_words(entities)
    assert words.startswith(f"{entities['foaf:Person']} people, ")
    assert f"{entities['org:Post']} posts" in words
    graph_line = next(line for line in result.stdout.splitlines() if line.startswith("Graph:"))
    assert words in graph_line
    assert not any(p in result.stdout for p in ("pg:", "prov:", "foaf:"))


def test_eta_counts_from_the_first_batch_not_the_start_up() -> None:
    # start-up 3 s, then 64 articles per 0.1 s: 1000 articles take ~4.5 s in all
    assert eta_seconds((3.0, 64), (3.1, 128), 1000) == pytest.approx(1.3625)
    assert eta_seconds((3.0, 64), (3.0, 64), 1000) is None
    ticks = iter([3.0, 3.1, 3.2])
    progress = _Progress(True, "Extracting", clock=lambda: next(ticks))
    try:
        progress(64, 1000)
        assert progress.eta is None  # one point is no rate
        progress(128, 1000)
        progress(192, 1000)
        # click's own estimate would be ~0:13 (3.2 s for 192 articles); since the first batch
        # 128 articles took 0.2 s, so the 808 left take 1.3 s
        assert progress.eta == "00:01 left"
    finally:
        progress.close()
