"""The build for corpora too big for memory: batches in, spools on disk, Oxigraph writers out.

``polgraph.build.build`` hands over to ``build_streaming`` for large corpora (or when
asked).  Memory stays bounded because no stage holds the corpus:

1. **Read + extract** in batches (``polgraph.build.parallel.extract_batches``: all cores or
   a Dask cluster, results in input order).  Each article's facts go to a spool
   file on disk (pickled by the workers, without the article text, which the
   graph does not carry), and a *slim* copy (names and links, no evidence
   sentences) to a second spool for step 2.
2. **Resolve** across articles, walking the slim spool a few times
   (``polgraph.resolve``: resolution is global by nature, a later article can
   rename an entity of an earlier one).  The resolver keeps what is per entity
   (a body's name, a document's citation, a person's node) and groups the
   mentions of persons by name in a temporary on-disk table; what depends on one
   article is recomputed from it when it is written.
3. **RDF**, in worker processes forked after step 2 (they inherit the
   resolution): the spool is read back in batches; each article is renamed by
   the resolution and turned into N-Triples by ``polgraph.rdf``'s own per-article
   converter.  A batch's statements become its part of ``graph.trig`` at once
   (one named graph per article: nothing to merge), written by Oxigraph from a
   small in-memory store.  For ``graph.ttl`` the statements are routed by a
   stable hash of their subject to partition files on disk (~250 articles'
   worth each); only ``pg:evidence`` links are routed by the whole statement,
   since a national body collects one from nearly every article.
4. **Merge**: each partition in turn is deduplicated and sorted, loaded into an
   in-memory Oxigraph store and written as Turtle; a subject's statements live
   in one partition (its evidence links aside), so it appears once in the file
   with everything else said about it.  The counts of
   ``report.json`` are taken on the way.  Then ``graph.ttl`` and ``graph.trig``
   are the partitions and batches concatenated behind one prefix header, and
   ``graph.html`` is drawn (when the graph is small enough for rdflib;
   otherwise the overview page, from SPARQL aggregates on an on-disk store).

Memory is bounded by a batch and a partition, plus the resolution's entities:
it grows with the number of distinct persons, bodies and documents (and mentions
of namesakes), not with the number of articles.

The output is deterministic: Oxigraph's in-memory store writes sorted input in
a fixed order, batches and partitions are cut by article count and subject
hash, never by timing; so one worker, eight workers and a Dask cluster give
byte-identical files (``tests/test_parallel_identical.py``).  It is not the
hand-sorted Turtle of the in-memory build, but the same statements.
"""

from __future__ import annotations

import errno
import gc
import json
import multiprocessing
import os
import pickle
import re
import shutil
import sys
import tempfile
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from polgraph.build.parallel import DEFAULT_BATCH_SIZE, default_workers, extract_batches
from polgraph.core.atomic import atomic_output_dir, atomic_write_text
from polgraph.core.iris import graph_iri
from polgraph.core.model import Article, ArticleFacts, Event, Holding
from polgraph.ingest import IngestError, IngestWarning, read_articles
from polgraph.rdf.statements import _ArticleGraph
from polgraph.rdf.turtle import _escape_literal

__all__ = ["HTML_MAX_TRIPLES", "STREAM_ABOVE_BYTES", "build_streaming", "input_bytes", "triples_of"]

HTML_MAX_TRIPLES = 300_000
"""Above this many merged triples graph.html is the overview page, made without rdflib."""

STREAM_ABOVE_BYTES = 8 << 20
"""``build`` streams by itself when its inputs total more than this (about 1,500 articles)."""

_PART_ARTICLES = 250
"""Articles per partition of the merged graph: ~50k triples, ~130 MB while it is written."""

_MAX_PARTS = 2048
"""Partitions are spill files, all open at once: ~250 articles each up to 512k articles,
larger beyond (memory then grows with the corpus again, slowly)."""

_SPARE_FILES = 128  # descriptors left for everything else while the partitions are open

