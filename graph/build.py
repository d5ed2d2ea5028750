"""One call from article files to the published graph: ingest → extract → RDF → exports.

``build`` is what ``polgraph build`` runs, and a Python user gets exactly the
same result from it.  It writes, into ``out_dir``:

``graph.ttl``
    The merged graph (union of all articles) in Turtle.
``graph.trig``
    The same statements in TriG, one named graph per article (provenance).
``graph.html``
    A self-contained, offline page to browse the graph.
``report.json``
    What was read, what was skipped and why, entity and statement counts, and
    the extractors' warnings.

All four are staged and moved into ``out_dir`` only when every one of them is
complete (``graph.atomic.atomic_output_dir``): a build that fails midway
leaves the previous outputs as they were.  Nothing in the outputs depends on
the clock or the machine, so the same inputs give byte-identical files.
"""

from __future__ import annotations

import json
import os
import signal
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from graph.atomic import atomic_output_dir, atomic_write_text
from graph.extract import extract_article
from graph.ingest import IngestError, IngestWarning, read_all
from graph.model import Article, ArticleFacts

__all__ = [
    "ARTICLE_TIME_LIMIT",
    "DEFAULT_OUT_DIR",
    "OUTPUT_FILES",
    "BuildFailed",
    "BuildReport",
    "ExtractionTimeout",
    "build",
    "extract_all",
    "sample_corpus",
]

DEFAULT_OUT_DIR = Path("outputs")
OUTPUT_FILES = ("graph.ttl", "graph.trig", "graph.html", "report.json")

