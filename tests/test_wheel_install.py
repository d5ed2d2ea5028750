"""Issue 15 item 1: a built wheel, installed in a fresh venv, runs every documented command.

The wheel is built from a copy of the sources (``pip wheel --no-deps``; setuptools
comes from the configured index, as in any install), installed with ``--no-deps``
into a new venv whose only other path is this venv's site-packages (for the
dependencies, without its editable polgraph), and every command runs from a
temporary folder, so ``polgraph`` can only be the installed wheel: its ontology,
shapes, saved queries and samples must travel inside it.  Slow (a build, about
ten processes each loading spaCy): marked ``slow``, and run by CI like every test.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "sample_gold"

pytestmark = pytest.mark.slow

_TOP_SKIP = {".venv", "venv", ".git", "build", "dist", "outputs", "bench", "tests",
             ".pytest_cache", ".ruff_cache"}  # fmt: skip


def _skip(folder: str, names: list[str]) -> set[str]:
    """What not to copy: caches anywhere, and the repository's own big top-level folders."""
    top = Path(folder) == ROOT
    return {n for n in names if n == "__pycache__" or n.endswith(".egg-info")
            or (top and n in _TOP_SKIP)}  # fmt: skip


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``bin`` folder of a fresh venv with only the wheel of polgraph installed."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    shutil.copytree(ROOT, src, ignore=_skip)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp / "dist"),
         str(src)],
        capture_output=True, text=True, cwd=tmp, timeout=600,
    )  # fmt: skip
    wheels = list((tmp / "dist").glob("polgraph-*.whl"))
    if built.returncode != 0 or not wheels:
        pytest.fail(f"pip wheel failed:\n{built.stdout}\n{built.stderr}")
    env_dir = tmp / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    site = next((env_dir / "lib").glob("python3*/site-packages"))
    # the dependencies come from this venv; its editable polgraph does not (the
    # editable finder is a .pth hook, which only a site directory would run)
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    pip = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(env_dir / "bin" / "python"), "install",
         "-q", "--no-deps", "--no-index", str(wheels[0])],
        capture_output=True, text=True, cwd=tmp, timeout=600,
    )  # fmt: skip
    assert pip.returncode == 0, pip.stderr
    return env_dir / "bin"


def run(bin_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(
        [str(bin_dir / "polgraph"), *args],
        capture_output=True, text=True, cwd=cwd, env=env, timeout=600,
    )  # fmt: skip


def test_the_wheel_runs_every_documented_command(installed: Path, tmp_path: Path) -> None:
    where = subprocess.run(
        [str(installed / "python"), "-c", "import polgraph, sys; print(polgraph.__file__)"],
        capture_output=True, text=True, cwd=tmp_path,
    )  # fmt: skip
    assert str(installed.parent) in where.stdout, where  # the wheel, not the source tree

    ok = run(installed, tmp_path, "build", "-o", "out")
    assert ok.returncode == 0, ok.stderr
    assert "people" in ok.stdout
    assert json.loads((tmp_path / "out" / "report.json").read_text())["articles_read"] == 9

    listed = run(installed, tmp_path, "query", "out", "--list")
    assert listed.returncode == 0 and "-p org_label=VALUE" in listed.stdout, listed.stderr
    saved = run(installed, tmp_path, "query", "out", "--saved", "office-holders",
                "-p", "role_label=Bi thu", "-p", "org_label=Tinh uy Nghe An", "--format", "csv")
    assert saved.returncode == 0 and len(saved.stdout.splitlines()) >= 2, saved.stderr

    timeline = run(installed, tmp_path, "timeline", "out", "--role", "Bí thư",
                   "--org", "Tỉnh ủy Nghệ An")  # fmt: skip
    assert timeline.returncode == 0 and "Bí thư Tỉnh ủy Nghệ An" in timeline.stdout

    valid = run(installed, tmp_path, "validate", "out")
    assert valid.returncode == 0 and "conforms" in valid.stdout, valid.stderr

    for fmt, name in (("graphml", "g.graphml"), ("nquads", "g.nq"), ("jsonld", "g.jsonld")):
        exported = run(installed, tmp_path, "export", "out", "--format", fmt, "-o", name)
        assert exported.returncode == 0 and (tmp_path / name).stat().st_size > 0, exported.stderr

    page = run(installed, tmp_path, "html", "out", "-o", "page.html")
    assert page.returncode == 0 and "vis-network" in (tmp_path / "page.html").read_text()

    samples = subprocess.run(
        [str(installed / "python"), "-c",
         "from polgraph.build import sample_corpus; print(sample_corpus())"],
        capture_output=True, text=True, cwd=tmp_path,
    ).stdout.strip()  # fmt: skip
    scored = run(installed, tmp_path, "eval", str(GOLD), samples, "--json", "-q")
    assert scored.returncode == 0, scored.stderr
    f1 = json.loads(scored.stdout)["corpus"]["scores"]["persons"]["f1"]
    assert f1 > 0.9

    assert run(installed, tmp_path, "--help").returncode == 0
