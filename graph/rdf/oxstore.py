"""Oxigraph stores: a ``--store`` folder's store, and rdflib terms as pyoxigraph terms."""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from polgraph.rdf.index import rdflib_terms

__all__ = [
    "MANIFEST",
    "is_store",
    "open_store",
    "ox_term",
    "rdflib_dataset",
    "rdflib_graph",
    "rdflib_term",
    "union_rdflib",
]

MANIFEST = "manifest.json"
"""The file that marks a folder as a polgraph store (beside its ``oxigraph/`` folder)."""


def is_store(path: Path) -> bool:
    """Whether ``path`` is a folder made by ``update_store``."""
    return (path / MANIFEST).is_file() and (path / "oxigraph").is_dir()


def open_store(path: str | os.PathLike[str], *, read_only: bool = False) -> ox.Store:
    """The Oxigraph store inside a store folder."""
    where = str(Path(path) / "oxigraph")
    return ox.Store.read_only(where) if read_only else ox.Store(where)


def ox_term(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as the same pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store {term!r}")


def rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    """A pyoxigraph term as the same rdflib term (the inverse of ``ox_term``)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value != _XSD_STRING:
            return Literal(term.value, datatype=URIRef(term.datatype.value))
        return Literal(term.value)
    raise TypeError(f"cannot convert {term!r}")


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def union_rdflib(store: ox.Store) -> Graph:
    """Every triple of every graph of ``store`` once, as a plain rdflib ``Graph``.

    For rdflib-only tools (pyshacl): converting term by term avoids rdflib's
    N-Quads/TriG parsers and union ``Dataset``, which raise deprecation warnings
    from rdflib's own code on every use.
    """
    g = Graph()
    for q in store.quads_for_pattern(None, None, None, None):
        g.add((rdflib_term(q.subject), rdflib_term(q.predicate), rdflib_term(q.object)))  # type: ignore[arg-type]
    return g


def rdflib_dataset(store: ox.Store) -> Dataset:
    """The quads of ``store`` as an rdflib ``Dataset(default_union=True)``, named graphs kept.

    Read with pyoxigraph and added graph by graph: rdflib's TriG and N-Quads
    parsers raise deprecation warnings from rdflib's own code on every file.
    """
    ds = Dataset(default_union=True)
    graphs: dict[str, Graph] = {}
    for q in store.quads_for_pattern(None, None, None, None):
        if isinstance(q.graph_name, ox.DefaultGraph):
            target = ds.default_graph
        else:
            key = q.graph_name.value  # type: ignore[union-attr]
            if key not in graphs:
                graphs[key] = ds.graph(rdflib_term(q.graph_name))  # type: ignore[arg-type]
            target = graphs[key]
        target.add((rdflib_term(q.subject), rdflib_term(q.predicate), rdflib_term(q.object)))  # type: ignore[arg-type]
    return ds


def rdflib_graph(path: str | os.PathLike[str], fmt: ox.RdfFormat = ox.RdfFormat.TURTLE) -> Graph:
    """An RDF file as an rdflib ``Graph``, parsed by Oxigraph (twice as fast as rdflib's parser).

    For callers that need rdflib's API (the HTML page); the terms are those
    rdflib's own parser makes, each distinct term built once.  The store is rdflib's
    ``SimpleMemory`` (no per-triple context bookkeeping): a third faster to fill and
    to read than the default.
    """
    from polgraph.core.vocab import PREFIXES

    g = Graph(store="SimpleMemory")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)
    quads = ox.parse(path=str(path), format=fmt)
    g.addN((s, p, o, g) for s, p, o in rdflib_terms(quads))
    return g
