"""RDF at a million triples: building, writing Turtle and querying, Oxigraph vs rdflib.

Not a test: prints one JSON line per measurement, then a summary.  The graph is
made from the generator's *gold* facts (no extraction, so this measures RDF work
only): articles are added until the merged graph has ``--triples`` triples.
Every measurement runs in a fresh (spawned) process, so its peak memory is its
own.

* build:   facts → the merged graph in Turtle (and the per-article TriG), as the
           build does it (``polgraph.build.merge``: resolution, per-article
           conversion, partitioned merge through in-memory Oxigraph stores), on 1
           and 2 workers, vs ``polgraph.resolve.resolved_dataset`` (rdflib Dataset).
* turtle:  the merged graph → Turtle.  Oxigraph's serializer vs rdflib's, and the
           hand-sorted writer of the in-memory build (``polgraph.rdf.to_turtle``).
* sparql:  each saved query (``ontology/queries``) with realistic parameters:
           Oxigraph vs rdflib's engine.

    python bench/bench_rdf.py --triples 1000000 [--skip-rdflib-build] [--skip-rdflib-sparql]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TRIPLES_PER_ARTICLE = 220  # measured on the generated corpus; refined below


def gold_facts(n: int, seed: int = 1) -> list[Any]:
    """``ArticleFacts`` straight from the generator's gold, with evidence sentences."""
    from bench.generate_corpus import generate
    from polgraph.core.model import (
        Article,
        ArticleFacts,
        DocKind,
        Document,
        Event,
        Evidence,
        Holding,
        Organization,
        OrgKind,
        Person,
    )

    out = []
    for a in generate(n, seed):
        r, g = a.record, a.gold
        text = r["text"]
        aid = r["id"]

        def ev(needle: str, text: str = text, aid: str = aid) -> tuple[Evidence, ...]:
            at = text.find(needle)
            if at < 0:
                return ()
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
            return (Evidence(aid, text[start:end], start, end),)

        date = dt.date.fromisoformat(g["date"])
        out.append(
            ArticleFacts(
                article=Article(aid, text, r["title"], date),
                date=date,
                persons=tuple(Person(p["name"], evidence=ev(p["name"])) for p in g["persons"]),
                organizations=tuple(
                    Organization(o["name"], OrgKind(o["kind"]), tuple(o["aliases"]))
                    for o in g["organizations"]
                ),
                documents=tuple(
                    Document(d["name"], DocKind(d["kind"]), issuer=d["issuer"])
                    for d in g["documents"]
                ),
                holdings=tuple(
                    Holding(
                        h["person"],
                        h["role"],
                        h["organization"],
                        h.get("former", False),
                        evidence=ev(h["person"]),
                    )
                    for h in g["holdings"]
                ),
                events=tuple(
                    Event(
                        e["name"],
                        date,
                        e["organizer"],
                        e["chair"],
                        tuple(e["participants"]),
                        tuple(e["documents"]),
                        ev(e["chair"]),
                    )
                    for e in g["events"]
                ),
            )
        )
    return out


