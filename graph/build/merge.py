"""Spooled facts → the four files' RDF: per-article N-Triples, Oxigraph to merge and write.

Runs in worker processes forked after resolution (they inherit it through
``STATE``): the facts spool is read back in batches; each article is renamed by
the resolution and turned into N-Triples (``polgraph.rdf.ntriples``).  A batch's
statements become its part of ``graph.trig`` at once (one named graph per
article: nothing to merge), each article's statements sorted and written in one
block by Oxigraph's streaming TriG serialiser.
For ``graph.ttl`` the statements are routed by a stable hash of their subject to
partition files on disk (~250 articles' worth each; each process appends to its own
piece of each, so the lines never pass through the main process); only ``pg:evidence`` links
are routed by the whole statement, since a national body collects one from
nearly every article.  Then each partition in turn is deduplicated, sorted and
streamed through Oxigraph's Turtle serialiser: a subject's
statements live in one partition (its evidence links aside), so it appears once
in the file with everything else said about it.

Deterministic: the serialisers write their input in its order, which is sorted,
and batches and partitions are cut by article count and subject hash, never by
timing, so any number of workers gives byte-identical files.
"""

from __future__ import annotations

import errno
import os
import pickle
import shutil
import zlib
from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache
from itertools import chain, groupby
from pathlib import Path
from typing import Any, TypeVar

import pyoxigraph as ox

from polgraph.build.parallel import in_order
from polgraph.build.spool import spooled
from polgraph.build.tenures import person_key, tenure_statements
from polgraph.core.iris import graph_iri
from polgraph.outputs.html_tally import TALLIED, OverviewTally
from polgraph.rdf.ntriples import by_subject, prefixes
from polgraph.resolve.tenure import TenureTally

__all__ = [
    "STATE",
    "concatenate",
    "merge",
    "part_paths",
    "partitions",
    "write_rdf",
]

_PART_ARTICLES = 250
"""Articles per partition of the merged graph: ~50k triples, ~130 MB while it is written."""

_MAX_PARTS = 2048
"""Partitions are spill files, all open at once: ~250 articles each up to 512k articles,
larger beyond (memory then grows with the corpus again, slowly)."""

_SPARE_FILES = 128  # descriptors left for everything else while the partitions are open

_RDF_TYPE_BYTES = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_EVIDENCE_LINK = "<https://w3id.org/polgraph/ontology#evidence> "
_TALLIED_BYTES = frozenset(p.encode() for p in TALLIED)

_Line = TypeVar("_Line", str, bytes)

STATE: dict[str, Any] = {}  # resolution + labels, inherited by forked RDF workers


@lru_cache(maxsize=1 << 12)
def _part_of(subject: str, parts: int) -> int:
    """The partition of the merged graph a subject's statements go to (stable across runs).

    The cache only spares the hash for a subject's consecutive statements; a large
    one (it was 2^20 entries) held every subject of the corpus in each RDF worker.
    """
    return zlib.crc32(subject.encode("utf-8")) % parts


def _serialize(text: str | bytes, source: ox.RdfFormat, target: ox.RdfFormat) -> bytes:
    """``text`` (N-Triples or N-Quads lines in the order they are to be written) re-written
    by Oxigraph's streaming serialiser: Turtle or TriG with our prefixes.

    The serialiser groups consecutive statements of one subject (and of one graph), so
    the caller's order is the file's: sorted lines give a deterministic file with each
    subject, and each article's graph, written once.  No store is built, which makes it
    three times faster than loading one and dumping it.  ``lenient`` skips IRI
    re-validation: the text is this module's own output, and every IRI and literal it
    mints is checked to round-trip through a strict parser by the fuzz tests.
    """
    data = text.encode() if isinstance(text, str) else text  # parsed a quarter faster as bytes
    statements = ox.parse(data, format=source, lenient=True)
    return ox.serialize(statements, format=target, prefixes=prefixes())  # type: ignore[no-any-return]


def _split_prefixes(text: bytes) -> tuple[bytes, bytes]:
    """Oxigraph's dump → (its ``@prefix`` header, the statements)."""
    at = 0
    while text.startswith(b"@prefix ", at):
        at = text.index(b"\n", at) + 1
    return text[:at], text[at:]


def _rdf_batch(lines: Sequence[bytes], parts: int) -> tuple[bytes, bytes, list[str], list[Any]]:
    """A batch of spooled articles → (TriG prefixes, TriG body, merged-graph lines per partition,
    the tenure observations of its holdings).

    Runs in a forked worker that inherited the resolution (``STATE``).  The TriG
    of a batch is complete (one block per article), so batches are concatenated
    in input order; the merged graph needs duplicates collapsed across all
    articles, so its lines are routed by subject to partitions finished later.  Tenure
    cues are read here, on every core, where each article is renamed anyway; the
    observations are folded per person and post as batches come back, and the
    intervals inferred once all are in (``tenure_statements``).
    """
    from polgraph.resolve.tenure import observations

    r, labels, person_iri = STATE["resolver"], STATE["labels"], STATE["person_iri"]
    quads: list[str] = []
    union: list[list[str]] = [[] for _ in range(parts)]
    seen: list[Any] = []
    for line in lines:
        facts = r.rewrite(pickle.loads(line))  # our own spool's record (see spool.for_spool)
        seen += observations([facts], person_key(person_iri))
        g = f" <{graph_iri(facts.article.id)}> .\n"
        triples = _route(by_subject(facts, labels, person_iri), union)
        if triples:  # one article after the other: one block each
            quads.append(g.join(triples) + g)
    return (*_trig(quads), [" .\n".join(u) + " .\n" if u else "" for u in union], seen)


