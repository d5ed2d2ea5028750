"""How the build splits the merged graph (issue 6: memory flat at scale).

The number of partitions follows the article count only (same bytes on every
machine); all are open at once, so the open-file limit is raised to fit them,
and where it cannot be the build says what to raise instead of a bare EMFILE.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from polgraph.build import merge

resource = pytest.importorskip("resource", reason="open-file limits are a POSIX notion")


def test_partitions_follow_the_article_count_only() -> None:
    per = merge._PART_ARTICLES
    assert merge.partitions(1) == 1
    assert merge.partitions(per) == 1
    assert merge.partitions(per + 1) == 2
    assert merge.partitions(100_000) == -(-100_000 // per)
    assert merge.partitions(10**8) == merge._MAX_PARTS


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_soft_open_file_limit_is_raised_to_fit_the_partitions() -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 1200:
        pytest.skip(f"hard open-file limit {hard} is too low to test raising the soft one")
    done = _python(
        """
        import resource
        from polgraph.build import merge
        hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
        resource.setrlimit(resource.RLIMIT_NOFILE, (200, hard))
        parts = merge.partitions(250_000)
        print(parts, resource.getrlimit(resource.RLIMIT_NOFILE)[0])
        """
    )
    assert done.returncode == 0, done.stderr
    parts, soft_after = map(int, done.stdout.split())
    assert parts == 1000
    assert soft_after >= parts + merge._SPARE_FILES


def test_too_low_a_hard_limit_is_a_clear_error(tmp_path: Path) -> None:
    corpus = tmp_path / "news.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for i in range(120):
            text = f"Ngày {1 + i % 28}/3/2021, Ban Thường vụ Tỉnh ủy Yên Bái họp phiên thứ {i}."
            fh.write(json.dumps({"id": f"n{i:03d}", "text": text}, ensure_ascii=False) + "\n")
    done = _python(
        f"""
        import resource, sys
        from polgraph.build import merge
        from polgraph.build import build
        merge._PART_ARTICLES = 1  # 120 partitions
        resource.setrlimit(resource.RLIMIT_NOFILE, (96, 96))
        try:
            build([{str(corpus)!r}], {str(tmp_path / "out")!r}, workers=1)
        except OSError as exc:
            print(exc)
            sys.exit(3)
        """
    )
    assert done.returncode == 3, (done.stdout, done.stderr)
    assert "ulimit -n" in done.stdout and "120 partition files" in done.stdout
    assert not (tmp_path / "out").exists()  # nothing half-written
