"""Time reading hostile and ordinary inputs: HTML pages, a long article, bad JSON Lines.

Usage::

    python bench/bench_ingest.py              # the sizes of issue 14 (about 1 MB each)
    python bench/bench_ingest.py --mb 20      # pages at the 20 MB file limit

Prints seconds of CPU time per input; every hostile page must read well inside the
per-article time limit (60 s), and in about the time of an ordinary page its size.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from polgraph.core.model import Article  # noqa: E402
from polgraph.extract import extract_article  # noqa: E402
from polgraph.ingest import html_to_article, read_all  # noqa: E402

GOOD = "Ông Hoàng Văn Thử, Bí thư Tỉnh ủy Mẫu Sơn, chủ trì hội nghị."


def pages(size: int) -> dict[str, str]:
    """Hostile page shapes of about ``size`` characters (invented text)."""

    def fill(unit: str, head: str = "<body>", tail: str = GOOD) -> str:
        return head + unit * (size // len(unit)) + tail

    return {
        "ordinary": fill(f"<p>{GOOD} Hội nghị bàn về kinh tế.</p>", "<body><article>"),
        "nested <div>": "<body>" + "<div>" * (size // 11) + GOOD + "</div>" * (size // 11),
        '"Xem thêm" lines': fill("<p>Xem thêm: a</p>", "<body><div>"),
        "unclosed <span><b>": fill("<span><b>Hội "),
        "<b id=N> re-opened": "<body>" + "".join(f"<b id={i}>x<p>Hội" for i in range(size // 20)),
        '"Tin liên quan" boxes': fill("<div><h3>Tin liên quan</h3><ul><li>a</li></ul></div>"),
    }


def cpu(fn) -> float:  # type: ignore[no-untyped-def]
    start = time.process_time()
    fn()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=1.0, help="size of each page, in MB")
    args = parser.parse_args()
    size = int(args.mb * 1_000_000)
    html_to_article("<p>Hội nghị.</p>", id="w", source="w")
    for name, html in pages(size).items():
        seconds = cpu(lambda html=html: html_to_article(html, id="p", source="p.html"))
        print(f"{name:24} {len(html) / 1e6:6.2f} MB  {seconds:7.2f} s")
    text = (GOOD + "\n\n") * (1_100_000 // (len(GOOD) + 2))
    seconds = cpu(lambda: extract_article(Article(id="long", text=text)))
    print(f"{'article of 1.1M chars':24} {len(text) / 1e6:6.2f} Mc  {seconds:7.2f} s (extraction)")
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "bad.jsonl"
        good = json.dumps({"text": GOOD}, ensure_ascii=False)
        dump.write_text("{bad\n" * 1_000_000 + good + "\n", encoding="utf-8")
        result: list[object] = []
        seconds = cpu(lambda: result.append(read_all([dump])))
        errors = result[0].errors  # type: ignore[attr-defined]
        print(f"{'1M bad JSON lines':24} {dump.stat().st_size / 1e6:6.2f} MB  {seconds:7.2f} s"
              f"  ({len(errors)} entries listed)")  # fmt: skip


if __name__ == "__main__":
    main()
