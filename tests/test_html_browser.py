"""graph.html in a real browser: headless Chromium (Debian's /usr/bin/chromium) via Playwright.

The page is opened from ``file://`` with the network cut off (offline context,
and every non-file request aborted and recorded); the tests check what a
reader sees: nodes on the canvas, search, the evidence panel, filters, and
that hostile article text never runs.
"""

from __future__ import annotations

import datetime as dt
import struct
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from polgraph.core.model import (
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
from polgraph.core.text import ascii_fold
from polgraph.outputs.html import KINDS, write_html
from polgraph.rdf import facts_to_dataset

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

if not CHROMIUM.exists():
    pytest.skip(
        "/usr/bin/chromium not installed (apt-get install chromium; .ci/run does)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright not installed (pip install -e '.[test]')"
)

PAYLOAD = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'


def _facts(bad: str = "") -> list[ArticleFacts]:
    """Two articles, two years apart, two committees; ``bad`` is appended to every string."""

    def one(aid: str, date: dt.date, person: str, org: str, other: str) -> ArticleFacts:
        sentence = f"Đồng chí {person}{bad}, Bí thư {org}{bad}, chủ trì hội nghị {aid}."
        ev = Evidence(aid, sentence, 0, len(sentence))
        return ArticleFacts(
            Article(
                id=aid,
                text=sentence,
                title=f"Tin {aid}{bad}",
                date=date,
                url=f"https://bao-mau.example/{aid}.html",
            ),
            persons=(Person(f"{person}{bad}", evidence=(ev,)), Person(f"{other}{bad}")),
            organizations=(Organization(f"{org}{bad}", parent=f"Tỉnh ủy Gò Đồi{bad}"),),
            documents=(
                Document(f"Nghị quyết {aid}{bad}", DocKind.RESOLUTION, issuer=f"{org}{bad}"),
            ),
            holdings=(Holding(f"{person}{bad}", "Bí thư", f"{org}{bad}", evidence=(ev,)),),
            events=(
                Event(
                    f"Hội nghị {aid}{bad}",
                    date,
                    f"{org}{bad}",
                    chair=f"{person}{bad}",
                    participants=(f"{other}{bad}",),
                    documents=(f"Nghị quyết {aid}{bad}",),
                    evidence=(ev,),
                ),
            ),
        )

    return [
        one("b1", dt.date(2016, 5, 2), "Đặng Thị Ngọc Ánh", "Huyện ủy Suối Đá", "Lò Văn Dũng"),
        one("b2", dt.date(2021, 9, 8), "Triệu Văn Đức", "Huyện ủy Bàu Sen", "Hoàng Thị Yến"),
    ]


@pytest.fixture(scope="module")
def browser_context() -> Iterator[Any]:
    with sync_api.sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
        ctx = p.chromium.launch_persistent_context(
            profile,  # a fresh --user-data-dir
            executable_path=str(CHROMIUM),
            args=ARGS,
            headless=True,
            offline=True,
            viewport={"width": 1200, "height": 800},
        )
        yield ctx
        ctx.close()


class Opened:
    """A page opened from file:// with its console errors and any network attempt recorded."""

    def __init__(self, ctx: Any, path: Path) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page = ctx.new_page()
        self.page.on(
            "console", lambda m: m.type in ("error", "warning") and self.errors.append(m.text)
        )
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)

        def route(r: Any) -> None:
            if r.request.url.startswith("file:"):
                r.continue_()
            else:
                self.requests.append(r.request.url)
                r.abort()

        self.page.route("**/*", route)
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function("window.pgFirstDraw !== undefined", timeout=30_000)

    def _dialog(self, d: Any) -> None:
        self.dialogs.append(d.message)
        d.dismiss()

    def search(self, text: str) -> None:
        self.page.fill("#search", text)
        self.page.press("#search", "Enter")

    def shown(self) -> tuple[int, int]:
        """(nodes, edges) vis-network currently draws."""
        return tuple(
            self.page.evaluate(
                "[window.polgraph.network.body.nodeIndices.length,"
                " window.polgraph.network.body.edgeIndices.length]"
            )
        )  # type: ignore[return-value]

    def close(self) -> None:
        assert self.errors == []
        assert self.requests == []
        assert self.dialogs == []
        self.page.close()


def _page(tmp_path: Path, facts: list[ArticleFacts], name: str = "graph.html") -> Path:
    path = tmp_path / name
    write_html(facts_to_dataset(facts), path)
    return path


