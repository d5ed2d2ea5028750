"""A persistent, incremental graph store on disk (Oxigraph) for corpora too big to rebuild.

``polgraph build ARTICLES --store DIR`` keeps, in ``DIR``:

``oxigraph/``
    The Oxigraph (RocksDB) store: one named graph per article, as in
    ``graph.trig``, plus the resolution graph (``pg:possiblySameAs`` links);
    the default graph holds their union as a set, kept in step on every change.
``facts/``
    Each article's extracted facts as JSON, named by a hash of its id.
``manifest.json``
    Per article the content hash it was extracted from, per named graph the hash
    of its N-Quads, and a fingerprint of the extractor code and data.

A rebuild extracts only articles that are new or whose content (or the
extractor) changed; resolution then runs over all facts (it is cheap, and an
added article may rename or split entities elsewhere), and only named graphs
whose content differs are rewritten.  An article no longer in the input loses
its facts and its named graph; since each named graph carries the types and
labels of every entity it mentions, whatever only that article supported goes
with it.  The store therefore always equals a build from scratch
(``tests/test_store_incremental.py``).  The manifest is written last, so a run
that dies midway is repaired by the next one.  One writer at a time.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, is_dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef

from polgraph.core.atomic import atomic_write_text
from polgraph.core.model import (
    Article,
    ArticleFacts,
    DocKind,
    Document,
    Event,
    Evidence,
    Holding,
    Organization,
    OrgKind,
    Person,
)
from polgraph.ingest import IngestError, IngestWarning, read_all
from polgraph.rdf.oxstore import MANIFEST, is_store, open_store, ox_term

__all__ = [
    "StoreReport",
    "extractor_fingerprint",
    "facts_from_json",
    "facts_to_json",
    "store_quads",
    "update_store",
]

FORMAT_VERSION = 1
_ROOT = Path(__file__).resolve().parents[1]  # the package


# ------------------------------------------------------------ fingerprints


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


def _facts_file(article_id: str) -> str:
    return hashlib.sha256(article_id.encode("utf-8", "replace")).hexdigest()[:32] + ".json"


# ------------------------------------------------------- facts ⇄ JSON


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _plain(value: Any) -> Any:
    """Facts as JSON-ready values; ``dataclasses.asdict`` without its deep copies (5x faster:
    a streaming build spools every article's facts through here)."""
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if is_dataclass(value):
        return {name: _plain(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (OrgKind, DocKind)):
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def facts_to_json(facts: ArticleFacts) -> str:
    """Deterministic JSON of one article's facts (``facts_from_json`` reads it back)."""
    return json.dumps(_plain(facts), ensure_ascii=False, sort_keys=True) + "\n"


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _evidence(items: Iterable[dict[str, Any]]) -> tuple[Evidence, ...]:
    return tuple(Evidence(**e) for e in items)


def facts_from_json(text: str) -> ArticleFacts:
    """Inverse of ``facts_to_json``."""
    d = json.loads(text)
    a = d["article"]
    return ArticleFacts(
        article=Article(**{**a, "date": _date(a.get("date"))}),
        date=_date(d.get("date")),
        persons=tuple(
            Person(p["name"], tuple(p["aliases"]), _evidence(p["evidence"])) for p in d["persons"]
        ),
        organizations=tuple(
            Organization(
                **{
                    **o,
                    "kind": OrgKind(o["kind"]),
                    "aliases": tuple(o["aliases"]),
                    "evidence": _evidence(o["evidence"]),
                }
            )
            for o in d["organizations"]
        ),
        documents=tuple(
            Document(
                **{
                    **x,
                    "kind": DocKind(x["kind"]),
                    "aliases": tuple(x["aliases"]),
                    "evidence": _evidence(x["evidence"]),
                }
            )
            for x in d["documents"]
        ),
        holdings=tuple(
            Holding(**{**h, "date": _date(h.get("date")), "evidence": _evidence(h["evidence"])})
            for h in d["holdings"]
        ),
        events=tuple(
            Event(
                **{
                    **e,
                    "date": _date(e.get("date")),
                    "participants": tuple(e["participants"]),
                    "documents": tuple(e["documents"]),
                    "evidence": _evidence(e["evidence"]),
                }
            )
            for e in d["events"]
        ),
        warnings=tuple(d.get("warnings", ())),
    )


def _graph_quads(ds: Any) -> dict[str, list[ox.Quad]]:
    """Named graph IRI → its quads, sorted (the unit the store replaces)."""
    out: dict[str, list[ox.Quad]] = {}
    for g in ds.graphs():
        if not len(g) or not isinstance(g.identifier, URIRef):
            continue
        name = ox.NamedNode(str(g.identifier))
        quads = [ox.Quad(ox_term(s), ox_term(p), ox_term(o), name) for s, p, o in g]
        out[str(g.identifier)] = sorted(quads, key=str)
    return out


def _digest(quads: Sequence[ox.Quad]) -> str:
    h = hashlib.sha256()
    for q in quads:
        h.update(str(q).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


def _drop_graph(store: ox.Store, name: str) -> None:
    """Remove a named graph, and from the default graph (the union, kept as a set)
    every triple no other named graph still states."""
    graph = ox.NamedNode(name)
    triples = [
        (q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, graph)
    ]
    store.remove_graph(graph)
    default = ox.DefaultGraph()
    for s, p, o in triples:
        if not any(q.graph_name != default for q in store.quads_for_pattern(s, p, o, None)):
            store.remove(ox.Quad(s, p, o, default))


def store_quads(path: str | os.PathLike[str]) -> list[str]:
    """Every quad in a store folder as sorted N-Quads lines (to compare stores)."""
    store = open_store(path, read_only=True)
    try:
        return sorted(f"{q} ." for q in store.quads_for_pattern(None, None, None, None))
    finally:
        del store
        gc.collect()


# ------------------------------------------------------------------ update


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
    warnings: tuple[str, ...] = field(default=())

    def summary(self) -> str:
        unchanged = self.articles - len(self.added) - len(self.changed)
        return "\n".join(
            [
                f"Read {self.articles} article{'s' if self.articles != 1 else ''}: "
                f"{len(self.added)} new, {len(self.changed)} changed, {unchanged} unchanged, "
                f"{len(self.removed)} removed"
                + (f", skipped {len(self.skipped)}" if self.skipped else "")
                + ".",
                f"Extracted {self.extracted}; rewrote {self.graphs_written} named graph(s), "
                f"dropped {self.graphs_removed}.",
                f"Store {self.store_dir}: {self.quads} quads.",
            ]
        )


def _load_manifest(store_dir: Path) -> dict[str, Any]:
    try:
        data = json.loads((store_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if data.get("format") == FORMAT_VERSION else {}


def update_store(
    paths: Iterable[str | os.PathLike[str]],
    store_dir: str | os.PathLike[str],
    *,
    strict: bool = False,
    progress: Any = None,
) -> StoreReport:
    """Bring the store in ``store_dir`` in line with the articles in ``paths``.

    Raises ``polgraph.build.BuildFailed`` (store untouched) when nothing can be read,
    or under ``strict`` when any input is skipped.
    """
    from polgraph.build.extraction import extract_all
    from polgraph.build.report import BuildFailed
    from polgraph.rdf.statements import resolved_dataset

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
    if store_dir.exists() and any(store_dir.iterdir()) and not is_store(store_dir):
        raise BuildFailed(f"{store_dir} exists and is not a polgraph store; not touching it")

    fingerprint = extractor_fingerprint()
    manifest = _load_manifest(store_dir)
    old_articles: dict[str, dict[str, str]] = (
        manifest.get("articles", {}) if manifest.get("extractor") == fingerprint else {}
    )
    known: dict[str, dict[str, str]] = manifest.get("articles", {})
    old_graphs: dict[str, str] = manifest.get("graphs", {})
    facts_dir = store_dir / "facts"
    facts_dir.mkdir(parents=True, exist_ok=True)

    hashes = {a.id: _article_hash(a, fingerprint) for a in ingested.articles}
    cached: dict[str, ArticleFacts] = {}
    todo: list[Article] = []
    for a in ingested.articles:
        entry = old_articles.get(a.id)
        file = facts_dir / _facts_file(a.id)
        if entry and entry.get("hash") == hashes[a.id] and file.is_file():
            cached[a.id] = facts_from_json(file.read_text(encoding="utf-8"))
        else:
            todo.append(a)
    new_facts, failed = extract_all(todo, strict=strict, progress=progress)
    for f in new_facts:
        atomic_write_text(facts_dir / _facts_file(f.article.id), facts_to_json(f))
        cached[f.article.id] = f
    facts = [cached[a.id] for a in ingested.articles if a.id in cached]
    if not facts:
        raise BuildFailed("no article could be extracted", failed)

    graphs = _graph_quads(resolved_dataset(facts))
    digests = {g: _digest(q) for g, q in graphs.items()}
    store = open_store(store_dir)
    written = removed_graphs = 0
    try:
        existing = {g.value for g in store.named_graphs()}
        for g in sorted(existing - set(graphs)):
            _drop_graph(store, g)
            removed_graphs += 1
        for g in sorted(graphs):
            if g in existing and old_graphs.get(g) == digests[g]:
                continue
            if g in existing:
                _drop_graph(store, g)
            store.extend(graphs[g])
            store.extend([ox.Quad(q.subject, q.predicate, q.object) for q in graphs[g]])
            written += 1
        store.flush()
        quads = len(store)
    finally:
        del store
        gc.collect()

    present = {f.article.id for f in facts}
    gone = sorted(set(known) - present)
    for aid in gone:
        (facts_dir / _facts_file(aid)).unlink(missing_ok=True)
    new_manifest = {
        "format": FORMAT_VERSION,
        "extractor": fingerprint,
        "articles": {aid: {"hash": hashes[aid]} for aid in sorted(present)},
        "graphs": dict(sorted(digests.items())),
    }
    atomic_write_text(store_dir / MANIFEST, json.dumps(new_manifest, indent=1) + "\n")
    extracted_ids = {f.article.id for f in new_facts}
    return StoreReport(
        store_dir=store_dir,
        articles=len(facts),
        added=tuple(sorted(i for i in extracted_ids if i not in known)),
        changed=tuple(sorted(i for i in extracted_ids if i in known)),
        removed=tuple(gone),
        extracted=len(new_facts),
        graphs_written=written,
        graphs_removed=removed_graphs,
        quads=quads,
        skipped=(*ingested.errors, *failed),
        ignored=ingested.warnings,
        warnings=tuple(f"{f.article.id}: {w}" for f in facts for w in f.warnings),
    )
