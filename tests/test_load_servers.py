"""``polgraph load`` against real SPARQL servers: Oxigraph (PyPI) and Virtuoso (Debian).

Each server runs on 127.0.0.1 with its own temporary database, started and
stopped here.  A test skips, saying why, when the server binary is absent; CI
installs both (``.ci/run``), so there they run.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import requests
from click.testing import CliRunner

from polgraph.cli import main
from polgraph.core.model import (
    Article,
    ArticleFacts,
    Event,
    Evidence,
    Holding,
    Organization,
    OrgKind,
)
from polgraph.outputs.load import DEFAULT_GRAPH, LoadFailed, Server, load, remote_select
from polgraph.rdf import facts_to_dataset, graph_iri, run_query, write_trig

# ------------------------------------------------------------------ data


def corpus(tag: str, *, changed: bool = False) -> list[ArticleFacts]:
    """Three invented articles about one committee, tagged so tests do not share graphs."""
    org = f"Tỉnh ủy Sông Lam {tag}"
    people = ["Lê Văn Bình", "Trịnh Thị Cúc", "Hà Quang Dũng"]
    out = []
    for i, person in enumerate(people, start=1):
        aid = f"{tag}-a{i}"
        sentence = f'Đồng chí {person}, Bí thư {org}, nói: "đoàn kết" & <kỷ cương>.'
        ev = Evidence(aid, sentence, 0, len(sentence))
        role = "Phó Bí thư" if changed and i == 2 else "Bí thư"
        holdings = [Holding(person, role, org, former=i < 3, evidence=(ev,))]
        if i == 3:
            holdings.append(Holding(people[0], "Ủy viên", org, evidence=(ev,)))
        out.append(
            ArticleFacts(
                article=Article(id=aid, text="…", date=dt.date(2020 + i, 3, i)),
                date=dt.date(2020 + i, 3, i),
                organizations=(Organization(org, OrgKind.PARTY_COMMITTEE, locality="Sông Lam"),),
                holdings=tuple(holdings),
                events=(
                    Event(
                        f"Hội nghị {org} lần {i}",
                        date=dt.date(2020 + i, 3, i),
                        organizer=org,
                        participants=(person,),
                        evidence=(ev,),
                    ),
                ),
            )
        )
    return out


def write_corpus(facts: list[ArticleFacts], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    write_trig(facts_to_dataset(facts), folder / "graph.trig")
    return folder


def expected_counts(facts: list[ArticleFacts]) -> dict[str, int]:
    ds = facts_to_dataset(facts)
    return {str(g.identifier): len(g) for g in ds.graphs() if len(g)}


# --------------------------------------------------------------- servers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(url: str, proc: subprocess.Popen[bytes], seconds: float = 90.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            r = requests.get(url, params={"query": "ASK {}"}, timeout=2)
            if r.status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"server at {url} not ready after {seconds}s")


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def oxigraph_exe() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.is_file() else shutil.which("oxigraph")


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    exe = oxigraph_exe()
    if exe is None:
        pytest.skip("oxigraph server not installed (pip install oxigraph; the test extra has it)")
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph-db")
    proc = subprocess.Popen(
        [exe, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(f"{base}/query", proc)
        yield {
            "name": "oxigraph",
            "endpoint": f"{base}/store",
            "union_query": f"{base}/query?union-default-graph",
            "auth": {},
        }
    finally:
        stop(proc)


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 0
NumberOfBuffers = 170000
MaxDirtyBuffers = 130000
DirsAllowed = ., {d}
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {d}
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 300
"""


