"""The graph as one self-contained interactive HTML page (pyvis / vis-network).

The page must open from ``file://`` with no network and be safe to open even
though every name in it comes from scraped articles:

* vis-network's JS and CSS (shipped inside pyvis) are inlined; nothing is
  loaded by ``src``/``href``, and no ``lib/`` folder is written (pyvis's own
  ``write_html`` does that, so only ``generate_html`` is used, with our template).
* Node and edge data are embedded with Jinja's ``tojson`` (``<``, ``>``, ``&``
  and ``'`` become ``\\u003c`` …), so no string can close the ``<script>``.
* Hover titles are HTML built here from ``html.escape``-d fragments and turned
  into DOM elements by the page; labels are drawn on the canvas as text.
* The layout is computed once (seeded spring layout), positions are passed as
  x/y and physics is off, so the same graph gives the same bytes.
"""

from __future__ import annotations

import html
import math
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import networkx as nx
import numpy as np
from jinja2 import DictLoader, Environment
from pyvis.edge import Edge
from pyvis.network import Network
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from graph.atomic import atomic_write_text
from graph.rdf import union_graph
from graph.vocab import FOAF, ORG, PG, PROV, RDF, SCHEMA, SKOS

# kind: (legend label, colour, vis-network shape)
KINDS: dict[str, tuple[str, str, str]] = {
    "person": ("Người", "#e07a5f", "dot"),
    "organization": ("Tổ chức", "#3d5a80", "square"),
    "post": ("Chức vụ", "#f2cc8f", "diamond"),
    "document": ("Văn bản", "#81b29a", "triangle"),
    "meeting": ("Hội nghị", "#9c6ade", "star"),
    "article": ("Bài báo", "#9e9e9e", "hexagon"),
}

_CLASS_KIND: dict[URIRef, str] = {
    FOAF.Person: "person",
    ORG.Organization: "organization",
    ORG.Post: "post",
    SCHEMA.Legislation: "document",
    SCHEMA.Event: "meeting",
    SCHEMA.NewsArticle: "article",
}

_DOC_KIND_VI: dict[URIRef, str] = {
    PG.Resolution: "Nghị quyết",
    PG.Directive: "Chỉ thị",
    PG.Conclusion: "Kết luận",
    PG.Program: "Chương trình",
    PG.Plan: "Kế hoạch",
    PG.Regulation: "Quy định",
    PG.Decision: "Quyết định",
    PG.OtherDocument: "Văn bản khác",
}

_MAX_LABEL = 48
_MAX_SENTENCES = 3
_MAX_SENTENCE = 300
_SEED = 20240601


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _values(g: Graph, s: Node, p: Node) -> list[str]:
    return sorted({str(o) for o in g.objects(s, p)})


def _first(g: Graph, s: Node, *preds: Node) -> str | None:
    for p in preds:
        vals = _values(g, s, p)
        if vals:
            return vals[0]
    return None


