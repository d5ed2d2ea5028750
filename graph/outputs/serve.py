"""A local, read-only SPARQL endpoint over a built graph (``polgraph serve``).

For people who want a URL to point a SPARQL client, YASGUI or a notebook at
without installing a triple store.  It speaks the SPARQL 1.1 Protocol for
queries (GET ``?query=``, POST form or ``application/sparql-query``) at
``/query`` (alias ``/sparql``), answers in JSON, XML, CSV or TSV (SELECT/ASK)
and N-Triples or Turtle (CONSTRUCT/DESCRIBE) by ``Accept``, and runs every
query over the union of the article graphs as a set, like the embedded store.

It is read-only by construction (updates are refused with 403 and the store is
never given an update) and binds to the loopback interface only: the graph is
served to this machine, not to the network.
"""

from __future__ import annotations

import os
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from polgraph.core.vocab import PREFIXES

__all__ = ["LOOPBACK", "make_server", "serve_in_thread"]

LOOPBACK = "127.0.0.1"
MAX_BODY = 1 << 20  # 1 MiB of query text is plenty

_RESULTS = [
    ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ("application/json", ox.QueryResultsFormat.JSON),
    ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    ("text/csv", ox.QueryResultsFormat.CSV),
    ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
]
_GRAPHS = [
    ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("text/turtle", ox.RdfFormat.TURTLE),
]


def _negotiate(accept: str, offers: list[tuple[str, Any]]) -> tuple[str, Any]:
    """First offer named in ``Accept`` (q-values ignored), else the first offer."""
    wanted = [part.split(";")[0].strip().lower() for part in accept.split(",")]
    for media in wanted:
        for offer in offers:
            if offer[0] == media:
                return offer
    return offers[0]


class _Handler(BaseHTTPRequestHandler):
    server_version = "polgraph-sparql"
    store: ox.Store  # set on the subclass made by make_server
    quiet = True
    union = True  # query the union view (False: the default graph already holds the union)

    def log_message(self, format: str, *args: Any) -> None:
        if not self.quiet:
            super().log_message(format, *args)

    def _send(self, status: int, body: bytes, ctype: str = "text/plain; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _path_ok(self) -> bool:
        path = urlsplit(self.path).path
        if path in ("/", ""):
            text = "polgraph read-only SPARQL endpoint: send queries to /query\n"
            self._send(HTTPStatus.OK, text.encode())
            return False
        if path not in ("/query", "/sparql"):
            self._send(HTTPStatus.NOT_FOUND, b"not found: use /query\n")
            return False
        return True

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        if not self._path_ok():
            return
        params = parse_qs(urlsplit(self.path).query)
        self._answer(params)

    def do_POST(self) -> None:
        if not self._path_ok():
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._send(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, b"query too large\n")
            return
        body = self.rfile.read(length).decode("utf-8", "replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(urlsplit(self.path).query)
        if ctype == "application/sparql-query":
            params["query"] = [body]
        elif ctype == "application/sparql-update":
            params["update"] = [body]
        else:
            params.update(parse_qs(body))
        self._answer(params)

    def do_PUT(self) -> None:
        self._send(HTTPStatus.FORBIDDEN, b"read-only endpoint\n")

    do_DELETE = do_PUT
    do_PATCH = do_PUT

    def _answer(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            self._send(HTTPStatus.FORBIDDEN, b"read-only endpoint: SPARQL updates are refused\n")
            return
        queries = params.get("query", [])
        if len(queries) != 1:
            self._send(HTTPStatus.BAD_REQUEST, b"give exactly one 'query' parameter\n")
            return
        try:
            result = self.store.query(
                queries[0], use_default_graph_as_union=self.union, prefixes=dict(PREFIXES)
            )
        except SyntaxError as exc:
            self._send(HTTPStatus.BAD_REQUEST, f"query syntax error: {exc}\n".encode())
            return
        except (OSError, ValueError, RuntimeError) as exc:
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR, f"query failed: {exc}\n".encode())
            return
        accept = self.headers.get("Accept") or ""
        if isinstance(result, ox.QueryTriples):
            media, fmt = _negotiate(accept, _GRAPHS)
        else:
            media, fmt = _negotiate(accept, _RESULTS)
        body = result.serialize(format=fmt) or b""
        charset = "" if "json" in media or "xml" in media else "; charset=utf-8"
        self._send(HTTPStatus.OK, body, media + charset)


def _default_graph_as_union_set(store: ox.Store) -> bool:
    """Copy every triple once into the default graph of an in-memory store.

    Oxigraph's union view repeats a triple once per article graph holding it,
    so ``COUNT(*)`` would differ from the embedded (set) store; a default graph
    holding the union as a set answers like it.  A read-only store on disk
    cannot be written: it keeps the union view (returns False).
    """
    try:
        triples = {ox.Triple(q.subject, q.predicate, q.object) for q in store}
        store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    except OSError:
        return False
    return True


def make_server(
    source: ox.Store | str | os.PathLike[str], port: int = 7879, *, quiet: bool = True
) -> ThreadingHTTPServer:
    """An HTTP server on 127.0.0.1:``port`` (0 = any free port) answering SPARQL queries."""
    from polgraph.outputs.load import open_store

    union = True
    if isinstance(source, ox.Store):
        store = source
    else:
        store = open_store(source)
        union = not _default_graph_as_union_set(store)
    handler = type("Handler", (_Handler,), {"store": store, "quiet": quiet, "union": union})
    server = ThreadingHTTPServer((LOOPBACK, port), handler)
    server.daemon_threads = True
    return server


def serve_in_thread(
    source: ox.Store | str | os.PathLike[str], port: int = 0
) -> tuple[ThreadingHTTPServer, str]:
    """Start ``make_server`` in a daemon thread; returns the server and its query URL."""
    server = make_server(source, port)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, bound = server.server_address[:2]
    return server, f"http://{host}:{bound}/query"
