"""The build's allocator settings: freed buffers are reused, not faulted in again."""

from __future__ import annotations

import subprocess
import sys

import pytest

from polgraph.build.memory import _libc

_FAULTS_OF_REALLOCATING = """
import resource, sys
from polgraph.build.memory import reuse_freed_memory
if sys.argv[1] == "reuse":
    reuse_freed_memory()
faults = 0
for _ in range(20):
    block = bytearray(8 << 20)  # zero-filled: every page is touched
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    del block
    block = bytearray(8 << 20)
    faults += resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before
    del block
print(faults)
"""


def _faults(mode: str) -> int:
    out = subprocess.run(
        [sys.executable, "-c", _FAULTS_OF_REALLOCATING, mode],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return int(out.stdout)


@pytest.mark.skipif(_libc() is None, reason="the allocator settings are glibc's (not this libc)")
def test_a_freed_buffer_is_reused_without_faulting_its_pages_in_again() -> None:
    default, reused = _faults("default"), _faults("reuse")
    # 8 MiB is 2,048 pages.  By default the first block is a mapping of its own,
    # unmapped when freed, so the next one is faulted in page by page (later ones
    # reuse the heap once glibc has raised its threshold: a fresh worker pays that
    # once per block size it meets); kept mapped, a freed block is handed out again.
    # The kernel may map a few pages ahead of a fault, so count in proportions.
    assert default >= 1024, f"half of a block's 2,048 pages should fault, got {default}"
    assert reused * 10 < default, f"reused {reused} faults against {default} by default"
