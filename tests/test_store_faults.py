"""build --store under faults: killed at random moments, run twice at once, damaged files.

Whatever happened before, one more run leaves the store equal to a store built from
scratch from the same articles (issue 14, item 1).  The kills are real: a
``polgraph build --store`` subprocess gets SIGKILL after a random delay.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench.generate_corpus import write_corpus
from polgraph.build.lock import store_lock
from polgraph.build.store import DIRTY, StoreBusy, store_quads, update_store
from polgraph.cli import main

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and flock are POSIX")

INVENTED = "Ông Hà Văn Tý, Bí thư Huyện ủy Mường Khương, phát biểu tại hội nghị."


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A: 80 generated articles.  B: half of them gone, a tenth changed (an invented person)."""
    root = tmp_path_factory.mktemp("corpora")
    write_corpus(root / "gen", 80, seed=5, per_file=80, gold=False)
    rows = [
        json.loads(line)
        for f in sorted((root / "gen" / "articles").glob("*.jsonl"))
        for line in f.read_text(encoding="utf-8").splitlines()
    ]
    b_rows = [
        {**r, "text": r["text"] + "\n" + INVENTED} if i % 10 == 0 else r
        for i, r in enumerate(rows)
        if i % 2 == 0
    ]
    out = {}
    for name, chosen in (("a", rows), ("b", b_rows)):
        (root / name).mkdir()
        lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in chosen)
        (root / name / "news.jsonl").write_text(lines, encoding="utf-8")
        out[name] = root / name
    return out


@pytest.fixture(scope="module")
def scratch(corpora: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, list]:
    """Each corpus built from scratch into an empty store: what every run must end in."""
    root = tmp_path_factory.mktemp("scratch")
    result = {}
    for name, src in corpora.items():
        update_store([src], root / name, workers=1)
        result[name] = store_quads(root / name)
    assert result["a"] != result["b"]
    return result


def _command(src: Path, store: Path) -> list[str]:
    return [sys.executable, "-m", "polgraph", "build", str(src), "--store", str(store), "-q", "-j1"]


