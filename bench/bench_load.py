"""Load throughput (triples/s) of ``polgraph.outputs.load.load`` into real SPARQL servers.

Generates a polgraph-shaped dataset of N triples (default 1,000,000) in
per-article named graphs, starts each server on 127.0.0.1 with a fresh
temporary database, loads the dataset with ``--graph-per-article`` (which
includes the final SPARQL count check), and prints one line per server::

    /work/venv/bin/python bench/bench_load.py [--triples 1000000] [--servers oxigraph,virtuoso]

Servers: ``oxigraph`` (Oxigraph bulk path: DROP + N-Quads ``no_transaction``),
``oxigraph-gsp`` (plain Graph Store PUTs on Oxigraph), ``virtuoso`` (Graph
Store PUTs with Digest auth).  Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from polgraph.core.vocab import FOAF, ID, ORG, PG, PROV, RDF, SCHEMA, SKOS, XSD  # noqa: E402
from polgraph.outputs.load import load  # noqa: E402

TRIPLES_PER_ARTICLE = 500


def dataset(n_triples: int) -> ox.Store:
    """Articles of ~500 triples each: people holding posts, with evidence sentences."""
    store = ox.Store()
    quads: list[ox.Quad] = []

    def nn(x: object) -> ox.NamedNode:
        return ox.NamedNode(str(x))

    a = 0
    total = 0
    while total < n_triples:
        g = nn(f"{ID}article/bench-{a}#graph")
        art = nn(f"{ID}article/bench-{a}")
        local: list[tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]] = [
            (art, nn(RDF.type), nn(SCHEMA.NewsArticle)),
            (art, nn(SCHEMA.identifier), ox.Literal(f"bench-{a}")),
        ]
        i = 0
        while len(local) < TRIPLES_PER_ARTICLE and total + len(local) < n_triples:
            person = nn(f"{ID}person/Người_{(a * 7 + i) % 50_000}")
            org = nn(f"{ID}org/Cơ_quan_{(a + i) % 3_000}")
            m = nn(f"{ID}membership/bench-{a}/{i}")
            ev = nn(f"{ID}statement/bench-{a}/{i}")
            local += [
                (person, nn(RDF.type), nn(FOAF.Person)),
                (person, nn(FOAF.name), ox.Literal(f"Người {(a * 7 + i) % 50_000}")),
                (org, nn(RDF.type), nn(ORG.Organization)),
                (org, nn(SKOS.prefLabel), ox.Literal(f"Cơ quan {(a + i) % 3_000}")),
                (m, nn(RDF.type), nn(ORG.Membership)),
                (m, nn(ORG.member), person),
                (m, nn(ORG.organization), org),
                (m, nn(PG.observedOn), ox.Literal("2020-01-02", datatype=nn(XSD.date))),
                (m, nn(PROV.wasDerivedFrom), art),
                (m, nn(PG.evidence), ev),
                (ev, nn(PG.sentence), ox.Literal(f"Câu số {i} của bài {a}: đồng chí giữ chức vụ.")),
            ]
            i += 1
        local = local[: n_triples - total]
        quads += [ox.Quad(s, p, o, g) for s, p, o in local]
        total += len(local)
        a += 1
    store.bulk_extend(quads)
    return store


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait(url: str, proc: subprocess.Popen[bytes], seconds: float = 120) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited ({proc.returncode})")
        try:
            if requests.get(url, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} not ready")


def start_oxigraph(tmp: Path) -> tuple[subprocess.Popen[bytes], dict[str, str]]:
    exe = Path(sys.executable).parent / "oxigraph"
    cmd = str(exe) if exe.is_file() else shutil.which("oxigraph")
    if cmd is None:
        raise RuntimeError("oxigraph not installed (pip install oxigraph)")
    port = free_port()
    proc = subprocess.Popen(
        [cmd, "serve", "--location", str(tmp), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait(f"http://127.0.0.1:{port}/query", proc)
    return proc, {"endpoint": f"http://127.0.0.1:{port}/store"}


def start_virtuoso(tmp: Path) -> tuple[subprocess.Popen[bytes], dict[str, str]]:
    exe = shutil.which("virtuoso-t")
    if exe is None:
        raise RuntimeError("virtuoso-t not installed (apt-get install virtuoso-opensource)")
    http_port, sql_port = free_port(), free_port()
    d = tmp
    ini = d / "virtuoso.ini"
    ini.write_text(
        f"[Database]\nDatabaseFile = {d}/v.db\nErrorLogFile = {d}/v.log\nLockFile = {d}/v.lck\n"
        f"TransactionFile = {d}/v.trx\nxa_persistent_file = {d}/v.pxa\n"
        f"[TempDatabase]\nDatabaseFile = {d}/v-temp.db\nTransactionFile = {d}/v-temp.trx\n"
        f"[Parameters]\nServerPort = 127.0.0.1:{sql_port}\nDisableUnixSocket = 1\n"
        "CheckpointInterval = 0\nNumberOfBuffers = 340000\nMaxDirtyBuffers = 250000\n"
        f"DirsAllowed = ., {d}\n"
        f"[HTTPServer]\nServerPort = 127.0.0.1:{http_port}\nServerRoot = {d}\nServerThreads = 10\n"
        "[SPARQL]\nResultSetMaxRows = 1000000\nMaxQueryExecutionTime = 600\n"
    )
    proc = subprocess.Popen(
        [exe, "-f", "-c", str(ini)], cwd=d, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    wait(f"http://127.0.0.1:{http_port}/sparql", proc)
    return proc, {
        "endpoint": f"http://127.0.0.1:{http_port}/sparql-graph-crud-auth",
        "user": "dba",
        "password": "dba",
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--servers", default="oxigraph,oxigraph-gsp,virtuoso")
    ap.add_argument("--batch-size", type=int, default=50_000)
    args = ap.parse_args()
    t0 = time.monotonic()
    store = dataset(args.triples)
    n = len(store)
    graphs = sum(1 for _ in store.named_graphs())
    print(f"generated {n:,} triples in {graphs:,} article graphs ({time.monotonic() - t0:.1f}s)")
    for name in args.servers.split(","):
        with tempfile.TemporaryDirectory(prefix=f"bench-{name}-") as tmp:
            starter = start_virtuoso if name == "virtuoso" else start_oxigraph
            proc, conf = starter(Path(tmp))
            try:
                report = load(
                    store,
                    conf["endpoint"],
                    graph_per_article=True,
                    user=conf.get("user"),
                    password=conf.get("password"),
                    batch_triples=args.batch_size,
                    bulk=False if name == "oxigraph-gsp" else None,
                )
                rate = report.triples / report.seconds
                print(
                    f"{name:13s} {report.triples:,} triples, {report.graphs:,} graphs, "
                    f"{report.seconds:.1f}s incl. count check: {rate:,.0f} triples/s"
                    f"{' (bulk path)' if report.bulk else ''}"
                )
            finally:
                proc.terminate()
                try:
                    proc.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    proc.kill()


if __name__ == "__main__":
    main()