def _peak_mb() -> float:
    """Peak resident MB of this process or its largest worker, whichever is higher."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, workers) / 1024, 1)


# ------------------------------------------------------------- measurements
# Each runs in its own spawned process and returns a dict.


def m_build_oxigraph(n: int, work: str, workers: int = 1) -> dict[str, Any]:
    """What a streaming build does after extraction: resolve, convert, merge, write."""
    from polgraph.build import merge
    from polgraph.build import spool as spools

    facts = gold_facts(n)
    tmp = Path(work) / "stream"
    tmp.mkdir(exist_ok=True)
    spool = tmp / "facts.spool"
    with spool.open("wb") as fh:  # as the extraction stage writes it
        for row in spools.for_spool(facts)[0]:
            spools.spool_record(fh, row[0])
    slim = [spools.slim(f) for f in facts]
    del facts
    base = _peak_mb()
    started = time.perf_counter()
    r, labels, person_iri, links = spools.resolve(slim)
    merge.STATE.update(resolver=r, labels=labels, person_iri=person_iri)
    parts, _trig_body, _header = merge.write_rdf(tmp, spool, n, links, workers, 64)
    header, _types, _preds, triples, _tally = merge.merge(merge.part_paths(tmp, parts), workers)
    merge.concatenate(
        Path(work) / "union.ttl",
        header,
        [q.with_suffix(".ttl") for q in merge.part_paths(tmp, parts)],
    )
    secs = time.perf_counter() - started
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=os.path.join(work, "union.ttl"), format=ox.RdfFormat.TURTLE)
    store.dump(os.path.join(work, "union.nt"), format=ox.RdfFormat.N_TRIPLES,
               from_graph=ox.DefaultGraph())  # fmt: skip
    return {"what": "build", "engine": f"oxigraph (polgraph.build.merge, {workers} worker(s))",
            "articles": n, "triples": triples,
            "partitions": parts, "seconds": round(secs, 2),
            "triples_per_s": round(triples / secs), "peak_rss_mb": _peak_mb(),
            "rss_before_mb": base}  # fmt: skip


def m_build_rdflib(n: int, work: str) -> dict[str, Any]:
    from polgraph.rdf import resolved_dataset

    facts = gold_facts(n)
    base = _peak_mb()
    started = time.perf_counter()
    ds = resolved_dataset(facts)
    secs = time.perf_counter() - started
    quads = len(ds)
    return {"what": "build", "engine": "rdflib (resolved_dataset)", "articles": n,
            "quads": quads, "seconds": round(secs, 2), "triples_per_s": round(quads / secs),
            "peak_rss_mb": _peak_mb(), "rss_before_mb": base}  # fmt: skip


def m_turtle_oxigraph(work: str) -> dict[str, Any]:
    import pyoxigraph as ox

    from polgraph.rdf.ntriples import prefixes as _prefixes

    store = ox.Store()
    store.bulk_load(path=os.path.join(work, "union.nt"), format=ox.RdfFormat.N_TRIPLES)
    started = time.perf_counter()
    store.dump(os.path.join(work, "ox.ttl"), format=ox.RdfFormat.TURTLE,
               from_graph=ox.DefaultGraph(), prefixes=_prefixes())  # fmt: skip
    secs = time.perf_counter() - started
    return {"what": "turtle", "engine": "oxigraph", "triples": len(store),
            "seconds": round(secs, 2), "triples_per_s": round(len(store) / secs),
            "mb": os.path.getsize(os.path.join(work, "ox.ttl")) >> 20,
            "peak_rss_mb": _peak_mb()}  # fmt: skip


def _rdflib_graph(work: str) -> Any:
    from rdflib import Graph

    from polgraph.core.vocab import PREFIXES

    g = Graph()
    for p, ns in PREFIXES.items():
        g.bind(p, ns)
    g.parse(os.path.join(work, "union.nt"), format="nt")
    return g


def m_turtle_rdflib(work: str) -> dict[str, Any]:
    g = _rdflib_graph(work)
    started = time.perf_counter()
    g.serialize(os.path.join(work, "rdflib.ttl"), format="turtle")
    secs = time.perf_counter() - started
    return {"what": "turtle", "engine": "rdflib serializer", "triples": len(g),
            "seconds": round(secs, 2), "triples_per_s": round(len(g) / secs),
            "peak_rss_mb": _peak_mb()}  # fmt: skip


def m_turtle_sorted(work: str) -> dict[str, Any]:
    from polgraph.rdf import to_turtle

    g = _rdflib_graph(work)
    started = time.perf_counter()
    text = to_turtle(g)
    secs = time.perf_counter() - started
    return {"what": "turtle", "engine": "polgraph.rdf.to_turtle (sorted, in-memory build)",
            "triples": len(g), "seconds": round(secs, 2), "triples_per_s": round(len(g) / secs),
            "mb": len(text.encode()) >> 20, "peak_rss_mb": _peak_mb()}  # fmt: skip


def _params(work: str) -> dict[str, dict[str, str]]:
    """Realistic parameters: a person, body, role and document that exist in the graph."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=os.path.join(work, "union.nt"), format=ox.RdfFormat.N_TRIPLES)

    def one(q: str) -> str:
        return next(iter(store.query(q)))[0].value  # type: ignore[index]

    person = one("SELECT ?n WHERE { ?m <http://www.w3.org/ns/org#member> ?p . "
                 "?p <http://xmlns.com/foaf/0.1/name> ?n } LIMIT 1")  # fmt: skip
    doc = one("SELECT ?n WHERE { ?e <https://schema.org/about> ?d . "
              "?d <http://www.w3.org/2004/02/skos/core#prefLabel> ?n } LIMIT 1")  # fmt: skip
    return {
        "person-posts": {"person_name": person},
        "office-holders": {"role_label": "Bí thư", "org_label": "Tỉnh ủy Nghệ An"},
        "documents-by-issuer": {"org_label": "Bộ Chính trị"},
        "meetings-about-document": {"doc_label": doc},
        "co-attendance": {},  # the whole graph's pairs: the heaviest use of it
    }


