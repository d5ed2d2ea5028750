"""End-to-end scale benchmark: a generated corpus built by ``polgraph build``, timed and metered.

Not a test: prints one JSON line for the notes.  It runs the real command in a
child process and samples the resident memory of the whole process tree (the
build and its workers) every second, so "peak memory" includes every worker.
Accuracy is measured on the same corpus: the gold written by the generator
scores the extractor on the first ``--eval`` articles.

    python bench/generate_corpus.py /tmp/syn10k -n 10000
    python bench/bench_scale.py /tmp/syn10k --workers 2 [--eval 1000]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]


def tree_rss(proc: psutil.Process) -> int:
    """Memory of a process and all its descendants, each shared page counted once.

    Forked workers share their parent's pages (copy-on-write), so summing RSS
    would count the resolution they inherit once per worker; PSS (Linux) splits
    each shared page between its sharers.  Elsewhere, plain RSS.
    """
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            info = p.memory_full_info()
            total += getattr(info, "pss", info.rss)
    return total


def metered(cmd: list[str], *, interval: float = 1.0, quiet: bool = False) -> dict[str, float]:
    """Run ``cmd``: wall seconds and peak memory (MB) of its process tree (see ``tree_rss``).

    Memory is sampled every ``interval`` seconds (reading PSS from smaps costs CPU);
    the end is seen within ``Popen.wait``'s 50 ms polling, not a whole interval late.
    """
    started = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL if quiet else None)
    proc = psutil.Process(child.pid)
    peak = 0
    while True:
        with contextlib.suppress(psutil.Error):  # it may end between two calls
            peak = max(peak, tree_rss(proc))
        try:
            child.wait(timeout=interval)
            break
        except subprocess.TimeoutExpired:
            continue
    if child.returncode:
        raise SystemExit(f"{' '.join(cmd)} exited {child.returncode}")
    return {"seconds": time.perf_counter() - started, "peak_mb": peak / 2**20}


def accuracy(corpus: Path, limit: int) -> dict[str, float]:
    """Corpus-level F1 per category on the first ``limit`` generated articles."""
    from polgraph.core.model import Article
    from polgraph.evaluate import evaluate
    from polgraph.extract import extract_article
    from polgraph.ingest import read_articles

    facts = []
    for item in read_articles(sorted((corpus / "articles").glob("*.jsonl"))):
        if isinstance(item, Article):
            facts.append(extract_article(item))
            if len(facts) >= limit:
                break
    ids = {f.article.id for f in facts}
    with tempfile.TemporaryDirectory() as tmp:
        for aid in ids:
            os.symlink(corpus / "gold" / f"{aid}.json", Path(tmp) / f"{aid}.json")
        report = evaluate(Path(tmp), facts)
    return {k: round(s.f1, 3) for k, s in report.corpus.scores.items()}


def _read(corpus: Path, limit: int) -> list[Any]:
    from polgraph.core.model import Article
    from polgraph.ingest import read_articles

    out = []
    for item in read_articles(sorted((corpus / "articles").glob("*.jsonl"))):
        if isinstance(item, Article):
            out.append(item)
            if len(out) >= limit:
                break
    return out


def _spacy_pipe(texts: list[str]) -> int:
    """spaCy's own Vietnamese pipeline (``spacy.blank("vi")``: pyvi word segmentation)."""
    import spacy

    nlp = spacy.blank("vi")
    return sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))


def extraction(corpus: Path, limit: int, workers: int) -> list[dict[str, Any]]:
    """Words/s and articles/s: polgraph's extractor (1 and ``workers`` processes) and, on
    the same texts, spaCy's Vietnamese tokenizer with pyvi (1 and ``workers`` processes)."""
    from concurrent.futures import ProcessPoolExecutor

    from polgraph.build.parallel import extract_parallel
    from polgraph.nlp import load_pipeline

    articles = _read(corpus, limit)
    texts = [a.full_text for a in articles]
    words = sum(len(t.split()) for t in texts)
    load_pipeline()
    rows = []

    def row(name: str, n: int, secs: float) -> None:
        rows.append({"what": name, "workers": n, "articles": len(texts), "words": words,
                     "seconds": round(secs, 2), "words_per_s": round(words / secs),
                     "articles_per_s": round(len(texts) / secs, 1),
                     "words_per_s_per_worker": round(words / secs / n)})  # fmt: skip

    for n in sorted({1, workers}):
        started = time.perf_counter()
        extract_parallel(articles, workers=n)
        row("polgraph extract_article", n, time.perf_counter() - started)
    _spacy_pipe(texts[:2])  # load pyvi's model outside the timing
    for n in sorted({1, workers}):
        started = time.perf_counter()
        if n == 1:
            _spacy_pipe(texts)
        else:
            chunks = [texts[i::n] for i in range(n)]
            with ProcessPoolExecutor(n) as pool:
                list(pool.map(_spacy_pipe, chunks))
        row("spacy.blank('vi') + pyvi (tokenize only)", n, time.perf_counter() - started)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="a folder written by generate_corpus.py")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--eval", type=int, default=1000, help="articles to score (0: none)")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument(
        "--extract-only", type=int, default=0, metavar="N",
        help="Only compare extraction speed on the first N articles (with the spaCy baseline).",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if args.extract_only:
        for r in extraction(args.corpus, args.extract_only, args.workers):
            print(json.dumps(r | {"load_avg_1m": round(os.getloadavg()[0], 2)}, ensure_ascii=False))
        return 0
    summary = json.loads((args.corpus / "corpus.json").read_text(encoding="utf-8"))
    out = args.out or Path(tempfile.mkdtemp(prefix="polgraph-scale-"))
    cmd = [sys.executable, "-m", "polgraph", "build", str(args.corpus / "articles"), "-o", str(out),
           "-j", str(args.workers), "-q"]  # fmt: skip
    measured = metered(cmd)
    result = {"seconds": round(measured["seconds"], 1), "peak_pss_mb": int(measured["peak_mb"])}
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    secs = result["seconds"]
    line = {
        "articles": summary["articles"],
        "words": summary["words"],
        "workers": args.workers,
        **result,
        "articles_per_s": round(summary["articles"] / secs, 1),
        "words_per_s": round(summary["words"] / secs),
        "triples": report["triples"],
        "ttl_mb": (out / "graph.ttl").stat().st_size >> 20,
        "trig_mb": (out / "graph.trig").stat().st_size >> 20,
        "load_avg_1m": round(os.getloadavg()[0], 2),
        "cpus": os.cpu_count(),
        "command": " ".join(cmd),
    }
    if args.eval and (args.corpus / "gold").is_dir():
        line["f1"] = accuracy(args.corpus, args.eval)
    print(json.dumps(line, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
