"""Push the graph into a SPARQL server over the SPARQL 1.1 Graph Store HTTP Protocol.

Why this shape
--------------
* **Replace, never append.**  Each graph is sent with ``PUT`` (its first batch)
  and ``POST`` (later batches of the same graph), so loading the same articles
  again replaces their graphs instead of duplicating statements.  With
  ``graph_per_article`` every article's named graph (``<article>#graph``) is a
  unit, replaced whole.
  Without it, the merged graph goes into one named graph (``graph``).
* **Any server.**  Only the Graph Store protocol and one SPARQL ``SELECT`` are
  used, so Oxigraph, Fuseki, GraphDB, Virtuoso and Neptune all work.  Where the
  server has a faster path it is used: on Oxigraph (seen in the ``Server``
  header) the graphs of a batch are dropped with one update and sent as one
  N-Quads body with ``no_transaction``.
* **The server's polgraph graphs equal the input.**  Named graphs under
  polgraph's namespace (``https://w3id.org/polgraph/id/``) that the input does
  not hold (an article removed since the last load, per-article graphs after a
  merged load, an old resolution graph) are dropped; graphs outside that
  namespace are never touched.
* **Checked.**  After loading, the set of polgraph graph names on the server
  is compared with the set sent, and the triples of every loaded graph are
  counted with a SPARQL query and compared with what was sent.
* **Failure is reported, re-run completes.**  Transient errors (connection
  errors, answers cut short, timeouts, 408/429/5xx) are retried with back-off.
  If a batch still fails the load stops and ``LoadFailed`` says which graphs
  were loaded and which were not; since every graph is replaced, running the
  same load again completes it.
* **Credentials** are given to the HTTP client only, encoded as UTF-8 (RFC 7617);
  every message passes through ``polgraph.outputs.redact``, which removes the password, its
  encodings, URL user-info and anything shaped like a credential (an echoed
  ``Authorization`` header, ``password=…``).  How requests are sent, retried
  and authenticated is ``polgraph.outputs.sparql_client``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from polgraph.outputs.redact import redact_text
from polgraph.outputs.sparql_client import (
    Server,
    ServerError,
    iri,
    query_url_for,
    redact,
)

__all__ = [
    "DEFAULT_GRAPH",
    "LoadFailed",
    "LoadReport",
    "Server",
    "ServerError",
    "load",
    "open_store",
    "query_url_for",
    "redact",
    "remote_select",
    "with_values",
]

DEFAULT_GRAPH = "https://w3id.org/polgraph/id/graph/merged"
"""Named graph that receives the merged graph when not loading one graph per article."""

GRAPH_FILES = ("graph.trig", "graph.nq", "graph.ttl", "graph.nt")
_FORMATS = {
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
}

Progress = Callable[[int, int], None]
"""``progress(triples_done, triples_total)``."""


# ------------------------------------------------------------------ input


def open_store(path: str | os.PathLike[str]) -> ox.Store:
    """The quads of a built graph: an RDF file, a ``polgraph build`` folder or an Oxigraph store.

    A folder holding ``graph.trig`` (what ``polgraph build`` writes) is read
    from that file; a folder that is an Oxigraph (RocksDB) store, or holds one
    as ``oxigraph/`` (``polgraph build --store``), is opened read-only.
    Files are read by suffix: .trig, .nq, .ttl, .nt, .jsonld.
    """
    p = Path(path)
    if p.is_dir():
        for name in GRAPH_FILES:
            if (p / name).is_file():
                return open_store(p / name)
        if (p / "oxigraph").is_dir():  # a `polgraph build --store` folder
            return open_store(p / "oxigraph")
        if (p / "CURRENT").is_file():  # a RocksDB folder: an Oxigraph store
            return ox.Store.read_only(str(p))
        raise ValueError(f"{p}: no {' or '.join(GRAPH_FILES)} and not an Oxigraph store")
    fmt = _FORMATS.get(p.suffix.lower())
    if fmt is None:
        raise ValueError(f"{p}: unknown RDF format (expected one of {', '.join(sorted(_FORMATS))})")
    if not p.is_file():
        raise ValueError(f"{p}: no such file")
    store = ox.Store()
    try:
        store.bulk_load(path=str(p), format=fmt)
    except SyntaxError as exc:
        raise ValueError(f"{p}: not valid {fmt.name}: {exc}") from exc
    return store


@dataclass(frozen=True)
class _Unit:
    """One graph to replace on the server: its IRI and its triples."""

    graph: str
    triples: tuple[ox.Triple, ...]


def _units(store: ox.Store, graph_per_article: bool, graph: str) -> list[_Unit]:
    if not graph_per_article:
        triples = {ox.Triple(q.subject, q.predicate, q.object) for q in store}
        return [_Unit(graph, tuple(sorted(triples, key=str)))]
    names = sorted(str(g.value) for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    if not names:
        raise ValueError(
            "the input has no named graphs; --graph-per-article needs graph.trig "
            "(one graph per article), not the merged Turtle"
        )
    units = []
    for name in names:
        triples = [
            ox.Triple(q.subject, q.predicate, q.object)
            for q in store.quads_for_pattern(None, None, None, ox.NamedNode(name))
        ]
        units.append(_Unit(name, tuple(sorted(triples, key=str))))
    return units


# ----------------------------------------------------------------- server


def with_values(query: str, bindings: Mapping[str, Any]) -> str:
    """Bind variables of a saved query for a remote endpoint (no ``initBindings`` over HTTP).

    The values become ``VALUES`` rows of escaped RDF terms (strings: literals)
    (``polgraph.rdf.sparql.bind_values``), so nothing the user typed is pasted into the
    query text as syntax.
    """
    from polgraph.rdf.sparql import QueryError, bind_values

    try:
        return bind_values(query, bindings)
    except QueryError as exc:
        raise ValueError(str(exc)) from exc


def remote_select(server: Server, name: str, **bindings: str) -> list[dict[str, str]]:
    """Run a saved query (``ontology/queries``) on the server with bound variables
    (an IRI parameter's value checked and bound as an IRI: ``polgraph.rdf.params``)."""
    from polgraph.rdf import load_query
    from polgraph.rdf.params import bind_typed
    from polgraph.rdf.saved import saved_query

    typed = bind_typed(saved_query(name), bindings)  # ParamError: a ValueError
    return server.select(with_values(load_query(name), typed))


# ------------------------------------------------------------------- load


@dataclass
class LoadReport:
    """What a load sent, what the server holds afterwards, and what is missing."""

    endpoint: str
    graphs: int = 0
    triples: int = 0
    loaded: list[str] = field(default_factory=list)
    not_loaded: list[str] = field(default_factory=list)
    mismatched: dict[str, tuple[int, int]] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)
    """polgraph graphs the server held that the input does not (removed by this load)."""
    unexpected: list[str] = field(default_factory=list)
    """polgraph graphs still on the server afterwards that the input does not hold."""
    bulk: bool = False
    seconds: float = 0.0
    error: str = ""

    @property
    def ok(self) -> bool:
        return (
            not self.not_loaded and not self.mismatched and not self.unexpected and not self.error
        )

    def summary(self) -> str:
        """A few lines for a terminal."""
        rate = f" ({self.triples / self.seconds:,.0f} triples/s)" if self.seconds > 0 else ""
        path = " using the Oxigraph bulk path" if self.bulk else ""
        lines = [
            f"Loaded {len(self.loaded)} of {self.graphs} graph(s), {self.triples} triples, "
            f"into {self.endpoint}{path} in {self.seconds:.1f}s{rate}."
        ]
        if self.dropped:
            lines.append(
                f"Removed {len(self.dropped)} polgraph graph(s) the input no longer holds: "
                + _some(self.dropped)
            )
        if self.error:
            lines.append(f"error: {redact_text(self.error)}")
        if self.not_loaded:
            shown = ", ".join(self.not_loaded[:10])
            more = f" and {len(self.not_loaded) - 10} more" if len(self.not_loaded) > 10 else ""
            lines.append(f"Not loaded: {len(self.not_loaded)} graph(s): {shown}{more}.")
        for g, (want, got) in sorted(self.mismatched.items())[:10]:
            lines.append(f"Count mismatch in {g}: sent {want} triples, server has {got}.")
        if self.unexpected:
            lines.append(
                f"Still on the server but not in the input: {len(self.unexpected)} polgraph "
                f"graph(s): {_some(self.unexpected)}"
            )
        if not self.ok:
            lines.append("Run the same command again to complete the load (graphs are replaced).")
        else:
            lines.append(
                "Server checked: its polgraph graphs are exactly those sent, "
                "and every graph holds what was sent."
            )
        return "\n".join(lines)


