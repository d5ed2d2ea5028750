"""The ontology, SHACL shapes and saved SPARQL queries, installed as ``polgraph.ontology``."""
