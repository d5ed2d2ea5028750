"""`polgraph query` and file output fail with one clear line, never a traceback:
a query file that is not UTF-8, a remote SERVICE answer that breaks while rows
are read, an update sent to the read-only `query`, an output path that cannot
be written (named as given, not as the temporary file beside it)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from polgraph.cli import main
from polgraph.core.atomic import atomic_write_text
from polgraph.rdf.sparql import QueryError, run

from .test_load_servers import corpus, write_corpus


@pytest.fixture(scope="module")
def graph_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(corpus("qe"), tmp_path_factory.mktemp("qe"))


@pytest.fixture
def html_server() -> Iterator[str]:
    """A 'SPARQL endpoint' that answers every request with a web page."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            body = b"<html>sign in</html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_POST = do_GET

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/sparql"
    httpd.shutdown()
    httpd.server_close()


def clean_failure(result: Any) -> str:
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # not a crash
    assert "Traceback" not in result.output
    return str(result.output)


def test_query_file_that_is_not_utf8(graph_dir: Path, tmp_path: Path) -> None:
    q = tmp_path / "latin1.rq"
    q.write_bytes('SELECT * WHERE { ?s ?p "café" }'.encode("latin-1"))
    out = clean_failure(CliRunner().invoke(main, ["query", str(graph_dir), "--file", str(q)]))
    assert "latin1.rq: not UTF-8 text (byte 0xe9 at offset 27)" in out


def test_remote_result_failing_while_rows_are_read(graph_dir: Path, html_server: str) -> None:
    remote = f"SERVICE <{html_server}> {{ ?s ?p ?o }}"
    q = f"SELECT * WHERE {{ {{ BIND(1 AS ?x) }} UNION {{ {remote} }} }}"
    with pytest.raises(QueryError, match=r"query failed: .*text/html"):
        run(ox.Store(), q)
    out = clean_failure(CliRunner().invoke(main, ["query", str(graph_dir), q]))
    assert "Error: query failed:" in out and "text/html" in out


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }",
        "PREFIX e: <http://e/>\n# wipe\nDELETE WHERE { ?s e:b ?o }",
        "drop all",
    ],
)
def test_an_update_is_told_query_is_read_only(graph_dir: Path, update: str) -> None:
    with pytest.raises(QueryError, match="query is read-only"):
        run(ox.Store(), update)
    out = clean_failure(CliRunner().invoke(main, ["query", str(graph_dir), update]))
    assert "query is read-only" in out and "syntax error" not in out


def test_output_errors_name_the_output_not_a_temporary_file(
    graph_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "g.graphml"
    target.mkdir()  # a folder where the file should go
    with pytest.raises(IsADirectoryError) as info:
        atomic_write_text(target, "x")
    assert info.value.filename == str(target) and info.value.filename2 is None
    out = clean_failure(
        CliRunner().invoke(main, ["export", str(graph_dir), "-f", "graphml", "-o", str(target)])
    )
    assert str(target) in out and ".tmp" not in out
    assert [p.name for p in tmp_path.iterdir()] == ["g.graphml"]  # no temporary file left
