"""A local, read-only SPARQL endpoint over a built graph (``polgraph serve``).

For people who want a URL to point a SPARQL client, YASGUI or a notebook at
without installing a triple store.  It speaks the SPARQL 1.1 Protocol for
queries (GET ``?query=``, POST form or ``application/sparql-query``) at
``/query`` (alias ``/sparql``), answers in JSON, XML, CSV or TSV (SELECT/ASK)
and N-Triples or Turtle (CONSTRUCT/DESCRIBE) by ``Accept``, and runs every
query over the union of the article graphs as a set, like the embedded store.

Safe to leave running on a laptop:

* read-only by construction (updates are refused with 403, the store is opened
  read-only) and bound to the loopback interface only;
* requests whose ``Host`` is not a loopback name are refused (403), so a web
  page cannot reach the endpoint through DNS rebinding;
* ``SERVICE`` is refused unless allowed, so a query cannot make the server
  send requests to other hosts;
* each query runs in a worker process under a time, memory and result-size
  limit and is stopped when its client disconnects (``polgraph.outputs.serve_pool``);
* a malformed or oversized request gets 400/411/413, a failure 500, never a
  traceback.
"""

from __future__ import annotations

import contextlib
import os
import re
import select
import shutil
import socket
import sys
import tempfile
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from polgraph.core.vocab import PREFIXES
from polgraph.outputs.serve_pool import Answer, Limits, QueryPool

__all__ = [
    "LOOPBACK",
    "Limits",
    "allowed_host",
    "make_server",
    "mentions_service",
    "serve_in_thread",
]

LOOPBACK = "127.0.0.1"
MAX_BODY = 1 << 20  # 1 MiB of query text is plenty
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "[::1]"})

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_SERVICE = re.compile(r"(?<![?$])service", re.IGNORECASE)
_VARIABLE = re.compile(r"[?$][\w\u00b7\u0300-\u036f\u203f\u2040]+")


