"""One writer per ``--store`` folder: an advisory lock held for the whole run.

``flock`` on a file inside the folder: the kernel releases it when the process
dies however it dies (even SIGKILL), so a crash never leaves a stale lock, and a
second build beside a running one is refused with a message instead of both
changing the store in interleaved steps.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from polgraph.build.report import BuildFailed

__all__ = ["LOCK_FILE", "StoreBusy", "store_lock"]

LOCK_FILE = "lock"


class StoreBusy(BuildFailed):
    """Another process holds the store's lock: this run changed nothing."""


@contextmanager
def store_lock(folder: Path, wait: float = 0.0) -> Iterator[None]:
    """Hold ``folder``'s lock in this block; ``StoreBusy`` if not free within ``wait`` seconds.

    Where ``fcntl`` does not exist (Windows) the block runs unlocked: one writer at a
    time is then the user's business, as the README says.
    """
    try:
        import fcntl
    except ImportError:  # not POSIX
        yield
        return
    path = folder / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = _holder(fd)
                    raise StoreBusy(
                        f"{folder} is being updated by another polgraph build"
                        + (f" (process {holder})" if holder else "")
                        + "; run again when it has finished"
                    ) from None
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _holder(fd: int) -> str:
    try:
        return os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return ""