_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_EVIDENCE_LINK = "<https://w3id.org/polgraph/ontology#evidence> "

_MEMO_SIZE = 1 << 14
"""Entries per memoised string function: enough for the names that recur (titles, bodies,
an article's people); the nine caches at 2^18 entries held ~400 MB on 100k articles."""

Progress = Callable[[int, int], None]


def input_bytes(paths: Iterable[str | os.PathLike[str]], stop: int | None = None) -> int:
    """Total size of the article files under ``paths`` (stops counting past ``stop``)."""
    from polgraph.ingest import SUPPORTED_EXTENSIONS

    total = 0
    for p in map(Path, paths):
        files = [p] if p.is_file() else (q for q in p.rglob("*") if q.is_file())
        for f in files:
            if f.suffix.lower() in SUPPORTED_EXTENSIONS:
                total += f.stat().st_size
                if stop is not None and total > stop:
                    return total
    return total


@contextmanager
def _memoized() -> Iterator[None]:
    """Memoise the pure string functions resolution and IRI minting call per mention.

    On a large corpus the same few thousand names are canonicalised millions of
    times; caching them (for the duration of a streaming build only, restored
    after) more than halves resolution and RDF time.  Same results: pure functions.
    """
    import polgraph.core.iris as iris_module
    import polgraph.rdf.statements as rdf_module
    import polgraph.resolve as resolve_module

    targets = [
        (module, name)
        for module, names in (
            (iris_module, ("fold", "slug")),
            (rdf_module, ("iri_for", "post_iri", "canonical", "fold", "slug")),
            (resolve_module, ("org_key", "expand_abbreviations", "canonical", "fold")),
        )
        for name in names
        if hasattr(module, name)
    ]
    saved = [(m, n, getattr(m, n)) for m, n in targets]
    try:
        for m, n, fn in saved:
            setattr(m, n, lru_cache(maxsize=_MEMO_SIZE)(fn))
        yield
    finally:
        for m, n, fn in saved:
            setattr(m, n, fn)


# ------------------------------------------------------------------ slim facts


def _slim(f: ArticleFacts) -> ArticleFacts:
    """What resolution and labels read: no evidence, no article text, strings interned."""
    i = sys.intern
    a = f.article
    return ArticleFacts(
        article=Article(i(a.id), "", a.title, a.date, a.url),
        date=f.date,
        persons=tuple(replace(p, name=i(p.name), evidence=()) for p in f.persons),
        organizations=tuple(
            replace(
                o,
                name=i(o.name),
                parent=i(o.parent) if o.parent else None,
                locality=i(o.locality) if o.locality else None,
                evidence=(),
            )
            for o in f.organizations
        ),
        documents=tuple(replace(d, name=i(d.name), evidence=()) for d in f.documents),
        holdings=tuple(
            Holding(i(h.person), i(h.role), i(h.organization), h.former, h.date) for h in f.holdings
        ),
        events=tuple(
            Event(
                e.name,
                e.date,
                i(e.organizer) if e.organizer else None,
                i(e.chair) if e.chair else None,
                tuple(i(p) for p in e.participants),
                tuple(i(d) for d in e.documents),
            )
            for e in f.events
        ),
    )


def _for_spool(f: ArticleFacts) -> tuple[bytes, bytes, tuple[str, ...], dict[str, int]]:
    """Worker side of step 1: an article's spool record, its slim facts' record,
    warnings (naming the article) and counts.

    Runs where the article was extracted (``extract_batches(then=...)``), so the
    encoding is spread over every core; the caller only writes the records.  The
    spools are this build's own temporary files, read back only by this module, so
    their records are pickles: several times faster to write and read than JSON.
    """
    from polgraph.build.report import _extracted_counts

    f = replace(f, article=replace(f.article, text=""))
    record = pickle.dumps(f, protocol=pickle.HIGHEST_PROTOCOL)
    slim = pickle.dumps(_slim(f), protocol=pickle.HIGHEST_PROTOCOL)
    warnings = tuple(f"{f.article.id}: {w}" for w in f.warnings)
    return record, slim, warnings, _extracted_counts([f])