def _route(statements: dict[str, set[str]], union: list[list[str]]) -> list[str]:
    """An article's lines, sorted (see ``by_subject``), each also added to its partition's
    list in ``union``: its subject's, or for an evidence link the whole statement's.

    A subject's lines are sorted together, so its evidence links (every article that
    names a national body adds one to it: spread by the whole statement, or one
    partition grows with the corpus) are one run, found by bisection.
    """
    parts = len(union)
    crc32 = zlib.crc32
    out: list[str] = []
    for subject in sorted(statements):
        lines = sorted(statements[subject])
        out += lines
        part = union[crc32(subject.encode("utf-8")) % parts]
        link = f"{subject} {_EVIDENCE_LINK}"
        lo = bisect_left(lines, link)
        hi = lo
        while hi < len(lines) and lines[hi].startswith(link):
            union[crc32(lines[hi].encode("utf-8")) % parts].append(lines[hi])
            hi += 1
        if hi == lo:
            part += lines
        else:
            part += lines[:lo]
            part += lines[hi:]
    return out


_pieces: dict[int, Any] = {}  # this process's open piece of each partition
_pieces_pid = 0


def _rdf_job(lines: Sequence[bytes], parts: int, work: Path) -> tuple[bytes, bytes, list[Any]]:
    """``_rdf_batch``, its merged-graph lines appended to this process's own piece of
    each partition: no worker sends them through the main process, which only writes
    the TriG in input order.  The pieces' order does not matter (``_turtle_part`` sorts)."""
    head, body, union, seen = _rdf_batch(lines, parts)
    _write_pieces(work, union)
    return head, body, seen


def _write_pieces(work: Path, union: Sequence[str]) -> None:
    global _pieces_pid
    pid = os.getpid()
    if _pieces_pid != pid:  # a forked worker: the parent's files are not its own
        _pieces.clear()
        _pieces_pid = pid
    for i, text in enumerate(union):
        if not text:
            continue
        fh = _pieces.get(i)
        if fh is None:
            fh = _pieces[i] = _open_piece(work / f"merged-{i:04d}.nt.{pid}", parts=len(union))
        fh.write(text.encode("utf-8"))
        fh.flush()  # complete on disk when the job returns, whenever the worker exits


def _open_piece(path: Path, parts: int) -> Any:
    try:
        return path.open("ab")
    except OSError as exc:
        if exc.errno != errno.EMFILE:
            raise
        raise OSError(
            exc.errno,
            f"{parts:,} partition files must be open at once, more than this process may "
            f"open; raise the limit (ulimit -n {parts + _SPARE_FILES})",
        ) from None


def _close_pieces() -> None:
    """Close this process's pieces (the main process's, when it wrote some itself)."""
    for fh in _pieces.values():
        fh.close()
    _pieces.clear()


def _trig(quads: list[str]) -> tuple[bytes, bytes]:
    """N-Quads lines, grouped by graph and sorted within it → (TriG prefixes, TriG body)."""
    return _split_prefixes(_serialize("".join(quads), ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG))


def _turtle_part(
    path: Path, pieces: Sequence[Path] = ()
) -> tuple[bytes, dict[str, int], dict[str, int], int, OverviewTally]:
    """One partition of the merged graph (``path`` and the ``pieces`` each process wrote
    of it): duplicates dropped, Turtle written next to ``path``.

    Returns the Turtle prefix header, distinct subjects per ``rdf:type`` and
    triples per predicate (what ``report.json`` counts), the triple count, and the
    overview page's tally of the partition (``polgraph.outputs.html_tally``): read
    here, from lines already sorted by subject, the overview needs no store of the
    whole graph afterwards.
    """
    runs: list[list[bytes]] = []
    for piece in (path, *pieces) if path.exists() else pieces:
        # bytes throughout: UTF-8 sorts as the code points do; split on "\n" only:
        # U+2029 or U+0085 inside a literal is text, not a line end
        lines = piece.read_bytes().split(b"\n")
        piece.unlink()
        # a piece is each article's lines for this partition, sorted: runs that the
        # sort merges, where a set would hash every line and sort them from scratch
        lines.sort()
        runs.append(_distinct(lines))
        del lines  # each copy freed as soon as the next exists: a partition is the peak
    lines = runs[0] if len(runs) == 1 else _distinct(sorted(chain.from_iterable(runs)))
    del runs
    if lines and not lines[0]:
        del lines[0]  # the empty string after each piece's last line break
    per_predicate: dict[bytes, int] = {}
    typed: dict[bytes, int] = {}
    tally = OverviewTally()
    for line in lines:
        s, p, rest = line.split(b" ", 2)
        per_predicate[p] = per_predicate.get(p, 0) + 1
        if p == _RDF_TYPE_BYTES:
            o = rest[:-2]
            typed[o] = typed.get(o, 0) + 1
        if p in _TALLIED_BYTES:
            tally.add(s.decode(), p.decode(), rest[:-2].decode())
    tally.close()
    types = {k.decode(): n for k, n in typed.items()}
    predicates = {k.decode(): n for k, n in per_predicate.items()}
    count = len(lines)
    sorted_text = b"\n".join(lines) + b"\n"
    del lines
    header, body = _split_prefixes(
        _serialize(sorted_text, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TURTLE)
    )
    del sorted_text
    path.with_suffix(".ttl").write_bytes(body)
    return header, types, predicates, count, tally


