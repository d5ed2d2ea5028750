"""Reading cannot be stalled or swollen by one input (issue 14, items 4-8).

Where speed is the point, the tests measure work, not seconds: the Python lines run
for an input of size n and 2n (twice the work is linear, four times quadratic), and
the size of the tree the HTML parser builds (its cost grows with depth × tags).
Wall-clock figures for full-size inputs are in ``bench/bench_ingest.py``.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

import polgraph.extract.meetings as meetings
from polgraph.build import build
from polgraph.core.model import Article
from polgraph.extract import extract_article
from polgraph.ingest import (
    MAX_BAD_LINES,
    IngestWarning,
    html_to_article,
    read_all,
    skipped_count,
)
from polgraph.ingest.nesting import MAX_DEPTH, MAX_FORMATTING, bound_nesting
from polgraph.nlp import load_pipeline

GOOD = "Ông Hoàng Văn Thử, Bí thư Tỉnh ủy Mẫu Sơn, chủ trì hội nghị."


def lines_run(fn: Callable[[], object]) -> int:
    """Python lines executed by ``fn()``: a measure of work that does not depend on
    the machine's speed or load."""
    count = 0

    def local(frame: object, event: str, arg: object) -> object:
        nonlocal count
        count += 1
        return local

    sys.settrace(lambda frame, event, arg: local)
    try:
        fn()
    finally:
        sys.settrace(None)
    return count


def growth(make: Callable[[int], str], run: Callable[[str], object], n: int) -> float:
    """Work for an input of size 2n over work for size n (2 when linear, 4 when quadratic)."""
    run(make(8))  # imports and caches outside the measurement
    return lines_run(lambda: run(make(2 * n))) / lines_run(lambda: run(make(n)))


# ----------------------------------------------------------------------- 4: HTML


def read_page(html: str) -> Article:
    return html_to_article(html, id="p", source="p.html")


HOSTILE_PAGES: dict[str, Callable[[int], str]] = {
    "nested-divs": lambda n: "<body>" + "<div>" * n + GOOD + "</div>" * n,
    "xem-them-lines": lambda n: "<body><div>" + "<p>Xem thêm: a</p>" * n + f"<p>{GOOD}</p></div>",
    "unclosed-span-b": lambda n: "<body>" + "<span><b>Hội " * n + GOOD,
    "formatting-reopened": lambda n: (
        "<body>" + "".join(f"<b id={i}>x<p>Hội" for i in range(n)) + GOOD
    ),
    "titled-boxes": lambda n: (
        "<body>" + "<div><h3>Tin liên quan</h3><ul><li>a</li></ul></div>" * n + f"<p>{GOOD}</p>"
    ),
    "nested-articles": lambda n: "<body>" + "<article>" * n + GOOD,
}


@pytest.mark.parametrize("shape", list(HOSTILE_PAGES))
def test_html_reading_work_grows_linearly(shape: str) -> None:
    """Before: the box pass re-searched the page after each box and climbed through
    every ancestor's text (60,000 "Xem thêm" lines: ~650 s)."""
    ratio = growth(HOSTILE_PAGES[shape], read_page, 1500)
    assert ratio < 2.6, f"{shape}: work x{ratio:.2f} for twice the input"


