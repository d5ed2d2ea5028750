"""The build for corpora too big for memory: batches in, Oxigraph on disk, native writers out.

``graph.build.build`` hands over to ``build_streaming`` for large corpora (or when
asked).  Memory stays bounded because no stage holds the corpus:

1. **Read + extract** in batches (``graph.parallel.extract_batches``: all cores or
   a Dask cluster, results in input order).  Each article's facts go to a spool
   file on disk (JSON Lines, without the article text, which the graph does not
   carry); only a *slim* copy (names and links, no evidence sentences, strings
   interned) stays in memory for step 2.
2. **Resolve** across articles on the slim copies (``graph.resolve``: resolution
   is global by nature, a later article can rename an entity of an earlier one;
   its index is the one structure that grows with the corpus, about 1 kB per
   article).
3. **RDF**: the spool is read back in batches; each article is renamed by the
   resolution and turned into N-Quads by ``graph.rdf``'s own per-article
   converter, in worker processes forked after step 2 (they inherit the
   resolution), then bulk-loaded into two Oxigraph stores on disk: the dataset
   (one named graph per article) and the merged graph (duplicates collapse).
4. **Write** ``graph.trig`` and ``graph.ttl`` with Oxigraph's serializers, the
   counts of ``report.json`` with SPARQL on the merged store, and ``graph.html``
   (only when the graph is small enough for a browser page; otherwise a page
   pointing to ``polgraph html --focus``).

The output is deterministic: Oxigraph writes in its index order, which depends
on the statements only, not on the order or the process they were added by; so
one worker, eight workers and a Dask cluster give byte-identical files
(``tests/test_parallel_identical.py``).  It is not the hand-sorted Turtle of
the in-memory build, but the same statements.
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Literal, URIRef

from graph.atomic import atomic_output_dir, atomic_write_text
from graph.ingest import IngestError, IngestWarning, read_articles
from graph.model import Article, ArticleFacts, Event, Holding
from graph.parallel import DEFAULT_BATCH_SIZE, default_workers, extract_batches
from graph.rdf import _ArticleGraph, _escape_literal, graph_iri

__all__ = ["HTML_MAX_TRIPLES", "STREAM_ABOVE_BYTES", "build_streaming", "input_bytes", "nquads_of"]

HTML_MAX_TRIPLES = 300_000
"""Above this many merged triples graph.html is a pointer page, not the network."""

STREAM_ABOVE_BYTES = 8 << 20
"""``build`` streams by itself when its inputs total more than this (about 1,500 articles)."""

_LOAD_CHUNK = 4 << 20  # characters of N-Quads per bulk load

Progress = Callable[[int, int], None]


def input_bytes(paths: Iterable[str | os.PathLike[str]], stop: int | None = None) -> int:
    """Total size of the article files under ``paths`` (stops counting past ``stop``)."""
    from graph.ingest import SUPPORTED_EXTENSIONS

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
    import graph.rdf as rdf_module
    import graph.resolve as resolve_module

    targets = [
        (module, name)
        for module, names in (
            (rdf_module, ("iri_for", "post_iri", "canonical", "fold", "slug")),
            (resolve_module, ("org_key", "expand_abbreviations", "canonical", "fold")),
        )
        for name in names
        if hasattr(module, name)
    ]
    saved = [(m, n, getattr(m, n)) for m, n in targets]
    try:
        for m, n, fn in saved:
            setattr(m, n, lru_cache(maxsize=1 << 18)(fn))
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


# -------------------------------------------------------------------- N-Quads

_STATE: dict[str, Any] = {}  # resolution + labels, inherited by forked RDF workers


_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f\x7f"\\\ud800-\udfff]')
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _term(term: Any) -> str:
    """N-Triples form of an rdflib term (URIRef or Literal: the converter makes no bnodes)."""
    if type(term) is URIRef:
        return f"<{term}>"  # not "<" + term: URIRef.__radd__ would build (and check) an IRI
    if isinstance(term, Literal):
        text = str(term)
        if _NEEDS_ESCAPE.search(text):
            text = _escape_literal(text)
        if term.language:
            return f'"{text}"@{term.language}'
        dt = term.datatype
        if dt and dt != _XSD_STRING:
            return f'"{text}"^^<{dt}>'
        return f'"{text}"'
    if isinstance(term, URIRef):
        return f"<{term}>"
    raise TypeError(f"unexpected RDF term {term!r}")


def nquads_of(facts: ArticleFacts, resolver: Any, labels: Any, person_iri: Any) -> list[str]:
    """One article's statements as N-Quads lines in its named graph, after resolution."""
    triples: set[tuple[Any, Any, Any]] = set()
    f = resolver.rewrite(facts) if resolver is not None else facts
    _ArticleGraph(triples, f, labels, person_iri).build()  # type: ignore[arg-type]
    g = f" <{graph_iri(f.article.id)}> .\n"
    return [f"{_term(s)} {_term(p)} {_term(o)}{g}" for s, p, o in triples]


