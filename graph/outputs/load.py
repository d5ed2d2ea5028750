"""Push the graph into a SPARQL server over the SPARQL 1.1 Graph Store HTTP Protocol.

Why this shape
--------------
* **Replace, never append.**  Each graph is sent with ``PUT`` (its first batch)
  and ``POST`` (later batches of the same graph), so loading the same articles
  again replaces their graphs instead of duplicating statements.  With
  ``graph_per_article`` every article's named graph (``<article>#graph``) is a
  unit: re-loading one changed article replaces that graph and nothing else.
  Without it, the merged graph goes into one named graph (``graph``).
* **Any server.**  Only the Graph Store protocol and one SPARQL ``SELECT`` are
  used, so Oxigraph, Fuseki, GraphDB, Virtuoso and Neptune all work.  Where the
  server has a faster path it is used: on Oxigraph (seen in the ``Server``
  header) the graphs of a batch are dropped with one update and sent as one
  N-Quads body with ``no_transaction``.
* **Checked.**  After loading, the triples of every loaded graph are counted
  with a SPARQL query on the server and compared with what was sent.
* **Failure is reported, re-run completes.**  Transient errors (connection
  errors, 408/429/5xx) are retried with back-off.  If a batch still fails the
  load stops and ``LoadFailed`` says which graphs were loaded and which were
  not; since every graph is replaced, running the same load again completes it.
* **Credentials** are given to the HTTP client only; they are never part of a
  message, and user-info in a URL is stripped from every message.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pyoxigraph as ox
import requests
from requests.auth import HTTPBasicAuth, HTTPDigestAuth

__all__ = [
    "DEFAULT_GRAPH",
    "LoadFailed",
    "LoadReport",
    "Server",
    "load",
    "open_store",
    "query_url_for",
    "redact",
    "remote_select",
    "with_values",
]

DEFAULT_GRAPH = "https://w3id.org/polgraph/id/graph/merged"
"""Named graph that receives the merged graph when not loading one graph per article."""

TRANSIENT = frozenset({408, 425, 429, 500, 502, 503, 504})
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


def redact(url: str) -> str:
    """The URL without user-info, for messages (``http://u:p@h/`` → ``http://h/``)."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


def query_url_for(endpoint: str) -> str:
    """The SPARQL query URL next to a Graph Store URL, for the servers the README lists.

    >>> query_url_for("http://127.0.0.1:7878/store")
    'http://127.0.0.1:7878/query'
    >>> query_url_for("http://h:3030/ds/data")
    'http://h:3030/ds/sparql'
    >>> query_url_for("http://h:7200/repositories/pg/rdf-graphs/service")
    'http://h:7200/repositories/pg'
    >>> query_url_for("http://h:8890/sparql-graph-crud-auth")
    'http://h:8890/sparql'
    >>> query_url_for("https://h:8182/sparql/gsp/")
    'https://h:8182/sparql'
    """
    parts = urlsplit(endpoint)
    path = parts.path.rstrip("/")
    for suffix, replacement in (
        ("/store", "/query"),
        ("/rdf-graphs/service", ""),
        ("/sparql-graph-crud-auth", "/sparql"),
        ("/sparql-graph-crud", "/sparql"),
        ("/sparql/gsp", "/sparql"),
        ("/data", "/sparql"),
    ):
        if path.endswith(suffix):
            new = path[: -len(suffix)] + replacement
            return urlunsplit((parts.scheme, parts.netloc, new, "", ""))
    raise ValueError(
        f"cannot tell the SPARQL query URL for {redact(endpoint)}; give it with --query-endpoint"
    )


class ServerError(Exception):
    """A request failed for good (after retries); the message carries no credentials."""


class Server:
    """A Graph Store endpoint plus its SPARQL query URL, with retries and optional auth."""

    def __init__(
        self,
        endpoint: str,
        *,
        query_endpoint: str | None = None,
        user: str | None = None,
        password: str | None = None,
        retries: int = 4,
        backoff: float = 0.5,
        timeout: float = 300.0,
    ) -> None:
        parts = urlsplit(endpoint)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"endpoint must be an http(s) URL, got {redact(endpoint)!r}")
        if parts.username is not None and user is None:
            user, password = parts.username, parts.password or ""
        self.endpoint = redact(endpoint)
        self.query_endpoint = redact(query_endpoint or query_url_for(self.endpoint))
        self.retries = retries
        self.backoff = backoff
        self.timeout = timeout
        self.session = requests.Session()
        self.session.trust_env = False  # no proxies from the environment: talk to the URL given
        self._credentials = (user, password or "") if user is not None else None
        if self._credentials:
            self.session.auth = HTTPBasicAuth(*self._credentials)
        self.product = ""

    # transport -----------------------------------------------------------

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        """One request, retried on transient failures with exponential back-off."""
        kwargs.setdefault("timeout", self.timeout)
        last = ""
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(min(self.backoff * 2 ** (attempt - 1), 30.0))
            try:
                r = self.session.request(method, url, **kwargs)
                if self._wants_digest(r):
                    r = self.session.request(method, url, **kwargs)
            except (requests.ConnectionError, requests.Timeout) as exc:
                last = f"{type(exc).__name__}"
                continue
            if not self.product:
                self.product = r.headers.get("server", "")
            if r.status_code in TRANSIENT:  # keep what the server said, for the final error
                last = f"HTTP {r.status_code} {' '.join(r.text.split())[:300]}".rstrip()
                continue
            if r.status_code >= 400:
                body = " ".join(r.text.split())[:300]
                raise ServerError(f"{method} {redact(url)}: HTTP {r.status_code} {body}".rstrip())
            return r
        raise ServerError(
            f"{method} {redact(url)}: {last} (gave up after {self.retries + 1} attempts)"
        )

    def _wants_digest(self, r: requests.Response) -> bool:
        """After a 401 under Basic auth, switch to Digest once (Virtuoso wants Digest).

        Virtuoso answers Basic credentials with a bare 401 (no challenge), so
        the switch cannot wait for a ``WWW-Authenticate: Digest`` header.
        """
        if r.status_code != 401 or not self._credentials:
            return False
        if isinstance(self.session.auth, HTTPDigestAuth):
            return False
        self.session.auth = HTTPDigestAuth(*self._credentials)
        return True

    def select(self, query: str) -> list[dict[str, str]]:
        """Run a SELECT on the query endpoint; each row maps variable → lexical value."""
        r = self.request(
            "POST",
            self.query_endpoint,
            data={"query": query},
            headers={"Accept": "application/sparql-results+json"},
        )
        payload = r.json()
        return [{k: v["value"] for k, v in row.items()} for row in payload["results"]["bindings"]]

    def update(self, update: str) -> None:
        """Run a SPARQL update at the server's update URL (used on the Oxigraph fast path)."""
        url = self.query_endpoint.rsplit("/", 1)[0] + "/update"
        self.request(
            "POST",
            url,
            data=update.encode("utf-8"),
            headers={"Content-Type": "application/sparql-update"},
        )

    @property
    def is_oxigraph(self) -> bool:
        return "oxigraph/" in self.product.lower()

    def probe(self) -> None:
        """Check the query endpoint answers (and learn the server product)."""
        self.select("SELECT ?x WHERE { VALUES ?x { 1 } }")

    # graph store -----------------------------------------------------------

    def put_graph(self, graph: str, body: bytes, *, first: bool, bulk: bool = False) -> None:
        params = {"graph": graph}
        if bulk:
            params["no_transaction"] = ""
        self.request(
            "PUT" if first else "POST",
            self.endpoint,
            params=params,
            data=body,
            headers={"Content-Type": "application/n-triples"},
        )

    def post_quads(self, body: bytes) -> None:
        """Oxigraph: add an N-Quads body to the dataset without a transaction."""
        self.request(
            "POST",
            self.endpoint + "?no_transaction",
            data=body,
            headers={"Content-Type": "application/n-quads"},
        )

    def counts(self, graphs: Sequence[str], chunk: int = 200) -> dict[str, int]:
        """Number of triples the server holds in each of ``graphs`` (absent graphs: 0)."""
        out = dict.fromkeys(graphs, 0)
        for i in range(0, len(graphs), chunk):
            values = " ".join(_iri(g) for g in graphs[i : i + chunk])
            rows = self.select(
                "SELECT ?g (COUNT(*) AS ?n) WHERE { VALUES ?g { "
                + values
                + " } GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
            )
            for row in rows:
                out[row["g"]] = int(row["n"])
        return out


