"""A persistent, incremental graph store on disk (Oxigraph), built by the same path as ``build``.

``polgraph build ARTICLES --store DIR`` keeps, in ``DIR``:

``oxigraph/``
    The Oxigraph (RocksDB) store: one named graph per article, as in
    ``graph.trig``, plus the resolution graph (``pg:possiblySameAs`` links);
    the default graph holds their union as a set, kept in step on every change.
``facts/``
    Each article's extracted facts as JSON, named by a hash of the article's
    content and of the extractor (code and data): a cache that cannot go stale.
``manifest.json``
    The article ids and content hashes of the last complete run, and per named
    graph a hash of its statements.
``lock``, ``dirty``
    The run's lock (``polgraph.build.lock``), and the mark that a run was
    changing the store.

A rebuild extracts only articles whose content (or the extractor) is not in the
cache; resolution then runs over all facts (an added article may rename or
split entities elsewhere) and each article's statements are written as
N-Triples by the build's own converter (``polgraph.rdf.ntriples``); only named
graphs whose statements differ are replaced, each in one transaction (the
default graph's union with it).  So the store always equals ``graph.trig`` of a
build from scratch (``tests/test_store_incremental.py``).

Crash safety (``tests/test_store_faults.py``): one lock for the whole run; the
``dirty`` mark is written (and synced) before the store is touched and removed
only after the manifest; a run that finds it rewrites the store whole from the
facts instead of trusting the manifest.  A damaged cache file or manifest is
treated as missing, with a warning naming it.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from polgraph.build.facts_json import facts_from_json, facts_to_json
from polgraph.build.lock import LOCK_FILE, StoreBusy, store_lock
from polgraph.core.atomic import atomic_write_text
from polgraph.core.model import Article, ArticleFacts
from polgraph.ingest import IngestError, IngestWarning, read_all, skipped_count
from polgraph.rdf.oxstore import MANIFEST, is_store, open_store

__all__ = [
    "DIRTY",
    "StoreBusy",
    "StoreReport",
    "extractor_fingerprint",
    "facts_from_json",
    "facts_to_json",
    "store_quads",
    "update_store",
]

FORMAT_VERSION = 2
DIRTY = "dirty"
_ROOT = Path(__file__).resolve().parents[1]  # the package


def extractor_fingerprint() -> str:
    """Hash of the code and data that turn an article into facts; a change re-extracts all."""
    h = hashlib.sha256()
    files: list[Path] = []
    for sub in ("core", "extract", "nlp", "data"):
        files += [p for p in (_ROOT / sub).rglob("*") if p.is_file() and p.suffix != ".pyc"]
    for p in sorted(files):
        if p.is_file() and "__pycache__" not in p.parts:
            h.update(p.relative_to(_ROOT).as_posix().encode())
            h.update(b"\0")
            h.update(p.read_bytes())
    return h.hexdigest()


def _article_hash(article: Article, fingerprint: str) -> str:
    payload = [fingerprint, article.id, article.text, article.title, article.date, article.url]
    return hashlib.sha256(json.dumps(payload, default=str).encode("utf-8")).hexdigest()


def store_quads(path: str | os.PathLike[str]) -> list[str]:
    """Every quad in a store folder as sorted N-Quads lines (to compare stores)."""
    store = open_store(path, read_only=True)
    try:
        return sorted(f"{q} ." for q in store.quads_for_pattern(None, None, None, None))
    finally:
        del store
        gc.collect()


@dataclass(frozen=True)
class StoreReport:
    """What an incremental build did."""

    store_dir: Path
    articles: int
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    extracted: int = 0
    graphs_written: int = 0
    graphs_removed: int = 0
    quads: int = 0
    skipped: tuple[IngestError, ...] = ()
    ignored: tuple[IngestWarning, ...] = ()
    warnings: tuple[str, ...] = ()
    notices: tuple[str, ...] = ()
    """Problems with the store itself (damaged cache or manifest, an interrupted run)."""

    def summary(self) -> str:
        unchanged = self.articles - len(self.added) - len(self.changed)
        return "\n".join(
            [
                *(f"Warning: {n}" for n in self.notices),
                f"Read {self.articles} article{'s' if self.articles != 1 else ''}: "
                f"{len(self.added)} new, {len(self.changed)} changed, {unchanged} unchanged, "
                f"{len(self.removed)} removed"
                + (f", skipped {skipped_count(self.skipped)}" if self.skipped else "")
                + ".",
                f"Extracted {self.extracted}; rewrote {self.graphs_written} named graph(s), "
                f"dropped {self.graphs_removed}.",
                f"Store {self.store_dir}: {self.quads} quads.",
            ]
        )


def _load_manifest(store_dir: Path, notices: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """(article id → content hash, graph → statements hash); empty when missing or damaged."""
    path = store_dir / MANIFEST
    if not path.exists():
        return {}, {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT_VERSION:
            raise ValueError("not a manifest of this polgraph version")
        articles = {str(k): str(v["hash"]) for k, v in data["articles"].items()}
        graphs = {str(k): str(v) for k, v in data["graphs"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        notices.append(f"{path}: unreadable ({exc}); the store is rewritten from the articles")
        return {}, {}
    return articles, graphs


def _cached(path: Path, article_id: str, notices: list[str]) -> ArticleFacts | None:
    """The cached facts in ``path``, or ``None`` (with a notice when the file is damaged)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        reason: str = str(exc)
    else:
        try:
            facts = facts_from_json(text)
            if facts.article.id == article_id:
                return facts
            reason = f"holds article {facts.article.id!r}, not {article_id!r}"
        except ValueError as exc:
            reason = str(exc)
    notices.append(f"{path}: damaged cache entry ({reason}); re-extracting {article_id!r}")
    path.unlink(missing_ok=True)
    return None


