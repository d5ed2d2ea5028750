"""`polgraph serve` as a separate process, attacked: runaway queries, SERVICE, foreign
Host headers, bad Content-Length, failures while answering, and a store folder.

Each test starts the real command in a subprocess (as a user would) and talks to
it over a socket, so what is measured is what a client sees.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import requests

from .test_load_servers import corpus, write_corpus

CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


class Served:
    """A running `polgraph serve` subprocess and its query URL."""

    def __init__(self, graph: Path, *options: str, env: dict[str, str] | None = None) -> None:
        exe = Path(sys.executable).parent / "polgraph"
        cmd = [str(exe), "serve", str(graph), "--port", "0", *options]
        self.proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/query", line)
        if not found:
            self.stop()
            raise AssertionError(f"serve did not start: {line!r} {self.stderr()}")
        self.port = int(found.group(1))
        self.url = f"http://127.0.0.1:{self.port}/query"

    def stderr(self) -> str:
        return self.proc.stderr.read() if self.proc.stderr and self.proc.poll() is not None else ""

    def raw(self, request: bytes, wait: float = 30.0) -> bytes:
        """Send raw bytes; the whole reply (the server closes after an error)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=wait) as s:
            s.sendall(request)
            chunks = []
            while True:
                try:
                    chunk = s.recv(65536)
                except TimeoutError:
                    break
                if not chunk:
                    break
                chunks.append(chunk)
            return b"".join(chunks)

    def children(self) -> set[int]:
        """Process ids of the server's query workers (not multiprocessing's helper)."""
        out = set()
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[1]) != self.proc.pid:
                    continue
                with contextlib.suppress(OSError):
                    if b"multiprocessing.spawn" in (entry / "cmdline").read_bytes():
                        out.add(int(entry.name))
        return out

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)


@pytest.fixture(scope="module")
def graph_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(corpus("lim"), tmp_path_factory.mktemp("lim"))


@pytest.fixture
def serve(graph_dir: Path) -> Iterator[Any]:
    started: list[Served] = []

    def start(*options: str, graph: Path = graph_dir) -> Served:
        started.append(Served(graph, *options))
        return started[-1]

    yield start
    for s in started:
        s.stop()


def count(url: str, query: str = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", **kw: Any) -> Any:
    kw.setdefault("headers", {"Accept": "text/csv"})
    return requests.get(url, params={"query": query}, **kw)


# -------------------------------------------------------------- 12: limits


def test_runaway_query_is_stopped_at_the_time_limit(serve: Any) -> None:
    s = serve("--timeout", "2")
    started = time.monotonic()
    r = count(s.url, CARTESIAN, timeout=60)
    took = time.monotonic() - started
    assert r.status_code == 503 and "2 s limit" in r.text
    assert took < 15
    ok = count(s.url, timeout=30)  # the server goes on answering
    assert ok.status_code == 200 and ok.text.split()[0] == "n"


def test_a_result_over_the_size_limit_is_refused(serve: Any) -> None:
    s = serve("--max-result-mb", "0.05")
    q = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
    r = requests.get(s.url, params={"query": q}, timeout=60)
    assert r.status_code == 413 and "LIMIT" in r.text and len(r.content) < 1000
    small = requests.get(s.url, params={"query": q + " LIMIT 3"}, timeout=30)
    assert small.status_code == 200 and len(small.json()["results"]["bindings"]) == 3


def test_a_query_over_the_memory_limit_is_stopped(serve: Any) -> None:
    s = serve("--max-memory-mb", "200", "--timeout", "120")
    q = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l } ORDER BY ?c ?f ?i ?l"
    r = requests.get(s.url, params={"query": q}, timeout=150)
    assert r.status_code == 503 and "200 MiB" in r.text
    assert count(s.url, timeout=30).status_code == 200


