"""Facts → RDF, and the RDF that polgraph writes and reads.

``statements`` turns resolved facts into per-article named graphs, ``turtle`` writes
rdflib graphs deterministically, ``oxstore`` and ``sparql`` open graphs in Oxigraph
and query them, ``ontology`` holds the vocabulary, shapes and saved queries.
"""

from polgraph.core.iris import KINDS, graph_iri, iri_for, post_iri
from polgraph.rdf.dataset import add_links, facts_to_dataset, new_dataset, resolved_dataset
from polgraph.rdf.ontology import load_query, ontology_dir, union_graph, validate
from polgraph.rdf.sparql import run_query
from polgraph.rdf.turtle import to_trig, to_turtle, write_trig, write_turtle

__all__ = [
    "KINDS",
    "add_links",
    "facts_to_dataset",
    "graph_iri",
    "iri_for",
    "load_query",
    "new_dataset",
    "ontology_dir",
    "post_iri",
    "resolved_dataset",
    "run_query",
    "to_trig",
    "to_turtle",
    "union_graph",
    "validate",
    "write_trig",
    "write_turtle",
]
