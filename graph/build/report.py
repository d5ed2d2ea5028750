"""What a build read, skipped and produced, and the errors that stop one.

Shared by every build path and by the CLI, so it imports nothing of the build itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from polgraph.core.model import ArticleFacts
from polgraph.ingest import IngestError, IngestWarning, skipped_count

DEFAULT_OUT_DIR = Path("outputs")
OUTPUT_FILES = ("graph.ttl", "graph.trig", "graph.html", "report.json")


def sample_corpus() -> Path:
    """The invented sample articles shipped with the package (``graph/samples``)."""
    return Path(str(resources.files("polgraph").joinpath("samples")))


class BuildFailed(Exception):
    """The build wrote nothing: no usable article, or a skipped one under ``strict``."""

    def __init__(self, message: str, errors: Sequence[IngestError] = ()) -> None:
        super().__init__(message)
        self.errors = tuple(errors)

    def __str__(self) -> str:
        lines = [self.args[0], *(f"  {e}" for e in self.errors)]
        return "\n".join(lines)


@dataclass(frozen=True)
class BuildReport:
    """What a build read, skipped and produced; ``report.json`` is ``to_json()``."""

    out_dir: Path
    articles: int
    skipped: tuple[IngestError, ...] = ()
    ignored: tuple[IngestWarning, ...] = ()
    extracted: dict[str, int] = field(default_factory=dict)
    entities: dict[str, int] = field(default_factory=dict)
    statements: dict[str, int] = field(default_factory=dict)
    triples: int = 0
    warnings: tuple[str, ...] = ()
    outputs: tuple[str, ...] = OUTPUT_FILES

    def summary(self) -> str:
        """A few lines for a terminal: counts, where the files are, what went wrong."""
        lines = [
            f"Read {self.articles} article{'s' if self.articles != 1 else ''}"
            + (f", skipped {skipped_count(self.skipped)}" if self.skipped else "")
            + (f", {len(self.ignored)} input warning(s)" if self.ignored else "")
            + ".",
            f"Graph: {in_words(self.entities)} (RDF counts in report.json).",
            f"Wrote {', '.join(str(self.out_dir / name) for name in self.outputs)}.",
        ]
        if self.skipped:
            lines.append(f"{skipped_count(self.skipped)} input(s) skipped; reasons in report.json.")
        if self.warnings:
            lines.append(f"{len(self.warnings)} extraction warning(s); see report.json.")
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict; no paths outside the inputs, no timestamps (deterministic)."""
        return {
            "articles_read": self.articles,
            "skipped": [
                {"path": e.path, "line": e.line, "reason": e.reason}
                | ({"more": e.more} if e.more else {})
                for e in self.skipped
            ],
            "ignored": [{"path": w.path, "reason": w.reason} for w in self.ignored],
            "extracted": dict(sorted(self.extracted.items())),
            "entities": dict(sorted(self.entities.items())),
            "statements": dict(sorted(self.statements.items())),
            "triples": self.triples,
            "warnings": list(self.warnings),
            "outputs": list(self.outputs),
        }


SUMMARY_KINDS = (
    ("foaf:Person", "person", "people"),
    ("org:Organization", "organization", "organizations"),
    ("schema:Legislation", "document", "documents"),
    ("schema:Event", "meeting", "meetings"),
    ("org:Post", "post", "posts"),
)
"""The classes a reader counts, in words; evidence, memberships and other RDF
bookkeeping stay in ``report.json``'s ``entities``."""


def in_words(entities: dict[str, int]) -> str:
    """``{"foaf:Person": 35, "pg:Evidence": 93, ...}`` → "35 people, ..., 55 posts".

    >>> in_words({"foaf:Person": 1, "org:Organization": 2, "pg:Evidence": 9})
    '1 person, 2 organizations, 0 documents, 0 meetings, 0 posts'
    """
    return ", ".join(
        f"{n} {one if n == 1 else many}"
        for key, one, many in SUMMARY_KINDS
        for n in [entities.get(key, 0)]
    )


def _one_line(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= 200 else line[:199] + "…"


def _extracted_counts(facts: Sequence[ArticleFacts]) -> dict[str, int]:
    """Facts as extracted, before merging across articles."""
    return {
        "persons": sum(len(f.persons) for f in facts),
        "organizations": sum(len(f.organizations) for f in facts),
        "documents": sum(len(f.documents) for f in facts),
        "holdings": sum(len(f.holdings) for f in facts),
        "events": sum(len(f.events) for f in facts),
    }