def _distinct(ordered: list[_Line]) -> list[_Line]:
    """``ordered`` (sorted) without its repeats."""
    return [line for line, _same in groupby(ordered)]


def part_paths(work: Path, parts: int) -> list[Path]:
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


def write_rdf(
    work: Path,
    spool: Path,
    count: int,
    links: Sequence[Any],
    workers: int,
    batch_size: int,
) -> tuple[int, Path, bytes]:
    """Spooled facts → the dataset's TriG body and the merged graph's partition files.

    Returns the number of partitions, the TriG body's path and its prefix header.
    """
    parts = partitions(count)
    trig_body = work / "dataset.trig"
    header = b""
    with trig_body.open("wb") as trig:

        def put(head: bytes, body: bytes, union: Sequence[str] = ()) -> None:
            nonlocal header
            header = header or head
            trig.write(body)
            _write_pieces(work, union)

        jobs = ((batch, parts, work) for batch in spooled(spool, max(8, batch_size)))
        tally = TenureTally()  # folds each batch's observations: memory grows with tenures
        try:
            for head, body, batch_seen in in_order(_rdf_job, jobs, workers):
                put(head, body)
                tally.add(batch_seen)
            if links:
                put(*_links(links, parts))
            tenure = tenure_statements(tally)
            del tally
            if tenure:
                from polgraph.rdf.tenure import TENURE_GRAPH

                put(*_named(tenure, TENURE_GRAPH, parts))
        finally:
            _close_pieces()
    spool.unlink()
    return parts, trig_body, header


def merge(
    part_paths: Sequence[Path], workers: int
) -> tuple[bytes, dict[str, int], dict[str, int], int, OverviewTally]:
    """Each partition of the merged graph → Turtle beside it; the header, summed counts and
    the overview's tally of the whole graph (the partitions' added up)."""
    types: dict[str, int] = {}
    predicates: dict[str, int] = {}
    triples = 0
    header = b""
    tally = OverviewTally()
    pieces: dict[str, list[Path]] = {}
    if part_paths:
        for q in sorted(part_paths[0].parent.glob("merged-*.nt.*")):
            pieces.setdefault(q.name.rsplit(".", 1)[0], []).append(q)
    jobs = ((q, pieces.get(q.name, [])) for q in part_paths)
    for head, part_types, part_predicates, n, part_tally in in_order(_turtle_part, jobs, workers):
        header = header or head
        for total, part in ((types, part_types), (predicates, part_predicates)):
            for key, k in part.items():
                total[key] = total.get(key, 0) + k
        triples += n
        tally.update(part_tally)
    return header, types, predicates, triples, tally


def _links(links: Sequence[Any], parts: int) -> tuple[bytes, bytes, list[str]]:
    """The resolution's "possibly the same" links, as ``_rdf_batch`` returns a batch."""
    from polgraph.core.vocab import PG
    from polgraph.resolve import RESOLUTION_GRAPH

    p = f"<{PG.possiblySameAs}>"
    return _named([f"<{x.a}> {p} <{x.b}>" for x in links], RESOLUTION_GRAPH, parts)


def _named(statements: Sequence[str], graph: Any, parts: int) -> tuple[bytes, bytes, list[str]]:
    """Statements of one named graph (N-Triples lines without " ."), as ``_rdf_batch`` returns."""
    g = f" <{graph}> .\n"
    lines = _distinct(sorted(statements))  # the tenures' come sorted: then a linear pass
    union: list[list[str]] = [[] for _ in range(parts)]
    subject, part = "\x00", union[0]  # no line starts with NUL: the first sets both
    for t in lines:  # sorted: each subject's lines are one run, routed at once
        if not t.startswith(subject):
            subject = t[: t.index(" ") + 1]
            part = union[_part_of(subject[:-1], parts)]
        part.append(t + " .\n")
    return (*_trig([t + g for t in lines]), ["".join(u) for u in union])


def concatenate(target: Path, header: bytes, pieces: Sequence[Path]) -> None:
    """Write ``header`` then each piece (deleted once copied) into ``target``."""
    with target.open("wb") as out:
        out.write(header)
        for piece in pieces:
            with piece.open("rb") as fh:
                shutil.copyfileobj(fh, out, 1 << 20)
            piece.unlink()