def _iri(text: str) -> str:
    """An IRI as SPARQL text; pyoxigraph rejects anything that is not a valid IRI."""
    return str(ox.NamedNode(text))


def with_values(query: str, bindings: Mapping[str, str]) -> str:
    """Bind variables of a saved query for a remote endpoint (no ``initBindings`` over HTTP).

    The values become ``VALUES`` rows of escaped RDF literals
    (``polgraph.rdf.sparql.bind_values``), so nothing the user typed is pasted into the
    query text as syntax.
    """
    from polgraph.rdf.sparql import QueryError, bind_values

    try:
        return bind_values(query, bindings)
    except QueryError as exc:
        raise ValueError(str(exc)) from exc


def remote_select(server: Server, name: str, **bindings: str) -> list[dict[str, str]]:
    """Run a saved query (``ontology/queries``) on the server with bound variables."""
    from polgraph.rdf import load_query

    return server.select(with_values(load_query(name), bindings))


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
    bulk: bool = False
    seconds: float = 0.0
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.not_loaded and not self.mismatched and not self.error

    def summary(self) -> str:
        """A few lines for a terminal."""
        rate = f" ({self.triples / self.seconds:,.0f} triples/s)" if self.seconds > 0 else ""
        path = " using the Oxigraph bulk path" if self.bulk else ""
        lines = [
            f"Loaded {len(self.loaded)} of {self.graphs} graph(s), {self.triples} triples, "
            f"into {self.endpoint}{path} in {self.seconds:.1f}s{rate}."
        ]
        if self.error:
            lines.append(f"error: {self.error}")
        if self.not_loaded:
            shown = ", ".join(self.not_loaded[:10])
            more = f" and {len(self.not_loaded) - 10} more" if len(self.not_loaded) > 10 else ""
            lines.append(f"Not loaded: {len(self.not_loaded)} graph(s): {shown}{more}.")
        for g, (want, got) in sorted(self.mismatched.items())[:10]:
            lines.append(f"Count mismatch in {g}: sent {want} triples, server has {got}.")
        if not self.ok:
            lines.append("Run the same command again to complete the load (graphs are replaced).")
        else:
            lines.append("Server count checked: every graph holds what was sent.")
        return "\n".join(lines)


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
) -> LoadReport:
    """Replace the graph(s) of ``source`` on the Graph Store at ``endpoint``; check the counts.

    ``bulk=None`` uses the Oxigraph fast path when the server is Oxigraph;
    ``False`` forces plain Graph Store requests.  Raises ``LoadFailed`` (with
    the report) when a batch fails for good or the server's counts differ.
    """
    started = time.monotonic()
    store = source if isinstance(source, ox.Store) else open_store(source)
    _iri(graph)
    units = _units(store, graph_per_article, graph)
    server = Server(
        endpoint,
        query_endpoint=query_endpoint,
        user=user,
        password=password,
        retries=retries,
        backoff=backoff,
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
    server.update(" ;\n".join(f"DROP SILENT GRAPH {_iri(u.graph)}" for u in batch))
    quads = (
        ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(u.graph))
        for u in batch
        for t in u.triples
    )
    server.post_quads(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")