def mentions_service(query: str) -> bool:
    """Whether ``query`` may hold a ``SERVICE`` call (conservative: never a false "no").

    Codepoint escapes are undone first (SPARQL allows ``\\u0053ERVICE``) and
    variable names are removed; any other ``service``, even inside a string,
    counts.  Oxigraph needs no space after the keyword (``SERVICEex:x``), so
    none is required here either.

    >>> mentions_service("SELECT * { SERVICE <http://h/> { ?s ?p ?o } }")
    True
    >>> mentions_service("SELECT ?service WHERE { ?service ?p ?o }")
    False
    """

    def unescape(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF else m.group(0)

    text = _ESCAPE.sub(unescape, query)
    return bool(_SERVICE.search(_VARIABLE.sub(" ", text)))


def allowed_host(header: str | None, bound: str) -> bool:
    """Whether a ``Host`` header names this machine's loopback (or the bound name).

    A missing header (HTTP/1.0 tools) is allowed: browsers, the only way in for
    DNS rebinding, always send one.

    >>> [allowed_host(h, "127.0.0.1") for h in ("localhost:7879", "[::1]", "evil.example")]
    [True, True, False]
    """
    if header is None:
        return True
    host = header.strip().lower()
    if host.startswith("["):
        name = host[: host.find("]") + 1] if "]" in host else host
    else:
        name = host.rsplit(":", 1)[0] if ":" in host else host
    name = name.rstrip(".")
    bound_name = f"[{bound}]" if ":" in bound else bound
    return name in LOOPBACK_NAMES or name == bound_name.lower()


class _RequestError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class _Handler(BaseHTTPRequestHandler):
    server_version = "polgraph-sparql"
    timeout = 30  # seconds to send the request line, headers and body
    pool: QueryPool  # set on the subclass made by make_server
    quiet = True
    allow_service = False

    def log_message(self, format: str, *args: Any) -> None:
        if not self.quiet:
            super().log_message(format, *args)

    def _send(self, status: int, body: bytes, ctype: str = "text/plain; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        if status >= 400:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _guarded(self, action: Any) -> None:
        """Run ``action``; a bad request or any failure becomes a status, never a traceback."""
        try:
            bound = str(self.server.server_address[0])
            if not allowed_host(self.headers.get("Host"), bound):
                raise _RequestError(HTTPStatus.FORBIDDEN, "host not allowed: use 127.0.0.1")
            action()
        except _RequestError as exc:
            self._send(exc.status, f"{exc}\n".encode())
        except (BrokenPipeError, ConnectionError, TimeoutError):
            self.close_connection = True
        except Exception as exc:  # the client gets a status, the log one line
            if not self.quiet:
                sys.stderr.write(f"polgraph serve: internal error: {type(exc).__name__}\n")
            with contextlib.suppress(OSError):
                self._send(HTTPStatus.INTERNAL_SERVER_ERROR, b"internal server error\n")

    def _path_ok(self) -> bool:
        path = urlsplit(self.path).path
        if path in ("/", ""):
            text = "polgraph read-only SPARQL endpoint: send queries to /query\n"
            self._send(HTTPStatus.OK, text.encode())
            return False
        if path not in ("/query", "/sparql"):
            raise _RequestError(HTTPStatus.NOT_FOUND, "not found: use /query")
        return True

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        self._guarded(self._get)

    def do_POST(self) -> None:
        self._guarded(self._post)

    def do_PUT(self) -> None:
        self._guarded(self._refuse)

    do_DELETE = do_PUT
    do_PATCH = do_PUT

    def _refuse(self) -> None:
        raise _RequestError(HTTPStatus.FORBIDDEN, "read-only endpoint")

    def _get(self) -> None:
        if self._path_ok():
            self._answer(parse_qs(urlsplit(self.path).query))

    def _post(self) -> None:
        if not self._path_ok():
            return
        body = self._body().decode("utf-8", "replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(urlsplit(self.path).query)
        if ctype == "application/sparql-query":
            params["query"] = [body]
        elif ctype == "application/sparql-update":
            params["update"] = [body]
        else:
            params.update(parse_qs(body))
        self._answer(params)

    def _body(self) -> bytes:
        """The request body, its length checked before anything is read."""
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            raise _RequestError(HTTPStatus.LENGTH_REQUIRED, "send a Content-Length")
        values = self.headers.get_all("Content-Length") or []
        if len(set(values)) > 1:
            raise _RequestError(HTTPStatus.BAD_REQUEST, "conflicting Content-Length headers")
        text = values[0].strip() if values else "0"
        if not text.isascii() or not text.isdigit():
            raise _RequestError(HTTPStatus.BAD_REQUEST, "bad Content-Length")
        if len(text) > 12 or int(text) > MAX_BODY:
            raise _RequestError(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"query too large (over {MAX_BODY} bytes)"
            )
        return self.rfile.read(int(text))

    def _client_gone(self) -> bool:
        """Whether the client closed its end (readable with nothing to read)."""
        sock = self.connection
        try:
            readable, _, _ = select.select([sock], [], [], 0)
            if not readable:
                return False
            return sock.recv(1, socket.MSG_PEEK) == b""
        except (OSError, ValueError):
            return True

    def _answer(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            raise _RequestError(
                HTTPStatus.FORBIDDEN, "read-only endpoint: SPARQL updates are refused"
            )
        queries = params.get("query", [])
        if len(queries) != 1:
            raise _RequestError(HTTPStatus.BAD_REQUEST, "give exactly one 'query' parameter")
        if not self.allow_service and mentions_service(queries[0]):
            raise _RequestError(
                HTTPStatus.FORBIDDEN,
                "SERVICE is refused: this endpoint does not query other servers "
                "(start it with --allow-service to permit it)",
            )
        answer: Answer | None = self.pool.run(
            queries[0], self.headers.get("Accept") or "", self._client_gone
        )
        if answer is None:  # the client has gone: nobody to answer
            self.close_connection = True
            return
        status, ctype, body = answer
        self._send(status, body, ctype)


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server; closing it stops the query workers and removes temporary files."""

    daemon_threads = True
    pool: QueryPool
    scratch: str | None = None

    def handle_error(self, request: Any, client_address: Any) -> None:
        """One line instead of socketserver's traceback."""
        exc = sys.exc_info()[1]
        sys.stderr.write(f"polgraph serve: request failed: {type(exc).__name__}\n")

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()
        if self.scratch:
            shutil.rmtree(self.scratch, ignore_errors=True)
            self.scratch = None


def _prepare(source: ox.Store | str | os.PathLike[str]) -> tuple[str, bool, str | None]:
    """Where workers open the store, whether to query the union view, and a scratch folder.

    A ``build --store`` folder is opened as it is: its default graph already holds
    the union as a set.  A bare Oxigraph folder cannot be written, so it is
    queried through the union view.  Anything else (an RDF file, a build folder,
    a store in memory) is copied once into a scratch store whose default graph
    holds the union as a set, so ``COUNT(*)`` answers like the embedded store.
    """
    from polgraph.outputs.load import GRAPH_FILES, open_store
    from polgraph.rdf.oxstore import is_store

    if not isinstance(source, ox.Store):
        p = Path(source)
        if p.is_dir() and is_store(p):
            return str(p / "oxigraph"), False, None
        if p.is_dir() and not any((p / n).is_file() for n in GRAPH_FILES):
            inner = p / "oxigraph" if (p / "oxigraph").is_dir() else p
            if (inner / "CURRENT").is_file():
                return str(inner), True, None
        source = open_store(p)  # raises ValueError naming the problem
    scratch = tempfile.mkdtemp(prefix="polgraph-serve-")
    try:
        copy = ox.Store(scratch)
        copy.bulk_extend(source)
        triples = {ox.Triple(q.subject, q.predicate, q.object) for q in source}
        copy.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
        copy.flush()
        del copy
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    return scratch, False, scratch


def make_server(
    source: ox.Store | str | os.PathLike[str],
    port: int = 7879,
    *,
    quiet: bool = True,
    limits: Limits | None = None,
    allow_service: bool = False,
) -> SparqlServer:
    """An HTTP server on 127.0.0.1:``port`` (0 = any free port) answering SPARQL queries."""
    location, union, scratch = _prepare(source)
    pool = QueryPool(location, union=union, prefixes=dict(PREFIXES), limits=limits or Limits())
    handler = type(
        "Handler", (_Handler,), {"pool": pool, "quiet": quiet, "allow_service": allow_service}
    )
    try:
        server = SparqlServer((LOOPBACK, port), handler)
    except BaseException:
        pool.close()
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
        raise
    server.pool = pool
    server.scratch = scratch
    return server


def serve_in_thread(
    source: ox.Store | str | os.PathLike[str], port: int = 0, **options: Any
) -> tuple[SparqlServer, str]:
    """Start ``make_server`` in a daemon thread; returns the server and its query URL."""
    server = make_server(source, port, **options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, bound = server.server_address[:2]
    return server, f"http://{host}:{bound}/query"
