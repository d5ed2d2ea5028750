"""Graphs too big for one browser page: an overview, and one page per organization or person.

A corpus of 100,000 articles gives far more nodes than vis-network can draw
without freezing the tab, so above ``OVERVIEW_NODES`` ``graph.html`` is a plain
page (no script library): organizations by locality and the most connected
officials, with counts, each linking to its own explorer page.  Those pages
are written by ``polgraph html GRAPH --by organization`` / ``--by person``
(``polgraph.outputs.html_pages``) into ``organizations/`` and ``people/``
beside ``graph.html``.
Every string from the graph is escaped with ``html.escape``.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections import Counter
from dataclasses import dataclass, field

from rdflib import URIRef

from polgraph.core.text import ascii_fold
from polgraph.outputs.html_model import Model

__all__ = ["FOLDERS", "Summary", "overview_html", "page_name", "summarize"]

FOLDERS = {"organization": "organizations", "person": "people"}
_TOP_PEOPLE = 100
_TOP_ORGS = 12  # per locality


def _file_name(label: str, iri: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_fold(label)).strip("-")[:60] or "x"
    return f"{slug}-{hashlib.sha1(iri.encode()).hexdigest()[:8]}.html"


def page_name(model: Model, s: URIRef) -> str:
    """A stable file name: the folded label, plus a digest of the IRI (namesakes differ)."""
    return _file_name(model.label(s), str(s))


@dataclass
class Summary:
    """What the overview shows: from the page model, or, for graphs too big for one, tallied
    by the build as it merges the graph (``polgraph.outputs.html_tally``)."""

    counts: dict[str, int]
    relations: int
    # place -> organizations as (label, iri, degree); people per place
    places: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)
    people_per_place: dict[str, int] = field(default_factory=dict)
    people: list[tuple[str, str, str, int]] = field(default_factory=list)  # label, iri, hint, deg


def summarize(model: Model) -> Summary:
    """The overview's numbers from the page model."""
    deg: Counter[URIRef] = Counter()
    for e in model.edges:
        deg[e.a] += 1
        deg[e.b] += 1
    out = Summary(dict(Counter(model.kinds.values())), len(model.edges))
    for s, kind in model.kinds.items():
        if kind == "organization":
            row = (model.label(s), str(s), deg[s])
            out.places.setdefault(model.groups[s], []).append(row)
        elif kind == "person":
            out.people_per_place[model.groups[s]] = out.people_per_place.get(model.groups[s], 0) + 1
    top = sorted(
        (s for s, k in model.kinds.items() if k == "person"),
        key=lambda s: (-deg[s], model.label(s), str(s)),
    )[:_TOP_PEOPLE]
    out.people = [(model.label(s), str(s), model.hint(s), deg[s]) for s in top]
    return out


def overview_html(model: Model | Summary, title: str) -> str:
    """The overview page: counts, organizations by locality, the most connected officials."""
    e = html.escape
    sm = summarize(model) if isinstance(model, Model) else model

    def link(folder: str, label: str, iri: str) -> str:
        href = f"{folder}/{_file_name(label, iri)}"
        return f'<a href="{e(href)}">{e(label)}</a>'

    rows = []
    for place in sorted(sm.places, key=lambda p: (-len(sm.places[p]), p)):
        orgs = sorted(sm.places[place], key=lambda r: (-r[2], r[0], r[1]))
        links = ", ".join(link("organizations", label, iri) for label, iri, _d in orgs[:_TOP_ORGS])
        more = f" … (+{len(orgs) - _TOP_ORGS})" if len(orgs) > _TOP_ORGS else ""
        rows.append(
            f"<tr><td>{e(place or 'Trung ương / chưa rõ địa phương')}</td>"
            f"<td>{len(orgs):,}</td><td>{sm.people_per_place.get(place, 0):,}</td>"
            f"<td>{links}{more}</td></tr>"
        )
    officials = "\n".join(
        f"<li>{link('people', label, iri)} <span class=muted>· {e(hint)} · {d:,}</span></li>"
        for label, iri, hint, d in sm.people
    )
    counts = " · ".join(
        f"{e(label)} / {e(en)}: {sm.counts.get(k, 0):,}"
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
<p>{counts} · {sm.relations:,} quan hệ / relations.</p>
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
