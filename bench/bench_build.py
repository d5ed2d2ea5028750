"""The build against spaCy's tokeniser, side by side, and the tables of SCALE.md and the README.

One command makes the corpus, runs everything, and rewrites the figures:

    python bench/bench_build.py                       # 2,480 articles, 5 rounds
    python bench/bench_build.py --big 100000          # also the 100,000-article run

The corpus is 2,480 articles: the seed and dev texts of ``../shared/corpus`` repeated
(read at run time, never copied into the project) when that folder exists, else
generated articles of news length (``generate_corpus.py``); the package is
byte-compiled first (``byte_compile``).  Each round runs, one
after the other in fresh processes, spaCy ``blank("vi")`` with pyvi only tokenising
the texts, then ``polgraph build -j 1`` and ``-j 2`` end to end (ingest to the four
files); wall time and peak memory of the whole process tree (PSS, see
``bench_scale.tree_rss``) are taken for each.  The median round goes into the table
between the ``bench-build`` markers of ``bench/SCALE.md`` and of ``README.md``,
with the machine's load, which other work on the machine inflates.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from bench_scale import metered  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"
ARTICLES = 2480
TOKENISE = """
import json, sys, spacy
nlp = spacy.blank("vi")
texts = [json.loads(line)["text"] for f in sys.argv[1:] for line in open(f, encoding="utf-8")]
print(sum(len(doc) for doc in nlp.pipe(texts, batch_size=64)))
"""


def make_corpus(folder: Path, n: int) -> str:
    """``n`` articles as JSON Lines in ``folder``; returns where their texts come from."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = [SHARED / "seeds", SHARED / "dev"]
    if n <= 5000 and all(s.is_dir() for s in sources):
        sys.path.insert(0, str(ROOT))
        from polgraph.core.model import Article
        from polgraph.ingest import read_articles

        texts = [a for a in read_articles(sources) if isinstance(a, Article)]
        with (folder / "news.jsonl").open("w", encoding="utf-8") as fh:
            for i in range(n):
                a = texts[i % len(texts)]
                row = {"id": f"r{i:05d}", "title": a.title, "text": a.text}
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        return f"../shared seeds+dev texts ({len(texts)}) repeated"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate_corpus.py"), str(folder.parent / "gen"),
         "--articles", str(n), "--per-file", "5000"],
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    (folder.parent / "gen" / "articles").rename(folder / "articles")
    return "generated (bench/generate_corpus.py, seed 1)"


def byte_compile() -> None:
    """Byte-compile the package, as pip does for a regular install and did for spaCy's.

    An editable checkout run with PYTHONDONTWRITEBYTECODE=1 (this machine sets it)
    otherwise compiles its ~100 modules from source at every start: ~0.1 s that an
    installed polgraph does not spend, and the tokeniser's libraries do not either.
    """
    import compileall

    compileall.compile_dir(str(ROOT / "graph"), quiet=1)


def commands(corpus: Path, out: Path) -> dict[str, list[str]]:
    files = sorted(str(p) for p in corpus.rglob("*.jsonl"))
    build = [sys.executable, "-m", "polgraph", "build", str(corpus), "-o", str(out), "-q"]
    return {
        'spaCy blank("vi") + pyvi, tokenising only': [sys.executable, "-c", TOKENISE, *files],
        "polgraph build -j 1": [*build, "-j", "1"],
        "polgraph build -j 2": [*build, "-j", "2"],
    }