class _SpooledFacts(Sequence[ArticleFacts]):
    """Facts spooled on disk (framed pickles), read back in order at every walk.

    Resolution walks every article's slim facts a few times; reading them back
    from this build's own spool costs a fraction of a millisecond per article and
    keeps nothing per article in memory (the operating system caches the file).
    """

    def __init__(self, path: Path, count: int) -> None:
        self.path = path
        self.count = count

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return list(self)[i]
        if not -self.count <= i < self.count:
            raise IndexError(i)
        return next(islice(iter(self), i % self.count, None))

    def __iter__(self) -> Iterator[ArticleFacts]:
        for batch in _spooled(self.path, 256):
            for record in batch:
                yield pickle.loads(record)  # our own records (see _for_spool)


# -------------------------------------------------------------------- N-Quads

_STATE: dict[str, Any] = {}  # resolution + labels, inherited by forked RDF workers


_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f\x7f"\\\ud800-\udfff]')
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class _Literal(str):
    """A literal already written in N-Triples syntax (what ``_LineGraph`` makes)."""

    __slots__ = ()


_XSD = "http://www.w3.org/2001/XMLSchema#"
_TRUE = _Literal(f'"true"^^<{_XSD}boolean>')
_FALSE = _Literal(f'"false"^^<{_XSD}boolean>')


def _quoted(value: str) -> str:
    return '"' + (_escape_literal(value) if _NEEDS_ESCAPE.search(value) else value) + '"'


class _LineGraph(_ArticleGraph):
    """``polgraph.rdf``'s per-article converter writing N-Triples lines, not rdflib terms.

    Same statements (``tests/test_parallel_identical.py`` compares with the
    in-memory build), without building and hashing an rdflib ``Literal`` per
    value: the largest cost of a streaming build after extraction.
    """

    def add(self, s: Any, p: Any, o: Any) -> None:
        self.g.add(f"<{s}> <{p}> {o if type(o) is _Literal else f'<{o}>'}")

    def text(self, value: str) -> Any:
        return _Literal(_quoted(value))

    def integer(self, value: int) -> Any:
        return _Literal(f'"{int(value)}"^^<{_XSD}integer>')

    def boolean(self, value: bool) -> Any:
        return _TRUE if value else _FALSE

    def date(self, value: Any) -> Any:
        return _Literal(f'"{value.isoformat()}"^^<{_XSD}date>')

    def any_uri(self, value: str) -> Any:
        return _Literal(f"{_quoted(value)}^^<{_XSD}anyURI>")


def triples_of(facts: ArticleFacts, resolver: Any, labels: Any, person_iri: Any) -> list[str]:
    """One article's statements as N-Triples lines without the final " .", after resolution."""
    lines: set[str] = set()
    f = resolver.rewrite(facts) if resolver is not None else facts
    _LineGraph(lines, f, labels, person_iri).build()  # type: ignore[arg-type]
    return list(lines)


@lru_cache(maxsize=1 << 12)
def _part_of(subject: str, parts: int) -> int:
    """The partition of the merged graph a subject's statements go to (stable across runs).

    The cache only spares the hash for a subject's consecutive statements; a large
    one (it was 2^20 entries) held every subject of the corpus in each RDF worker.
    """
    return zlib.crc32(subject.encode("utf-8")) % parts


def _memory_store(text: str, fmt: ox.RdfFormat) -> ox.Store:
    """An in-memory store holding ``text``, which must be sorted: then its dump is deterministic.

    ``lenient`` skips IRI re-validation, a third of the load time: the text is
    this module's own output, and every IRI and literal it mints is checked to
    round-trip through a strict parser by the fuzz tests.
    """
    store = ox.Store()
    store.load(text, format=fmt, lenient=True)
    return store


