"""Time graph.html: build time in Python and time to first draw in headless Chromium.

Usage (Debian's chromium at /usr/bin/chromium, Playwright for Python installed)::

    python bench/bench_html.py                 # sample corpus + generated 5,000-node graph
    python bench/bench_html.py --nodes 8000    # another synthetic size
    python bench/bench_html.py --keep out/     # also keep the pages
    python bench/bench_html.py --corpus ../shared/corpus/dev   # and a folder of articles

"First draw" is ``performance.now()`` at vis-network's first ``afterDrawing``
event, i.e. from navigation start to the first frame with the nodes on the
canvas; it includes parsing the inlined library and the data.

The synthetic graph is made of invented names (syllables below), never of
real people: it only has to have the shape of a real corpus (people holding
posts in nested committees, meetings with chairs and attendees, documents).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from polgraph.core.model import (  # noqa: E402
    Article,
    ArticleFacts,
    DocKind,
    Document,
    Event,
    Evidence,
    Holding,
    Organization,
    Person,
)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

_FAMILY = [
    "Khúc",
    "Mạc",
    "Lạc",
    "Tạ",
    "Thân",
    "Ứng",
    "Văn",
    "Quách",
    "Giáp",
    "Kiều",
    "Doãn",
    "Ninh",
]
_MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Hữu", "Ngọc", "Quang", "Xuân", "Thanh", "Kim"]
_GIVEN = [
    "Ấn",
    "Bổng",
    "Cừ",
    "Dịu",
    "Đạt",
    "Ếch",
    "Giềng",
    "Hến",
    "Ích",
    "Khế",
    "Lựu",
    "Mận",
    "Nhãn",
    "Ổi",
    "Phượng",
    "Quýt",
    "Rạng",
    "Sấu",
    "Thị",
    "Ủn",
    "Vải",
    "Xoài",
    "Yểng",
    "Sim",
]
_PLACES = [
    "Núi Mây",
    "Sông Lam Mới",
    "Đồi Cát",
    "Bến Gió",
    "Rừng Tràm",
    "Hồ Sen",
    "Đảo Ngọc",
    "Thác Bạc",
    "Đèo Gió",
    "Bãi Bồi",
]
_BODIES = [
    "Huyện ủy",
    "Ủy ban nhân dân huyện",
    "Hội đồng nhân dân huyện",
    "Ban Tuyên giáo Huyện ủy",
]
_ROLES = ["Bí thư", "Phó Bí thư", "Chủ tịch", "Phó Chủ tịch", "Trưởng ban", "Ủy viên"]


def _people(rng: random.Random, count: int) -> list[str]:
    names: set[str] = set()
    while len(names) < count:
        parts = [rng.choice(_FAMILY), rng.choice(_MIDDLE), rng.choice(_GIVEN), rng.choice(_GIVEN)]
        names.add(" ".join(parts[: 3 + (len(names) % 2)]))
    return sorted(names)


def synthetic_facts(articles: int = 880, seed: int = 7) -> list[ArticleFacts]:
    """An invented corpus of ``articles`` articles; 880 gives a graph of about 5,000 nodes."""
    rng = random.Random(seed)
    people = _people(rng, articles * 5)
    provinces = [f"Tỉnh ủy {p}" for p in _PLACES]
    districts = [
        f"{b} Xã Số {i} {p}"
        for p in _PLACES
        for i in range(max(1, articles // 25))
        for b in _BODIES[:2]
    ]
    parent = {d: provinces[i % len(provinces)] for i, d in enumerate(districts)}
    place = {d: next(p for p in _PLACES if d.endswith(p)) for d in districts}
    place.update({f"Tỉnh ủy {p}": p for p in _PLACES})
    out = []
    start = dt.date(2012, 1, 1)
    for a in range(articles):
        date = start + dt.timedelta(days=rng.randrange(4000))
        org = rng.choice(districts)
        chair, *others = rng.sample(people, 7)
        sentence = f"Đồng chí {chair}, {rng.choice(_ROLES)} {org}, chủ trì hội nghị số {a}."
        ev = Evidence(f"a{a:05d}", sentence, 0, len(sentence))
        doc = f"Nghị quyết số {rng.randrange(articles // 2)}-NQ/HU"
        holdings = tuple(
            Holding(
                p,
                rng.choice(_ROLES),
                rng.choice([org, parent[org]]),
                former=rng.random() < 0.15,
                evidence=(ev,),
            )
            for p in [chair, *others[:3]]
        )
        out.append(
            ArticleFacts(
                Article(
                    id=f"a{a:05d}",
                    text=sentence,
                    title=f"Hội nghị số {a} của {org}",
                    date=date,
                    url=f"https://bao-mau.example/tin/{a}.html",
                ),
                persons=tuple(Person(p, evidence=(ev,)) for p in [chair, *others]),
                organizations=(
                    Organization(org, parent=parent[org], locality=place[org]),
                    Organization(parent[org], locality=place[parent[org]]),
                ),
                documents=(Document(doc, DocKind.RESOLUTION, issuer=org),),
                holdings=holdings,
                events=(
                    Event(
                        f"Hội nghị số {a}",
                        date,
                        org,
                        chair=chair,
                        participants=tuple(others),
                        documents=(doc,),
                        evidence=(ev,),
                    ),
                ),
            )
        )
    return out


def first_draw(path: Path, *, timeout_ms: int = 120_000) -> dict[str, float]:
    """Open ``path`` offline in headless Chromium; ms to first draw, and nodes drawn."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
        ctx = p.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
            headless=True,
            offline=True,
            viewport={"width": 1400, "height": 900},
        )
        try:
            page = ctx.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("console", lambda m: m.type == "error" and errors.append(m.text))
            page.goto(path.resolve().as_uri())
            page.wait_for_function("window.pgFirstDraw !== undefined", timeout=timeout_ms)
            drawn = page.evaluate("window.pgFirstDraw")
            nodes = page.evaluate("Object.keys(window.polgraph.network.getPositions()).length")
            total = page.evaluate(
                "JSON.parse(document.getElementById('pg-data').textContent).nodes.length"
            )
            labels = page.evaluate("window.polgraph.labels().filter(x => x.kind === 'node').length")
            # a pan after the first draw: how long one redraw takes on this graph
            redraw = page.evaluate(
                """() => new Promise(done => {
                    const net = window.polgraph.network, t0 = performance.now();
                    net.once('afterDrawing', () => done(performance.now() - t0));
                    net.moveTo({position: {x: 10, y: 10}, animation: false});
                })"""
            )
        finally:
            ctx.close()
    if errors:
        raise RuntimeError(f"page errors: {errors}")
    return {
        "first_draw_ms": round(drawn, 1),
        "redraw_ms": round(redraw, 1),
        "nodes": total,
        "drawn": nodes,
        "labelled": labels,
    }


