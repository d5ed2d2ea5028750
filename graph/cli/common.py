"""What every ``polgraph`` command shares: reading options, clean errors, progress."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

import click

from polgraph.build import BuildFailed
from polgraph.core.extras import MissingExtra
from polgraph.core.text import printable

F = TypeVar("F", bound=Callable[..., Any])

PROGRESS_THRESHOLD = 50
"""Show a progress bar when more articles than this are to be extracted."""


def reading_options(command: F) -> F:
    """Options every command that reads articles shares."""
    command = click.option(
        "--quiet",
        "-q",
        is_flag=True,
        help="No progress bar, summary or list of skipped inputs; errors still print.",
    )(command)
    command = click.option(
        "--strict",
        is_flag=True,
        help="Exit 1 with no output if any input cannot be read or extracted, "
        "instead of skipping it.",
    )(command)
    return command


@contextmanager
def _clean_errors() -> Iterator[None]:
    """Turn library errors into one-line CLI errors (exit 1), never a traceback."""
    try:
        yield
    except (BuildFailed, MissingExtra) as exc:
        raise click.ClickException(_printable_lines(str(exc))) from exc
    except (OSError, ValueError) as exc:
        raise click.ClickException(_printable_lines(str(exc))) from exc


def _printable_lines(text: str) -> str:
    return "\n".join(_printable(line) for line in text.split("\n"))


MAX_LISTED = 20
"""Skipped inputs listed on the terminal; the rest are counted (all are in report.json)."""


def _printable(line: str) -> str:
    """One terminal line: a file name with ESC or a newline in it is shown escaped,
    never interpreted by the terminal (report.json keeps the exact name)."""
    return printable(line)


def _echo_problems(skipped: Sequence[object], ignored: Sequence[object], where: str | None) -> None:
    lines = [_printable(f"skipped {e}") for e in skipped]
    lines += [_printable(f"warning: {w}") for w in ignored]
    for line in lines[:MAX_LISTED]:
        click.echo(line, err=True)
    if len(lines) > MAX_LISTED:
        more = f"... and {len(lines) - MAX_LISTED} more"
        click.echo(more + (f" (all listed in {where})" if where else ""), err=True)


def eta_seconds(first: tuple[float, int], now: tuple[float, int], total: int) -> float | None:
    """Seconds left, from the rate since the first finished batch ``first = (time, done)``.

    Measuring from the start instead (click's own estimate) counts the start-up
    (worker processes, loading the pipeline) as if every article cost as much:
    on a 5 s build the first estimate was ~20 times too long.

    >>> eta_seconds((3.0, 64), (3.5, 200), 1000)  # 272 articles/s from the 2nd batch
    2.94...
    """
    (t0, d0), (t1, d1) = first, now
    if d1 <= d0 or t1 <= t0:
        return None
    return (total - d1) * (t1 - t0) / (d1 - d0)


class _Progress:
    """A ``progress(done, total)`` callback drawing click's bar on stderr for large runs."""

    def __init__(
        self, enabled: bool, label: str, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.enabled = enabled
        self.label = label
        self.bar: Any = None
        self.shown = 0
        self.clock = clock
        self.first: tuple[float, int] | None = None
        self.eta: str | None = None  # what the bar shows after it

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= PROGRESS_THRESHOLD:
            return
        if self.bar is None:
            self.bar = click.progressbar(
                length=total,
                label=self.label,
                file=sys.stderr,
                show_eta=False,  # click's counts the start-up; see eta_seconds
                item_show_func=lambda item: item,
            )
            self.bar.__enter__()
        now = self.clock()
        if self.first is None and done > 0:
            self.first = (now, done)
        eta = eta_seconds(self.first, (now, done), total) if self.first else None
        self.eta = None if eta is None else f"{int(eta) // 60:02d}:{int(eta) % 60:02d} left"
        self.bar.update(done - self.shown, self.eta)
        self.shown = done
        if done >= total:
            self.close()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
