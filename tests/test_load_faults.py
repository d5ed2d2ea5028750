"""``polgraph load`` against a real Oxigraph server behind a misbehaving proxy.

The proxy plays the unlucky cases: it echoes request headers in an error page,
wants UTF-8 credentials, answers queries with an ASK result or an HTML page,
cuts an answer mid-chunk, or never answers.  The load must succeed where a
retry helps and otherwise fail with a report of what was and was not loaded,
and no message may carry a credential.
"""

from __future__ import annotations

import base64
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import requests
from click.testing import CliRunner

from polgraph.cli import main
from polgraph.outputs.load import LoadFailed, load

from .test_load_servers import corpus, counts_on, expected_counts, oxigraph, write_corpus

__all__ = ["oxigraph"]  # the fixture, shared with test_load_servers

Rule = Callable[[BaseHTTPRequestHandler, bytes], bool]
"""Answers the request itself (returns True) or lets the proxy forward it."""


class Proxy:
    def __init__(self, upstream: str, rule: Rule) -> None:
        self.upstream = upstream.rstrip("/")
        proxy = self
        self.seen: list[tuple[str, str]] = []

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _go(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                proxy.seen.append((self.command, self.path))
                if rule(self, body):
                    return
                headers = {
                    k: v
                    for k, v in self.headers.items()
                    if k.lower() not in ("host", "connection", "authorization")
                }
                r = requests.request(
                    self.command, proxy.upstream + self.path, data=body, headers=headers
                )
                self.send_response(r.status_code)
                for k in ("Content-Type", "Server"):
                    if k in r.headers:
                        self.send_header(k, r.headers[k])
                self.send_header("Content-Length", str(len(r.content)))
                self.end_headers()
                self.wfile.write(r.content)

            do_GET = do_POST = do_PUT = do_DELETE = _go

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.endpoint = f"http://127.0.0.1:{self.httpd.server_address[1]}/store"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def proxy(oxigraph: dict[str, Any]) -> Iterator[Callable[[Rule], Proxy]]:
    made: list[Proxy] = []

    def make(rule: Rule) -> Proxy:
        made.append(Proxy(oxigraph["endpoint"].rsplit("/", 1)[0], rule))
        return made[-1]

    yield make
    for p in made:
        p.close()


def reply(handler: BaseHTTPRequestHandler, status: int, body: bytes, ctype: str) -> bool:
    handler.send_response(status)
    handler.send_header("Content-Type", ctype)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)
    return True


def is_query(handler: BaseHTTPRequestHandler) -> bool:
    return handler.command == "POST" and handler.path.startswith("/query")


# ------------------------------------------------------- 16: credentials

USER, PASSWORD = "người dùng", "mật khẩu bí mật"


def wants_utf8_basic(handler: BaseHTTPRequestHandler, body: bytes) -> bool:
    """Forward only with the right UTF-8 Basic credentials; else echo the headers (a 401)."""
    token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    if handler.headers.get("Authorization") == f"Basic {token}":
        return False
    echo = "".join(f"{k}: {v}\n" for k, v in handler.headers.items())
    echo += f"form: {body[:200]!r}\npassword=hunter2-{token[:6]}\n"
    return reply(handler, 401, echo.encode("utf-8", "replace"), "text/plain")


def test_utf8_credentials_are_sent_as_rfc_7617_says(proxy: Any, tmp_path: Path) -> None:
    p = proxy(wants_utf8_basic)
    facts = corpus("u8")
    report = load(
        write_corpus(facts, tmp_path), p.endpoint, graph_per_article=True,
        user=USER, password=PASSWORD,
    )  # fmt: skip
    assert report.ok and sorted(report.loaded) == sorted(expected_counts(facts))


def test_echoed_credentials_never_reach_the_terminal(proxy: Any, tmp_path: Path) -> None:
    p = proxy(wants_utf8_basic)
    src = write_corpus(corpus("echo"), tmp_path)
    wrong = "sai mật khẩu 42"
    result = CliRunner().invoke(
        main,
        [
            "load", str(src), "--endpoint", p.endpoint, "--user", USER,
            "--password-env", "PG_ECHO_PW", "--retries", "0",
        ],
        env={"PG_ECHO_PW": wrong},
    )  # fmt: skip
    out = result.output
    assert result.exit_code == 1 and "HTTP 401" in out and "Not loaded" in out
    token = base64.b64encode(f"{USER}:{wrong}".encode()).decode()
    for secret in (wrong, token, token[:12], "hunter2"):
        assert secret not in out
    assert "Authorization: [redacted]" in out


# -------------------------------------------------- 17: odd and cut answers


def test_ask_answer_to_a_select_is_a_clear_error(proxy: Any, tmp_path: Path) -> None:
    def ask(handler: BaseHTTPRequestHandler, body: bytes) -> bool:
        if is_query(handler):
            return reply(handler, 200, b'{"boolean":true}', "application/sparql-results+json")
        return False

    p = proxy(ask)
    with pytest.raises(LoadFailed) as info:
        load(write_corpus(corpus("ask"), tmp_path), p.endpoint, graph_per_article=True)
    assert "yes/no (ASK) result" in str(info.value)
    assert len(info.value.report.not_loaded) == 4  # the three articles and the tenure graph


def test_html_answer_is_a_clear_error(proxy: Any, tmp_path: Path) -> None:
    def html(handler: BaseHTTPRequestHandler, body: bytes) -> bool:
        if is_query(handler):
            return reply(handler, 200, b"<html><b>Login</b> please</html>", "text/html")
        return False

    p = proxy(html)
    with pytest.raises(LoadFailed) as info:
        load(write_corpus(corpus("html"), tmp_path), p.endpoint, graph_per_article=True)
    assert "text/html, not SPARQL JSON results" in str(info.value)


def test_answer_cut_mid_chunk_is_retried(
    proxy: Any, oxigraph: dict[str, Any], tmp_path: Path
) -> None:
    cut = {"left": 2}

    def cutter(handler: BaseHTTPRequestHandler, body: bytes) -> bool:
        if handler.command == "PUT" and cut["left"] > 0:
            cut["left"] -= 1
            handler.send_response(200)
            handler.send_header("Transfer-Encoding", "chunked")
            handler.end_headers()
            handler.wfile.write(b"40\r\nonly part of the chunk")
            handler.wfile.flush()
            handler.close_connection = True
            return True
        return False

    p = proxy(cutter)
    facts = corpus("cut")
    report = load(
        write_corpus(facts, tmp_path), p.endpoint, graph_per_article=True,
        bulk=False, backoff=0,
    )  # fmt: skip
    want = expected_counts(facts)
    assert report.ok and cut["left"] == 0
    assert counts_on(oxigraph, sorted(want)) == want


def test_a_server_that_never_answers_costs_the_timeout_not_hours(
    proxy: Any, tmp_path: Path
) -> None:
    def silent(handler: BaseHTTPRequestHandler, body: bytes) -> bool:
        if handler.command == "PUT":
            time.sleep(5)
            return True
        return False

    p = proxy(silent)
    src = write_corpus(corpus("slow"), tmp_path)
    started = time.monotonic()
    result = CliRunner().invoke(
        main,
        [
            "load", str(src), "--endpoint", p.endpoint, "--graph-per-article",
            "--no-bulk", "--timeout", "0.5", "--retries", "1",
        ],
    )  # fmt: skip
    assert time.monotonic() - started < 10
    assert result.exit_code == 1
    assert "no answer within 0.5 s" in result.output and "Not loaded: 4 graph(s)" in result.output
