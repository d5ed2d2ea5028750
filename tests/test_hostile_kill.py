"""A build killed midway (a real process, a real signal) leaves the previous graph intact."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from polgraph.core.atomic import atomic_output_dir

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")

ROOT = Path(__file__).resolve().parents[1]
OUTPUTS = ("graph.ttl", "graph.trig", "graph.html", "report.json")

# Runs `polgraph build` with a fake extractor; the TriG writer writes half a file
# into the staging folder, says so, and hangs: the test kills the process there.
HANG_WHILE_WRITING = """
import sys, time
from pathlib import Path
import polgraph.build.extraction as b
from polgraph.build import merge
from polgraph.core.model import ArticleFacts, Person

def fake(article):
    return ArticleFacts(article=article, persons=(Person("Người " + article.id),))

def hang(path, header, pieces):
    Path(path).write_text("@prefix pg: <https://w3id.org/polgraph/ont", encoding="utf-8")
    Path(sys.argv[1]).write_text("writing", encoding="utf-8")
    time.sleep(120)

b.extract_article = fake
if sys.argv[2] == "hang":
    merge.concatenate = hang
from polgraph.cli import main
main(["build", sys.argv[3], "-o", sys.argv[4], "-q"])
"""


def run(*args: str, **kwargs: object) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", HANG_WHILE_WRITING, *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kwargs,  # type: ignore[arg-type]
    )


def articles(root: Path, ids: list[str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for i in ids:
        (root / f"{i}.txt").write_text(f"Bài {i}: Huyện ủy Mẫu họp.", encoding="utf-8")
    return root


def snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def assert_parses(out: Path) -> None:
    assert len(Graph().parse(out / "graph.ttl", format="turtle")) > 0
    ds = Dataset()
    ds.parse(out / "graph.trig", format="trig")
    assert len(ds) > 0
    json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert (out / "graph.html").read_text(encoding="utf-8").rstrip().endswith("</html>")


def first_build(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    src = articles(tmp_path / "in", ["a", "b"])
    out = tmp_path / "out"
    done = run(str(tmp_path / "unused"), "ok", str(src), str(out))
    _, err = done.communicate(timeout=120)
    assert done.returncode == 0, err.decode()
    return src, out, snapshot(out)


def wait_for(flag: Path, proc: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not flag.exists():
        if proc.poll() is not None:
            raise AssertionError(f"build ended early: {proc.stderr.read().decode()}")  # type: ignore[union-attr]
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError("build never reached the writing step")
        time.sleep(0.02)


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_kill_while_writing_keeps_the_old_graph(tmp_path: Path, signum: int) -> None:
    src, out, before = first_build(tmp_path)
    articles(src, ["c", "d"])  # the new build would have more articles
    flag = tmp_path / "writing"
    proc = run(str(flag), "hang", str(src), str(out))
    wait_for(flag, proc)
    os.kill(proc.pid, signum)
    proc.communicate(timeout=60)
    assert proc.returncode != 0

    assert snapshot(out) == before  # every output byte-identical to the previous build
    assert_parses(out)
    visible = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert visible == sorted(OUTPUTS)
    if signum == signal.SIGINT:  # Python unwinds: the staging folder is removed at once
        assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []

    # the next build succeeds and clears what the killed one left behind
    again = run(str(tmp_path / "unused"), "ok", str(src), str(out))
    _, err = again.communicate(timeout=120)
    assert again.returncode == 0, err.decode()
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["articles_read"] == 4
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)


def test_real_build_killed_at_random_moments_never_leaves_a_broken_file(tmp_path: Path) -> None:
    """The real extractor and writers (the one build path, through disk spools), killed
    at several points of a build: each output is always either the old file or a
    complete new one."""
    src = articles(tmp_path / "in", [f"x{i:02d}" for i in range(12)])
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "polgraph", "build", str(src), "-o", str(out), "-q"]
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, timeout=300)
    before = snapshot(out)
    articles(src, [f"y{i:02d}" for i in range(12)])
    started = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.communicate(timeout=300)
    full = time.monotonic() - started
    after = snapshot(out)
    assert after != before

    for fraction in (0.6, 0.9):
        previous = snapshot(out)
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(full * fraction)
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        current = snapshot(out)
        for name in OUTPUTS:
            assert current[name] in (previous[name], after[name]), name
        assert_parses(out)


def test_stale_staging_of_a_dead_process_is_removed_live_one_kept(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = out / f".polgraph-staging-{dead.pid}-abc"
    live = out / f".polgraph-staging-{os.getppid()}-def"
    for folder in (stale, live):
        folder.mkdir()
        (folder / "graph.ttl").write_text("@prefix half", encoding="utf-8")
    with atomic_output_dir(out) as stage:
        (stage / "graph.ttl").write_text("mới", encoding="utf-8")
    assert not stale.exists()
    assert live.exists()
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "mới"
