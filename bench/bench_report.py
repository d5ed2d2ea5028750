"""Every scale figure in one run, side by side: extraction, RDF building and Turtle,
SPARQL, each against its baseline, with peak memory.

Not a test: runs ``bench_scale.extraction`` (polgraph on 1 and N workers vs spaCy's
``blank("vi")`` with pyvi, same texts) and ``bench_rdf.main`` (build, Turtle and
SPARQL at ``--triples``, Oxigraph vs rdflib, each measurement in its own process),
then prints one Markdown table.  The end-to-end build of a whole generated corpus is
``bench_scale.py CORPUS`` (minutes to hours, so not repeated here).

    python bench/bench_report.py /tmp/syn10k --articles 2000 --triples 1000000
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _rdf_rows(triples: int, repeat: int) -> list[dict[str, Any]]:
    from bench import bench_rdf

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        bench_rdf.main([f"--triples={triples}", f"--repeat={repeat}", "--skip-rdflib-build"])
    summary = json.loads(out.getvalue().strip().splitlines()[-1])
    return summary["summary"]


def _table(extraction: list[dict[str, Any]], rdf: list[dict[str, Any]]) -> str:
    lines = ["| measurement | engine | figure | peak memory |", "|---|---|---|---|"]
    for r in extraction:
        lines.append(
            f"| extraction, {r['workers']} worker(s), {r['articles']} articles | {r['what']} "
            f"| {r['words_per_s']:,} words/s, {r['articles_per_s']} articles/s | |"
        )
    for r in rdf:
        memory = f"{r.get('peak_rss_mb', '')} MB"
        if r["what"] == "sparql":
            for name, q in r["queries"].items():
                figure = (
                    f"{q['median_s']} s, {q['rows']} rows"
                    if q.get("median_s") is not None
                    else f"cut off after {q['cut_off_after_s']} s"
                )
                lines.append(f"| SPARQL {name} | {r['engine']} | {figure} | {memory} |")
            continue
        figure = f"{r['seconds']} s, {r['triples_per_s']:,} triples/s ({r['triples']:,} triples)"
        lines.append(f"| {r['what']} | {r['engine']} | {figure} | {memory} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="a folder written by generate_corpus.py")
    parser.add_argument("--articles", type=int, default=2000, help="texts for extraction")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    from bench.bench_scale import extraction

    # RDF first: on Linux a spawned process starts with its parent's peak RSS, and the
    # extraction would raise this process's to the size of a loaded pipeline
    rdf = _rdf_rows(args.triples, args.repeat)
    rows = extraction(args.corpus, args.articles, args.workers)
    print(_table(rows, rdf))
    print(json.dumps({"extraction": rows, "rdf": rdf, "load_avg_1m": os.getloadavg()[0]},
                     ensure_ascii=False))  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
