"""The graph as one self-contained interactive HTML page (pyvis / vis-network).

``graph.html`` is how most readers meet the graph, so it answers "who holds
what where, and who sits with whom" at a glance (see ``polgraph.outputs.html_model`` for
what is a node and what is an edge, ``polgraph.outputs.html_layout`` for the positions and
``graph/templates/`` for the page's script, style and translations).

* **Offline, one file.** The page is rendered by pyvis's ``generate_html`` with
  our template; vis-network's JS and CSS, shipped inside pyvis, and our own
  script are inlined.  Nothing is loaded by ``src``/``href``.
* **Safe.** Every string from an article travels as JSON data only: vis-network
  nodes/edges through Jinja's ``tojson`` and the panel data through ``_json``,
  both of which turn ``<``, ``>``, ``&`` and ``'`` into ``\\u003c`` …, so no
  string can close the ``<script>``.  The page's script writes article text
  with ``textContent`` (or ``fillText`` on the canvas) only, and uses a URL as a
  link only when it is ``http(s)://``.  Nodes carry no ``title`` (vis-network
  would make tooltips of it); the side panel replaces them.
* **Readable.** The page draws the labels itself, most connected first, and
  skips any label that would cover one already drawn; filters, search and the
  neighbourhood view re-lay out what is shown and zoom to fit.
* **Deterministic.** Everything is sorted and the layout is seeded.

Graphs of more than ``OVERVIEW_NODES`` nodes get an overview page instead
(``polgraph.outputs.html_overview``), with per-organization and per-person pages
written by ``polgraph html --by``.  Finding the entity of ``--focus`` and its
neighbourhood is ``polgraph.outputs.html_focus``'s job.
"""

from __future__ import annotations

import json
from collections import defaultdict
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import DictLoader, Environment
from pyvis.network import Network
from rdflib import Graph, URIRef

from polgraph.core.atomic import atomic_write_text
from polgraph.core.text import ascii_fold, canonical, fold
from polgraph.core.vocab import SCHEMA
from polgraph.outputs.html_focus import FocusError, _focus_nodes, find_entities
from polgraph.outputs.html_layout import group_layout
from polgraph.outputs.html_model import KINDS, Model, safe_url
from polgraph.rdf import union_graph

__all__ = ["KINDS", "OVERVIEW_NODES", "FocusError", "find_entities", "to_html", "write_html"]

OVERVIEW_NODES = 8000  # above this many nodes graph.html is an overview page
_MAX_EVIDENCE = 6  # evidence sentences kept per edge (the rest are counted)
_BIG_GRAPH = 1500  # above this many nodes, edges are hidden while dragging/zooming
_SHOWN = ("person", "organization")  # kinds drawn when the page opens
_JS = ("i18n.js", "layout.js", "labels.js", "panel.js", "app.js", "controls.js")


