"""The loader's HTTP behaviour without a real server: retries, errors, escaping, secrets."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from polgraph.cli import main
from polgraph.outputs.load import Server, ServerError, redact, with_values


class Scripted:
    """Answers each request with the next status of a script (then 200), recording requests."""

    def __init__(self, statuses: list[int]) -> None:
        self.statuses = list(statuses)
        self.seen: list[tuple[str, dict[str, str]]] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _go(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                owner.seen.append((self.command, dict(self.headers.items())))
                status = owner.statuses.pop(0) if owner.statuses else 200
                body = b'{"head":{"vars":[]},"results":{"bindings":[]}}' if status == 200 else b""
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PUT = _go

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"


@pytest.fixture
def scripted() -> Iterator[Any]:
    made: list[Scripted] = []

    def make(statuses: list[int]) -> Scripted:
        made.append(Scripted(statuses))
        return made[-1]

    yield make
    for s in made:
        s.httpd.shutdown()
        s.httpd.server_close()


def test_transient_errors_are_retried(scripted: Any) -> None:
    fake = scripted([503, 502, 429])
    server = Server(f"{fake.base}/store", backoff=0)
    server.put_graph("https://example.invalid/g", b"", first=True)
    assert [m for m, _ in fake.seen] == ["PUT"] * 4


def test_gives_up_after_retries_and_does_not_retry_client_errors(scripted: Any) -> None:
    fake = scripted([500, 500, 500])
    with pytest.raises(ServerError, match="gave up after 3 attempts"):
        Server(f"{fake.base}/store", retries=2, backoff=0).select("ASK {}")
    fake = scripted([400])
    with pytest.raises(ServerError, match="HTTP 400"):
        Server(f"{fake.base}/store", backoff=0).select("ASK {}")
    assert len(fake.seen) == 1


def test_url_credentials_become_auth_and_leave_messages(scripted: Any) -> None:
    fake = scripted([500])
    url = fake.base.replace("http://", "http://ann:s3cret%21@") + "/store"
    server = Server(url, retries=0)
    assert "s3cret" not in server.endpoint and "ann" not in server.endpoint
    with pytest.raises(ServerError) as info:
        server.select("ASK {}")
    assert "s3cret" not in str(info.value)
    assert fake.seen[0][1]["Authorization"].startswith("Basic ")
    assert redact("https://u:p@h:1/x?y=1") == "https://h:1/x?y=1"


def test_bound_values_cannot_break_out_of_the_query() -> None:
    hostile = 'x" } ; DROP ALL ; SELECT * { "'
    q = with_values("SELECT ?p WHERE { ?p ?q ?org_label }", {"org_label": hostile})
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://e/p"), ox.NamedNode("http://e/q"), ox.Literal(hostile)))
    rows = list(store.query(q))
    assert [r["p"].value for r in rows] == ["http://e/p"]
    with pytest.raises(ValueError):
        with_values("SELECT ?p WHERE { ?p ?q ?o }", {"o } DROP ALL {": "x"})


def test_cli_usage_errors_for_credentials(tmp_path: Any) -> None:
    trig = tmp_path / "graph.trig"
    trig.write_text("")
    runner = CliRunner()
    r1 = runner.invoke(
        main, ["load", str(trig), "--endpoint", "http://127.0.0.1:9/store", "--user", "u"]
    )
    r2 = runner.invoke(
        main,
        [
            "load",
            str(trig),
            "--endpoint",
            "http://127.0.0.1:9/store",
            "--user",
            "u",
            "--password-env",
            "PG_UNSET_VAR_X",
        ],
        env={},
    )
    assert r1.exit_code == 2 and "--password-env" in r1.output
    assert r2.exit_code == 2 and "PG_UNSET_VAR_X is not set" in r2.output