# the page's canvas, read back: how many pixels have each kind's colour
_COUNT_COLOURS = """(colours) => {
  const canvas = document.querySelector('#mynetwork canvas');
  const px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  const want = colours.map(c => [1, 3, 5].map(i => parseInt(c.slice(i, i + 2), 16)));
  const counts = want.map(() => 0);
  for (let i = 0; i < px.length; i += 4) {
    want.forEach((w, k) => {
      if (Math.abs(px[i] - w[0]) + Math.abs(px[i + 1] - w[1]) + Math.abs(px[i + 2] - w[2]) < 12)
        counts[k]++;
    });
  }
  return counts;
}"""


def test_sample_corpus_page_draws_and_search_shows_evidence(
    browser_context: Any, tmp_path: Path
) -> None:
    """The bundled sample corpus: nodes drawn, a person found by a diacritic-free name."""
    from polgraph.build import extract_all, sample_corpus
    from polgraph.ingest import read_all

    facts, _failed = extract_all(read_all([sample_corpus()]).articles)
    path = _page(tmp_path, facts)
    # a person with a holding that has an evidence sentence, from the page's own data
    opened = Opened(browser_context, path)
    page = opened.page
    target = page.evaluate(
        """() => {
      const d = JSON.parse(document.getElementById('pg-data').textContent);
      for (let i = 0; i < edgeData.length; i++) {
        const e = edgeData[i], ev = d.edges[i].ev.find(x => x[0]);
        if (d.edges[i].rel === 'hold' && ev) return [d.nodes[+e.from.slice(1)].names[0], ev[0]];
      }
      return null;
    }"""
    )
    assert target, "the sample corpus should give at least one holding with evidence"
    name, sentence = target
    counts = page.evaluate(_COUNT_COLOURS, [KINDS["person"][1], KINDS["organization"][1]])
    assert all(c > 20 for c in counts), counts  # people and organizations are on the canvas
    opened.search(ascii_fold(name).upper())
    panel = page.locator("#panel")
    assert panel.locator("h2").inner_text() == name
    assert sentence in panel.inner_text()
    assert page.evaluate("window.polgraph.network.getSelectedNodes().length") == 1
    opened.close()


def test_hostile_article_text_is_shown_not_run(browser_context: Any, tmp_path: Path) -> None:
    path = _page(tmp_path, _facts(PAYLOAD))
    opened = Opened(browser_context, path)
    page = opened.page
    opened.search("dang thi ngoc anh")
    text = page.locator("#panel").inner_text()
    assert "Đặng Thị Ngọc Ánh" + PAYLOAD in text  # shown literally
    assert page.evaluate("window.__pwned === undefined")
    assert page.evaluate("document.querySelectorAll('body img').length") == 0
    # hover every node and edge panel: still nothing runs
    page.evaluate(
        """() => { const p = window.polgraph;
          edgeData.forEach(e => { p.choose(e.from); p.choose(e.to); }); }"""
    )
    assert page.evaluate("window.__pwned === undefined")
    opened.close()


def _labels(page: Any) -> list[str]:
    return page.evaluate(
        "window.polgraph.network.body.nodeIndices.map(i => nodeData[+i.slice(1)].label)"
    )


def test_filters_and_neighbourhood(browser_context: Any, tmp_path: Path) -> None:
    opened = Opened(browser_context, _page(tmp_path, _facts()))
    page = opened.page
    all_nodes, all_edges = opened.shown()
    # kind filter: hide people; switch meetings on
    page.locator("#legend input[value=person]").uncheck()
    assert "Triệu Văn Đức" not in _labels(page) and "Huyện ủy Bàu Sen" in _labels(page)
    page.locator("#legend input[value=person]").check()
    assert opened.shown() == (all_nodes, all_edges)
    page.locator("#legend input[value=meeting]").check()
    assert "Hội nghị b1" in _labels(page) and "Lò Văn Dũng" in _labels(page)
    page.locator("#legend input[value=meeting]").uncheck()
    # date filter, typed dd/mm/yyyy: only the 2021 article's world
    page.fill("#date-from", "01/01/2020")
    page.dispatch_event("#date-from", "change")
    labels = _labels(page)
    assert "Triệu Văn Đức" in labels and "Đặng Thị Ngọc Ánh" not in labels
    page.fill("#date-to", "2020-13-45")  # not a date: marked, filter unchanged
    page.dispatch_event("#date-to", "change")
    assert page.locator("#date-to.bad").count() == 1 and _labels(page) == labels
    page.click("#reset")
    assert opened.shown() == (all_nodes, all_edges)
    # organization filter: a district committee keeps its people, not the other district's
    page.select_option("#org", label="Huyện ủy Suối Đá")
    labels = _labels(page)
    assert "Đặng Thị Ngọc Ánh" in labels and "Triệu Văn Đức" not in labels
    page.click("#reset")
    # neighbourhood of one person, one step, with meetings on
    page.locator("#legend input[value=meeting]").check()
    opened.search("Lò Văn Dũng")
    page.select_option("#hood-depth", "1")
    page.click("#hood")
    assert sorted(_labels(page)) == ["Hội nghị b1", "Lò Văn Dũng"]
    assert page.locator("#status").inner_text().startswith("Hiển thị 2/")
    opened.close()