class _Title:
    """A hover title: lines of escaped text, joined as HTML."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def head(self, kind: str, name: str) -> _Title:
        self.lines.append(f"<b>{html.escape(kind)}</b>: {html.escape(name)}")
        return self

    def field(self, label: str, value: str | None) -> _Title:
        if value:
            self.lines.append(f"<i>{html.escape(label)}</i>: {html.escape(value)}")
        return self

    def quotes(self, sentences: Iterable[str]) -> _Title:
        uniq = sorted(set(sentences))
        for s in uniq[:_MAX_SENTENCES]:
            self.lines.append(f"“{html.escape(_short(s, _MAX_SENTENCE))}”")
        if len(uniq) > _MAX_SENTENCES:
            self.lines.append(f"… (+{len(uniq) - _MAX_SENTENCES})")
        return self

    def html(self) -> str:
        return "<br>".join(self.lines)


def _sentences(g: Graph, s: Node) -> list[str]:
    return [str(x) for ev in g.objects(s, PG.evidence) for x in g.objects(ev, PG.sentence)]


def _kind_of(g: Graph, s: Node) -> str | None:
    kinds = {_CLASS_KIND[t] for t in g.objects(s, RDF.type) if t in _CLASS_KIND}
    for kind in KINDS:  # fixed precedence when a node has several types
        if kind in kinds:
            return kind
    return None


def _describe(g: Graph, s: URIRef, kind: str) -> tuple[str, str]:
    """(label, title HTML) of one node."""
    legend = KINDS[kind][0]
    t = _Title()
    if kind == "person":
        name = _first(g, s, FOAF.name) or str(s)
        t.head(legend, name).field("Tên khác", "; ".join(_values(g, s, SKOS.altLabel)))
        t.quotes(_sentences(g, s))
    elif kind == "organization":
        name = _first(g, s, SKOS.prefLabel) or str(s)
        t.head(legend, name).field("Tên khác", "; ".join(_values(g, s, SKOS.altLabel)))
        places = [p for loc in g.objects(s, PG.locality) for p in _values(g, loc, SKOS.prefLabel)]
        t.field("Địa phương", "; ".join(sorted(places)))
    elif kind == "post":
        name = _first(g, s, SKOS.prefLabel) or str(s)
        t.head(legend, name)
    elif kind == "document":
        name = _first(g, s, SKOS.prefLabel) or str(s)
        kinds = [_DOC_KIND_VI.get(k, str(k)) for k in g.objects(s, SCHEMA.legislationType)]
        t.head(legend, name).field("Loại", "; ".join(sorted(kinds)))
        t.field("Số", "; ".join(_values(g, s, SCHEMA.legislationIdentifier)))
        t.field("Khóa", "; ".join(_values(g, s, PG.term)))
        t.field("Trích yếu", "; ".join(_values(g, s, SCHEMA.name)))
        t.field("Tên khác", "; ".join(_values(g, s, SKOS.altLabel)))
        t.quotes(_sentences(g, s))
    elif kind == "meeting":
        name = _first(g, s, SCHEMA.name) or str(s)
        date = _first(g, s, SCHEMA.startDate)
        t.head(legend, name).field("Ngày", date).quotes(_sentences(g, s))
        if date:
            name = f"{name} ({date})"
    else:  # article
        ident = _first(g, s, SCHEMA.identifier) or str(s)
        headline = _first(g, s, SCHEMA.headline)
        t.head(legend, headline or ident).field("Mã", ident)
        t.field("Ngày đăng", _first(g, s, SCHEMA.datePublished))
        t.field("Địa chỉ", _first(g, s, SCHEMA.url))
        name = headline or ident
    return _short(name, _MAX_LABEL), t.html()


def _membership_title(g: Graph, person: Node, post: Node) -> tuple[str, bool]:
    """Title of a 'giữ chức' edge: each observation with date, source and sentence."""
    t = _Title()
    all_former = True
    rows = []
    for m in g.subjects(PG.post, post):
        if (m, ORG.member, person) not in g:
            continue
        former = any(o == Literal(True) for o in g.objects(m, PG.former))
        all_former = all_former and former
        date = _first(g, m, PG.observedOn) or "?"
        arts = [
            a
            for src in g.objects(m, PROV.wasDerivedFrom)
            for a in _values(g, src, SCHEMA.identifier)
        ]
        rows.append((date, former, ", ".join(sorted(arts)), _sentences(g, m)))
    t.lines.append("<b>giữ chức</b>")
    for date, former, arts, sentences in sorted(rows):
        t.field(date, ("nguyên · " if former else "") + (arts or "?"))
        t.quotes(sentences)
    return t.html(), bool(rows) and all_former


def _edges(g: Graph, nodes: dict[URIRef, str]) -> list[tuple[URIRef, URIRef, str, str, bool]]:
    """(from, to, label, title HTML, dashed) for every relation drawn, sorted."""
    out: set[tuple[URIRef, URIRef, str, str, bool]] = set()

    def add(a: Node, b: Node, label: str, title: str | None = None, dashed: bool = False) -> None:
        if isinstance(a, URIRef) and isinstance(b, URIRef) and a in nodes and b in nodes:
            out.add((a, b, label, title or f"<b>{html.escape(label)}</b>", dashed))

    for person, post in g.subject_objects(ORG.holds):
        title, dashed = _membership_title(g, person, post)
        add(person, post, "giữ chức", title, dashed)
    for post, org in g.subject_objects(ORG.postIn):
        add(post, org, "thuộc")
    for child, parent in g.subject_objects(ORG.subOrganizationOf):
        add(child, parent, "trực thuộc")
    for doc, org in g.subject_objects(SCHEMA.legislationPassedBy):
        add(org, doc, "ban hành")
    for event, org in g.subject_objects(SCHEMA.organizer):
        add(org, event, "tổ chức")
    for event, person in g.subject_objects(PG.chair):
        add(person, event, "chủ trì")
    for event, person in g.subject_objects(SCHEMA.attendee):
        add(person, event, "dự")
    for event, doc in g.subject_objects(SCHEMA.about):
        add(event, doc, "bàn về")
    for event in g.subjects(RDF.type, SCHEMA.Event):
        for article in g.objects(event, PROV.wasDerivedFrom):
            add(article, event, "đưa tin")
    for m in g.subjects(RDF.type, ORG.Membership):
        for article in g.objects(m, PROV.wasDerivedFrom):
            for post in g.objects(m, PG.post):
                add(article, post, "ghi nhận")
    return sorted(out, key=lambda e: (str(e[0]), str(e[1]), e[2]))


def _force_layout(
    n: int, edges: list[tuple[int, int]], seed: int, iterations: int = 60
) -> np.ndarray:
    """Dense Fruchterman-Reingold in numpy, for components too big for networkx without scipy."""
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2)) * 2 - 1
    k = 2 / math.sqrt(n)
    temp = 0.2
    src = np.array([a for a, _ in edges], dtype=int)
    dst = np.array([b for _, b in edges], dtype=int)
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.linalg.norm(delta, axis=-1), 1e-3)
        disp = (delta * (k * k / dist**2)[..., None]).sum(axis=1)
        if len(edges):
            d = pos[src] - pos[dst]
            length = np.maximum(np.linalg.norm(d, axis=-1), 1e-3)[:, None]
            pull = d * length / k
            np.add.at(disp, src, -pull)
            np.add.at(disp, dst, pull)
        norm = np.maximum(np.linalg.norm(disp, axis=-1), 1e-9)[:, None]
        pos += disp / norm * np.minimum(norm, temp)
        temp *= 0.95
    return pos


def _layout(
    nodes: list[URIRef], edges: list[tuple[URIRef, URIRef]]
) -> dict[URIRef, tuple[int, int]]:
    """Seeded layout per connected component, components packed in rows, biggest first."""
    g = nx.Graph()
    g.add_nodes_from(nodes)
    g.add_edges_from(edges)
    comps = sorted(
        (sorted(c, key=str) for c in nx.connected_components(g)), key=lambda c: (-len(c), str(c[0]))
    )
    positions: dict[URIRef, tuple[int, int]] = {}
    x = y = row_h = 0.0
    row_w = 160.0 * math.sqrt(max(len(nodes), 1)) + 400
    for comp in comps:
        radius = 60.0 * math.sqrt(len(comp)) + 40
        sub = g.subgraph(comp)
        if len(comp) == 1:
            local = {comp[0]: np.zeros(2)}
        elif len(comp) < 500:
            ordered = nx.Graph()
            ordered.add_nodes_from(comp)
            ordered.add_edges_from(sorted(sub.edges(), key=lambda e: (str(e[0]), str(e[1]))))
            local = nx.spring_layout(ordered, seed=_SEED, iterations=100)
        else:
            index = {n: i for i, n in enumerate(comp)}
            pairs = sorted((index[a], index[b]) for a, b in sub.edges())
            arr = _force_layout(len(comp), pairs, _SEED)
            arr = arr - arr.mean(axis=0)
            arr /= max(float(np.abs(arr).max()), 1e-9)
            local = {n: arr[i] for n, i in index.items()}
        if x + 2 * radius > row_w and x > 0:
            x, y, row_h = 0.0, y + row_h, 0.0
        for n, (px, py) in local.items():
            positions[n] = (
                round(x + radius + float(px) * radius),
                round(y + radius + float(py) * radius),
            )
        x += 2 * radius
        row_h = max(row_h, 2 * radius)
    return positions


_TEMPLATE = """<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<style>/*@@VIS_CSS@@*/</style>
<script>/*@@VIS_JS@@*/</script>
<title>{{ heading|e }}</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0; }
  header { padding: 8px 16px; border-bottom: 1px solid #ddd; }
  h1 { font-size: 18px; margin: 0 0 6px 0; }
  .legend { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap;
            gap: 14px; font-size: 13px; }
  .legend span.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px;
                        margin-right: 4px; vertical-align: middle; }
  #mynetwork { width: {{ width }}; height: {{ height }}; }
  div.vis-tooltip { max-width: 480px; white-space: normal; font-size: 13px; }
