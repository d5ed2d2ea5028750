"""What reading gives besides articles: errors, warnings, and the strict-mode exception."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from polgraph.core.model import Article


@dataclass(frozen=True, order=True)
class IngestError:
    """An input that gave no article: which file (and line), and why, in one line.

    ``more`` counts further inputs of the same file left out of the list (bad JSON
    Lines lines past the first ``MAX_BAD_LINES``): they are counted, not kept.
    """

    path: str
    reason: str
    line: int | None = None
    more: int = 0

    @property
    def where(self) -> str:
        return self.path if self.line is None else f"{self.path}:{self.line}"

    @property
    def count(self) -> int:
        """How many inputs this entry stands for (itself plus those only counted)."""
        return 1 + self.more

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass(frozen=True, order=True)
class IngestWarning:
    """An input deliberately not read (an unsupported file, a previous build's output
    folder), or read with a doubt worth a look (no Vietnamese text found)."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class IngestFailed(Exception):
    """Raised in strict mode at the first input that gives no article."""

    def __init__(self, error: IngestError) -> None:
        super().__init__(str(error))
        self.error = error


@dataclass(frozen=True)
class IngestResult:
    """Everything ``read_all`` found: good articles, errors and warnings, in input order."""

    articles: tuple[Article, ...] = ()
    errors: tuple[IngestError, ...] = ()
    warnings: tuple[IngestWarning, ...] = field(default=())


class Rejected(ValueError):
    """Internal: an input is unusable; the message is the one-line reason."""


class Read(NamedTuple):
    """Internal: an article and where it was read (for errors about it, e.g. duplicates)."""

    article: Article
    path: str
    line: int | None = None


def skipped_count(errors: tuple[IngestError, ...] | list[IngestError]) -> int:
    """Inputs skipped, counting those an entry only counts (``IngestError.more``)."""
    return sum(e.count for e in errors)