def test_clicking_an_edge_shows_its_sentence_and_source_link(
    browser_context: Any, tmp_path: Path
) -> None:
    opened = Opened(browser_context, _page(tmp_path, _facts()))
    page = opened.page
    opened.search("Triệu Văn Đức")
    # click the 'giữ chức' edge where the canvas draws it
    point = page.evaluate(
        """() => { const net = window.polgraph.network;
          const d = JSON.parse(document.getElementById('pg-data').textContent);
          const e = edgeData.find((e, i) => d.edges[i].rel === 'hold'
                                    && nodeData[+e.from.slice(1)].label === 'Triệu Văn Đức');
          net.fit({nodes: [e.from, e.to], animation: false});
          const pos = net.getPositions([e.from, e.to]);
          const a = net.canvasToDOM(pos[e.from]), b = net.canvasToDOM(pos[e.to]);
          const r = document.getElementById('mynetwork').getBoundingClientRect();
          return [r.left + (a.x + b.x) / 2, r.top + (a.y + b.y) / 2 + 0]; }"""
    )
    page.mouse.click(point[0] + 0.5, point[1] + 0.5)
    panel = page.locator("#panel")
    assert panel.get_attribute("data-edge") is not None
    text = panel.inner_text()
    assert "Đồng chí Triệu Văn Đức, Bí thư Huyện ủy Bàu Sen, chủ trì hội nghị b2." in text
    link = panel.locator("a").first
    assert link.get_attribute("href") == "https://bao-mau.example/b2.html"
    assert link.get_attribute("rel") == "noopener noreferrer"
    opened.close()


def _png_pixels(png: bytes) -> tuple[int, int, list[tuple[int, int, int]]]:
    """Decode an 8-bit RGB/RGBA, non-interlaced PNG (what Chromium writes) to RGB pixels."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height = 8, b"", 0, 0
    channels = 0
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind, body = png[pos + 4 : pos + 8], png[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _c, _f, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and interlace == 0 and colour in (2, 6)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride = zlib.decompress(idat), width * channels
    rows: list[bytearray] = []
    prev = bytearray(stride)
    for y in range(height):
        f, line = (
            raw[y * (stride + 1)],
            bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)]),
        )
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b, c = prev[i], prev[i - channels] if i >= channels else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    pixels = [tuple(r[i : i + 3]) for r in rows for i in range(0, stride, channels)]
    return width, height, pixels  # type: ignore[return-value]


def test_screenshot_shows_the_focused_person_node_and_panel(
    browser_context: Any, tmp_path: Path
) -> None:
    """A screenshot of the canvas around a searched-for person holds that person's colour."""
    opened = Opened(browser_context, _page(tmp_path, _facts()))
    page = opened.page
    opened.search("Hoang Thi Yen")
    box = page.locator("#mynetwork").bounding_box()
    centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    shot = page.screenshot(
        path=str(tmp_path / "focused.png"),
        clip={"x": centre[0] - 40, "y": centre[1] - 40, "width": 80, "height": 80},
    )
    width, height, pixels = _png_pixels(shot)
    assert (width, height) == (80, 80)
    colours = {p for p in pixels}
    # the selected person node: vis-network draws it in the person colour (or its highlight)
    person = tuple(int(KINDS["person"][1][i : i + 2], 16) for i in (1, 3, 5))
    near = [p for p in pixels if sum(abs(p[k] - person[k]) for k in range(3)) < 60]
    assert len(near) > 100, sorted(colours)[:20]
    assert page.locator("#panel h2").inner_text() == "Hoàng Thị Yến"
    full = page.screenshot(path=str(tmp_path / "page.png"))
    assert _png_pixels(full)[:2] == (1200, 800)
    opened.close()