def _statements(facts: Sequence[ArticleFacts]) -> dict[str, list[str]]:
    """Named graph IRI → its sorted N-Triples lines, as the build writes them to graph.trig."""
    from polgraph.build.spool import memoized, resolve, slim
    from polgraph.build.tenures import tenure_lines
    from polgraph.core.iris import graph_iri
    from polgraph.core.vocab import PG
    from polgraph.rdf.ntriples import triples_of
    from polgraph.rdf.tenure import TENURE_GRAPH
    from polgraph.resolve import RESOLUTION_GRAPH

    with memoized():
        r, labels, person_iri, links = resolve([slim(f) for f in facts])
        graphs = {
            str(graph_iri(f.article.id)): sorted(set(triples_of(f, r, labels, person_iri)))
            for f in facts
        }
        tenure = tenure_lines(r, person_iri, facts)
    if links:
        graphs[str(RESOLUTION_GRAPH)] = [f"<{x.a}> <{PG.possiblySameAs}> <{x.b}>" for x in links]
    if tenure:
        graphs[str(TENURE_GRAPH)] = sorted(set(tenure))
    return graphs


def _digest(lines: Sequence[str]) -> str:
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def _terms(lines: Sequence[str]) -> list[ox.Quad]:
    """Our N-Triples lines re-read by Oxigraph's strict parser (nothing unchecked goes on)."""
    text = "".join(f"{t} .\n" for t in lines)
    return list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))


def _replace_graph(store: ox.Store, name: str, lines: Sequence[str]) -> None:
    """Replace one named graph, and its share of the default graph's union, in one transaction.

    Every term is written by pyoxigraph from parsed terms, so the update text holds
    only escaped IRIs and literals (an article cannot inject SPARQL).
    """
    g = str(ox.NamedNode(name))
    body = " .\n".join(str(t) for t in _terms(lines))
    only_here = f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} FILTER (?h != {g}) }}"
    ops = [
        f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} {only_here} }}",
        f"DROP SILENT GRAPH {g}",
    ]
    if body:
        ops.append(f"INSERT DATA {{ GRAPH {g} {{ {body} }} {body} }}")
    store.update(" ;\n".join(ops))


def _rewrite_all(store: ox.Store, graphs: dict[str, list[str]]) -> None:
    """The whole store from the statements: after a crash, nothing in it is trusted."""
    store.clear()
    for name in sorted(graphs):
        quads = _terms(graphs[name])
        graph = ox.NamedNode(name)
        store.extend([ox.Quad(q.subject, q.predicate, q.object, graph) for q in quads])
        store.extend(quads)  # the default graph: the union, as a set


