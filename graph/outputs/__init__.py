"""What is made from the graph: the HTML page, exports, server loads, the SPARQL endpoint,
timelines."""