def ordinary_page(size: int) -> str:
    """A page of plain article paragraphs of about ``size`` characters."""
    para = f"<p>{GOOD} Hội nghị bàn về phát triển kinh tế năm nay.</p>"
    return "<body><article>" + para * (size // len(para) + 1) + "</article>"


def seconds(html: str) -> float:
    start = time.process_time()
    read_page(html)
    return time.process_time() - start


@pytest.mark.parametrize("shape", list(HOSTILE_PAGES))
def test_hostile_page_reads_about_as_fast_as_an_ordinary_one(shape: str) -> None:
    """The C side of reading (the parser, selector searches, deep text) is invisible to
    ``lines_run``: compare CPU time with an ordinary page of the same size read in this
    run instead.  About 150 kB: before, 8,000 "Xem thêm" lines took 15 s here."""
    make = HOSTILE_PAGES[shape]
    page = make(150_000 // (len(make(2)) - len(make(1))))
    seconds(ordinary_page(1000))  # imports and caches outside the measurement
    reference = seconds(ordinary_page(len(page)))
    bound = 10 * reference + 2.0
    took = seconds(page)
    assert took < bound, f"{shape}: {took:.2f} s > {bound:.2f} s (ordinary page {reference:.2f} s)"


def tree_shape(html: str) -> tuple[int, int]:
    """Depth and node count of the tree the HTML parser builds."""
    body = LexborHTMLParser(html).body
    deepest, nodes = 0, 0
    stack = [(body, 1)]
    while stack:
        node, depth = stack.pop()
        nodes += 1
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in node.iter(include_text=True))
    return deepest, nodes


@pytest.mark.parametrize(
    "shape", ["nested-divs", "unclosed-span-b", "formatting-reopened", "nested-articles"]
)
def test_parser_tree_stays_shallow_and_small(shape: str) -> None:
    """The parser's own cost (depth × tags, in C where no time limit reaches) is bounded
    by bounding what it is given: depth stays under the cap, and each tag makes at most
    the open formatting elements a block re-opens, not one per tag before it."""
    n = 3000
    page = HOSTILE_PAGES[shape](n)
    depth, nodes = tree_shape(bound_nesting(page))
    assert depth <= MAX_DEPTH + MAX_FORMATTING + 4
    assert nodes <= (MAX_FORMATTING + 2) * page.count("<") + 10


def test_hostile_pages_keep_their_text() -> None:
    """Bounding nesting keeps the text; the link lines still go."""
    article = read_page(HOSTILE_PAGES["unclosed-span-b"](5000))
    assert article.text.count("Hội ") == 5000 and article.text.endswith(GOOD)
    article = read_page(HOSTILE_PAGES["nested-divs"](5000))
    assert article.text == GOOD
    article = read_page(HOSTILE_PAGES["xem-them-lines"](5000))
    assert article.text == GOOD


def test_page_within_the_caps_reaches_the_parser_unchanged() -> None:
    page = "<body>" + "<div><p>Đoạn <b>một</b><p>Đoạn hai</div>" * 200 + "<ul><li>a<li>b</ul>"
    assert bound_nesting(page) is page


def test_dropped_box_past_the_cap_is_dropped_with_its_text() -> None:
    """An element left out past the depth cap that would be dropped anyway (a comment
    box) takes its content with it, instead of spilling it into the article."""
    deep = "<div>" * (MAX_DEPTH + 5)
    page = f"<body>{deep}<p>{GOOD}</p><div class='comments'>Bình luận rác</div>"
    assert read_page(page).text == GOOD


# -------------------------------------------------------------- 5: meeting dates


def _unbounded_words_before(ctx: object, start: int, i: int, limit: int) -> int:
    """The look-back before it was bounded: every token back to the sentence start."""
    count = 0
    for j in range(i - 1, start - 1, -1):
        if not ctx.doc[j].is_space:  # type: ignore[attr-defined]
            count += 1
    return count


def extract_text(text: str) -> object:
    return extract_article(Article(id="d", text=text))


def test_meeting_date_look_back_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """'Ngày 1/1 ' repeated in one sentence: each date looks back a bounded window
    (was 202 s for 50,000 repetitions, and the article lost to the time limit)."""
    ratio = growth(lambda n: "Ngày 1/1 " * n, extract_text, 1000)
    assert ratio < 2.6, f"work x{ratio:.2f} for twice the dates"
    # the measure does see a look-back to the sentence start
    monkeypatch.setattr(meetings, "_words_before", _unbounded_words_before)
    assert growth(lambda n: "Ngày 1/1 " * n, extract_text, 600) > 3.0


# ------------------------------------------------------------ 6: bad JSON lines


def write_bad_dump(path: Path, bad: int) -> None:
    good = json.dumps({"id": "tot", "text": GOOD}, ensure_ascii=False)
    path.write_text("\n".join(["{bad"] * bad + [good]) + "\n", encoding="utf-8")


def test_bad_lines_are_listed_up_to_a_cap_and_counted_beyond(tmp_path: Path) -> None:
    write_bad_dump(tmp_path / "dump.jsonl", 3000)
    result = read_all([tmp_path])
    assert [a.id for a in result.articles] == ["tot"]
    assert len(result.errors) == MAX_BAD_LINES + 1
    assert [e.line for e in result.errors[:3]] == [1, 2, 3]
    last = result.errors[-1]
    assert last.line is None and last.count == 3000 - MAX_BAD_LINES
    assert f"{3000 - MAX_BAD_LINES} more bad line(s)" in last.reason
    assert skipped_count(result.errors) == 3000


def test_report_of_a_dump_of_bad_lines_stays_small(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    write_bad_dump(src / "dump.jsonl", 2000)
    out = tmp_path / "out"
    report = build([src], out, workers=1)
    skipped = json.loads((out / "report.json").read_text(encoding="utf-8"))["skipped"]
    assert len(skipped) == MAX_BAD_LINES + 1
    assert skipped[-1]["more"] == 2000 - MAX_BAD_LINES - 1
    assert "skipped 2000" in report.summary()


# -------------------------------------------------------------- 7: long articles


def test_text_over_the_pipeline_limit_is_read_in_sections(monkeypatch: pytest.MonkeyPatch) -> None:
    """An article longer than spaCy's max_length (E088 before) gives the facts one call
    would: the limit is lowered here so that the test article is 'long'."""
    para = (
        "Ngày 12/3/2021, Ban Thường vụ Tỉnh ủy Mẫu Sơn tổ chức hội nghị. Đồng chí Hoàng "
        "Văn Thử, Bí thư Tỉnh ủy, chủ trì hội nghị.\n\nBà Lương Thị Ngát, Phó Chủ tịch "
        "UBND tỉnh Mẫu Sơn, báo cáo.\n\n"
    )
    article = Article(id="dai", text=para * 12)
    whole = extract_article(article)
    assert whole.persons, "the article must hold facts for the comparison to mean anything"
    monkeypatch.setattr(load_pipeline(), "max_length", 400)
    assert len(article.text) > 400
    assert extract_article(article) == whole


# ---------------------------------------------------------- 8: previous outputs


def test_output_folder_inside_the_input_is_not_read(tmp_path: Path) -> None:
    """`polgraph build . -o outputs` twice: the second build does not read the first's
    graph.html as an article called "graph"."""
    (tmp_path / "bai.txt").write_text(GOOD, encoding="utf-8")
    first = build([tmp_path], tmp_path / "outputs")
    second = build([tmp_path], tmp_path / "outputs")
    assert first.articles == second.articles == 1
    result = read_all([tmp_path])
    assert [a.id for a in result.articles] == ["bai"]
    assert result.warnings == (
        IngestWarning(str(tmp_path / "outputs"), "skipped: output folder of a polgraph build"),
    )


def test_a_folder_merely_named_outputs_is_read(tmp_path: Path) -> None:
    (tmp_path / "outputs").mkdir()
    (tmp_path / "outputs" / "graph.html").write_text(f"<p>{GOOD}</p>", encoding="utf-8")
    (tmp_path / "outputs" / "report.json").write_text('{"other": 1}', encoding="utf-8")
    assert [a.id for a in read_all([tmp_path]).articles] == ["graph"]
