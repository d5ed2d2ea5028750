"""What every ``polgraph`` command shares: reading options, clean errors, progress."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

import click

from polgraph.build import BuildFailed
from polgraph.core.extras import MissingExtra

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


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _printable(line: str) -> str:
    """One terminal line: a file name with ESC or a newline in it is shown escaped,
    never interpreted by the terminal (report.json keeps the exact name)."""
    return _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], line)


def _echo_problems(skipped: Sequence[object], ignored: Sequence[object], where: str | None) -> None:
    lines = [_printable(f"skipped {e}") for e in skipped]
    lines += [_printable(f"warning: {w}") for w in ignored]
    for line in lines[:MAX_LISTED]:
        click.echo(line, err=True)
    if len(lines) > MAX_LISTED:
        more = f"... and {len(lines) - MAX_LISTED} more"
        click.echo(more + (f" (all listed in {where})" if where else ""), err=True)


class _Progress:
    """A ``progress(done, total)`` callback drawing click's bar on stderr for large runs."""

    def __init__(self, enabled: bool, label: str) -> None:
        self.enabled = enabled
        self.label = label
        self.bar: Any = None
        self.shown = 0

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= PROGRESS_THRESHOLD:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.shown)
        self.shown = done
        if done >= total:
            self.close()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