def _mark(path: Path) -> None:
    """Create ``path`` durably (its data and its directory entry reach the disk)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        os.write(fd, b"a polgraph build was changing this store\n")
        os.fsync(fd)
    finally:
        os.close(fd)
    _sync_dir(path.parent)


def _sync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not possible here (Windows); the rename order still holds
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _ours(store_dir: Path) -> bool:
    """Whether ``store_dir`` may be written: empty, a store, or one a killed first run began."""
    if not store_dir.exists():
        return True
    names = {p.name for p in store_dir.iterdir()}
    return is_store(store_dir) or DIRTY in names or names <= {LOCK_FILE}


def update_store(
    paths: Iterable[str | os.PathLike[str]],
    store_dir: str | os.PathLike[str],
    *,
    strict: bool = False,
    progress: Any = None,
    workers: int | None = None,
    dask: Any = None,
    wait: float = 0.0,
) -> StoreReport:
    """Bring the store in ``store_dir`` in line with the articles in ``paths``.

    Raises ``polgraph.build.BuildFailed`` (store untouched) when nothing can be read,
    or under ``strict`` when any input is skipped, and ``StoreBusy`` when another
    run holds the store for longer than ``wait`` seconds.  ``workers`` / ``dask``
    extract as in ``build``.
    """
    from polgraph.build.report import BuildFailed

    store_dir = Path(store_dir)
    path_list = [Path(p) for p in paths]
    ingested = read_all(path_list)
    if strict and ingested.errors:
        raise BuildFailed(
            f"{len(ingested.errors)} input(s) could not be read (strict mode); store unchanged",
            ingested.errors,
        )
    if not ingested.articles:
        where = ", ".join(str(p) for p in path_list) or "(no paths)"
        raise BuildFailed(f"no articles could be read from {where}", ingested.errors)
    if not _ours(store_dir):
        raise BuildFailed(f"{store_dir} exists and is not a polgraph store; not touching it")
    store_dir.mkdir(parents=True, exist_ok=True)
    with store_lock(store_dir, wait):
        return _update(store_dir, ingested, strict, progress, workers, dask)


def _update(
    store_dir: Path, ingested: Any, strict: bool, progress: Any, workers: int | None, dask: Any
) -> StoreReport:
    from polgraph.build.report import BuildFailed

    notices: list[str] = []
    dirty = store_dir / DIRTY
    if dirty.exists():
        notices.append(f"{store_dir}: a previous run was interrupted; rewriting the store")
    known, old_graphs = _load_manifest(store_dir, notices)
    trusted = not dirty.exists() and (store_dir / MANIFEST).exists() and not notices
    fingerprint = extractor_fingerprint()
    facts_dir = store_dir / "facts"
    facts_dir.mkdir(exist_ok=True)

    hashes = {a.id: _article_hash(a, fingerprint) for a in ingested.articles}
    cached: dict[str, ArticleFacts] = {}
    todo: list[Article] = []
    for a in ingested.articles:
        found = _cached(facts_dir / f"{hashes[a.id]}.json", a.id, notices)
        if found is None:
            todo.append(a)
        else:
            cached[a.id] = found
    new_facts, failed = _extract(todo, strict, progress, workers, dask)
    for f in new_facts:
        atomic_write_text(facts_dir / f"{hashes[f.article.id]}.json", facts_to_json(f))
        cached[f.article.id] = f
    facts = [
        replace(f, article=replace(f.article, text=""))  # the graph does not carry the text
        for f in (cached[a.id] for a in ingested.articles if a.id in cached)
    ]
    if not facts:
        raise BuildFailed("no article could be extracted", failed)

    graphs = _statements(facts)
    digests = {g: _digest(lines) for g, lines in graphs.items()}
    _mark(dirty)  # from here until the manifest is written, the store is not to be trusted
    store = open_store(store_dir)
    written = dropped = 0
    try:
        if not trusted:
            _rewrite_all(store, graphs)
            written = len(graphs)
        else:
            existing = {g.value for g in store.named_graphs()}
            for g in sorted(existing - set(graphs)):
                _replace_graph(store, g, [])
                dropped += 1
            for g in sorted(graphs):
                if g not in existing or old_graphs.get(g) != digests[g]:
                    _replace_graph(store, g, graphs[g])
                    written += 1
        store.flush()
        quads = len(store)
    finally:
        del store
        gc.collect()

    present = {f.article.id: hashes[f.article.id] for f in facts}
    manifest = {
        "format": FORMAT_VERSION,
        "articles": {aid: {"hash": present[aid]} for aid in sorted(present)},
        "graphs": dict(sorted(digests.items())),
    }
    atomic_write_text(store_dir / MANIFEST, json.dumps(manifest, indent=1) + "\n")
    dirty.unlink()
    _sync_dir(store_dir)
    keep = {f"{h}.json" for h in present.values()}
    for old in facts_dir.glob("*.json"):  # facts of removed or changed articles
        if old.name not in keep:
            old.unlink(missing_ok=True)
    return StoreReport(
        store_dir=store_dir,
        articles=len(facts),
        added=tuple(sorted(set(present) - set(known))),
        changed=tuple(sorted(i for i in present if i in known and known[i] != present[i])),
        removed=tuple(sorted(set(known) - set(present))),
        extracted=len(new_facts),
        graphs_written=written,
        graphs_removed=dropped,
        quads=quads,
        skipped=(*ingested.errors, *failed),
        ignored=ingested.warnings,
        warnings=tuple(f"{f.article.id}: {w}" for f in facts for w in f.warnings),
        notices=tuple(notices),
    )


def _extract(
    todo: list[Article], strict: bool, progress: Any, workers: int | None, dask: Any
) -> tuple[list[ArticleFacts], list[IngestError]]:
    from polgraph.build.parallel import extract_parallel

    if not todo:
        return [], []
    return extract_parallel(todo, workers=workers, dask=dask, strict=strict, progress=progress)
