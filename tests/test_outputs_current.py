"""outputs/ is the graph of the bundled samples exactly as the current code builds it.

Builds are deterministic, so a stale outputs/ (code or samples changed, outputs not
rebuilt) shows as a byte difference here.  Rebuild with ``polgraph build``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from polgraph.build import build

ROOT = Path(__file__).resolve().parents[1]
FILES = ("graph.ttl", "graph.trig", "graph.html", "report.json")


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("samples") / "outputs"
    build(None, out)
    return out


@pytest.mark.parametrize("name", FILES)
def test_committed_outputs_are_current(fresh: Path, name: str) -> None:
    committed = ROOT / "outputs" / name
    assert committed.is_file(), "outputs/ is missing: run `polgraph build` and commit it"
    assert committed.read_bytes() == (fresh / name).read_bytes(), (
        f"outputs/{name} is stale: run `polgraph build` and commit outputs/"
    )