def run_rounds(corpus: Path, rounds: int) -> dict[str, list[dict[str, float]]]:
    results: dict[str, list[dict[str, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="polgraph-bench-") as tmp:
        for _ in range(rounds):
            for name, cmd in commands(corpus, Path(tmp) / "out").items():
                row = metered(cmd, interval=0.2, quiet=True) | {"load": os.getloadavg()[0]}
                results.setdefault(name, []).append(row)
                print(json.dumps({"what": name, **row}), file=sys.stderr)
    return results


def table(results: dict[str, list[dict[str, float]]], about: dict[str, Any]) -> str:
    """The markdown block written into SCALE.md and the README."""
    base = [r["seconds"] for r in next(iter(results.values()))]
    lines = [
        f"{about['articles']:,} articles, {about['words']:,} words ({about['source']}); "
        f"{about['rounds']} rounds, median shown, range in brackets; each round's time is "
        "divided by the tokeniser's in the same round (the machine's speed drifts between "
        "rounds; it moves both alike); "
        f"1-minute load average {about['load_min']:.1f}–{about['load_max']:.1f} on "
        f"{about['cpus']} cores. Command: `{about['command']}`.",
        "",
        "| what | wall time | × tokeniser | peak memory (PSS) |",
        "|---|---|---|---|",
    ]
    for name, rows in results.items():
        secs = sorted(r["seconds"] for r in rows)
        ratios = sorted(r["seconds"] / b for r, b in zip(rows, base, strict=True))
        peak = max(r["peak_mb"] for r in rows)
        lines.append(
            f"| {name} | {statistics.median(secs):.1f} s [{secs[0]:.1f}–{secs[-1]:.1f}] | "
            f"{statistics.median(ratios):.2f} [{ratios[0]:.2f}–{ratios[-1]:.2f}] | {peak:.0f} MB |"
        )
    if about.get("big"):
        big = about["big"]
        lines += [
            "",
            f"{big['articles']:,} generated articles, `polgraph build -j 2`: "
            f"{big['seconds'] / 60:.1f} min, peak {big['peak_mb']:.0f} MB "
            f"(load average {big['load']:.1f} at the end).",
        ]
    return "\n".join(lines)


def rewrite(path: Path, block: str) -> None:
    """Replace the text between ``<!-- bench-build -->`` and ``<!-- /bench-build -->``."""
    text = path.read_text(encoding="utf-8")
    start, end = "<!-- bench-build -->", "<!-- /bench-build -->"
    if start not in text or end not in text:
        raise SystemExit(f"{path}: no {start} … {end} markers")
    head, rest = text.split(start, 1)
    _old, tail = rest.split(end, 1)
    path.write_text(f"{head}{start}\n{block}\n{end}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=ARTICLES)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--big", type=int, default=0, metavar="N", help="also build N generated")
    parser.add_argument("--no-write", action="store_true", help="print, do not edit the docs")
    args = parser.parse_args(argv)
    byte_compile()
    with tempfile.TemporaryDirectory(prefix="polgraph-corpus-") as tmp:
        corpus = Path(tmp) / "corpus"
        source = make_corpus(corpus, args.articles)
        words = sum(
            len(json.loads(line)["text"].split())
            for f in corpus.rglob("*.jsonl")
            for line in f.open(encoding="utf-8")
        )
        results = run_rounds(corpus, args.rounds)
        loads = [r["load"] for rows in results.values() for r in rows]
        about: dict[str, Any] = {
            "articles": args.articles, "words": words, "source": source, "rounds": args.rounds,
            "load_min": min(loads), "load_max": max(loads), "cpus": os.cpu_count(),
            "command": "python bench/bench_build.py"
            + (f" --big {args.big}" if args.big else ""),
        }  # fmt: skip
    if args.big:
        with tempfile.TemporaryDirectory(prefix="polgraph-big-") as tmp:
            corpus = Path(tmp) / "corpus"
            make_corpus(corpus, args.big)
            cmd = commands(corpus, Path(tmp) / "out")["polgraph build -j 2"]
            big = metered(cmd, quiet=True)
            about["big"] = big | {"articles": args.big, "load": os.getloadavg()[0]}
    block = table(results, about)
    print(block)
    if not args.no_write:
        for doc in (ROOT / "bench" / "SCALE.md", ROOT / "README.md"):
            rewrite(doc, block)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
