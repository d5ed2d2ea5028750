"""The graph as one self-contained interactive HTML page (pyvis / vis-network).

``graph.html`` is how most readers meet the graph, so it has to open from
``file://`` on a laptop with no network, stay fluid on thousands of nodes and
let the reader check every edge against the sentence it came from.

* **Offline, one file.** The page is rendered by pyvis's ``generate_html`` with
  our template (``graph/templates/network.html``); vis-network's JS and CSS,
  shipped inside pyvis, are inlined.  Nothing is loaded by ``src``/``href`` and
  no ``lib/`` folder is written (pyvis's ``write_html`` would write one).
* **Safe.** Every string from an article travels as JSON data only: vis-network
  nodes/edges through Jinja's ``tojson`` and the panel data through ``_json``,
  both of which turn ``<``, ``>``, ``&`` and ``'`` into ``\\u003c`` …, so no
  string can close the ``<script>``.  The page's script writes article text
  with ``textContent`` only (never ``innerHTML``) and uses a URL as a link only
  when it is ``http(s)://``.  Nodes carry no ``title``: vis-network would make
  tooltips from it; the side panel replaces them.
* **Fast.** Positions are computed once here (networkx spring layout per
  component; a grid-approximated force layout in numpy for components of 500+
  nodes, since networkx needs scipy there) and physics is off, so the browser
  only draws.  Node ids are short (``n12``) and kind styles are vis "groups".
* **Deterministic.** Everything is sorted and the layout is seeded: the same
  graph gives the same bytes.

``to_html(g, focus="Name", depth=2)`` keeps only the nodes within ``depth``
edges of the entity named ``Name`` (any of its names, with or without
diacritics), for a smaller page around one person or organization.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
from jinja2 import DictLoader, Environment
from pyvis.network import Network
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from polgraph.core.atomic import atomic_write_text
from polgraph.core.names import match_rank
from polgraph.core.text import ascii_fold, canonical, fold
from polgraph.core.vocab import FOAF, ORG, PG, PROV, RDF, SCHEMA, SKOS
from polgraph.rdf import union_graph

__all__ = ["KINDS", "FocusError", "find_entities", "to_html", "write_html"]

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
_MAX_EVIDENCE = 6  # evidence sentences kept per edge (the rest are counted)
_MAX_SENTENCE = 400
_SEED = 20240601
_BIG_COMPONENT = 500
_BIG_GRAPH = 1500  # above this many nodes, edges are hidden while dragging/zooming

Evidence = tuple[str, int]  # (sentence, index into the article table or -1)


class FocusError(ValueError):
    """``--focus NAME`` matched no entity, or several equally well."""


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


def _kind_of(g: Graph, s: Node) -> str | None:
    kinds = {_CLASS_KIND[t] for t in g.objects(s, RDF.type) if t in _CLASS_KIND}
    for kind in KINDS:  # fixed precedence when a node has several types
        if kind in kinds:
            return kind
    return None


def _safe_url(url: str | None) -> str:
    """Only absolute http(s) URLs become links (no ``javascript:``, no ``data:``)."""
    if url and re.match(r"https?://[^\s]+\Z", url, re.I):
        return url
    return ""


@dataclass
class _Edge:
    a: URIRef
    b: URIRef
    label: str
    evidence: set[Evidence] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)
    former: list[bool] = field(default_factory=list)


class _Model:
    """Everything the page shows, read once from the merged graph."""

    def __init__(self, g: Graph) -> None:
        self.g = g
        self.kinds: dict[URIRef, str] = {}
        for s in set(g.subjects(RDF.type, None)):
            kind = _kind_of(g, s)
            if kind and isinstance(s, URIRef):
                self.kinds[s] = kind
        self.articles: list[URIRef] = sorted(
            (s for s in set(g.subjects(RDF.type, SCHEMA.NewsArticle)) if isinstance(s, URIRef)),
            key=str,
        )
        self.article_index = {a: i for i, a in enumerate(self.articles)}
        self.article_dates = {
            a: _first(g, a, SCHEMA.datePublished, PG.reportsOn) for a in self.articles
        }
        self.edges = self._edges()

    # evidence ----------------------------------------------------------

    def _art(self, a: Node) -> int:
        return self.article_index.get(a, -1) if isinstance(a, URIRef) else -1

    def evidence(self, s: Node) -> set[Evidence]:
        """Sentences supporting statement/entity ``s``; its source articles if it has none."""
        out: set[Evidence] = set()
        for ev in self.g.objects(s, PG.evidence):
            arts = sorted(self.g.objects(ev, PROV.wasDerivedFrom), key=str) or [None]
            for sentence in self.g.objects(ev, PG.sentence):
                for art in arts:
                    out.add((_short(canonical(str(sentence)), _MAX_SENTENCE), self._art(art)))
        if not out:
            for art in self.g.objects(s, PROV.wasDerivedFrom):
                out.add(("", self._art(art)))
        return out

    def dates_of(self, evidence: Iterable[Evidence]) -> set[str]:
        return {d for _s, i in evidence if i >= 0 and (d := self.article_dates[self.articles[i]])}

    # edges -------------------------------------------------------------

    def _edges(self) -> list[_Edge]:
        g, nodes = self.g, self.kinds
        out: dict[tuple[URIRef, URIRef, str], _Edge] = {}

        def add(a: Node, b: Node, label: str) -> _Edge | None:
            if isinstance(a, URIRef) and isinstance(b, URIRef) and a in nodes and b in nodes:
                return out.setdefault((a, b, label), _Edge(a, b, label))
            return None

        def memberships() -> Iterable[tuple[Node, Node, Node]]:
            for m in g.subjects(RDF.type, ORG.Membership):
                for person in g.objects(m, ORG.member):
                    for post in g.objects(m, PG.post):
                        yield m, person, post

        for m, person, post in memberships():
            ev = self.evidence(m)
            dates = set(_values(g, m, PG.observedOn)) or self.dates_of(ev)
            former = any(o == Literal(True) for o in g.objects(m, PG.former))
            for edge in (add(person, post, "giữ chức"),):
                if edge:
                    edge.evidence |= ev
                    edge.dates |= dates
                    edge.former.append(former)
            for org in g.objects(post, ORG.postIn):
                if edge := add(post, org, "thuộc"):
                    edge.evidence |= ev
                    edge.dates |= dates
            for art in g.objects(m, PROV.wasDerivedFrom):
                if edge := add(art, post, "ghi nhận"):
                    edge.evidence |= {e for e in ev if e[1] == self._art(art)} or {
                        ("", self._art(art))
                    }
                    edge.dates |= dates
        for person, post in g.subject_objects(ORG.holds):  # holdings with no membership
            add(person, post, "giữ chức")
        for post, org in g.subject_objects(ORG.postIn):
            add(post, org, "thuộc")
        for child, parent in g.subject_objects(ORG.subOrganizationOf):
            if edge := add(child, parent, "trực thuộc"):
                edge.evidence |= self.evidence(child)
        for doc, org in g.subject_objects(SCHEMA.legislationPassedBy):
            if edge := add(org, doc, "ban hành"):
                edge.evidence |= self.evidence(doc)
                edge.dates |= self.dates_of(edge.evidence)
        for event in g.subjects(RDF.type, SCHEMA.Event):
            ev = self.evidence(event)
            dates = set(_values(g, event, SCHEMA.startDate)) or self.dates_of(ev)
            pairs = [
                *((org, event, "tổ chức") for org in g.objects(event, SCHEMA.organizer)),
                *((p, event, "chủ trì") for p in g.objects(event, PG.chair)),
                *((p, event, "dự") for p in g.objects(event, SCHEMA.attendee)),
                *((event, d, "bàn về") for d in g.objects(event, SCHEMA.about)),
            ]
            for a, b, label in pairs:
                if edge := add(a, b, label):
                    edge.evidence |= ev
                    edge.dates |= dates
            for art in g.objects(event, PROV.wasDerivedFrom):
                if edge := add(art, event, "đưa tin"):
                    edge.evidence |= {e for e in ev if e[1] == self._art(art)} or {
                        ("", self._art(art))
                    }
                    edge.dates |= dates
        return sorted(out.values(), key=lambda e: (str(e.a), str(e.b), e.label))

    # nodes -------------------------------------------------------------

    def names(self, s: URIRef) -> list[str]:
        """Preferred name first, then the other spellings, for the panel and the search."""
        g, kind = self.g, self.kinds[s]
        if kind == "person":
            pref = _values(g, s, FOAF.name)
        elif kind == "meeting":
            pref = _values(g, s, SCHEMA.name)
        elif kind == "article":
            pref = _values(g, s, SCHEMA.headline) + _values(g, s, SCHEMA.identifier)
        else:
            pref = _values(g, s, SKOS.prefLabel)
        names = [canonical(n) for n in pref + _values(g, s, SKOS.altLabel)]
        if kind == "document":
            names += [canonical(n) for n in _values(g, s, SCHEMA.legislationIdentifier)]
        seen: list[str] = []
        for n in names:
            if n and n not in seen:
                seen.append(n)
        return seen or [str(s).rsplit("/", 1)[-1]]

    def label(self, s: URIRef) -> str:
        name = self.names(s)[0]
        if self.kinds[s] == "meeting" and (date := _first(self.g, s, SCHEMA.startDate)):
            name = f"{name} ({date})"
        return _short(name, _MAX_LABEL)

    def fields(self, s: URIRef) -> list[list[str]]:
        """Kind-specific facts shown under the names: ``[label, value]`` pairs."""
        g, kind = self.g, self.kinds[s]
        rows: list[tuple[str, str | None]] = []
        if kind == "organization":
            places = [
                p for loc in g.objects(s, PG.locality) for p in _values(g, loc, SKOS.prefLabel)
            ]
            rows.append(("Địa phương", "; ".join(sorted(places))))
        elif kind == "document":
            kinds = sorted(
                _DOC_KIND_VI.get(k, str(k)) for k in g.objects(s, SCHEMA.legislationType)
            )
            rows += [
                ("Loại", "; ".join(kinds)),
                ("Số", "; ".join(_values(g, s, SCHEMA.legislationIdentifier))),
                ("Khóa", "; ".join(_values(g, s, PG.term))),
                ("Trích yếu", "; ".join(_values(g, s, SCHEMA.name))),
            ]
        elif kind == "meeting":
            rows.append(("Ngày", _first(g, s, SCHEMA.startDate)))
        elif kind == "article":
            rows += [
                ("Mã", _first(g, s, SCHEMA.identifier)),
                ("Ngày đăng", _first(g, s, SCHEMA.datePublished)),
            ]
        return [[k, canonical(v)] for k, v in rows if v]


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


# ------------------------------------------------------------------ focus


def find_entities(ds_or_graph: Graph, name: str) -> list[tuple[str, str, str]]:
    """Entities one of whose names matches ``name``: ``(iri, kind, label)``, best first.

    Exact matches (diacritics and case ignored) win over names that merely
    contain ``name``; among equals, people and organizations come first.
    """
    return _find(_Model(union_graph(ds_or_graph)), name)


def _find(model: _Model, name: str) -> list[tuple[str, str, str]]:
    want_ascii = ascii_fold(name)
    if not want_ascii.strip():
        return []
    order = list(KINDS)
    scored = []
    for s, kind in model.kinds.items():
        best = None
        for n in model.names(s):
            rank = match_rank(name, n)  # polgraph.core.names: the rule every command uses
            if rank is not None:
                score = max(0, rank - 1)  # case never counts: 0 spelled, 1 without diacritics
            elif want_ascii in ascii_fold(n):
                score = 2
            else:
                continue
            best = score if best is None else min(best, score)
        if best is not None:
            scored.append((best, order.index(kind), model.label(s), str(s), kind))
    scored.sort()
    return [(iri, kind, label) for _b, _o, label, iri, kind in scored]


def _focus_nodes(model: _Model, name: str, depth: int) -> tuple[URIRef, set[URIRef]]:
    """The entity named ``name`` and every node within ``depth`` edges of it."""
    hits = _find(model, name)
    if not hits:
        raise FocusError(f"--focus: no entity is named {name!r}")
    best = [h for h in hits if _find_rank(model, h[0], name) == _find_rank(model, hits[0][0], name)]
    if len(best) > 1 and len({(k, label) for _i, k, label in best}) > 1:
        shown = "; ".join(f"{label} ({KINDS[k][0]})" for _i, k, label in best[:10])
        more = f" and {len(best) - 10} more" if len(best) > 10 else ""
        raise FocusError(f"--focus: {name!r} names several entities: {shown}{more}")
    start = URIRef(best[0][0])
    adj: dict[URIRef, set[URIRef]] = defaultdict(set)
    for e in model.edges:
        adj[e.a].add(e.b)
        adj[e.b].add(e.a)
    seen = {start: 0}
    queue = deque([start])
    while queue:
        s = queue.popleft()
        if seen[s] >= depth:
            continue
        for t in sorted(adj[s], key=str):
            if t not in seen:
                seen[t] = seen[s] + 1
                queue.append(t)
    return start, set(seen)


def _find_rank(model: _Model, iri: str, name: str) -> int:
    names = model.names(URIRef(iri))
    if any(fold(n) == fold(name) for n in names):
        return 0
    if any(ascii_fold(n) == ascii_fold(name) for n in names):
        return 1
    return 2


# ------------------------------------------------------------------ layout


def _force_layout(
    n: int, edges: list[tuple[int, int]], seed: int, iterations: int = 60
) -> np.ndarray:
    """Fruchterman-Reingold for big components, repulsion approximated on a grid.

    Nodes are split into a balanced grid (equal counts per column, then per
    row); nodes in the same cell repel exactly, other cells act as one mass at
    their centroid.  Memory is O(n · cells) instead of O(n²), so 5,000 nodes
    take about a second and ~30 MB, without scipy.
    """
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2)) * 2 - 1
    k = 2 / math.sqrt(n)
    temp = 0.2
    side = max(4, min(16, int(math.sqrt(n / 8))))
    src = np.array([a for a, _ in edges], dtype=int)
    dst = np.array([b for _, b in edges], dtype=int)
    floor = (0.01 * k) ** 2
    for _ in range(iterations):
        # balanced grid: columns of equal count by x, then rows of equal count by y
        col = np.empty(n, dtype=int)
        col[np.argsort(pos[:, 0], kind="stable")] = np.arange(n) * side // n
        by_col = np.lexsort((pos[:, 1], col))
        sizes = np.bincount(col, minlength=side)
        first = np.cumsum(sizes) - sizes
        row = np.empty(n, dtype=int)
        row[by_col] = (np.arange(n) - first[col[by_col]]) * side // sizes[col[by_col]]
        cid = col * side + row
        mass = np.bincount(cid, minlength=side * side).astype(float)
        occupied = np.flatnonzero(mass)
        cx = np.bincount(cid, weights=pos[:, 0], minlength=side * side)[occupied]
        cy = np.bincount(cid, weights=pos[:, 1], minlength=side * side)[occupied]
        m = mass[occupied]
        centroids = np.stack([cx / m, cy / m], axis=1)
        # far field: every other occupied cell as a point mass (n x cells, 2-D arrays only)
        dx = pos[:, :1] - centroids[None, :, 0]
        dy = pos[:, 1:] - centroids[None, :, 1]
        weight = (k * k) * m[None, :] / np.maximum(dx * dx + dy * dy, floor)
        weight[np.arange(n), np.searchsorted(occupied, cid)] = 0.0
        disp = np.stack([(dx * weight).sum(axis=1), (dy * weight).sum(axis=1)], axis=1)
        # near field: exact repulsion between nodes sharing a cell
        order = np.argsort(cid, kind="stable")
        counts = mass[cid[order]].astype(int)
        starts = np.searchsorted(cid[order], cid[order])
        i = np.repeat(order, counts)
        offsets = np.arange(len(i)) - np.repeat(np.cumsum(counts) - counts, counts)
        j = order[np.repeat(starts, counts) + offsets]
        keep = i != j
        i, j = i[keep], j[keep]
        dd = pos[i] - pos[j]
        near = dd * (k * k / np.maximum((dd**2).sum(axis=-1), floor))[:, None]
        np.add.at(disp, i, near)
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
    row_w = 250.0 * math.sqrt(max(len(nodes), 1)) + 400
    for comp in comps:
        radius = 100.0 * math.sqrt(len(comp)) + 60
        sub = g.subgraph(comp)
        if len(comp) == 1:
            local = {comp[0]: np.zeros(2)}
        elif len(comp) < _BIG_COMPONENT:
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
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "font": {"size": 10, "align": "middle", "color": "#555555"},
            "color": {"color": "#b0b0b0", "highlight": "#333333", "hover": "#333333"},
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


def _template() -> str:
    return resources.files("polgraph").joinpath("templates", "network.html").read_text("utf-8")


def to_html(
    ds_or_graph: Graph,
    *,
    title: str = "polgraph",
    focus: str | None = None,
    depth: int = 2,
) -> str:
    """The page as a string (see ``write_html``).

    With ``focus``, only the entities within ``depth`` edges of the one named
    ``focus`` are drawn; ``FocusError`` if no entity, or several, have that name.
    """
    model = _Model(union_graph(ds_or_graph))
    start: URIRef | None = None
    if focus is None:
        keep = set(model.kinds)
    else:
        start, keep = _focus_nodes(model, focus, depth)
    order = sorted(keep, key=str)
    ids = {s: f"n{i}" for i, s in enumerate(order)}
    edges = [e for e in model.edges if e.a in keep and e.b in keep]
    pos = _layout(order, [(e.a, e.b) for e in edges])

    # organizations each node belongs to, with their ancestors (for the organization filter)
    parents: dict[URIRef, set[URIRef]] = defaultdict(set)
    for e in edges:
        if e.label == "trực thuộc":
            parents[e.a].add(e.b)

    def with_ancestors(orgs: set[URIRef]) -> set[URIRef]:
        out, todo = set(), list(orgs)
        while todo:
            o = todo.pop()
            if o not in out:
                out.add(o)
                todo.extend(parents[o])
        return out

    direct: dict[URIRef, set[URIRef]] = defaultdict(set)
    dates: dict[URIRef, set[str]] = defaultdict(set)
    for s in order:
        if model.kinds[s] == "organization":
            direct[s].add(s)
        if model.kinds[s] == "article" and (d := model.article_dates.get(s)):
            dates[s].add(d)
    post_org = {e.a: e.b for e in edges if e.label == "thuộc"}
    for e in edges:
        dates[e.a] |= e.dates
        dates[e.b] |= e.dates
        if e.label in ("thuộc",):
            direct[e.a].add(e.b)
        elif e.label == "giữ chức" and e.b in post_org:
            direct[e.a].add(post_org[e.b])
        elif e.label in ("tổ chức", "ban hành"):
            direct[e.b].add(e.a)
    for e in edges:  # articles and meetings belong to the organizations they report on
        if e.label in ("đưa tin", "ghi nhận"):
            direct[e.a] |= direct[e.b]

    net = Network(height="100%", width="100%", directed=True, heading=title)
    counts: dict[str, int] = defaultdict(int)
    infos = []
    for s in order:
        kind = model.kinds[s]
        counts[kind] += 1
        x, y = pos[s]
        net.nodes.append(
            {"id": ids[s], "label": model.label(s), "group": kind, "shape": KINDS[kind][2],
             "x": x, "y": y}
        )  # fmt: skip
        net.node_ids.append(ids[s])
        names = model.names(s)
        infos.append(
            {
                "kind": kind,
                "iri": str(s),
                "names": names,
                "keys": sorted({ascii_fold(n) for n in names}),
                "fields": model.fields(s),
                "dates": sorted(dates[s]),
                "orgs": sorted(ids[o] for o in with_ancestors(direct[s]) if o in ids),
            }
        )
    edge_infos = []
    for i, e in enumerate(edges):
        edge: dict[str, Any] = {"id": f"e{i}", "from": ids[e.a], "to": ids[e.b], "label": e.label}
        if e.former and all(e.former):
            edge["dashes"] = True
        net.edges.append(edge)
        ev = sorted(e.evidence, key=lambda x: (x[1] < 0, model.article_dates.get(
            model.articles[x[1]]) or "" if x[1] >= 0 else "", x[1], x[0]))  # fmt: skip
        edge_infos.append(
            {
                "ev": [list(x) for x in ev[:_MAX_EVIDENCE]],
                "more": max(0, len(ev) - _MAX_EVIDENCE),
                "dates": sorted(e.dates),
                "former": bool(e.former) and all(e.former),
            }
        )
    g = model.g
    articles = [
        {
            "id": _first(g, a, SCHEMA.identifier) or str(a),
            "title": canonical(_first(g, a, SCHEMA.headline) or ""),
            "date": model.article_dates[a] or "",
            "url": _safe_url(_first(g, a, SCHEMA.url)),
            "node": ids.get(a, ""),
        }
        for a in model.articles
    ]
    orgs = sorted(
        ((model.label(s), ids[s]) for s in order if model.kinds[s] == "organization"),
        key=lambda t: (ascii_fold(t[0]), fold(t[0]), t[1]),
    )
    data = {
        "nodes": infos,
        "edges": edge_infos,
        "articles": articles,
        "kinds": [[k, label, colour] for k, (label, colour, _s) in KINDS.items()],
        "counts": dict(counts),
        "orgs": [[label, nid] for label, nid in orgs],
        "focus": ids[start] if start is not None else "",
    }
    net.options = _options(len(order))
    css, js = _assets()
    env = Environment(loader=DictLoader({"polgraph.html": _template()}), autoescape=False)
    env.globals.update(vis_css=css, vis_js=js, pg_data=_json(data))
    net.templateEnv = env
    net.path = "polgraph.html"
    return net.generate_html()


def write_html(
    ds_or_graph: Graph,
    path: Path,
    *,
    title: str = "polgraph",
    focus: str | None = None,
    depth: int = 2,
) -> None:
    """Write the interactive network as one offline HTML file, atomically."""
    atomic_write_text(path, to_html(ds_or_graph, title=title, focus=focus, depth=depth))
