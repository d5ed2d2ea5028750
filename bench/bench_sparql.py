"""SPARQL speed: pyoxigraph (what `polgraph query` uses) vs rdflib's own engine.

Runs every saved query in ontology/queries on the same graph with both engines
and prints the median time per query.  The graph is the build of the given
article folder (default: the bundled samples), optionally replicated N times
with renamed entities (``--scale N``) to see how the engines grow.

    /work/venv/bin/python bench/bench_sparql.py --scale 50 --repeat 5
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pyoxigraph as ox
from rdflib import Literal

from polgraph.build import extract_all, sample_corpus
from polgraph.ingest import read_all
from polgraph.rdf import load_query, resolved_dataset, to_trig
from polgraph.rdf.sparql import merge_into_default_graph, run_saved

PARAMS = {
    "office-holders": {"role_label": "Bí thư", "org_label": "Tỉnh ủy Nghệ An"},
    "person-posts": {"person_name": "Võ Minh Khải"},
    "meetings-about-document": {"doc_label": "Nghị quyết Trung ương 4 khóa XII"},
    "co-attendance": {},
    "documents-by-issuer": {"org_label": "Bộ Chính trị"},
}


def scaled_facts(folder: Path, scale: int):  # type: ignore[no-untyped-def]
    facts, _ = extract_all(read_all([folder]).articles)
    out = list(facts)
    for i in range(1, scale):  # copies with new article ids: more memberships, meetings
        out += [replace(f, article=replace(f.article, id=f"{f.article.id}-{i}")) for f in facts]
    return out


def median_ms(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", type=Path, default=sample_corpus())
    ap.add_argument("--scale", type=int, default=1, help="replicate the corpus N times")
    ap.add_argument("--repeat", type=int, default=5, help="runs per query (median kept)")
    args = ap.parse_args()

    ds = resolved_dataset(scaled_facts(args.folder, args.scale))
    trig = to_trig(ds)
    store = ox.Store()
    store.load(trig.encode("utf-8"), format=ox.RdfFormat.TRIG)
    merge_into_default_graph(store)  # as load_store does: the union as a set
    print(f"graph: {len(store)} quads ({args.folder}, scale {args.scale}), repeat {args.repeat}")
    print(f"{'query':26} {'rows':>5} {'pyoxigraph ms':>14} {'rdflib ms':>10} {'ratio':>7}")
    for name, params in PARAMS.items():
        text = load_query(name)
        init = {k: Literal(v) for k, v in params.items()}
        ox_rows = len(run_saved(store, name, params).rows)
        rdf_rows = len(list(ds.query(text, initBindings=init)))
        t_ox = median_ms(lambda n=name, p=params: run_saved(store, n, p), args.repeat)
        t_rdf = median_ms(lambda t=text, i=init: list(ds.query(t, initBindings=i)), args.repeat)
        flag = "" if ox_rows == rdf_rows else f"  (rows differ: rdflib {rdf_rows})"
        print(f"{name:26} {ox_rows:5d} {t_ox:14.2f} {t_rdf:10.1f} {t_rdf / t_ox:6.0f}x{flag}")


if __name__ == "__main__":
    main()
