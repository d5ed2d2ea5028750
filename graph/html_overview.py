"""Graphs too big for one browser page: an overview, and one page per organization or person.

A corpus of 100,000 articles gives far more nodes than vis-network can draw
without freezing the tab, so above ``OVERVIEW_NODES`` ``graph.html`` is a plain
page (no script library): organizations by locality and the most connected
officials, with counts, each linking to its own explorer page.  Those pages
are written by ``polgraph html GRAPH --by organization`` / ``--by person``
into ``organizations/`` and ``people/`` beside ``graph.html``; they share one
copy of vis-network in ``assets/`` instead of inlining it thousands of times.
Every string from the graph is escaped with ``html.escape``.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections import Counter, defaultdict
from pathlib import Path

from rdflib import URIRef

from graph.atomic import atomic_write_text
from graph.html_model import Model
from graph.text import ascii_fold

__all__ = ["FOLDERS", "overview_html", "page_name", "write_pages"]

FOLDERS = {"organization": "organizations", "person": "people"}
_TOP_PEOPLE = 100
_TOP_ORGS = 12  # per locality


def page_name(model: Model, s: URIRef) -> str:
    """A stable file name: the folded label, plus a digest of the IRI (namesakes differ)."""
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_fold(model.label(s))).strip("-")[:60] or "x"
    return f"{slug}-{hashlib.sha1(str(s).encode()).hexdigest()[:8]}.html"


def _degree(model: Model) -> Counter[URIRef]:
    deg: Counter[URIRef] = Counter()
    for e in model.edges:
        deg[e.a] += 1
        deg[e.b] += 1
    return deg


def _link(model: Model, s: URIRef) -> str:
    href = f"{FOLDERS[model.kinds[s]]}/{page_name(model, s)}"
    return f'<a href="{html.escape(href)}">{html.escape(model.label(s))}</a>'


def overview_html(model: Model, title: str) -> str:
    """The overview page: counts, organizations by locality, the most connected officials."""
    e = html.escape
    deg = _degree(model)
    kinds = Counter(model.kinds.values())
    by_place: dict[str, list[URIRef]] = defaultdict(list)
    people: dict[str, int] = Counter()
    for s, kind in model.kinds.items():
        if kind == "organization":
            by_place[model.groups[s]].append(s)
        elif kind == "person":
            people[model.groups[s]] += 1
    rows = []
    for place in sorted(by_place, key=lambda p: (-len(by_place[p]), p)):
        orgs = sorted(by_place[place], key=lambda s: (-deg[s], model.label(s), str(s)))
        links = ", ".join(_link(model, s) for s in orgs[:_TOP_ORGS])
        more = f" … (+{len(orgs) - _TOP_ORGS})" if len(orgs) > _TOP_ORGS else ""
        rows.append(
            f"<tr><td>{e(place or 'Trung ương / chưa rõ địa phương')}</td>"
            f"<td>{len(orgs):,}</td><td>{people[place]:,}</td><td>{links}{more}</td></tr>"
        )
    top = sorted(
        (s for s, k in model.kinds.items() if k == "person"),
        key=lambda s: (-deg[s], model.label(s), str(s)),
    )[:_TOP_PEOPLE]
    officials = "\n".join(
        f"<li>{_link(model, s)} <span class=muted>· {e(model.hint(s))} · {deg[s]:,}</span></li>"
        for s in top
    )
    counts = " · ".join(
        f"{e(label)} / {e(en)}: {kinds.get(k, 0):,}"
        for k, label, en in (
            ("person", "Người", "people"),
            ("organization", "Tổ chức", "organizations"),
            ("document", "Văn bản", "documents"),
            ("meeting", "Hội nghị", "meetings"),
        )
    )
    return f"""<!DOCTYPE html>
<html lang="vi">
<head><meta charset="utf-8"><title>{e(title)}</title>
<style>body{{font-family:system-ui,sans-serif;margin:16px 24px;color:#222}}
td{{padding:3px 8px;border-bottom:1px solid #eee;vertical-align:top}}
th{{text-align:left;padding:3px 8px}}.muted{{color:#777}}</style></head>
<body>
<h1>{e(title)}</h1>
<p>{counts} · {len(model.edges):,} quan hệ / relations.</p>
<p>Đồ thị quá lớn để vẽ trên một trang; mỗi tổ chức và mỗi người có trang riêng, do
<code>polgraph html THƯ_MỤC --by organization</code> và <code>--by person</code> ghi bên cạnh trang
này. <span class=muted>(Too large for one page: each organization and person has its own page,
written beside this one by <code>polgraph html DIR --by organization</code> /
<code>--by person</code>.)</span></p>
<h2>Tổ chức theo địa phương <span class=muted>/ Organizations by locality</span></h2>
<table><tr><th>Địa phương</th><th>Tổ chức</th><th>Người</th><th>Kết nối nhiều nhất</th></tr>
{chr(10).join(rows)}
</table>
<h2>Cán bộ có nhiều quan hệ nhất <span class=muted>/ Most connected officials</span></h2>
<ol>
{officials}
</ol>
</body>
</html>
"""


def write_pages(
    model: Model, folder: Path, by: str, *, depth: int = 1, title: str = "polgraph"
) -> int:
    """One explorer page per entity of kind ``by`` in ``folder/FOLDERS[by]``; how many."""
    from graph.html import _assets, neighbourhood, page_data, render

    css, js = _assets()
    assets = folder / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    atomic_write_text(assets / "vis-network.css", css)
    atomic_write_text(assets / "vis-network.min.js", js)
    out = folder / FOLDERS[by]
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    for s in sorted((s for s, k in model.kinds.items() if k == by), key=str):
        keep = neighbourhood(model, s, depth)
        data = page_data(model, keep, s)
        page = render(data, f"{title}: {model.label(s)}", assets_href="../assets")
        atomic_write_text(out / page_name(model, s), page)
        count += 1
    return count