ARTICLE_TIME_LIMIT = 60.0
"""Seconds one article may take to extract before it is skipped (a news article takes
well under a second; only a pathological text gets near this)."""

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` after each article is extracted (and once at 0)."""


def sample_corpus() -> Path:
    """The invented sample articles shipped with the package (``graph/samples``)."""
    return Path(str(resources.files("graph").joinpath("samples")))


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
        entity_total = sum(self.entities.values())
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(self.entities.items()))
        lines = [
            f"Read {self.articles} article{'s' if self.articles != 1 else ''}"
            + (f", skipped {len(self.skipped)}" if self.skipped else "")
            + (f", ignored {len(self.ignored)} other file(s)" if self.ignored else "")
            + ".",
            f"Graph: {entity_total} entities"
            + (f" ({kinds})" if kinds else "")
            + f", {self.triples} triples.",
            f"Wrote {', '.join(str(self.out_dir / name) for name in self.outputs)}.",
        ]
        if self.skipped:
            lines.append(f"{len(self.skipped)} input(s) skipped; reasons in report.json.")
        if self.warnings:
            lines.append(f"{len(self.warnings)} extraction warning(s); see report.json.")
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict; no paths outside the inputs, no timestamps (deterministic)."""
        return {
            "articles_read": self.articles,
            "skipped": [{"path": e.path, "line": e.line, "reason": e.reason} for e in self.skipped],
            "ignored": [{"path": w.path, "reason": w.reason} for w in self.ignored],
            "extracted": dict(sorted(self.extracted.items())),
            "entities": dict(sorted(self.entities.items())),
            "statements": dict(sorted(self.statements.items())),
            "triples": self.triples,
            "warnings": list(self.warnings),
            "outputs": list(self.outputs),
        }


def extract_all(
    articles: Sequence[Article],
    *,
    strict: bool = False,
    progress: Progress | None = None,
    time_limit: float | None = ARTICLE_TIME_LIMIT,
) -> tuple[list[ArticleFacts], list[IngestError]]:
    """Run the extractor on each article; a crash on one article skips only that article.

    The extractor should never raise, but on 10,000 scraped pages one odd page
    must not cost the other 9,999: it is reported like an unreadable file.
    Likewise an article that takes longer than ``time_limit`` seconds (a
    pathological text hitting a slow path) is abandoned and reported, so it
    cannot stall the build; ``None`` or 0 disables the limit.
    Under ``strict`` the first failure raises ``BuildFailed``.
    """
    facts: list[ArticleFacts] = []
    failed: list[IngestError] = []
    total = len(articles)
    if progress:
        progress(0, total)
    for done, article in enumerate(articles, start=1):
        try:
            with _time_budget(time_limit):
                result = extract_article(article)
        except (Exception, ExtractionTimeout) as exc:  # reported per article, see docstring
            if isinstance(exc, ExtractionTimeout):
                reason = f"extraction timed out after {time_limit:g} s (article skipped)"
            else:
                reason = f"extraction failed: {type(exc).__name__}: {_one_line(str(exc))}"
            error = IngestError(article.source or article.id, reason)
            if strict:
                raise BuildFailed("extraction failed (strict mode)", [error]) from exc
            failed.append(error)
        else:
            facts.append(result)
        if progress:
            progress(done, total)
    return facts, failed


class ExtractionTimeout(BaseException):
    """One article exceeded its time budget.

    A ``BaseException`` (like ``KeyboardInterrupt``) so that a broad
    ``except Exception`` inside an extractor cannot swallow it.
    """


@contextmanager
def _time_budget(seconds: float | None) -> Iterator[None]:
    """Raise ``ExtractionTimeout`` in this block after ``seconds`` of wall time.

    Uses ``SIGALRM`` (Python checks signals between bytecodes and inside ``re``
    matching, so slow loops and backtracking regexes are both interrupted).  Where
    that is unavailable (Windows, or a thread other than the main one) the block
    runs without a limit.
    """
    usable = (
        seconds
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise ExtractionTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, float(seconds))  # type: ignore[arg-type]
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def build(
    paths: Iterable[str | os.PathLike[str]] | None = None,
    out_dir: str | os.PathLike[str] = DEFAULT_OUT_DIR,
    *,
    strict: bool = False,
    progress: Progress | None = None,
    time_limit: float | None = ARTICLE_TIME_LIMIT,
    workers: int | None = None,
    dask: Any = None,
    stream: bool | None = None,
) -> BuildReport:
    """Build the graph from article files/folders (default: the sample corpus) into ``out_dir``.

    Unreadable inputs are skipped and listed in the report; with ``strict`` any
    skipped input raises ``BuildFailed`` before anything is written.  No usable
    article at all also raises ``BuildFailed``.  An article whose extraction takes
    more than ``time_limit`` seconds is skipped like an unreadable one.

    ``workers`` processes extract in parallel (``None``: all cores), or a Dask
    cluster does (``dask``: scheduler address or client); the outputs are the same
    byte for byte.  ``stream`` (default: when the inputs exceed
    ``graph.stream.STREAM_ABOVE_BYTES``) builds in batches through disk spools and Oxigraph,
    with bounded memory (``graph.stream``).
    """
    path_list = [Path(p) for p in (paths if paths is not None else [sample_corpus()])]
    from graph import stream as streaming

    if stream is None:
        limit = streaming.STREAM_ABOVE_BYTES
        stream = streaming.input_bytes(path_list, stop=limit) > limit
    if stream:
        return streaming.build_streaming(
            path_list, out_dir, strict=strict, progress=progress, time_limit=time_limit,
            workers=workers, dask=dask,
        )  # fmt: skip
    ingested = read_all(path_list)
    if strict and ingested.errors:
        raise BuildFailed(
            f"{len(ingested.errors)} input(s) could not be read (strict mode); nothing written",
            ingested.errors,
        )
    if not ingested.articles:
        where = ", ".join(str(p) for p in path_list) or "(no paths)"
        raise BuildFailed(f"no articles could be read from {where}", ingested.errors)

    if workers == 1 and dask is None:
        facts, failed = extract_all(
            ingested.articles, strict=strict, progress=progress, time_limit=time_limit
        )
    else:
        from graph.parallel import extract_parallel

        facts, failed = extract_parallel(
            ingested.articles, workers=workers, dask=dask, strict=strict,
            progress=progress, time_limit=time_limit,
        )  # fmt: skip
    if not facts:
        raise BuildFailed("no article could be extracted", failed)
    skipped = (*ingested.errors, *failed)

    from graph import html, rdf, resolve  # deferred: only a build that gets this far needs them

    dataset = resolve.resolved_dataset(facts)  # one node per entity across articles
    entities, statements, triples = _count(dataset)
    report = BuildReport(
        out_dir=Path(out_dir),
        articles=len(facts),
        skipped=skipped,
        ignored=ingested.warnings,
        extracted=_extracted_counts(facts),
        entities=entities,
        statements=statements,
        triples=triples,
        warnings=tuple(f"{f.article.id}: {w}" for f in facts for w in f.warnings),
    )
    with atomic_output_dir(out_dir) as stage:
        rdf.write_turtle(dataset, stage / "graph.ttl")
        rdf.write_trig(dataset, stage / "graph.trig")
        html.write_html(dataset, stage / "graph.html", title="polgraph")
        atomic_write_text(
            stage / "report.json",
            json.dumps(report.to_json(), ensure_ascii=False, indent=2, sort_keys=False) + "\n",
        )
    return report


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


def _count(dataset: Any) -> tuple[dict[str, int], dict[str, int], int]:
    """Distinct subjects per rdf:type and distinct triples per predicate, over all graphs."""
    from rdflib import RDF

    triples = {(s, p, o) for s, p, o, _g in dataset.quads((None, None, None, None))}
    manager = dataset.namespace_manager

    def name(term: Any) -> str:
        try:
            return manager.normalizeUri(term)
        except Exception:  # an unusual IRI is still countable
            return f"<{term}>"

    typed = {(name(o), s) for s, p, o in triples if p == RDF.type}
    entities = Counter(kind for kind, _subject in typed)
    statements = Counter(name(p) for _s, p, _o in triples)
    return dict(sorted(entities.items())), dict(sorted(statements.items())), len(triples)
