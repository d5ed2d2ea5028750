"""Extraction speed on one core: words/s, articles/s and peak memory.

Reads the given articles (default: the shared seeds and dev excerpts, else the
shipped samples), repeats them until at least ``--words`` words have been
processed, and prints one JSON line.  Not a test: figures go into notes.
``words_per_cpu_s`` (process CPU time) is the figure to compare on a shared
machine; ``words_per_s`` is wall-clock.

    python bench/bench_extract.py [ARTICLES...] [--words 300000]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

from polgraph.core.model import Article
from polgraph.extract import extract_article
from polgraph.ingest import read_all
from polgraph.nlp import load_pipeline

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--words", type=int, default=300_000)
    args = parser.parse_args(argv)
    paths = (
        args.paths
        or [
            p
            for p in (ROOT.parent / "shared/corpus/seeds", ROOT.parent / "shared/corpus/dev")
            if p.exists()
        ]
        or [ROOT / "graph/samples"]
    )
    articles: list[Article] = read_all(paths).articles
    if not articles:
        print("no articles", file=sys.stderr)
        return 1
    load_pipeline()  # start-up is not extraction
    extract_article(articles[0])
    words = done = 0
    started = time.perf_counter()
    cpu_started = time.process_time()
    while words < args.words:
        for article in articles:
            extract_article(article)
            words += len(article.text.split())
            done += 1
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "articles": done,
                "words": words,
                "seconds": round(seconds, 2),
                "words_per_s": round(words / seconds),
                "articles_per_s": round(done / seconds, 1),
                "cpu_seconds": round(cpu_seconds, 2),
                "words_per_cpu_s": round(words / cpu_seconds),
                "peak_rss_mb": round(peak_mb, 1),
                "corpus": [str(p) for p in paths],
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
