"""Read a published graph (a build's folder, an RDF file or a ``--store``) for walking it.

The page and the per-entity pages walk the graph by subject and predicate; they get
every statement of every named graph once, in a ``TripleIndex`` (no rdflib ``Graph``:
building one for a large build's graph took longer than drawing its pages).
"""

from __future__ import annotations

import os

from polgraph.rdf.index import TripleIndex, rdflib_terms
from polgraph.rdf.sparql import load_store

__all__ = ["read_graph"]


def read_graph(path: str | os.PathLike[str]) -> TripleIndex:
    """Every statement at ``path`` once; raises ``QueryError`` naming the path if unreadable."""
    store = load_store(path)
    return TripleIndex(rdflib_terms(store.quads_for_pattern(None, None, None, None)))