def _corpus_dataset(folder: Path | None = None):
    from polgraph.build import extract_all, sample_corpus
    from polgraph.ingest import read_all
    from polgraph.rdf import facts_to_dataset

    facts, _failed = extract_all(read_all([folder or sample_corpus()]).articles)
    return facts_to_dataset(facts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--articles", type=int, default=880, help="synthetic articles (880 ≈ 5,000 nodes)"
    )
    ap.add_argument("--keep", type=Path, help="folder to keep the pages in")
    ap.add_argument(
        "--corpus", type=Path, action="append", default=[], help="also a folder of articles"
    )
    args = ap.parse_args(argv)

    from polgraph.outputs.html import to_html
    from polgraph.rdf import facts_to_dataset

    out = args.keep or Path(tempfile.mkdtemp(prefix="bench-html-"))
    out.mkdir(parents=True, exist_ok=True)
    results = {}
    corpora = [(f"corpus-{c.name}", lambda c=c: _corpus_dataset(c)) for c in args.corpus]
    for name, make in [
        ("sample", _corpus_dataset),
        *corpora,
        ("synthetic", lambda: facts_to_dataset(synthetic_facts(args.articles))),
    ]:
        ds = make()
        t0 = time.perf_counter()
        page = to_html(ds)
        built = time.perf_counter() - t0
        path = out / f"{name}.html"
        path.write_text(page, encoding="utf-8")
        results[name] = {
            "build_s": round(built, 2),
            "bytes": len(page.encode()),
            **first_draw(path),
        }
        print(name, json.dumps(results[name]), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
