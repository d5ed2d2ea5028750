"""The documented exit codes of the real ``polgraph`` process, and clean one-line errors.

0: built (bad inputs skipped and listed); 1: something skipped under --strict, or
nothing usable; 2: usage error.  Never a traceback, never raw control characters
from a file name on the terminal.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOOD = "Bí thư Huyện ủy Mẫu Lê Văn Khải chủ trì hội nghị."


def polgraph(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "polgraph", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("exit") / "in"
    root.mkdir()
    (root / "tot.txt").write_text(GOOD, encoding="utf-8")
    (root / "anh\x1b[2J.txt").write_bytes(b"\x89PNG\x00\x00")  # ESC in the file name
    (root / "d.jsonl").write_text("{oops\n", encoding="utf-8")
    return root


def test_exit_0_with_skipped_inputs_listed(corpus: Path, tmp_path: Path) -> None:
    done = polgraph("build", str(corpus), "-o", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    skipped = [line for line in done.stderr.splitlines() if line.startswith("skipped ")]
    assert len(skipped) == 2
    assert "\x1b" not in done.stderr and "anh\\x1b[2J.txt: binary file" in done.stderr
    assert "Read 1 article, skipped 2." in done.stdout
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert {Path(e["path"]).name for e in report["skipped"]} == {"anh\x1b[2J.txt", "d.jsonl"}


def test_exit_1_under_strict_and_nothing_written(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = polgraph("build", str(corpus), "-o", str(out), "--strict")
    assert done.returncode == 1
    assert done.stderr.startswith("Error: ") and "Traceback" not in done.stderr
    assert "d.jsonl:1: invalid JSON" in done.stderr
    assert "\x1b" not in done.stderr and "anh\\x1b[2J.txt: binary file" in done.stderr
    assert not out.exists() or not any(out.iterdir())


def test_exit_1_when_nothing_is_usable(tmp_path: Path) -> None:
    (tmp_path / "rong.txt").write_text("", encoding="utf-8")
    done = polgraph("build", str(tmp_path / "rong.txt"), "-o", str(tmp_path / "out"))
    assert done.returncode == 1
    assert done.stderr.startswith("Error: no articles could be read")
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["build", "--no-such-option"],
        ["build", "-o"],
        ["eval"],
        ["no-such-command"],
    ],
)
def test_exit_2_on_usage_errors(args: list[str]) -> None:
    done = polgraph(*args)
    assert done.returncode == 2
    assert done.stderr.strip() and "Traceback" not in done.stderr


def test_exit_2_when_out_is_a_file(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "graph.ttl"
    target.write_text("của người dùng", encoding="utf-8")
    done = polgraph("build", str(corpus), "-o", str(target))
    assert done.returncode == 2
    assert target.read_text(encoding="utf-8") == "của người dùng"