def _split_prefixes(text: bytes) -> tuple[bytes, bytes]:
    """Oxigraph's dump → (its ``@prefix`` header, the statements)."""
    at = 0
    while text.startswith(b"@prefix ", at):
        at = text.index(b"\n", at) + 1
    return text[:at], text[at:]


def _rdf_batch(lines: Sequence[bytes], parts: int) -> tuple[bytes, bytes, list[str]]:
    """A batch of spooled articles → (TriG prefixes, TriG body, merged-graph lines per partition).

    Runs in a forked worker that inherited the resolution (``_STATE``).  The TriG
    of a batch is complete (one block per article), so batches are concatenated
    in input order; the merged graph needs duplicates collapsed across all
    articles, so its lines are routed by subject to partitions finished later.
    """
    r, labels, person_iri = _STATE["resolver"], _STATE["labels"], _STATE["person_iri"]
    quads: list[str] = []
    union: list[list[str]] = [[] for _ in range(parts)]
    for line in lines:
        facts = pickle.loads(line)  # our own spool's record (see _for_spool)
        g = f" <{graph_iri(facts.article.id)}> .\n"
        for t in triples_of(facts, r, labels, person_iri):
            quads.append(t + g)
            cut = t.index(" ")
            if t.startswith(_EVIDENCE_LINK, cut + 1):
                # every article that names a national body adds an evidence link to it:
                # spread by the whole statement, or one partition grows with the corpus
                part = zlib.crc32(t.encode("utf-8")) % parts
            else:
                part = _part_of(t[:cut], parts)
            union[part].append(t + " .\n")
    return (*_trig(quads), ["".join(u) for u in union])


def _trig(quads: list[str]) -> tuple[bytes, bytes]:
    quads.sort()
    store = _memory_store("".join(quads), ox.RdfFormat.N_QUADS)
    return _split_prefixes(store.dump(format=ox.RdfFormat.TRIG, prefixes=_prefixes()))


def _turtle_part(path: Path) -> tuple[bytes, dict[str, int], dict[str, int], int]:
    """One partition of the merged graph: duplicates dropped, Turtle written next to it.

    Returns the Turtle prefix header, distinct subjects per ``rdf:type`` and
    triples per predicate (what ``report.json`` counts), and the triple count.
    """
    text = path.read_text(encoding="utf-8")
    path.unlink()
    lines = sorted(set(text.splitlines(keepends=True)))
    del text  # each copy freed as soon as the next exists: a partition is the peak
    types: dict[str, int] = {}
    predicates: dict[str, int] = {}
    for line in lines:
        _s, p, rest = line.split(" ", 2)
        predicates[p] = predicates.get(p, 0) + 1
        if p == _RDF_TYPE:
            o = rest[:-3]
            types[o] = types.get(o, 0) + 1
    count = len(lines)
    sorted_text = "".join(lines)
    del lines
    store = _memory_store(sorted_text, ox.RdfFormat.N_TRIPLES)
    del sorted_text
    header, body = _split_prefixes(
        store.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=_prefixes())
    )
    del store
    path.with_suffix(".ttl").write_bytes(body)
    return header, types, predicates, count


def _in_order(
    fn: Callable[..., Any], jobs: Iterable[tuple[Any, ...]], workers: int
) -> Iterator[Any]:
    """``fn(*job)`` for each job, results in job order; forked workers when > 1.

    Forked, so that workers inherit ``_STATE`` (the resolution) without pickling it;
    at most ``2 * workers`` jobs in flight, so memory stays bounded.
    """
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for job in jobs:
            yield fn(*job)
        return
    ctx = multiprocessing.get_context("fork")
    gc.collect()
    gc.freeze()  # the collector would touch (and so copy) every inherited object's page
    try:
        yield from _forked(fn, jobs, workers, ctx)
    finally:
        gc.unfreeze()