def _nquads_batch(lines: Sequence[str]) -> str:
    from graph.store import facts_from_json

    r, labels, person_iri = _STATE["resolver"], _STATE["labels"], _STATE["person_iri"]
    out: list[str] = []
    for line in lines:
        out.extend(nquads_of(facts_from_json(line), r, labels, person_iri))
    return "".join(out)


def _spooled(path: Path, size: int) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as fh:
        batch: list[str] = []
        for line in fh:
            batch.append(line)
            if len(batch) >= size:
                yield batch
                batch = []
        if batch:
            yield batch


def _rdf_chunks(spool: Path, workers: int, batch_size: int) -> Iterator[str]:
    """N-Quads text per batch of spooled articles, in order; forked workers when > 1."""
    batches = _spooled(spool, batch_size)
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for batch in batches:
            yield _nquads_batch(batch)
        return
    ctx = multiprocessing.get_context("fork")  # workers inherit _STATE (the resolution)
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        pending: list[Any] = []
        for batch in batches:
            pending.append(pool.submit(_nquads_batch, batch))
            if len(pending) >= 2 * workers:
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()


# --------------------------------------------------------------------- build


def _to_union(nquads: str) -> str:
    """N-Quads → N-Triples of the same statements (drop the graph name)."""
    return "".join(line[: line.rstrip(" .\n").rfind(" ")] + " .\n" for line in nquads.splitlines())


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
    from graph.build import BuildFailed, BuildReport, _extracted_counts

    workers = default_workers() if workers is None else workers
    path_list = [Path(p) for p in paths]
    out = Path(out_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    errors: list[IngestError] = []
    ignored: list[IngestWarning] = []
    warnings: list[str] = []
    slim: list[ArticleFacts] = []
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
        spool = work / "facts.jsonl"
        from graph.store import facts_to_json

        done = 0
        if progress:
            progress(0, 0)
        with spool.open("w", encoding="utf-8") as fh:
            for facts, failed in extract_batches(
                articles(), workers=workers, dask=dask, batch_size=batch_size,
                time_limit=time_limit,
            ):  # fmt: skip
                if strict and failed:
                    raise BuildFailed("extraction failed (strict mode)", failed[:1])
                errors.extend(failed)
                for f in facts:
                    f = replace(f, article=replace(f.article, text=""))
                    fh.write(facts_to_json(f))
                    slim.append(_slim(f))
                    warnings.extend(f"{f.article.id}: {w}" for w in f.warnings)
                    for key, n in _extracted_counts([f]).items():
                        extracted[key] += n
                done += len(facts) + len(failed)
                if progress:
                    progress(done, 0)
        if not slim:
            if not errors:
                where = ", ".join(str(p) for p in path_list) or "(no paths)"
                raise BuildFailed(f"no articles could be read from {where}", errors)
            raise BuildFailed("no article could be extracted", errors)
        count = len(slim)

        resolver, labels, person_iri, links = _resolve(slim)
        del slim
        gc.collect()
        _STATE.update(resolver=resolver, labels=labels, person_iri=person_iri)

        dataset = ox.Store(str(work / "dataset"))
        union = ox.Store(str(work / "union"))
        try:
            for chunk in _chunked(_rdf_chunks(spool, workers, max(8, batch_size))):
                dataset.bulk_load(chunk, format=ox.RdfFormat.N_QUADS)
                union.bulk_load(_to_union(chunk), format=ox.RdfFormat.N_TRIPLES)
            if links:
                from graph.resolve import RESOLUTION_GRAPH
                from graph.vocab import PG

                g, p = f"<{RESOLUTION_GRAPH}>", f"<{PG.possiblySameAs}>"
                text = "".join(f"<{x.a}> {p} <{x.b}> {g} .\n" for x in links)
                dataset.bulk_load(text, format=ox.RdfFormat.N_QUADS)
                union.bulk_load(_to_union(text), format=ox.RdfFormat.N_TRIPLES)
            _STATE.clear()
            entities, statements, triples = _count(union)
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
                prefixes = _prefixes()
                union.dump(
                    str(stage / "graph.ttl"), format=ox.RdfFormat.TURTLE,
                    from_graph=ox.DefaultGraph(), prefixes=prefixes,
                )  # fmt: skip
                dataset.dump(str(stage / "graph.trig"), format=ox.RdfFormat.TRIG, prefixes=prefixes)
                _write_html(stage / "graph.html", stage / "graph.ttl", triples)
                atomic_write_text(
                    stage / "report.json",
                    json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n",
                )
        finally:
            del dataset, union
            gc.collect()
    return report


def _chunked(texts: Iterable[str]) -> Iterator[str]:
    """Join small N-Quads texts into loads of about ``_LOAD_CHUNK`` characters."""
    buf: list[str] = []
    size = 0
    for text in texts:
        buf.append(text)
        size += len(text)
        if size >= _LOAD_CHUNK:
            yield "".join(buf)
            buf, size = [], 0
    if buf:
        yield "".join(buf)


def _resolve(slim: Sequence[ArticleFacts]) -> tuple[Any, Any, Any, list[Any]]:
    """Resolution over all articles, labels per IRI, and the "possibly same" links."""
    from graph.rdf import _preferred_labels, iri_for
    from graph.resolve import _Resolver
    from graph.text import fold

    r = _Resolver(slim)
    r.organizations()
    r.documents()
    r.persons()
    r.facts = []
    iris = r.person_iris

    def person_iri(article_id: str, name: str) -> Any:
        return iris.get((article_id, fold(name))) or iri_for("person", name)

    renamed = (r.rewrite(f) for f in slim)
    labels = _preferred_labels(renamed, person_iri)  # type: ignore[arg-type]
    return r, labels, person_iri, sorted(set(r.links))


def _prefixes() -> dict[str, str]:
    from graph.vocab import PREFIXES

    return {p: str(ns) for p, ns in sorted(PREFIXES.items())}


def _count(union: ox.Store) -> tuple[dict[str, int], dict[str, int], int]:
    """Distinct subjects per rdf:type and triples per predicate, by SPARQL on the store."""
    from graph.rdf import _Writer

    w = _Writer()

    def name(iri: str) -> str:
        return w.iri(iri)

    types = union.query("SELECT ?t (COUNT(?s) AS ?n) WHERE { ?s a ?t } GROUP BY ?t")
    entities = {name(row["t"].value): int(row["n"].value) for row in types}  # type: ignore[union-attr]
    preds = union.query("SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p")
    statements = {name(row["p"].value): int(row["n"].value) for row in preds}  # type: ignore[union-attr]
    return dict(sorted(entities.items())), dict(sorted(statements.items())), len(union)


def _write_html(path: Path, turtle: Path, triples: int) -> None:
    if triples <= HTML_MAX_TRIPLES:
        from rdflib import Graph

        from graph import html

        html.write_html(Graph().parse(turtle, format="turtle"), path, title="polgraph")
        return
    atomic_write_text(
        path,
        '<!doctype html>\n<html lang="en"><meta charset="utf-8"><title>polgraph</title>\n'
        f"<p>The graph has {triples:,} triples: too many for one browser page. "
        "Draw a part of it with <code>polgraph html OUT_DIR --focus NAME</code>, or query "
        "<code>graph.ttl</code> / <code>graph.trig</code>.</p>\n</html>\n",
    )