def _json(value: Any) -> str:
    """JSON that is safe inside ``<script>``: no ``<``, ``>``, ``&``, ``'`` or line separators."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for ch, esc in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("'", "\\u0027"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(ch, esc)
    return text


# ------------------------------------------------------------------ page


def _options(n_nodes: int) -> dict[str, Any]:
    big = n_nodes > _BIG_GRAPH
    return {
        "autoResize": True,
        "groups": {
            kind: {"color": colour, "shape": shape} for kind, (_l, colour, shape) in KINDS.items()
        },
        "layout": {"improvedLayout": False, "randomSeed": 1},
        "physics": {"enabled": False, "stabilization": {"enabled": False}},
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "navigationButtons": False,
            "keyboard": False,
        },
        "edges": {
            "smooth": False,
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.4}},
            "color": {"color": "#b8b8b8", "highlight": "#333333", "hover": "#333333"},
            "width": 1,
        },
        # the page draws labels itself (no overlaps); vis-network draws none
        "nodes": {"font": {"size": 0}, "size": 10, "borderWidth": 1},
    }


def _assets() -> tuple[str, str]:
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    if "</style" in css.lower() or "</script" in js.lower():
        raise RuntimeError("vis-network assets cannot be inlined safely")
    return css, js


def _template(name: str) -> str:
    return resources.files("polgraph").joinpath("templates", name).read_text("utf-8")


def page_data(model: Model, keep: set[URIRef], start: URIRef | None) -> dict[str, Any]:
    """Nodes, edges and panel data of the explorer for the nodes ``keep``."""
    order = sorted(keep, key=str)
    ids = {s: f"n{i}" for i, s in enumerate(order)}
    if len(keep) == len(model.kinds):
        edges = model.edges
    else:
        adj = model.adjacency()
        touching = sorted({i for s in keep for i in adj[s]})
        edges = [e for e in (model.edges[i] for i in touching) if e.a in keep and e.b in keep]
    main = [e for e in edges if model.kinds[e.a] in _SHOWN and model.kinds[e.b] in _SHOWN]
    linked = {x for e in main for x in (e.a, e.b)}
    laid = [s for s in order if model.kinds[s] in _SHOWN and s in linked]
    pos, boxes = group_layout(laid, [(e.a, e.b) for e in main], model.groups)
    # documents and meetings: beside the first organization/person they are tied to
    for e in edges:
        for a, b in ((e.a, e.b), (e.b, e.a)):
            if b not in pos and a in pos:
                k = int(ids[b][1:]) % 7
                pos[b] = (pos[a][0] + 40 + 9 * k, pos[a][1] - 40 + 7 * k)
    bottom = max((y for _x, y in pos.values()), default=0) + 200
    for i, s in enumerate(x for x in order if x not in pos):
        pos[s] = ((i % 40) * 60, bottom + (i // 40) * 60)

    # importance: distinct neighbours (documents and meetings count half)
    neighbours: dict[URIRef, set[URIRef]] = defaultdict(set)
    for e in edges:
        neighbours[e.a].add(e.b)
        neighbours[e.b].add(e.a)

    def weight(s: URIRef) -> float:
        return sum(1.0 if model.kinds[t] in _SHOWN else 0.5 for t in neighbours[s])

    ranked = sorted(order, key=lambda s: (-weight(s), list(KINDS).index(model.kinds[s]), str(s)))
    rank = {s: i for i, s in enumerate(ranked)}
    top = max((weight(s) for s in order), default=1.0) or 1.0

    direct: dict[URIRef, set[URIRef]] = defaultdict(set)
    dates: dict[URIRef, set[str]] = defaultdict(set)
    for s in order:
        if model.kinds[s] == "organization":
            direct[s].add(s)
    for e in edges:
        dates[e.a] |= e.dates
        dates[e.b] |= e.dates
        if e.rel == "hold":
            direct[e.a].add(e.b)
        elif e.rel in ("organize", "issue"):
            direct[e.b].add(e.a)

    def with_ancestors(orgs: set[URIRef]) -> set[URIRef]:
        out, todo = set(), list(orgs)
        while todo:
            o = todo.pop()
            if o not in out:
                out.add(o)
                todo.extend(model.parents[o])
        return out

    counts: dict[str, int] = defaultdict(int)
    vis_nodes, infos = [], []
    for s in order:
        kind = model.kinds[s]
        counts[kind] += 1
        x, y = pos[s]
        size = round(7 + 13 * (weight(s) / top) ** 0.5)
        vis_nodes.append(
            {"id": ids[s], "label": model.label(s), "group": kind, "x": x, "y": y, "size": size}
        )
        names = model.names(s)
        infos.append(
            {
                "kind": kind,
                "iri": str(s),
                "names": names,
                "keys": sorted({ascii_fold(n) for n in names}),
                "fields": model.fields(s),
                "hint": model.hint(s),
                "group": model.groups[s],
                "rank": rank[s],
                "dates": sorted(dates[s]),
                "orgs": sorted(ids[o] for o in with_ancestors(direct[s]) if o in ids),
            }
        )
    vis_edges, edge_infos = [], []
    for i, e in enumerate(edges):
        edge: dict[str, Any] = {"id": f"e{i}", "from": ids[e.a], "to": ids[e.b]}
        if e.is_former:
            edge["dashes"] = True
        vis_edges.append(edge)
        ev = sorted(e.evidence, key=lambda x: (x[1] < 0, model.article_dates.get(
            model.articles[x[1]]) or "" if x[1] >= 0 else "", x[1], x[0]))  # fmt: skip
        edge_infos.append(
            {
                "rel": e.rel,
                "role": e.role,
                "text": e.text(),
                "ev": [list(x) for x in ev[:_MAX_EVIDENCE]],
                "more": max(0, len(ev) - _MAX_EVIDENCE),
                "dates": sorted(e.dates),
                "former": e.is_former,
            }
        )
    g = model.g
    articles = [
        {
            "id": str(g.value(a, SCHEMA.identifier) or a),
            "title": canonical(str(g.value(a, SCHEMA.headline) or "")),
            "date": model.article_dates[a] or "",
            "url": safe_url(str(g.value(a, SCHEMA.url) or "")),
        }
        for a in model.articles
    ]
    orgs = sorted(
        ((model.label(s), ids[s]) for s in order if model.kinds[s] == "organization"),
        key=lambda t: (ascii_fold(t[0]), fold(t[0]), t[1]),
    )
    return {
        "vis_nodes": vis_nodes,
        "vis_edges": vis_edges,
        "nodes": infos,
        "edges": edge_infos,
        "articles": articles,
        "kinds": [[k, label, colour] for k, (label, colour, _s) in KINDS.items()],
        "shown": list(_SHOWN),
        "counts": dict(counts),
        "orgs": [[label, nid] for label, nid in orgs],
        "groups": boxes,
        "focus": ids[start] if start is not None else "",
    }


def render(data: dict[str, Any], title: str, *, assets_href: str | None = None) -> str:
    """The explorer page for ``page_data``; ``assets_href`` links shared script files instead."""
    vis_nodes, vis_edges = data.pop("vis_nodes"), data.pop("vis_edges")
    net = Network(height="100%", width="100%", directed=True, heading=title)
    net.nodes, net.edges = vis_nodes, vis_edges
    net.node_ids = [n["id"] for n in vis_nodes]
    net.options = _options(len(vis_nodes))
    css, js = _assets()
    app = "\n".join(_template(name) for name in _JS)
    style = _template("explorer.css")
    if "</script" in app.lower() or "</style" in style.lower():
        raise RuntimeError("page script cannot be inlined safely")
    env = Environment(loader=DictLoader({"polgraph.html": _template("network.html")}),
                      autoescape=False)  # fmt: skip
    env.globals.update(
        vis_css=css, vis_js=js, pg_data=_json(data), pg_js=app, pg_css=style,
        assets_href=assets_href,
    )  # fmt: skip
    net.templateEnv = env
    net.path = "polgraph.html"
    return net.generate_html()


def to_html(
    ds_or_graph: Graph,
    *,
    title: str = "polgraph",
    focus: str | None = None,
    depth: int = 2,
    max_nodes: int = OVERVIEW_NODES,
) -> str:
    """The page as a string (see ``write_html``).

    With ``focus`` (an IRI, a name, or ``Name (hint)``), only the entities
    within ``depth`` edges of that one are drawn; ``FocusError`` if no entity,
    or several, match.  Without it, a graph of more than ``max_nodes`` nodes
    gives the overview page.
    """
    model = Model(union_graph(ds_or_graph))
    start: URIRef | None = None
    if focus is None:
        keep = set(model.kinds)
        if len(keep) > max_nodes:
            from polgraph.outputs.html_overview import overview_html

            return overview_html(model, title)
    else:
        start, keep = _focus_nodes(model, focus, depth)
    return render(page_data(model, keep, start), title)


def write_html(
    ds_or_graph: Graph,
    path: Path,
    *,
    title: str = "polgraph",
    focus: str | None = None,
    depth: int = 2,
    max_nodes: int = OVERVIEW_NODES,
) -> None:
    """Write the interactive network as one offline HTML file, atomically."""
    page = to_html(ds_or_graph, title=title, focus=focus, depth=depth, max_nodes=max_nodes)
    atomic_write_text(path, page)
