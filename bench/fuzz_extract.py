"""Long fuzzing runs of ``polgraph.extract.extract_article`` (the tests run a short one).

Usage (from the repository root)::

    python bench/fuzz_extract.py hypothesis --seconds 600   # property fuzzing, long run
    POLGRAPH_FUZZ_KNOWN=IndexError@context.py python bench/fuzz_extract.py hypothesis
                                                            # …past an already reported finding
    python bench/fuzz_extract.py atheris --seconds 600      # coverage-guided (pip install atheris)
    python bench/fuzz_extract.py atheris --seconds 600 --collect  # go on; findings.json
    python bench/fuzz_extract.py atheris --replay crash-…     # show and rerun a finding
    python bench/fuzz_extract.py scan                       # repeated-word slow-path scan

A finding is an exception from the extractor, an article slower than
``--per-article`` seconds (atheris/hypothesis), or a word whose repetition makes
extraction grow faster than linearly (scan: time for 32k characters more than
``--ratio`` times the time for 8k).  The exit status is 1 when anything was found.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def run_hypothesis(seconds: float) -> int:
    """The property tests of tests/test_fuzz_extract.py and tests/test_fuzz_ingest.py,
    randomised, in rounds of at most 2,000 examples per test until ``seconds`` pass."""
    started = time.monotonic()
    rounds = 0
    while (left := seconds - (time.monotonic() - started)) > 5:
        rounds += 1
        env = dict(os.environ, POLGRAPH_FUZZ_SECONDS=str(left), POLGRAPH_FUZZ_EXAMPLES="2000")
        cmd = [
            sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
            str(ROOT / "tests" / "test_fuzz_extract.py"),
            str(ROOT / "tests" / "test_fuzz_ingest.py"),
            "-k", "never_raises or test_fuzz_ingest", "--hypothesis-show-statistics",
        ]  # fmt: skip
        code = subprocess.call(cmd, cwd=ROOT, env=env)
        if code != 0:
            print(f"hypothesis: finding in round {rounds}, {time.monotonic() - started:.0f} s")
            return 1
    print(f"hypothesis: {rounds} rounds, {time.monotonic() - started:.0f} s, no finding")
    return 0


def run_atheris(
    seconds: float, per_article: float, replay: list[str], extra: list[str], collect: bool
) -> int:
    try:
        import atheris
    except ImportError:
        print("atheris is not installed (pip install atheris)", file=sys.stderr)
        return 2

    # coverage feedback from polgraph's own code only (instrumenting spaCy too is slow)
    with atheris.instrument_imports(include=["polgraph"]):
        import polgraph.extract.article  # noqa: F401  (imported lazily by extract_article)
        from polgraph.build.extraction import ExtractionTimeout, _time_budget
        from polgraph.core.model import Article
        from polgraph.extract import extract_article
    from test_fuzz_extract import ADVERSARIAL, VOCAB

    pieces = VOCAB + ADVERSARIAL
    extract_article(Article(id="warm", text="Hội nghị."))  # load the pipeline once

    def article_from(data: bytes) -> Article:
        fdp = atheris.FuzzedDataProvider(data)
        parts: list[str] = []
        for _ in range(fdp.ConsumeIntInRange(0, 200)):
            choice = fdp.ConsumeIntInRange(0, 3)
            if choice == 0:
                parts.append(fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 16)))
            else:
                parts.append(pieces[fdp.ConsumeIntInRange(0, len(pieces) - 1)])
            parts.append(" " if fdp.ConsumeBool() else "")
        repeat = fdp.ConsumeIntInRange(1, 50)
        text = "".join(parts) * repeat
        title = fdp.ConsumeUnicodeNoSurrogates(40) if fdp.ConsumeBool() else None
        return Article(id="fuzz", text=text, title=title)

    findings: dict[str, str] = {}

    def one_input(data: bytes) -> None:
        article = article_from(data)
        try:
            with _time_budget(per_article):
                extract_article(article)
        except ExtractionTimeout:
            if not collect:
                raise AssertionError(
                    f"slow article: {len(article.text)} characters over {per_article} s: "
                    f"{article.text[:300]!r}"
                ) from None
            note(f"timeout>{per_article}s", article)
        except Exception as exc:
            if not collect:
                raise
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            note(f"{type(exc).__name__} at {Path(frame.filename).name}:{frame.lineno}", article)

    def note(signature: str, article: Article) -> None:
        """--collect: keep the shortest example of each distinct finding, go on fuzzing."""
        known = findings.get(signature)
        if known is None or len(article.text) < len(known):
            findings[signature] = article.text
            if known is None:
                print(f"FINDING {signature}: {article.text[:200]!r}", flush=True)
            Path("findings.json").write_text(
                json.dumps(findings, ensure_ascii=False, indent=1), encoding="utf-8"
            )

    if replay:
        for name in replay:
            article = article_from(Path(name).read_bytes())
            print(f"{name}: text={article.text!r} title={article.title!r}")
            one_input(Path(name).read_bytes())
        return 0

    atheris.Setup(
        [
            sys.argv[0],
            f"-max_total_time={int(seconds)}",
            "-rss_limit_mb=4096",
            "-timeout=600",
            *extra,
        ],
        one_input,
    )
    atheris.Fuzz()  # exits the process; status 0 when the time ran out without a crash
    return 0


SCAN_UNITS = [
    "Tỉnh ủy ", "Thành ủy Hà Nội ", "Huyện ủy ", "Đảng ủy ", "Đảng ủy Khối ", "Ủy ban nhân dân ",
    "UBND tỉnh ", "HĐND huyện ", "Sở Nội vụ tỉnh ", "Ban Thường vụ ", "Bí thư ",
    "Phó Bí thư ", "Chủ tịch ", "Bí thư Nguyễn Văn An, ", "đồng chí ", "ông Lê Văn Bình ",
    "Nguyễn ", "Nghị quyết số 12-NQ/TW ", "Quyết định ", "ngày 1/2/2020 ", "tháng 3 năm 2021 ",
    "hội nghị ", "kỳ họp thứ ", "(", "xã Mường Tè ", "huyện ", "TP.HCM", "T.Ư ", "- ", "\n",
]  # fmt: skip


def run_scan(ratio: float) -> int:
    from polgraph.core.model import Article
    from polgraph.extract import extract_article

    extract_article(Article(id="warm", text="Hội nghị."))
    found = 0
    for unit in SCAN_UNITS:
        times = []
        try:
            for size in (8_000, 32_000):
                text = (unit * (size // len(unit) + 1))[:size]
                started = time.monotonic()
                extract_article(Article(id="scan", text=text))
                times.append(time.monotonic() - started)
        except Exception as exc:  # a crash is a finding too
            found += 1
            print(f"FAIL {unit!r:28} {type(exc).__name__}: {str(exc)[:80]}")
            continue
        grow = times[1] / max(times[0], 0.02)
        flag = grow > ratio and times[1] > 1.0
        found += flag
        print(
            f"{'SLOW' if flag else 'ok  '} {unit!r:28} 8k {times[0]:6.2f} s  32k {times[1]:6.2f} s"
        )
    return 1 if found else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("engine", choices=["hypothesis", "atheris", "scan"])
    parser.add_argument("--seconds", type=float, default=300.0)
    parser.add_argument("--per-article", type=float, default=30.0)
    parser.add_argument(
        "--collect",
        action="store_true",
        help="atheris: record distinct exceptions/timeouts in findings.json and keep going",
    )
    parser.add_argument("--replay", nargs="*", default=[], help="atheris: rerun crash files")
    parser.add_argument("--ratio", type=float, default=8.0, help="scan: 4x the text, x time")
    args, extra = parser.parse_known_args()  # the rest goes to libFuzzer (e.g. -fork=1)
    if args.engine == "hypothesis":
        return run_hypothesis(args.seconds)
    if args.engine == "atheris":
        return run_atheris(args.seconds, args.per_article, args.replay, extra, args.collect)
    return run_scan(args.ratio)


if __name__ == "__main__":
    sys.exit(main())
