"""Oxigraph stores: a ``--store`` folder's store, and rdflib terms as pyoxigraph terms."""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

__all__ = ["MANIFEST", "is_store", "open_store", "ox_term"]

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