def virtuoso_exe() -> str | None:
    return shutil.which("virtuoso-t")


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    exe = virtuoso_exe()
    if exe is None:
        pytest.skip("virtuoso-t not installed (apt-get install virtuoso-opensource; .ci/run does)")
    d = tmp_path_factory.mktemp("virtuoso-db")
    http_port, sql_port = free_port(), free_port()
    ini = d / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(d=d, http_port=http_port, sql_port=sql_port))
    proc = subprocess.Popen(
        [exe, "-f", "-c", str(ini)], cwd=d, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{http_port}"
    try:
        wait_ready(f"{base}/sparql", proc)
        yield {
            "name": "virtuoso",
            "endpoint": f"{base}/sparql-graph-crud-auth",
            "union_query": f"{base}/sparql",
            "auth": {"user": "dba", "password": "dba"},  # a fresh database's default
        }
    finally:
        stop(proc)


@pytest.fixture(params=["oxigraph", "virtuoso"])
def server(request: pytest.FixtureRequest) -> dict[str, Any]:
    return request.getfixturevalue(request.param)


def counts_on(server: dict[str, Any], graphs: list[str]) -> dict[str, int]:
    return Server(server["endpoint"]).counts(graphs)


# ----------------------------------------------------------------- tests


def test_load_reload_and_rebuild_without_an_article(server: dict[str, Any], tmp_path: Path) -> None:
    tag = f"rl-{server['name']}"
    facts = corpus(tag)
    src = write_corpus(facts, tmp_path / "v1")
    want = expected_counts(facts)

    report = load(src, server["endpoint"], graph_per_article=True, **server["auth"])
    assert report.ok and sorted(report.loaded) == sorted(want)
    assert report.bulk is (server["name"] == "oxigraph")
    assert counts_on(server, sorted(want)) == want

    again = load(src, server["endpoint"], graph_per_article=True, **server["auth"])
    assert again.ok
    assert counts_on(server, sorted(want)) == want  # replaced, not duplicated

    changed = corpus(tag, changed=True)
    two = write_corpus(changed[:2], tmp_path / "v2")  # a2 changed, a3 removed
    g2, g3 = (str(graph_iri(f"{tag}-a{i}")) for i in (2, 3))
    again = load(two, server["endpoint"], graph_per_article=True, bulk=False, **server["auth"])
    assert again.ok and again.dropped == [g3]
    new_want = expected_counts(changed[:2])
    assert counts_on(server, sorted(want)) == {**new_want, g3: 0}
    q = (
        f"SELECT ?label WHERE {{ GRAPH <{g2}> {{ ?r a <http://www.w3.org/ns/org#Role> ; "
        "<http://www.w3.org/2004/02/skos/core#prefLabel> ?label } } ORDER BY ?label"
    )
    rows = Server(server["endpoint"], query_endpoint=server["union_query"]).select(q)
    assert [r["label"] for r in rows] == ["Phó Bí thư"]  # the old role left with the old graph


def polgraph_graphs_on(server: dict[str, Any]) -> set[str]:
    return Server(server["endpoint"], **server["auth"]).polgraph_graphs()


def test_server_graphs_equal_the_input_and_others_are_untouched(
    server: dict[str, Any], tmp_path: Path
) -> None:
    """Per-article then merged then per-article: only the last input's polgraph graphs
    remain, and a graph polgraph did not write keeps every triple."""
    auth = server["auth"]
    mine = f"https://example.invalid/someone-else/{server['name']}"
    other = Server(server["endpoint"], **auth)
    other.put_graph(
        mine, b"<urn:x:a> <urn:x:b> <urn:x:c> .\n<urn:x:a> <urn:x:b> <urn:x:d> .\n", first=True
    )
    facts = corpus(f"eq-{server['name']}")
    src = write_corpus(facts, tmp_path)
    articles = set(expected_counts(facts))

    load(src, server["endpoint"], graph_per_article=True, **auth)
    assert polgraph_graphs_on(server) == articles
    merged = load(src, server["endpoint"], **auth)
    assert merged.ok and set(merged.dropped) == articles
    assert polgraph_graphs_on(server) == {DEFAULT_GRAPH}
    back = load(src, server["endpoint"], graph_per_article=True, bulk=False, **auth)
    assert back.ok and back.dropped == [DEFAULT_GRAPH]
    assert polgraph_graphs_on(server) == articles
    assert counts_on(server, [mine]) == {mine: 2}


def test_final_check_compares_the_sets_of_graph_names(
    oxigraph: dict[str, Any], tmp_path: Path
) -> None:
    """A server that ignores DELETE keeps a removed article: the load must say so."""
    facts = corpus("sets")
    load(write_corpus(facts, tmp_path / "all"), oxigraph["endpoint"], graph_per_article=True)
    upstream = oxigraph["endpoint"].rsplit("/", 1)[0]
    proxy = FlakyProxy(upstream, fail_after=10**6, ignore_delete=True)
    try:
        with pytest.raises(LoadFailed) as info:
            load(
                write_corpus(facts[:2], tmp_path / "two"),
                f"{proxy.url}/store",
                graph_per_article=True,
                bulk=False,
            )
    finally:
        proxy.close()
    gone = str(graph_iri("sets-a3"))
    assert info.value.report.unexpected == [gone]
    assert "not in the input: 1 polgraph graph(s)" in str(info.value)


def test_office_holders_through_server_equal_embedded(server: dict[str, Any], tmp_path: Path):
    tag = f"oh-{server['name']}"
    facts = corpus(tag)
    load(
        write_corpus(facts, tmp_path), server["endpoint"], graph_per_article=True, **server["auth"]
    )
    org = f"Tỉnh ủy Sông Lam {tag}"
    embedded = run_query(
        facts_to_dataset(facts), "office-holders", role_label="bí thư", org_label=org
    )
    remote = remote_select(
        Server(server["endpoint"], query_endpoint=server["union_query"]),
        "office-holders",
        role_label="bí thư",
        org_label=org,
    )

    def norm(rows: list[dict[str, Any]]) -> list[tuple[str, ...]]:
        return sorted(
            (
                str(r["person"]),
                str(r["person_name"]),
                str(r.get("first_observed", "")),
                str(r.get("last_observed", "")),
                " ".join(sorted(str(r["articles"]).split())),
            )
            for r in rows
        )

    assert len(embedded) == 3
    assert norm(remote) == norm(embedded)


def test_merged_graph_into_one_named_graph(server: dict[str, Any], tmp_path: Path) -> None:
    facts = corpus(f"mg-{server['name']}")
    src = write_corpus(facts, tmp_path)
    target = f"https://example.invalid/polgraph-test/{server['name']}"
    for _ in range(2):
        report = load(src, server["endpoint"], graph=target, batch_triples=40, **server["auth"])
        assert report.ok and report.loaded == [target]
    distinct = {(s, p, o) for s, p, o, _g in facts_to_dataset(facts).quads()}
    assert counts_on(server, [target]) == {target: len(distinct)}


# ------------------------------------------------- partial failure, rerun


class FlakyProxy:
    """Forwards to a server; after ``fail_after`` writes answers 500 until healed."""

    def __init__(self, upstream: str, fail_after: int, *, ignore_delete: bool = False) -> None:
        self.upstream = upstream.rstrip("/")
        self.fail_after = fail_after
        self.writes = 0
        self.broken = True
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _forward(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if ignore_delete and self.command == "DELETE":
                    self.send_response(204)
                    self.end_headers()
                    return
                is_write = self.command == "PUT" or (
                    self.command == "POST" and not self.path.startswith("/query")
                )
                if is_write:
                    proxy.writes += 1
                    if proxy.broken and proxy.writes > proxy.fail_after:
                        self.send_response(500)
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                        return
                headers = {
                    k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")
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

            do_GET = do_POST = do_PUT = do_DELETE = _forward

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.mark.parametrize(("bulk", "writes_per_graph"), [(None, 2), (False, 1)])
def test_partial_failure_is_reported_and_rerun_completes(
    oxigraph: dict[str, Any], tmp_path: Path, bulk: bool | None, writes_per_graph: int
) -> None:
    """The server breaks after the first graph; bulk: DROP + POST per graph, plain: one PUT."""
    tag = f"pf-{bulk}"
    facts = corpus(tag)
    src = write_corpus(facts, tmp_path)
    want = expected_counts(facts)
    upstream = oxigraph["endpoint"].rsplit("/", 1)[0]
    proxy = FlakyProxy(upstream, fail_after=writes_per_graph)
    try:
        with pytest.raises(LoadFailed) as info:
            load(
                src,
                f"{proxy.url}/store",
                graph_per_article=True,
                batch_triples=60,  # each ~50-triple graph is a batch of its own
                retries=1,
                backoff=0,
                bulk=bulk,
            )
        report = info.value.report
        assert report.bulk is (bulk is None)
        assert len(report.loaded) == 1 and len(report.not_loaded) == len(want) - 1
        assert sorted(report.loaded + report.not_loaded) == sorted(want)
        assert "HTTP 500" in report.error and "Run the same command again" in str(info.value)
        have = counts_on(oxigraph, sorted(want))
        for g in report.loaded:
            assert have[g] == want[g]
        proxy.broken = False
        rerun = load(src, f"{proxy.url}/store", graph_per_article=True, bulk=bulk)
        assert rerun.ok
        assert counts_on(oxigraph, sorted(want)) == want
    finally:
        proxy.close()


# ------------------------------------------------------------ CLI, secrets


LOAD = ["load", "--graph-per-article"]
PW = ["--password-env", "PG_TEST_PW"]


def test_cli_load_with_credentials_never_prints_them(
    virtuoso: dict[str, Any], tmp_path: Path
) -> None:
    src = write_corpus(corpus("cli-v"), tmp_path)
    runner = CliRunner()
    env = {"PG_TEST_PW": "dba"}
    ok = runner.invoke(
        main,
        [*LOAD, str(src), "--endpoint", virtuoso["endpoint"], "--user", "dba", *PW],
        env=env,
    )
    assert ok.exit_code == 0, ok.output
    assert "Server checked" in ok.output
    secret = "not-the-password-7f3a"
    bad = runner.invoke(
        main,
        [
            *LOAD,
            str(src),
            "--endpoint",
            virtuoso["endpoint"],
            "--user",
            "dba",
            *PW,
            "--retries",
            "0",
        ],
        env={"PG_TEST_PW": secret},
    )
    assert bad.exit_code == 1
    assert "HTTP 401" in bad.output and "Not loaded: 4 graph(s)" in bad.output
    assert secret not in bad.output
    in_url = virtuoso["endpoint"].replace("http://", f"http://dba:{secret}@")
    bad_url = runner.invoke(main, ["load", str(src), "--endpoint", in_url, "--retries", "0"])
    assert bad_url.exit_code == 1 and secret not in bad_url.output
    assert os.environ.get("PG_TEST_PW") is None
