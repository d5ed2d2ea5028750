"""Positions for ``graph.html``, computed once when the page is written.

Each locality group (a province, or central bodies) is laid out on its own and
the groups are packed in rows, biggest first, so a reader sees one cluster per
place with its caption, not one hairball.  Inside a group every connected
component gets a seeded spring layout (networkx; a grid-approximated force
layout in numpy for components of 500+ nodes, since networkx needs scipy
there).  Physics is off in the browser, so it only draws.  Everything is
sorted and seeded: the same graph gives the same positions.
"""

from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx
import numpy as np
from rdflib import URIRef

__all__ = ["group_layout"]

_SEED = 20240601
_BIG_COMPONENT = 500


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


def group_layout(
    nodes: list[URIRef], edges: list[tuple[URIRef, URIRef]], groups: dict[URIRef, str]
) -> tuple[dict[URIRef, tuple[int, int]], list[list]]:
    """Positions per node and ``[group, x, y, width, height]`` boxes for the captions.

    Only ``nodes`` are laid out; ``edges`` between nodes of different groups
    are drawn but do not pull the groups together.
    """
    members: dict[str, list[URIRef]] = defaultdict(list)
    for n in nodes:
        members[groups.get(n, "")].append(n)
    inner: dict[str, list[tuple[URIRef, URIRef]]] = defaultdict(list)
    for a, b in edges:
        if groups.get(a, "") == groups.get(b, ""):
            inner[groups.get(a, "")].append((a, b))
    order = sorted(members, key=lambda k: (-len(members[k]), k))
    local = {}
    for key in order:
        pos = _layout(members[key], inner[key])
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        local[key] = (pos, min(xs), min(ys), max(xs) - min(xs) + 160, max(ys) - min(ys) + 160)
    area = sum(w * h for _p, _x, _y, w, h in local.values())
    row_w = max(math.sqrt(area * 2.2), max((v[3] for v in local.values()), default=0))
    positions: dict[URIRef, tuple[int, int]] = {}
    boxes: list[list] = []
    x = y = row_h = 0.0
    gap = 120.0
    for key in order:
        pos, x0, y0, w, h = local[key]
        if x > 0 and x + w > row_w:
            x, y, row_h = 0.0, y + row_h + gap, 0.0
        for n, (px, py) in pos.items():
            positions[n] = (round(x + 80 + px - x0), round(y + 80 + py - y0))
        boxes.append([key, round(x), round(y), round(w), round(h)])
        x += w + gap
        row_h = max(row_h, h)
    return positions, boxes