def _some(names: Sequence[str], n: int = 10) -> str:
    more = f" and {len(names) - n} more" if len(names) > n else ""
    return ", ".join(sorted(names)[:n]) + more + "."


class LoadFailed(Exception):
    """The load did not complete; ``report`` lists what was and was not loaded."""

    def __init__(self, report: LoadReport) -> None:
        super().__init__(report.summary())
        self.report = report


def _batches(units: Sequence[_Unit], batch_triples: int) -> Iterator[list[_Unit]]:
    """Group whole graphs into batches of about ``batch_triples`` triples."""
    batch: list[_Unit] = []
    size = 0
    for unit in units:
        if batch and size + len(unit.triples) > batch_triples:
            yield batch
            batch, size = [], 0
        batch.append(unit)
        size += len(unit.triples)
    if batch:
        yield batch


def _nt(triples: Iterable[ox.Triple]) -> bytes:
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""


def load(
    source: str | os.PathLike[str] | ox.Store,
    endpoint: str,
    *,
    graph_per_article: bool = False,
    graph: str = DEFAULT_GRAPH,
    query_endpoint: str | None = None,
    user: str | None = None,
    password: str | None = None,
    batch_triples: int = 50_000,
    retries: int = 4,
    backoff: float = 0.5,
    bulk: bool | None = None,
    progress: Progress | None = None,
    timeout: float = 60.0,
) -> LoadReport:
    """Replace the graph(s) of ``source`` on the Graph Store at ``endpoint``; check the counts.

    ``bulk=None`` uses the Oxigraph fast path when the server is Oxigraph;
    ``False`` forces plain Graph Store requests.  Raises ``LoadFailed`` (with
    the report) when a batch fails for good or the server's counts differ.
    """
    started = time.monotonic()
    store = source if isinstance(source, ox.Store) else open_store(source)
    iri(graph)
    units = _units(store, graph_per_article, graph)
    server = Server(
        endpoint,
        query_endpoint=query_endpoint,
        user=user,
        password=password,
        retries=retries,
        backoff=backoff,
        timeout=timeout,
    )
    total = sum(len(u.triples) for u in units)
    report = LoadReport(endpoint=server.endpoint, graphs=len(units), triples=total)
    try:
        server.probe()
    except ServerError as exc:
        report.error = str(exc)
        report.not_loaded = [u.graph for u in units]
        raise LoadFailed(report) from exc
    use_bulk = server.is_oxigraph if bulk is None else bulk
    report.bulk = use_bulk
    done = 0
    if progress:
        progress(0, total)
    pending = list(units)
    try:
        for batch in _batches(units, batch_triples):
            if use_bulk:
                _send_bulk(server, batch, graph_per_article)
            else:
                for unit in batch:
                    _send_unit(server, unit, batch_triples)
            for unit in batch:
                report.loaded.append(unit.graph)
                done += len(unit.triples)
            pending = pending[len(batch) :]
            if progress:
                progress(done, total)
        sent = {u.graph for u in units}
        stale = sorted(server.polgraph_graphs() - sent)
        server.drop_graphs(stale, bulk=use_bulk)
        report.dropped = stale
        report.unexpected = sorted(server.polgraph_graphs() - sent)
        counts = server.counts([u.graph for u in units])
    except ServerError as exc:
        report.error = str(exc)
        report.not_loaded = [u.graph for u in pending]
        report.seconds = time.monotonic() - started
        raise LoadFailed(report) from exc
    for unit in units:
        got = counts.get(unit.graph, 0)
        if got != len(unit.triples):
            report.mismatched[unit.graph] = (len(unit.triples), got)
    report.seconds = time.monotonic() - started
    if not report.ok:
        raise LoadFailed(report)
    return report


def _send_unit(server: Server, unit: _Unit, batch_triples: int) -> None:
    """PUT the first chunk of a graph (replacing it), POST the rest."""
    step = max(1, batch_triples)
    chunks = [unit.triples[i : i + step] for i in range(0, len(unit.triples), step)] or [()]
    for i, chunk in enumerate(chunks):
        server.put_graph(unit.graph, _nt(chunk), first=i == 0)


def _send_bulk(server: Server, batch: Sequence[_Unit], graph_per_article: bool) -> None:
    """Oxigraph: drop the batch's graphs in one update, then one N-Quads body, no transaction."""
    server.update(" ;\n".join(f"DROP SILENT GRAPH {iri(u.graph)}" for u in batch))
    quads = (
        ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(u.graph))
        for u in batch
        for t in u.triples
    )
    server.post_quads(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")
