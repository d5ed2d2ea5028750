"""polgraph: Vietnamese political news to an RDF knowledge graph.

The stages, in the order data flows: ``ingest`` → ``nlp`` → ``extract`` → ``resolve``
→ ``rdf`` → ``outputs``; ``build`` drives them and ``cli`` is a thin layer over ``build``
and the stages.
"""