class _TooSlow(Exception):
    pass


def _on_alarm(_signum: int, _frame: Any) -> None:
    raise _TooSlow


def m_sparql(work: str, engine: str, repeat: int, limit_s: float = 0) -> dict[str, Any]:
    """Median latency of each saved query; a query over ``limit_s`` (if set) is cut off
    by an alarm and reported as such (rdflib's engine is pure Python: it can be)."""
    import signal

    from polgraph.rdf import load_query
    from polgraph.rdf.sparql import query_variables, saved_queries

    params = _params(work)
    if engine == "oxigraph":
        import pyoxigraph as ox

        from polgraph.rdf.sparql import run_saved

        store = ox.Store()
        store.bulk_load(path=os.path.join(work, "union.nt"), format=ox.RdfFormat.N_TRIPLES)

        def run(name: str, p: dict[str, str]) -> int:
            return len(run_saved(store, name, p).rows)  # type: ignore[arg-type]
    else:
        from polgraph.rdf import run_query

        g = _rdflib_graph(work)

        def run(name: str, p: dict[str, str]) -> int:
            return len(run_query(g, name, **p))

    out: dict[str, Any] = {}
    for name in sorted(saved_queries()):
        known = query_variables(load_query(name))
        p = {k: v for k, v in params.get(name, {}).items() if k in known}
        times = []
        rows = 0
        try:
            for _ in range(repeat):
                if limit_s:
                    signal.signal(signal.SIGALRM, _on_alarm)
                    signal.setitimer(signal.ITIMER_REAL, limit_s)
                started = time.perf_counter()
                rows = run(name, p)
                times.append(time.perf_counter() - started)
                signal.setitimer(signal.ITIMER_REAL, 0)
        except _TooSlow:
            out[name] = {"median_s": None, "cut_off_after_s": limit_s}
            continue
        out[name] = {"median_s": round(statistics.median(times), 4), "rows": rows}
    return {"what": "sparql", "engine": engine, "queries": out, "peak_rss_mb": _peak_mb()}


def _run_into(conn: Any, fn: Callable[..., dict[str, Any]], args: tuple[Any, ...]) -> None:
    conn.send(fn(*args))
    conn.close()


def _isolated(fn: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    """``fn(*args)`` in a fresh spawned process (not a pool's: it may start workers)."""
    ctx = multiprocessing.get_context("spawn")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_run_into, args=(send, fn, args))
    child.start()
    result = receive.recv()
    child.join()
    print(json.dumps(result, ensure_ascii=False), flush=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-rdflib-build", action="store_true")
    parser.add_argument(
        "--skip-rdflib-sparql", action="store_true",
        help="rdflib's engine needs more than 13 minutes for the queries at 1M triples",
    )  # fmt: skip
    parser.add_argument(
        "--rdflib-query-limit", type=float, default=120.0, metavar="S",
        help="cut off an rdflib query after S seconds (reported as cut off)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="polgraph-rdf-") as work:
        n = max(10, args.triples // TRIPLES_PER_ARTICLE)
        first = _isolated(m_build_oxigraph, n, work)
        if first["triples"] < args.triples * 0.95:  # refine the article count once
            n = int(n * args.triples / first["triples"]) + 1
            first = _isolated(m_build_oxigraph, n, work)
        results = [first, _isolated(m_build_oxigraph, n, work, 2)]
        if not args.skip_rdflib_build:
            results.append(_isolated(m_build_rdflib, n, work))
        results += [_isolated(m_turtle_oxigraph, work), _isolated(m_turtle_rdflib, work),
                    _isolated(m_turtle_sorted, work),
                    _isolated(m_sparql, work, "oxigraph", args.repeat)]  # fmt: skip
        if not args.skip_rdflib_sparql:
            results.append(
                _isolated(m_sparql, work, "rdflib", args.repeat, args.rdflib_query_limit)
            )
    print(json.dumps({"summary": results, "load_avg_1m": os.getloadavg()[0],
                      "cpus": os.cpu_count()}, ensure_ascii=False))  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
