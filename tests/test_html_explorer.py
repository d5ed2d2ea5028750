"""graph.html read as a reporter would, in headless Chromium, for the sample corpus and a
generated 5,000-node graph: labels at the default view (how many, none over another),
zoom-to-fit after a filter, the neighbourhood re-laid out around its node, namesakes told
apart, headlines and dd/mm/yyyy dates in the panel, the English switch, the tray.

Everything is measured from the page itself: vis-network's node positions converted to
screen pixels, the label boxes the page drew, the panel's text.
"""

from __future__ import annotations

import importlib.util
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from polgraph.outputs.html import write_html

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("/usr/bin/chromium not installed (.ci/run installs it)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed")
ROOT = Path(__file__).resolve().parents[1]
W, H = 1400, 900

# every visible node in screen pixels of the canvas, and the canvas size
_SCREEN = """() => { const net = window.polgraph.network, out = {};
  const box = document.getElementById('mynetwork');
  window.polgraph.visible().forEach(id => {
    const n = net.body.nodes[id]; out[id] = net.canvasToDOM({x: n.x, y: n.y}); });
  return [out, box.clientWidth, box.clientHeight]; }"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
        ctx = p.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), headless=True, offline=True,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
            viewport={"width": W, "height": H},
        )  # fmt: skip
        yield ctx
        ctx.close()


def _open(browser: Any, path: Path) -> Any:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(path.resolve().as_uri())
    page.wait_for_function("window.pgFirstDraw !== undefined", timeout=60_000)
    page.wait_for_timeout(100)
    page.errors = errors
    return page


@pytest.fixture(scope="module")
def sample_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from polgraph.build import extract_all, sample_corpus
    from polgraph.ingest import read_all
    from polgraph.rdf import facts_to_dataset

    facts, _failed = extract_all(read_all([sample_corpus()]).articles)
    path = tmp_path_factory.mktemp("sample") / "graph.html"
    write_html(facts_to_dataset(facts), path)
    return path


@pytest.fixture(scope="module")
def big_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = importlib.util.spec_from_file_location("bench_html", ROOT / "bench" / "bench_html.py")
    bench = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(bench)  # type: ignore[union-attr]
    from polgraph.rdf import facts_to_dataset

    path = tmp_path_factory.mktemp("big") / "graph.html"
    write_html(facts_to_dataset(bench.synthetic_facts()), path)
    return path


def _overlap(a: dict, b: dict) -> float:
    dx = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
    dy = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
    return min(dx, dy) if dx > 0 and dy > 0 else 0.0


def _check_labels(page: Any, min_share: float, min_count: int) -> None:
    labels = page.evaluate("window.polgraph.labels()")
    screen, w, h = page.evaluate(_SCREEN)
    nodes = [x for x in labels if x["kind"] == "node"]
    assert len(nodes) >= min_count and len(nodes) / len(screen) >= min_share, (
        len(nodes), len(screen),
    )  # fmt: skip
    # each label sits centred under its own node, inside the canvas
    for x in nodes:
        p = screen[x["id"]]
        assert abs(x["x"] + x["w"] / 2 - p["x"]) < 2 and 0 <= x["y"] - p["y"] < 40, x
        assert x["x"] >= -2 and x["x"] + x["w"] <= w + 2 and x["y"] + x["h"] <= h + 2, x
    worst = max(
        (_overlap(a, b) for i, a in enumerate(labels) for b in labels[i + 1 :]), default=0.0
    )
    assert worst <= 3, worst
    # the most connected nodes are the labelled ones
    ranks = page.evaluate(
        "JSON.parse(document.getElementById('pg-data').textContent).nodes.map(n => n.rank)"
    )
    top = sorted(screen, key=lambda i: ranks[int(i[1:])])[:10]
    assert sum(t in {x["id"] for x in nodes} for t in top) >= 8


def test_sample_default_view_labels_important_nodes_without_overlap(
    browser: Any, sample_page: Path
) -> None:
    page = _open(browser, sample_page)
    _check_labels(page, min_share=0.4, min_count=30)
    # posts are drawn as dated captions on the edges
    edges = [x["text"] for x in page.evaluate("window.polgraph.labels()") if x["kind"] == "edge"]
    assert edges and all(re.fullmatch(r".+ · \d{4}(–\d{4})?|[^·]+", t) for t in edges), edges
    assert any(" · 20" in t for t in edges)
    # isolated nodes wait in the tray, counted
    tray = page.evaluate("window.polgraph.tray().length")
    assert tray > 0
    assert page.locator("#tray-toggle").inner_text().startswith(f"Nút đơn lẻ: {tray}")
    assert page.errors == []
    page.screenshot(path=str(sample_page.parent / "default.png"))
    page.close()


def test_big_graph_default_view_labels_without_overlap(browser: Any, big_page: Path) -> None:
    page = _open(browser, big_page)
    n = page.evaluate("JSON.parse(document.getElementById('pg-data').textContent).nodes.length")
    assert 4500 <= n <= 5500
    _check_labels(page, min_share=0.02, min_count=60)
    # a filter on one province: re-laid out, and every shown node inside the canvas
    page.select_option("#place", index=1)
    _check_fit(page)
    assert page.evaluate("window.polgraph.layoutMode()") == "force"
    assert page.errors == []
    page.close()


def _check_fit(page: Any) -> None:
    screen, w, h = page.evaluate(_SCREEN)
    assert screen
    xs = [p["x"] for p in screen.values()]
    ys = [p["y"] for p in screen.values()]
    assert min(xs) >= 0 and max(xs) <= w and min(ys) >= 0 and max(ys) <= h
    # zoomed to fit: the shown nodes fill the canvas one way or the other, unless a few
    # nodes are shown at full size (fit does not zoom in past 1:1)
    full = page.evaluate("window.polgraph.network.getScale()") > 0.85
    if len(screen) > 2 and not full:
        assert (max(xs) - min(xs)) > 0.6 * w or (max(ys) - min(ys)) > 0.6 * h


def test_filter_relayouts_and_zooms_to_fit(browser: Any, sample_page: Path) -> None:
    page = _open(browser, sample_page)
    for option in ("Nghệ An", "Thái Nguyên"):
        page.select_option("#place", label=option)
        _check_fit(page)
        assert page.evaluate("window.polgraph.layoutMode()") == "force"
    page.select_option("#place", index=0)
    page.select_option("#org", label="Tỉnh ủy Nghệ An")
    _check_fit(page)
    page.click("#reset")
    assert page.evaluate("window.polgraph.layoutMode()") == "global"
    _check_fit(page)
    page.close()


def test_neighbourhood_is_laid_out_around_the_node(browser: Any, sample_page: Path) -> None:
    page = _open(browser, sample_page)
    person = page.evaluate(
        """() => { const d = JSON.parse(document.getElementById('pg-data').textContent);
          const deg = {};
          edgeData.forEach((e, i) => {
            if (d.edges[i].rel === 'hold') deg[e.from] = (deg[e.from] || 0) + 1; });
          return Object.keys(deg).sort((a, b) => deg[b] - deg[a] || (a < b ? -1 : 1))[0]; }"""
    )
    name = page.evaluate(f"nodeData[{int(person[1:])}].label")
    page.fill("#search", name)
    page.select_option("#hood-depth", "1")
    page.press("#search", "Enter")
    screen, w, h = page.evaluate(_SCREEN)
    centre = screen[person]
    assert abs(centre["x"] - w / 2) < 0.1 * w and abs(centre["y"] - h / 2) < 0.1 * h
    dist = [((p["x"] - centre["x"]) ** 2 + (p["y"] - centre["y"]) ** 2) ** 0.5
            for i, p in screen.items() if i != person]  # fmt: skip
    assert len(dist) >= 2 and max(dist) - min(dist) < 2  # one ring around it
    assert page.evaluate("window.polgraph.network.getSelectedNodes()") == [person]
    assert page.locator("#panel h2").inner_text() == name
    _check_fit(page)
    page.close()


def test_panel_shows_headlines_timeline_and_dd_mm_yyyy(browser: Any, sample_page: Path) -> None:
    page = _open(browser, sample_page)
    org = page.evaluate(
        "nodeData.findIndex(n => n.label === 'Tỉnh ủy Nghệ An')"
    )
    page.evaluate(f"window.polgraph.choose('n{org}')")
    panel = page.locator("#panel")
    text = panel.inner_text()
    assert "NGƯỜI GIỮ CHỨC THEO THỜI GIAN" in text.upper()
    assert "Bí thư" in panel.locator("table.timeline").inner_text()
    assert re.search(r"\b\d{2}/\d{2}/\d{4}\b", text) and not re.search(r"\d{4}-\d{2}-\d{2}", text)
    headlines = panel.locator(".headline").all_inner_texts()
    assert headlines and not any(re.fullmatch(r"s\d\d_\w+", h) for h in headlines), headlines
    assert any(h.startswith("Tỉnh ủy Nghệ An") for h in headlines)
    # the English switch
    page.click("#lang")
    assert page.locator("#reset").inner_text() == "Show all"
    assert "Post holders over time".upper() in panel.inner_text().upper()
    assert page.locator("#legend").inner_text().startswith("People")
    page.click("#lang")
    assert page.locator("#reset").inner_text() == "Hiện tất cả"
    page.close()


def test_search_tells_namesakes_apart(browser: Any, tmp_path: Path) -> None:
    from tests.test_html_network import namesakes

    path = tmp_path / "graph.html"
    write_html(namesakes(), path)
    page = _open(browser, path)
    page.fill("#search", "lam van binh")
    page.dispatch_event("#search", "input")
    items = page.locator("#results button").all_inner_texts()
    assert len(items) == 2 and len(set(items)) == 2
    assert any("Gò Đồi" in x and "Huyện ủy Suối Đá" in x for x in items)
    assert any("Bãi Ngang" in x and "Bàu Sen" in x for x in items)
    page.locator("#results button").nth(1).click()
    assert page.locator("#panel .sub").inner_text() in {x.split("\n")[-1] for x in items}
    page.close()