def test_work_stops_when_the_client_disconnects(serve: Any) -> None:
    s = serve("--timeout", "600", "--workers", "1")
    assert count(s.url, timeout=30).status_code == 200
    before = s.children()
    (worker,) = before  # the one warm worker
    query = requests.Request("GET", s.url, params={"query": CARTESIAN}).prepare().path_url
    with socket.create_connection(("127.0.0.1", s.port)) as sock:
        sock.sendall(f"GET {query} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        time.sleep(1.5)
        assert worker in s.children()  # the query is running
    deadline = time.monotonic() + 10
    while worker in s.children() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert worker not in s.children()  # killed, not left pinning a core
    assert count(s.url, timeout=30).status_code == 200


# ---------------------------------------------------- 13: SERVICE, Host


class Listener:
    """Counts the requests any SERVICE call would make."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                owner.hits.append(self.path)
                self.send_response(500)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_POST = do_GET

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    made = Listener()
    yield made
    made.close()


def test_service_is_refused_and_sends_nothing(serve: Any, listener: Listener) -> None:
    s = serve()
    for q in (
        f"SELECT * WHERE {{ SERVICE <{listener.base}/a> {{ ?s ?p ?o }} }}",
        f"PREFIX x: <{listener.base}/> SELECT * WHERE {{ SERVICEx:b {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ FILTER(1<2)sErViCe<{listener.base}/c>{{ ?s ?p ?o }} }}",
    ):
        r = requests.get(s.url, params={"query": q}, timeout=30)
        assert r.status_code == 403 and "SERVICE is refused" in r.text
    assert listener.hits == []


def test_only_loopback_host_names_are_answered(serve: Any) -> None:
    s = serve()
    for host, status in (
        (f"127.0.0.1:{s.port}", 200),
        (f"localhost:{s.port}", 200),
        (f"[::1]:{s.port}", 200),
        ("LOCALHOST", 200),
        (f"attacker.example:{s.port}", 403),
        ("127.0.0.1.attacker.example", 403),
        ("localhost.attacker.example", 403),
    ):
        r = count(s.url, headers={"Host": host, "Accept": "text/csv"}, timeout=30)
        assert r.status_code == status, host


# ------------------------------------------------------------- 14: store


def store_folder(folder: Path) -> int:
    """A `build --store` folder for three invented articles; returns its union size."""
    folder.mkdir()
    src = write_corpus(corpus("st"), folder / "src") / "graph.trig"
    store = ox.Store(str(folder / "oxigraph"))
    store.bulk_load(path=str(src), format=ox.RdfFormat.TRIG)
    union = {ox.Triple(q.subject, q.predicate, q.object) for q in store}
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in union)
    store.flush()
    del store
    (folder / "manifest.json").write_text("{}")
    return len(union)


def test_serve_a_store_folder(serve: Any, tmp_path: Path) -> None:
    union = store_folder(tmp_path / "store")
    s = serve(graph=tmp_path / "store")
    r = count(s.url, timeout=30)
    assert r.status_code == 200 and r.text.split() == ["n", str(union)]


# --------------------------------------------------- 15: malformed requests


def post(length: str, body: bytes = b"") -> bytes:
    return (
        b"POST /query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
        + f"Content-Length: {length}\r\n\r\n".encode()
        + body
    )


@pytest.mark.parametrize(
    ("length", "status"),
    [("abc", b"400"), ("-1", b"400"), ("1e3", b"400"), (str(300 << 20), b"413")],
)
def test_bad_content_length_is_a_clean_error(serve: Any, length: str, status: bytes) -> None:
    s = serve()
    reply = s.raw(post(length, b"ASK {}"))
    assert reply.startswith(b"HTTP/1.0 " + status) or reply.startswith(b"HTTP/1.1 " + status)
    assert b"Traceback" not in reply
    assert count(s.url, timeout=30).status_code == 200


def test_content_length_too_large_is_refused_without_reading_it(serve: Any) -> None:
    s = serve()
    started = time.monotonic()
    reply = s.raw(post(str(300 << 20), b"x" * 1000), wait=10)
    assert b" 413 " in reply.split(b"\r\n")[0] and time.monotonic() - started < 5


def test_failure_while_answering_is_500_without_traceback(serve: Any, listener: Listener) -> None:
    s = serve("--allow-service")
    # The remote part fails only once results are being read: after evaluation began.
    remote = f"SERVICE <{listener.base}/x> {{ ?s ?p ?o }}"
    q = f"SELECT * WHERE {{ {{ BIND(1 AS ?x) }} UNION {{ {remote} }} }}"
    r = requests.get(s.url, params={"query": q}, timeout=30)
    assert r.status_code == 500 and r.text.startswith("query failed:")
    assert "Traceback" not in r.text and listener.hits
    assert count(s.url, timeout=30).status_code == 200
    s.stop()
    assert "Traceback" not in s.stderr()


def test_serve_never_prints_a_traceback_for_a_missing_store(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    exe = Path(sys.executable).parent / "polgraph"
    (tmp_path / "empty").mkdir()
    r = subprocess.run(
        [str(exe), "serve", str(tmp_path / "empty"), "--port", "0"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert r.returncode == 1 and "Traceback" not in r.stderr and "no graph.trig" in r.stderr


def test_stopping_the_server_removes_its_scratch_store(graph_dir: Path, tmp_path: Path) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    s = Served(graph_dir, env={**os.environ, "TMPDIR": str(scratch)})
    try:
        assert count(s.url, timeout=30).status_code == 200
        assert any(scratch.iterdir())  # the graph copied into a store the workers open
    finally:
        s.stop()
    assert s.proc.returncode == 0 and list(scratch.iterdir()) == []
