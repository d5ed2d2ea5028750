"""Atomic file output: readers never see half a file, failed runs never destroy good ones.

A build that crashes while writing ``graph.html`` must leave yesterday's
``graph.ttl`` and ``graph.html`` as they were, not a new Turtle file beside an
old HTML page.  Single files are written to a temporary file in the same
directory and moved into place with ``os.replace`` (atomic on POSIX and
Windows); a set of files is written into a staging directory and moved into
place only once every file is complete.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> atomic_write_text(d / "a.txt", "xin chào\\n")
>>> (d / "a.txt").read_text(encoding="utf-8")
'xin chào\\n'
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

__all__ = [
    "atomic_open",
    "atomic_output_dir",
    "atomic_write_bytes",
    "atomic_write_text",
]

_STAGING_PREFIX = ".polgraph-staging-"


@contextlib.contextmanager
def atomic_open(
    path: str | os.PathLike[str], mode: str = "w", *, encoding: str = "utf-8"
) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; on clean exit it replaces ``path``.

    Text mode always writes ``\\n`` line endings, so output is byte-identical on
    every platform.  If the block raises, the temporary file is removed and
    ``path`` is untouched.
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"atomic_open mode must be 'w' or 'wb', not {mode!r}")
    target = Path(path)
    try:
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise _about(exc, target) from None
    tmp = Path(tmp_name)
    try:
        if mode == "wb":
            handle: IO[Any] = os.fdopen(fd, "wb")
        else:
            handle = os.fdopen(fd, "w", encoding=encoding, newline="\n")
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)  # mkstemp creates 0600; outputs are meant to be shared
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if exc.errno is None or tmp_name not in (exc.filename, exc.filename2):
            raise
        raise _about(exc, target) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _about(exc: OSError, target: Path) -> OSError:
    """The same error, naming the file the user asked for, not the temporary one.

    >>> str(_about(IsADirectoryError(21, "Is a directory", "/d/.x.ab12.tmp", "/d/x"), Path("x")))
    "[Errno 21] Is a directory: 'x'"
    """
    if exc.errno is None:
        return exc
    return OSError(exc.errno, exc.strerror, str(target))


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_open(path, "wb") as handle:
        handle.write(data)


def atomic_write_text(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically, with ``\\n`` line endings."""
    with atomic_open(path, "w", encoding=encoding) as handle:
        handle.write(text)


@contextlib.contextmanager
def atomic_output_dir(out_dir: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a staging directory; on clean exit its entries replace those in ``out_dir``.

    Write every output into the yielded directory.  Only when the block
    finishes are the staged entries moved into ``out_dir`` (each with
    ``os.replace``), so an exception anywhere in the block leaves ``out_dir``
    exactly as it was.  Entries of ``out_dir`` that the block did not produce
    are left alone.  The staging directory lives inside ``out_dir`` so the
    final moves never cross a file-system boundary.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "outputs"
    >>> with atomic_output_dir(out) as stage:
    ...     _ = (stage / "graph.ttl").write_text("new")
    >>> sorted(p.name for p in out.iterdir())
    ['graph.ttl']
    """
    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    _remove_stale_stages(target)
    stage = Path(tempfile.mkdtemp(dir=target, prefix=f"{_STAGING_PREFIX}{os.getpid()}-"))
    try:
        yield stage
        for entry in sorted(stage.iterdir()):
            dest = target / entry.name
            if entry.is_dir() and not entry.is_symlink() and dest.is_dir():
                # os.replace cannot replace a non-empty directory: swap via a trash name.
                trash = stage / f".old-{entry.name}"
                os.replace(dest, trash)
                os.replace(entry, dest)
            else:
                if dest.is_dir() and not dest.is_symlink():
                    shutil.rmtree(dest)
                os.replace(entry, dest)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _remove_stale_stages(target: Path) -> None:
    """Delete staging folders left by builds that were killed (their process is gone).

    A killed build cannot clean up after itself; the next one does, so half-written
    files do not pile up.  Folders of a build still running (its pid is alive) are
    left alone.
    """
    for entry in target.glob(f"{_STAGING_PREFIX}*"):
        pid_text = entry.name[len(_STAGING_PREFIX) :].split("-", 1)[0]
        if not pid_text.isdigit() or not entry.is_dir() or _alive(int(pid_text)):
            continue
        shutil.rmtree(entry, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid() or os.name != "posix":  # on Windows os.kill(pid, 0) would kill
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError):
        return True  # exists (another user's) or cannot tell: keep it
    return True