def _forked(
    fn: Callable[..., Any], jobs: Iterable[tuple[Any, ...]], workers: int, ctx: Any
) -> Iterator[Any]:
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        pending: deque[Any] = deque()
        for job in jobs:
            pending.append(pool.submit(fn, *job))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _spooled(path: Path, size: int) -> Iterator[list[bytes]]:
    """The spool's records in batches of ``size`` (each record: 4-byte length, pickle)."""
    with path.open("rb") as fh:
        batch: list[bytes] = []
        while head := fh.read(4):
            batch.append(fh.read(int.from_bytes(head, "big")))
            if len(batch) >= size:
                yield batch
                batch = []
        if batch:
            yield batch


def _spool_record(fh: Any, record: bytes) -> None:
    fh.write(len(record).to_bytes(4, "big"))
    fh.write(record)


def build_streaming(
    paths: Iterable[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    strict: bool = False,
    progress: Progress | None = None,
    time_limit: float | None = 60.0,
    workers: int | None = None,
    dask: Any = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> Any:
    """Build ``out_dir`` from ``paths`` with bounded memory; returns a ``BuildReport``."""
    from polgraph.build.report import BuildFailed, BuildReport

    workers = default_workers() if workers is None else workers
    path_list = [Path(p) for p in paths]
    out = Path(out_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    errors: list[IngestError] = []
    ignored: list[IngestWarning] = []
    warnings: list[str] = []
    slim_count = 0  # slim facts spooled for resolution
    extracted = dict.fromkeys(("persons", "organizations", "documents", "holdings", "events"), 0)

    def articles() -> Iterator[Article]:
        for item in read_articles(path_list):
            if isinstance(item, Article):
                yield item
            elif isinstance(item, IngestError):
                if strict:
                    raise BuildFailed(
                        "an input could not be read (strict mode); nothing written", [item]
                    )
                errors.append(item)
            else:
                ignored.append(item)

    with (
        _memoized(),
        tempfile.TemporaryDirectory(prefix=".polgraph-build-", dir=out.parent) as tmp,
    ):
        work = Path(tmp)
        spool = work / "facts.spool"
        slim_spool = work / "slim.spool"
        done = 0
        if progress:
            progress(0, 0)
        with spool.open("wb") as fh, slim_spool.open("wb") as slim_fh:
            for spooled, failed in extract_batches(
                articles(), workers=workers, dask=dask, batch_size=batch_size,
                time_limit=time_limit, then=_for_spool,
            ):  # fmt: skip
                if strict and failed:
                    raise BuildFailed("extraction failed (strict mode)", failed[:1])
                errors.extend(failed)
                for record, slim_record, article_warnings, counts in spooled:
                    _spool_record(fh, record)
                    _spool_record(slim_fh, slim_record)
                    slim_count += 1
                    warnings.extend(article_warnings)
                    for key, n in counts.items():
                        extracted[key] += n
                done += len(spooled) + len(failed)
                if progress:
                    progress(done, 0)
        if not slim_count:
            if not errors:
                where = ", ".join(str(p) for p in path_list) or "(no paths)"
                raise BuildFailed(f"no articles could be read from {where}", errors)
            raise BuildFailed("no article could be extracted", errors)
        count = slim_count
        resolver, labels, person_iri, links = _resolve(_SpooledFacts(slim_spool, count))
        slim_spool.unlink()
        tenure = _tenure_lines(resolver, person_iri, _SpooledFacts(spool, count))
        gc.collect()
        _give_back_freed_memory()
        _STATE.update(resolver=resolver, labels=labels, person_iri=person_iri)
        try:
            parts, trig_body, header = _write_rdf(
                work, spool, count, links, workers, batch_size, tenure
            )
        finally:
            _STATE.clear()
        del resolver, labels, person_iri  # the merge below needs none of it
        gc.collect()
        _give_back_freed_memory()
        part_paths = _part_paths(work, parts)

        ttl_header, types, predicates, triples = _merge(part_paths, workers)
        entities, statements = _named_counts(types), _named_counts(predicates)
        report = BuildReport(
            out_dir=out,
            articles=count,
            skipped=tuple(errors),
            ignored=tuple(ignored),
            extracted=extracted,
            entities=entities,
            statements=statements,
            triples=triples,
            warnings=tuple(warnings),
        )
        with atomic_output_dir(out) as stage:
            _concatenate(
                stage / "graph.ttl", ttl_header, [q.with_suffix(".ttl") for q in part_paths]
            )
            _concatenate(stage / "graph.trig", header, [trig_body])
            _write_html(stage / "graph.html", stage / "graph.ttl", triples)
            atomic_write_text(
                stage / "report.json",
                json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n",
            )
    return report


def _give_back_freed_memory() -> None:
    """Return the heap freed after resolution to the system (glibc only; else nothing).

    The slim facts are gone by then, but the allocator keeps their pages, and
    the workers forked next would carry them into every later measurement.
    """
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _part_paths(work: Path, parts: int) -> list[Path]:
    return [work / f"merged-{i:04d}.nt" for i in range(parts)]


def partitions(count: int) -> int:
    """How many partitions the merged graph of ``count`` articles is split into.

    Depends on the count only, so that the output is the same on every machine;
    the soft limit on open files is raised to fit them (up to the hard limit).
    """
    parts = min(_MAX_PARTS, max(1, -(-count // _PART_ARTICLES)))
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        need = parts + _SPARE_FILES
        if soft != resource.RLIM_INFINITY and soft < need:
            raised = need if hard == resource.RLIM_INFINITY else min(need, hard)
            resource.setrlimit(resource.RLIMIT_NOFILE, (raised, hard))
    except (ImportError, ValueError, OSError):
        pass  # no such limit here, or not allowed: opening the files will say so
    return parts


def _write_rdf(
    work: Path,
    spool: Path,
    count: int,
    links: Sequence[Any],
    workers: int,
    batch_size: int,
    tenure: Sequence[str] = (),
) -> tuple[int, Path, bytes]:
    """Spooled facts → the dataset's TriG body and the merged graph's partition files.

    Returns the number of partitions, the TriG body's path and its prefix header.
    """
    parts = partitions(count)
    trig_body = work / "dataset.trig"
    header = b""
    with trig_body.open("wb") as trig, ExitStack() as stack:
        try:
            part_files = [
                stack.enter_context(q.open("w", encoding="utf-8")) for q in _part_paths(work, parts)
            ]
        except OSError as exc:
            if exc.errno != errno.EMFILE:
                raise
            raise OSError(
                exc.errno,
                f"{count:,} articles need {parts:,} partition files open at once, more than "
                f"this process may open; raise the limit (ulimit -n {parts + _SPARE_FILES})",
            ) from None

        def put(head: bytes, body: bytes, union: list[str]) -> None:
            nonlocal header
            header = header or head
            trig.write(body)
            for fh, text in zip(part_files, union, strict=True):
                fh.write(text)

        jobs = ((batch, parts) for batch in _spooled(spool, max(8, batch_size)))
        for head, body, union in _in_order(_rdf_batch, jobs, workers):
            put(head, body, union)
        if links:
            put(*_links(links, parts))
        if tenure:
            from polgraph.rdf.tenure import TENURE_GRAPH

            put(*_named(tenure, TENURE_GRAPH, parts))
    spool.unlink()
    return parts, trig_body, header


def _merge(
    part_paths: Sequence[Path], workers: int
) -> tuple[bytes, dict[str, int], dict[str, int], int]:
    """Each partition of the merged graph → Turtle beside it; the header and summed counts."""
    types: dict[str, int] = {}
    predicates: dict[str, int] = {}
    triples = 0
    header = b""
    for head, part_types, part_predicates, n in _in_order(
        _turtle_part, ((q,) for q in part_paths), workers
    ):
        header = header or head
        for total, part in ((types, part_types), (predicates, part_predicates)):
            for key, k in part.items():
                total[key] = total.get(key, 0) + k
        triples += n
    return header, types, predicates, triples


def _links(links: Sequence[Any], parts: int) -> tuple[bytes, bytes, list[str]]:
    """The resolution's "possibly the same" links, as ``_rdf_batch`` returns a batch."""
    from polgraph.core.vocab import PG
    from polgraph.resolve import RESOLUTION_GRAPH

    p = f"<{PG.possiblySameAs}>"
    return _named([f"<{x.a}> {p} <{x.b}>" for x in links], RESOLUTION_GRAPH, parts)


def _named(statements: Sequence[str], graph: Any, parts: int) -> tuple[bytes, bytes, list[str]]:
    """Statements of one named graph (N-Triples lines without " ."), as ``_rdf_batch`` returns."""
    g = f" <{graph}> .\n"
    union: list[list[str]] = [[] for _ in range(parts)]
    for t in statements:
        union[_part_of(t[: t.index(" ")], parts)].append(t + " .\n")
    return (*_trig([t + g for t in statements]), ["".join(u) for u in union])


def _tenure_lines(resolver: Any, person_iri: Any, spooled: Iterable[ArticleFacts]) -> list[str]:
    """The tenure intervals (``polgraph.rdf.tenure``) as N-Triples lines without " .".

    Reads the full spool once more (the slim one has no evidence sentences, where
    the cues are); what it keeps is a few records per holding.
    """
    from polgraph.rdf.tenure import tenure_triples, tenures_of

    tenures = tenures_of((resolver.rewrite(f) for f in spooled), person_iri)
    return [" ".join(term.n3() for term in t) for t in tenure_triples(tenures)]


def _concatenate(target: Path, header: bytes, pieces: Sequence[Path]) -> None:
    """Write ``header`` then each piece (deleted once copied) into ``target``."""
    with target.open("wb") as out:
        out.write(header)
        for piece in pieces:
            with piece.open("rb") as fh:
                shutil.copyfileobj(fh, out, 1 << 20)
            piece.unlink()


def _resolve(slim: Sequence[ArticleFacts]) -> tuple[Any, Any, Any, list[Any]]:
    """Resolution over all articles, labels per IRI, and the "possibly same" links."""
    from polgraph.core.iris import iri_for
    from polgraph.rdf.statements import _preferred_labels
    from polgraph.resolve import _Resolver

    r = _Resolver(slim)
    r.organizations()
    r.documents()
    r.persons()
    r.facts = []

    def person_iri(article_id: str, name: str) -> Any:
        return r.person_iri(article_id, name) or iri_for("person", name)

    renamed = (r.rewrite(f) for f in slim)
    labels = _preferred_labels(renamed, person_iri)  # type: ignore[arg-type]
    return r, labels, person_iri, sorted(set(r.links))


def _prefixes() -> dict[str, str]:
    from polgraph.core.vocab import PREFIXES

    return {p: str(ns) for p, ns in sorted(PREFIXES.items())}


def _named_counts(counts: dict[str, int]) -> dict[str, int]:
    """``{"<iri>": n}`` → ``{"prefix:name": n}``, sorted, as ``report.json`` shows them."""
    from polgraph.rdf.turtle import _Writer

    w = _Writer()
    return dict(sorted((w.iri(iri[1:-1]), n) for iri, n in counts.items()))


def _write_html(path: Path, turtle: Path, triples: int) -> None:
    if triples <= HTML_MAX_TRIPLES:
        from rdflib import Graph

        from polgraph.outputs import html

        html.write_html(Graph().parse(turtle, format="turtle"), path, title="polgraph")
        return
    # too big for rdflib: the overview page, from SPARQL aggregates on an on-disk store
    from polgraph.outputs.html_overview import overview_html
    from polgraph.outputs.html_store import summarize_store

    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".overview-") as tmp:
        store = ox.Store(tmp)
        store.bulk_load(path=str(turtle), format=ox.RdfFormat.TURTLE)
        summary = summarize_store(store)
        del store
    atomic_write_text(path, overview_html(summary, "polgraph"))
