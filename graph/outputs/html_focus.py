"""Finding entities by name for ``--focus`` and the page's search, and their neighbourhoods.

Names match as everywhere in polgraph (``polgraph.core.names``): exact spelling
first, then without diacritics, then containing the name; ``Name (hint)`` as the
page shows it picks one of several namesakes.
"""

from __future__ import annotations

import re
from collections import deque

from rdflib import Graph, URIRef

from polgraph.core.names import match_rank
from polgraph.core.text import ascii_fold, canonical
from polgraph.outputs.html_model import KINDS, Model
from polgraph.rdf import union_graph

__all__ = ["FocusError", "find_entities", "neighbourhood", "resolve_focus"]


class FocusError(ValueError):
    """``--focus`` matched no entity, or several equally well (the message lists them)."""


def find_entities(ds_or_graph: Graph, name: str) -> list[tuple[str, str, str]]:
    """Entities one of whose names matches ``name``: ``(iri, kind, label)``, best first.

    Exact matches (diacritics and case ignored) win over names that merely
    contain ``name``; among equals, people and organizations come first.
    """
    hits = _find(Model(union_graph(ds_or_graph)), name)
    return [(iri, kind, label) for _r, iri, kind, label in hits]


def _find(model: Model, name: str) -> list[tuple[int, str, str, str]]:
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
    return [(b, iri, kind, label) for b, _o, label, iri, kind in scored]


def disambiguated(model: Model, s: URIRef) -> str:
    """``Name (latest post · province)``: what the search list shows and ``--focus`` accepts."""
    hint = model.hint(s)
    return f"{model.label(s)} ({hint})" if hint else model.label(s)


def resolve_focus(model: Model, spec: str) -> URIRef:
    """The one entity ``spec`` names: an IRI, a name, or ``Name (hint)`` as the page shows it."""
    spec = canonical(spec)
    if URIRef(spec) in model.kinds:
        return URIRef(spec)
    hits = _find(model, spec)
    match = re.fullmatch(r"(.+?)\s*\((.+)\)", spec)
    if match:  # "Name (post · province)": the name, narrowed by the hint
        base, hint = match.groups()
        narrowed = [
            h for h in _find(model, base)
            if ascii_fold(hint) in ascii_fold(model.hint(URIRef(h[1])))
        ]  # fmt: skip
        exact = [
            h for h in narrowed
            if ascii_fold(disambiguated(model, URIRef(h[1]))) == ascii_fold(spec)
        ]  # fmt: skip
        hits = exact or narrowed or hits
    if not hits:
        raise FocusError(f"--focus: no entity is named {spec!r}")
    best = [h for h in hits if h[0] == hits[0][0]]
    if len(best) > 1:
        lines = [f"  {disambiguated(model, URIRef(iri))}  <{iri}>" for _r, iri, _k, _l in best[:20]]
        more = [f"  … and {len(best) - 20} more"] if len(best) > 20 else []
        raise FocusError(
            f"--focus: {spec!r} names several entities; pass one of these names or IRIs:\n"
            + "\n".join(lines + more)
        )
    return URIRef(best[0][1])


def neighbourhood(model: Model, start: URIRef, depth: int) -> set[URIRef]:
    """``start`` and every node within ``depth`` edges of it."""
    adj = model.adjacency()
    seen = {start: 0}
    queue = deque([start])
    while queue:
        s = queue.popleft()
        if seen[s] >= depth:
            continue
        for i in adj[s]:
            e = model.edges[i]
            t = e.b if e.a == s else e.a
            if t not in seen:
                seen[t] = seen[s] + 1
                queue.append(t)
    return set(seen)


def _focus_nodes(model: Model, spec: str, depth: int) -> tuple[URIRef, set[URIRef]]:
    """The entity ``spec`` names and every node within ``depth`` edges of it."""
    start = resolve_focus(model, spec)
    return start, neighbourhood(model, start, depth)
