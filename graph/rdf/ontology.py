"""The ontology, SHACL shapes and saved SPARQL queries shipped with polgraph.

They live in the repository's ``ontology/`` folder, installed as the package
``polgraph.ontology`` so that a wheel carries them too.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from rdflib import Graph

from polgraph.core.vocab import PREFIXES
from polgraph.rdf.index import TripleIndex
from polgraph.rdf.turtle import triples

__all__ = ["load_query", "ontology_dir", "union_graph", "validate"]


def ontology_dir() -> Path:
    """Where ``polgraph.ttl``, ``shapes.ttl`` and ``queries/`` live (the ``polgraph.ontology``
    package: the repository's ``ontology/`` folder, installed with the code)."""
    return Path(str(resources.files("polgraph.ontology")))


def load_query(name: str) -> str:
    """Text of a saved query, ``name`` with or without ``.rq``."""
    stem = name.removesuffix(".rq")
    if not re.fullmatch(r"[a-z0-9-]+", stem):
        raise ValueError(f"bad query name {name!r}")
    return (ontology_dir() / "queries" / f"{stem}.rq").read_text(encoding="utf-8")


def union_graph(ds_or_graph: Graph) -> Graph:
    """A plain graph holding every triple (what SHACL and the page look at, read only).

    A plain ``Graph`` already is one and is returned as it is: copying the 300k
    triples of a large build's graph cost more than drawing its page.
    """
    if type(ds_or_graph) is Graph or isinstance(ds_or_graph, TripleIndex):
        return ds_or_graph  # type: ignore[return-value]  # read the same way
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)
    for t in triples(ds_or_graph):
        g.add(t)
    return g


def validate(ds_or_graph: Graph) -> tuple[bool, str]:
    """Check the merged graph against ``ontology/shapes.ttl``; (conforms, report text).

    pyshacl is a runtime dependency, imported here because it loads slowly.
    """
    import pyshacl
    shapes = Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")
    conforms, _report, text = pyshacl.validate(
        union_graph(ds_or_graph), shacl_graph=shapes, inference="none", advanced=True
    )
    return bool(conforms), str(text)
