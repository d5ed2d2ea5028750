"""One call from article files to the published graph: the only build path, for any corpus size.

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

How, with memory bounded by a batch and a partition (plus the resolution's
entities, which grow with distinct people and bodies, not with articles):

1. **Read + extract** in batches (``polgraph.build.parallel.extract_batches``: all
   cores or a Dask cluster, results in input order); facts go to spools on disk
   (``polgraph.build.spool``).
2. **Resolve** across articles over the slim spool (``polgraph.resolve``).
3. **RDF**: per-article N-Triples text (``polgraph.rdf.ntriples``), in forked
   workers that inherit the resolution; Oxigraph merges, sorts and writes
   Turtle and TriG (``polgraph.build.merge``).
4. **Page**: ``graph.html`` is drawn from the merged graph (``polgraph.outputs.html``), or
   above ``HTML_MAX_TRIPLES`` an overview from the tally the merge kept of the partitions'
   lines (``polgraph.outputs.html_tally``): no store of the whole graph is built.

All four files are staged and moved into ``out_dir`` only when every one of them
is complete (``polgraph.core.atomic.atomic_output_dir``): a build that fails
midway leaves the previous outputs as they were.  Nothing depends on the clock,
the machine or the number of workers, so the same inputs give byte-identical
files (``tests/test_parallel_identical.py``).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from polgraph.build import merge
from polgraph.build.extraction import ARTICLE_TIME_LIMIT, Progress
from polgraph.build.memory import give_back_freed_memory
from polgraph.build.parallel import DEFAULT_BATCH_SIZE, default_workers, extract_batches
from polgraph.build.report import DEFAULT_OUT_DIR, BuildFailed, BuildReport, sample_corpus
from polgraph.build.spool import (
    SpooledFacts,
    for_spool,
    memoized,
    resolve,
    spool_record,
)
from polgraph.core.atomic import atomic_output_dir, atomic_write_text
from polgraph.core.model import Article
from polgraph.ingest import IngestError, IngestWarning, read_articles
from polgraph.outputs.html_tally import OverviewTally
from polgraph.rdf.ntriples import named_counts
from polgraph.resolve.passes import NameCounts

__all__ = ["HTML_MAX_TRIPLES", "build"]

HTML_MAX_TRIPLES = 300_000
"""Above this many merged triples graph.html is the overview page, made without rdflib."""


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
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> BuildReport:
    """Build the graph from article files/folders (default: the sample corpus) into ``out_dir``.

    Unreadable inputs are skipped and listed in the report; with ``strict`` any
    skipped input raises ``BuildFailed`` before anything is written.  No usable
    article at all also raises ``BuildFailed``.  An article whose extraction takes
    more than ``time_limit`` seconds is skipped like an unreadable one.

    ``workers`` processes extract and write RDF in parallel (``None``: all cores),
    or a Dask cluster extracts (``dask``: scheduler address or client); the
    outputs are the same byte for byte.  ``stream`` is accepted and ignored: every
    build streams (it chose between two build paths before there was one).
    """
    del stream  # kept for callers of the two-path API; see the docstring
    path_list = [Path(p) for p in (paths if paths is not None else [sample_corpus()])]
    workers = default_workers() if workers is None else workers
    out = Path(out_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    with memoized(), tempfile.TemporaryDirectory(prefix=".polgraph-build-", dir=out.parent) as tmp:
        work = Path(tmp)
        spool, slim_spool = work / "facts.spool", work / "slim.spool"
        read = _Extraction(path_list, strict)
        read.run(spool, slim_spool, workers, dask, batch_size, time_limit, progress)
        resolver, labels, person_iri, links = resolve(
            SpooledFacts(slim_spool, read.count), workers, read.names
        )
        slim_spool.unlink()
        # what resolution freed went with its last reference (no cycles to speak of: a
        # full collection here found 0–60 objects and cost 60 ms, the pipeline's walk)
        give_back_freed_memory()  # or the workers forked next carry the freed heap
        merge.STATE.update(resolver=resolver, labels=labels, person_iri=person_iri)
        try:
            parts, trig_body, header = merge.write_rdf(
                work, spool, read.count, links, workers, batch_size
            )
        finally:
            merge.STATE.clear()
        del resolver, labels, person_iri  # the merge below needs none of it
        give_back_freed_memory()
        part_paths = merge.part_paths(work, parts)
        ttl_header, types, predicates, triples, tally = merge.merge(part_paths, workers)
        report = BuildReport(
            out_dir=out,
            articles=read.count,
            skipped=tuple(read.errors),
            ignored=tuple(read.ignored),
            extracted=read.extracted,
            entities=named_counts(types),
            statements=named_counts(predicates),
            triples=triples,
            warnings=tuple(read.warnings),
        )
        with atomic_output_dir(out) as stage:
            pieces = [q.with_suffix(".ttl") for q in part_paths]
            merge.concatenate(stage / "graph.ttl", ttl_header, pieces)
            merge.concatenate(stage / "graph.trig", header, [trig_body])
            write_page(stage / "graph.html", stage / "graph.ttl", triples, tally)
            atomic_write_text(
                stage / "report.json",
                json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n",
            )
    return report


class _Extraction:
    """Step 1: read and extract every article into the two spools, keeping the tallies."""

    def __init__(self, paths: list[Path], strict: bool) -> None:
        self.paths, self.strict = paths, strict
        self.errors: list[IngestError] = []
        self.ignored: list[IngestWarning] = []
        self.warnings: list[str] = []
        self.count = 0
        self.read = 0  # articles read, extracted or not
        keys = ("persons", "organizations", "documents", "holdings", "events")
        self.extracted = dict.fromkeys(keys, 0)
        self.names = NameCounts()  # resolution's first walk, counted as batches come in

    def articles(self) -> Iterator[Article]:
        for item in read_articles(self.paths):
            if isinstance(item, Article):
                self.read += 1
                if not (self.strict and self.errors):  # strict: read on only to list them all
                    yield item
            elif isinstance(item, IngestError):
                self.errors.append(item)
            else:
                self.ignored.append(item)

    def run(
        self,
        spool: Path,
        slim_spool: Path,
        workers: int,
        dask: Any,
        batch_size: int,
        time_limit: float | None,
        progress: Progress | None,
    ) -> None:
        done = 0
        total = expected_articles(self.paths) if progress else 0
        if progress:
            progress(0, total)
        with spool.open("wb") as fh, slim_spool.open("wb") as slim_fh:
            for (spooled, names), failed in extract_batches(
                self.articles(), workers=workers, dask=dask, batch_size=batch_size,
                time_limit=time_limit, then=for_spool,
            ):  # fmt: skip
                if self.strict and failed:
                    raise BuildFailed("extraction failed (strict mode)", failed[:1])
                self.errors.extend(failed)
                self.names.update(names)  # in input order, as the walk would
                for record, slim_record, article_warnings, counts in spooled:
                    spool_record(fh, record)
                    spool_record(slim_fh, slim_record)
                    self.count += 1
                    self.warnings.extend(article_warnings)
                    for key, n in counts.items():
                        self.extracted[key] += n
                done += len(spooled) + len(failed)
                if progress:
                    total = max(total, done)
                    progress(done, total)
        if progress and done < total:  # the estimate counted lines that were not articles
            progress(total, total)
        if self.strict and self.errors:
            raise BuildFailed(
                f"{len(self.errors)} input(s) could not be read (strict mode); nothing written",
                self.errors,
            )
        if not self.count:
            if not self.read:
                where = ", ".join(str(p) for p in self.paths) or "(no paths)"
                raise BuildFailed(f"no articles could be read from {where}", self.errors)
            raise BuildFailed("no article could be extracted", self.errors)


def expected_articles(paths: Iterable[Path]) -> int:
    """About how many articles ``paths`` hold (for the progress bar): one per page or text
    file, one per non-blank JSON Lines line.  Reads the JSON Lines files once, by blocks."""
    from polgraph.ingest import SUPPORTED_EXTENSIONS

    total = 0
    for p in paths:
        files = [p] if p.is_file() else sorted(q for q in p.rglob("*") if q.is_file())
        for f in files:
            suffix = f.suffix.lower()
            if suffix == ".jsonl":
                try:
                    with f.open("rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                except OSError:
                    continue  # reported when it is read
            elif suffix in SUPPORTED_EXTENSIONS:
                total += 1
    return total


def write_page(path: Path, turtle: Path, triples: int, tally: OverviewTally) -> None:
    """``graph.html``: the network drawn from the merged graph's Turtle, or, when too big
    for that, the overview page from the merge's ``tally`` of the same graph."""
    if triples <= HTML_MAX_TRIPLES:
        from polgraph.outputs import html
        from polgraph.rdf.index import TripleIndex  # read by subject and predicate only

        html.write_html(TripleIndex.parse(turtle), path, title="polgraph")  # type: ignore[arg-type]
        return
    from polgraph.outputs.html_overview import overview_html

    atomic_write_text(path, overview_html(tally.summary(), "polgraph"))