def _run(src: Path, store: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    return subprocess.run(
        _command(src, store), capture_output=True, text=True, timeout=300, env=env, check=False
    )


@pytest.fixture(scope="module")
def base(
    corpora: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, float, float]:
    """A store of corpus A; how long one run from A to B takes, and how long of it the store
    is being changed (marked dirty): the two kill windows."""
    root = tmp_path_factory.mktemp("base")
    done = _run(corpora["a"], root / "store")
    assert done.returncode == 0, done.stderr
    probe = root / "probe"
    shutil.copytree(root / "store", probe)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    started = time.monotonic()
    child = subprocess.Popen(_command(corpora["b"], probe), env=env)
    while not (probe / DIRTY).exists() and child.poll() is None:
        time.sleep(0.001)
    marked = time.monotonic()
    assert child.wait(timeout=300) == 0
    ended = time.monotonic()
    return root / "store", ended - started, ended - marked


@pytest.mark.parametrize("seed", range(4))
def test_killed_at_a_random_moment_then_rerun_equals_scratch(
    seed: int, corpora: dict[str, Path], scratch: dict[str, list], base: tuple[Path, float, float],
    tmp_path: Path,
) -> None:  # fmt: skip
    """Odd seeds kill while the store is being changed (a random moment after the run
    marks it dirty), even ones at any moment of the run; then a rerun with B, or with A
    (the changed articles revert, the removed ones come back)."""
    store, duration, changing = base
    rng = random.Random(seed)
    work = tmp_path / "store"
    shutil.copytree(store, work)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    child = subprocess.Popen(_command(corpora["b"], work), env=env, stderr=subprocess.DEVNULL)
    if seed % 2:
        while not (work / DIRTY).exists() and child.poll() is None:
            time.sleep(0.001)
        time.sleep(rng.uniform(0, changing))
    else:
        time.sleep(rng.uniform(0.3, duration))
    child.send_signal(signal.SIGKILL)
    child.wait()
    final = "a" if (seed // 2) % 2 else "b"
    report = update_store([corpora[final]], work, workers=1)
    assert store_quads(work) == scratch[final], (seed, report)
    assert not (work / DIRTY).exists()


def test_concurrent_runs_never_interleave(
    corpora: dict[str, Path], scratch: dict[str, list], base: tuple[Path, float, float],
    tmp_path: Path,
) -> None:  # fmt: skip
    work = tmp_path / "store"
    shutil.copytree(base[0], work)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    procs = {
        name: subprocess.Popen(
            _command(corpora[name], work), env=env, stderr=subprocess.PIPE, text=True
        )
        for name in ("b", "a")
    }
    errors = {name: p.communicate(timeout=300)[1] for name, p in procs.items()}
    codes = {name: p.returncode for name, p in procs.items()}
    assert 0 in codes.values(), errors
    for name, code in codes.items():
        if code:
            assert "being updated by another polgraph build" in errors[name]
            assert "Traceback" not in errors[name]
            winner = "a" if name == "b" else "b"
            assert store_quads(work) == scratch[winner]
    update_store([corpora["b"]], work, workers=1)
    assert store_quads(work) == scratch["b"]


def test_a_held_lock_refuses_with_a_clear_message(corpora: dict[str, Path], tmp_path: Path) -> None:
    store = tmp_path / "store"
    store.mkdir()
    with store_lock(store), pytest.raises(StoreBusy, match="another polgraph build"):
        update_store([corpora["a"]], store, workers=1)
    runner = CliRunner()
    with store_lock(store):
        busy = runner.invoke(main, ["build", str(corpora["a"]), "--store", str(store)])
    assert busy.exit_code != 0 and "another polgraph build" in busy.output
    assert busy.exception is None or isinstance(busy.exception, SystemExit)


@pytest.mark.parametrize(
    "damage",
    [
        ("facts", "{}"),
        ("facts", "truncated"),
        ("manifest", "[1]"),
        ("manifest", '{"format": 2, "articles": {"x": 1}, "graphs": {}}'),
    ],
)
def test_damaged_cache_or_manifest_is_treated_as_missing(
    damage: tuple[str, str], corpora: dict[str, Path], scratch: dict[str, list], tmp_path: Path
) -> None:
    store = tmp_path / "store"
    update_store([corpora["b"]], store, workers=1)
    kind, content = damage
    if kind == "facts":
        victim = sorted((store / "facts").glob("*.json"))[3]
        text = victim.read_text(encoding="utf-8")
        victim.write_text(text[: len(text) // 2] if content == "truncated" else content)
    else:
        victim = store / "manifest.json"
        victim.write_text(content, encoding="utf-8")
    report = update_store([corpora["b"]], store, workers=1)
    assert any(str(victim) in n for n in report.notices), report.notices
    assert str(victim) in report.summary()
    assert report.extracted == (1 if kind == "facts" else 0)
    assert store_quads(store) == scratch["b"]
    again = update_store([corpora["b"]], store, workers=1)  # repaired: nothing more to say
    assert (again.notices, again.extracted, again.graphs_written) == ((), 0, 0)


def test_store_refuses_out_and_honours_workers(
    corpora: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import polgraph.build.parallel as parallel

    seen: list[tuple[object, object]] = []
    real = parallel.extract_parallel

    def spy(articles, **kwargs):  # type: ignore[no-untyped-def]
        seen.append((kwargs.get("workers"), kwargs.get("dask")))
        return real(articles, **kwargs)

    monkeypatch.setattr(parallel, "extract_parallel", spy)
    runner = CliRunner()
    store = tmp_path / "store"
    both = runner.invoke(
        main, ["build", str(corpora["b"]), "--store", str(store), "-o", str(tmp_path / "o")]
    )
    assert both.exit_code == 2 and "--store writes into its DIR" in both.output
    assert not store.exists() and not (tmp_path / "o").exists()
    two = runner.invoke(main, ["build", str(corpora["b"]), "--store", str(store), "-j", "2"])
    assert two.exit_code == 0, two.output
    one = tmp_path / "one"
    args = ["build", str(corpora["b"]), "--store", str(one), "-j", "1"]
    assert runner.invoke(main, args).exit_code == 0
    assert seen == [(2, None), (1, None)]
    assert store_quads(store) == store_quads(one)
