"""The build's on-disk spools of facts, and resolution over them.

Extraction writes each article's facts to a spool file (pickled where they were
extracted, without the article text, which the graph does not carry) and a
*slim* copy (names and links, no evidence sentences) to a second spool.
Resolution walks the slim spool a few times (it is global by nature: a later
article can rename an entity of an earlier one) and keeps only what is per
entity; nothing here holds the corpus in memory.
"""

from __future__ import annotations

import pickle
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from functools import lru_cache, partial
from itertools import islice
from pathlib import Path
from typing import Any

from polgraph.core.model import (
    Article,
    ArticleFacts,
    Document,
    Event,
    Holding,
    Organization,
    Person,
)
from polgraph.resolve.passes import NameCounts

__all__ = [
    "SpoolRow",
    "SpooledFacts",
    "for_spool",
    "memoized",
    "resolve",
    "spool_record",
    "spooled",
]

_MEMO_SIZE = 1 << 14
"""Entries per memoised string function: enough for the names that recur (titles, bodies,
an article's people); the nine caches at 2^18 entries held ~400 MB on 100k articles."""


@contextmanager
def memoized() -> Iterator[None]:
    """Memoise the pure string functions resolution and IRI minting call per mention.

    On a large corpus the same few thousand names are canonicalised millions of
    times; caching them (for the duration of a streaming build only, restored
    after) more than halves resolution and RDF time.  Same results: pure functions.
    """
    import polgraph.core.iris as iris_module
    import polgraph.rdf.statements as rdf_module
    import polgraph.resolve.resolver as resolve_module  # where resolution calls them

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


def slim(f: ArticleFacts) -> ArticleFacts:
    """What resolution and labels read: no evidence, no article text, strings interned.

    Built with the constructors, not ``dataclasses.replace`` (three times slower);
    every field is named, so ``tests/test_spool_records.py`` sees one that is dropped.
    """
    i = sys.intern
    a = f.article
    return ArticleFacts(
        article=Article(id=i(a.id), text="", title=a.title, date=a.date, url=a.url),
        date=f.date,
        persons=tuple(
            Person(
                name=i(p.name),
                aliases=p.aliases,
                evidence=(),
                birth=p.birth,
                birth_evidence=p.birth_evidence,
            )
            for p in f.persons
        ),
        organizations=tuple(
            Organization(
                name=i(o.name),
                kind=o.kind,
                aliases=o.aliases,
                parent=i(o.parent) if o.parent else None,
                locality=i(o.locality) if o.locality else None,
                evidence=(),
            )
            for o in f.organizations
        ),
        documents=tuple(
            Document(
                name=i(d.name),
                kind=d.kind,
                number=d.number,
                issuer=d.issuer,
                term=d.term,
                title=d.title,
                aliases=d.aliases,
                evidence=(),
            )
            for d in f.documents
        ),
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


SpoolRow = tuple[bytes, bytes, tuple[str, ...], dict[str, int]]
"""An article's spool record, its slim facts' record, its warnings and its counts."""


def for_spool(facts: Sequence[ArticleFacts]) -> tuple[list[SpoolRow], NameCounts]:
    """Worker side of step 1, for a batch: each article's row (``SpoolRow``: records,
    warnings naming the article, counts), and resolution's first walk over the batch,
    the names its slim facts give bodies and documents.

    Runs where the batch was extracted (``extract_batches(then=...)``), so encoding
    and counting are spread over every core and resolution need not read the spool
    back once just to count; the caller only writes the records.  The spools are
    this build's own temporary files, read back only by this module, so their
    records are pickles: several times faster to write and read than JSON.
    """
    from polgraph.build.report import _extracted_counts

    rows: list[SpoolRow] = []
    names = NameCounts()
    for f in facts:
        f = replace(f, article=replace(f.article, text=""))
        slim_facts = slim(f)
        names.see(slim_facts)
        record = pickle.dumps(f, protocol=pickle.HIGHEST_PROTOCOL)
        slim_record = pickle.dumps(slim_facts, protocol=pickle.HIGHEST_PROTOCOL)
        warnings = tuple(f"{f.article.id}: {w}" for w in f.warnings)
        rows.append((record, slim_record, warnings, _extracted_counts([f])))
    return rows, names


class SpooledFacts(Sequence[ArticleFacts]):
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
        for batch in spooled(self.path, 256):
            for record in batch:
                yield pickle.loads(record)  # our own records (see for_spool)


def spooled(path: Path, size: int) -> Iterator[list[bytes]]:
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


def spool_record(fh: Any, record: bytes) -> None:
    fh.write(len(record).to_bytes(4, "big"))
    fh.write(record)


def resolve(
    slim: Sequence[ArticleFacts], workers: int = 1, names: NameCounts | None = None
) -> tuple[Any, Any, Any, list[Any]]:
    """Resolution over all articles, labels per IRI, and the "possibly same" links.

    With a spool and more than one worker, each walk's steps run in forked workers
    (``_walk_spool``); the results are merged here the same way as in one process.
    ``names``: the first walk's tally, when the caller counted it (``for_spool``).
    """
    from collections import Counter, defaultdict

    from polgraph.rdf.labels import preferred_labels
    from polgraph.resolve import _Resolver

    r = _Resolver(slim)
    walk = None
    if workers > 1 and isinstance(slim, SpooledFacts):
        walk = partial(_walk_spool, r, slim.path, workers)
    r.run(walk, names)
    seen: dict[Any, Counter[str]] = defaultdict(Counter)
    for counts in (walk or r.walk_here)(_label_counts):
        for iri, spellings in counts.items():
            seen[iri].update(spellings)
    r.facts = []
    return r, preferred_labels(seen), partial(_person_iri, r), sorted(set(r.links))


def _person_iri(r: Any, article_id: str, name: str) -> Any:
    """The IRI resolution gave a person, or the one the name alone makes."""
    from polgraph.core.iris import iri_for

    return r.person_iri(article_id, name) or iri_for("person", name)


def _label_counts(r: Any, batch: list[tuple[int, ArticleFacts]]) -> dict[Any, Any]:
    """The third walk's step: spellings per IRI in ``batch``, renamed by the resolution."""
    from polgraph.rdf.labels import label_counts

    renamed = (r.rewrite(f) for _index, f in batch)
    return label_counts(renamed, partial(_person_iri, r))


_WALKING: dict[str, Any] = {}  # the resolver, inherited by the forked workers of a walk


def _walk_spool(r: Any, path: Path, workers: int, step: Any) -> Iterator[Any]:
    """``step`` over the spool's batches on ``workers`` forked processes, in order."""
    from polgraph.build.parallel import in_order
    from polgraph.resolve.resolver import WALK_BATCH

    def jobs() -> Iterator[tuple[Any, int, list[bytes]]]:
        start = 0
        for records in spooled(path, WALK_BATCH):
            yield step, start, records
            start += len(records)

    _WALKING["resolver"] = r
    try:
        yield from in_order(_walk_step, jobs(), workers)
    finally:
        _WALKING.clear()


def _walk_step(step: Any, start: int, records: list[bytes]) -> Any:
    facts = [(start + i, pickle.loads(record)) for i, record in enumerate(records)]
    return step(_WALKING["resolver"], facts)
