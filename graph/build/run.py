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
complete (``polgraph.core.atomic.atomic_output_dir``): a build that fails midway
leaves the previous outputs as they were.  Nothing in the outputs depends on
the clock or the machine, so the same inputs give byte-identical files.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from polgraph.build.extraction import ARTICLE_TIME_LIMIT, Progress, extract_all
from polgraph.build.report import (
    DEFAULT_OUT_DIR,
    BuildFailed,
    BuildReport,
    _extracted_counts,
    sample_corpus,
)
from polgraph.core.atomic import atomic_output_dir, atomic_write_text
from polgraph.ingest import read_all

__all__ = ["build"]


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
    ``polgraph.build.stream.STREAM_ABOVE_BYTES``) builds in batches through disk
    spools and Oxigraph, with bounded memory (``polgraph.build.stream``).
    """
    path_list = [Path(p) for p in (paths if paths is not None else [sample_corpus()])]
    from polgraph.build import stream as streaming

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
        from polgraph.build.parallel import extract_parallel

        facts, failed = extract_parallel(
            ingested.articles, workers=workers, dask=dask, strict=strict,
            progress=progress, time_limit=time_limit,
        )  # fmt: skip
    if not facts:
        raise BuildFailed("no article could be extracted", failed)
    skipped = (*ingested.errors, *failed)

    from polgraph.outputs import html  # deferred: only a build that gets this far needs them
    from polgraph.rdf import statements, turtle

    dataset = statements.resolved_dataset(facts)  # one node per entity across articles
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
        turtle.write_turtle(dataset, stage / "graph.ttl")
        turtle.write_trig(dataset, stage / "graph.trig")
        html.write_html(dataset, stage / "graph.html", title="polgraph")
        atomic_write_text(
            stage / "report.json",
            json.dumps(report.to_json(), ensure_ascii=False, indent=2, sort_keys=False) + "\n",
        )
    return report


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