</style>
</head>
<body>
<header>
<h1>{{ heading|e }}</h1>
@@LEGEND@@
</header>
<div id="mynetwork"></div>
<script>
  function htmlTitle(markup) {
    // titles are built from escaped fragments by graph/html.py
    var el = document.createElement("div");
    el.innerHTML = markup;
    return el;
  }
  var nodeData = {{ nodes|tojson }};
  var edgeData = {{ edges|tojson }};
  [nodeData, edgeData].forEach(function (items) {
    items.forEach(function (x) {
      if (typeof x.title === "string") { x.title = htmlTitle(x.title); }
    });
  });
  var network = new vis.Network(
    document.getElementById("mynetwork"),
    { nodes: new vis.DataSet(nodeData), edges: new vis.DataSet(edgeData) },
    {{ options }}
  );
</script>
</body>
</html>
"""

_OPTIONS = {
    "physics": {"enabled": False},
    "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False},
    "edges": {
        "smooth": False,
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
        "font": {"size": 10, "align": "middle", "color": "#555555"},
        "color": {"color": "#b0b0b0", "highlight": "#333333"},
    },
    "nodes": {"font": {"size": 14, "color": "#222222"}, "size": 14},
}


def _assets() -> tuple[str, str]:
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    if "</style" in css.lower() or "</script" in js.lower():
        raise RuntimeError("vis-network assets cannot be inlined safely")
    return css, js


def _legend(counts: dict[str, int]) -> str:
    items = [
        f'<li><span class="swatch" style="background:{colour}"></span>{html.escape(label)} '
        f"({counts.get(kind, 0)})</li>"
        for kind, (label, colour, _shape) in KINDS.items()
    ]
    return '<ul class="legend">' + "".join(items) + "</ul>"


def to_html(ds_or_graph: Graph, *, title: str = "polgraph") -> str:
    """The page as a string (see ``write_html``)."""
    g = union_graph(ds_or_graph)
    kinds: dict[URIRef, str] = {}
    for s in set(g.subjects(RDF.type, None)):
        kind = _kind_of(g, s)
        if kind and isinstance(s, URIRef):
            kinds[s] = kind
    order = sorted(kinds, key=str)
    edges = _edges(g, kinds)
    pos = _layout(order, [(a, b) for a, b, *_ in edges])

    net = Network(
        height="85vh", width="100%", directed=True, cdn_resources="in_line", heading=title
    )
    counts: dict[str, int] = defaultdict(int)
    for s in order:
        kind = kinds[s]
        counts[kind] += 1
        label, tip = _describe(g, s, kind)
        _legend_label, colour, shape = KINDS[kind]
        x, y = pos[s]
        net.add_node(str(s), label=label, title=tip, color=colour, shape=shape, x=x, y=y)
    for i, (a, b, label, tip, dashed) in enumerate(edges):
        # both ends are known nodes; pyvis's add_edge re-checks that in O(n) per edge
        edge = Edge(str(a), str(b), True, id=f"e{i}", label=label, title=tip, dashes=dashed)
        net.edges.append(edge.options)
    net.options = _OPTIONS
    net.templateEnv = Environment(
        loader=DictLoader({"polgraph.html": _TEMPLATE.replace("@@LEGEND@@", _legend(counts))}),
        autoescape=False,
    )
    net.path = "polgraph.html"
    page = net.generate_html()
    css, js = _assets()
    # the markers sit in <head> before any data, so the first occurrence is ours
    page = page.replace("/*@@VIS_CSS@@*/", css, 1).replace("/*@@VIS_JS@@*/", js, 1)
    return page


def write_html(ds_or_graph: Graph, path: Path, *, title: str = "polgraph") -> None:
    """Write the interactive network as one offline HTML file, atomically."""
    atomic_write_text(path, to_html(ds_or_graph, title=title))


__all__ = ["KINDS", "to_html", "write_html"]
