"""A read-only graph in plain dictionaries, for readers that walk a graph by subject and predicate.

The page model (``polgraph.outputs.html_model``) asks "the objects of ``s`` by
``p``" hundreds of thousands of times and never changes the graph.  An rdflib
``Graph`` answers that through its store's generic triple-pattern machinery:
filling one from a 250k-triple build took 1.8 s and reading it 1.6 s more, the
build's slowest step after extraction.  ``TripleIndex`` keeps two nested dictionaries
(subject → predicate → objects, predicate → object → subjects) filled straight from
Oxigraph's parser, with the same rdflib terms, and answers the few calls readers
make (``objects``, ``subjects``, ``subject_objects``, ``value``, ``triples``) in
rdflib's argument order, so a reader written against ``Graph`` takes either.
Objects come back in the order the file gives them, each once.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

__all__ = ["TripleIndex", "rdflib_terms"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_MEMO_LIMIT = 1 << 20

Triple = tuple[Node, Node, Node]


def rdflib_terms(statements: Iterable[ox.Triple | ox.Quad]) -> Iterator[Triple]:
    """Oxigraph's triples (or quads: their graph is dropped) as rdflib terms, each
    distinct term built once (IRIs and labels recur; the memo is bounded all the same)."""
    made: dict[object, Node] = {}

    def term(t: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
        found = made.get(t)
        if found is None:
            if isinstance(t, ox.NamedNode):
                found = URIRef(t.value)
            elif isinstance(t, ox.Literal):
                kind = t.datatype.value
                if t.language:
                    found = Literal(t.value, lang=t.language)
                elif kind == _XSD_STRING:
                    found = Literal(t.value)
                else:
                    found = Literal(t.value, datatype=URIRef(kind))
            else:
                found = BNode(t.value)
            if len(made) < _MEMO_LIMIT:
                made[t] = found
        return found

    for s in statements:
        yield term(s.subject), term(s.predicate), term(s.object)  # type: ignore[arg-type]


class TripleIndex:
    """Triples indexed by subject and by predicate; see the module docstring."""

    def __init__(self, triples: Iterable[Triple] = ()) -> None:
        self._sp: dict[Node, dict[Node, dict[Node, None]]] = {}
        self._po: dict[Node, dict[Node, dict[Node, None]]] = {}
        self._len = 0
        for t in triples:
            self.add(t)

    @classmethod
    def parse(
        cls, path: str | os.PathLike[str], fmt: ox.RdfFormat = ox.RdfFormat.TURTLE
    ) -> TripleIndex:
        """An RDF file's triples (for a dataset format, those of every graph)."""
        return cls(rdflib_terms(ox.parse(path=str(path), format=fmt)))

    def add(self, triple: Triple) -> None:
        s, p, o = triple
        objects = self._sp.setdefault(s, {}).setdefault(p, {})
        if o not in objects:
            objects[o] = None
            self._po.setdefault(p, {}).setdefault(o, {})[s] = None
            self._len += 1

    def __len__(self) -> int:
        return self._len

    def __iter__(self) -> Iterator[Triple]:
        return self.triples((None, None, None))

    def objects(self, subject: Node | None = None, predicate: Node | None = None) -> Iterator[Node]:
        if subject is not None and predicate is not None:
            yield from self._sp.get(subject, {}).get(predicate, ())
        else:
            for _s, _p, o in self.triples((subject, predicate, None)):
                yield o

    def subjects(self, predicate: Node | None = None, obj: Node | None = None) -> Iterator[Node]:
        """Subjects with ``predicate`` (and ``obj``), each once."""
        if predicate is not None and obj is not None:
            yield from self._po.get(predicate, {}).get(obj, ())
            return
        seen: dict[Node, None] = {}
        for s, _p, _o in self.triples((None, predicate, obj)):
            if s not in seen:
                seen[s] = None
                yield s

    def subject_objects(self, predicate: Node) -> Iterator[tuple[Node, Node]]:
        for s, _p, o in self.triples((None, predicate, None)):
            yield s, o

    def value(self, subject: Node, predicate: Node) -> Node | None:
        """One object of ``subject`` by ``predicate`` (the first the file gave), or None."""
        return next(iter(self._sp.get(subject, {}).get(predicate, ())), None)

    def triples(self, pattern: tuple[Node | None, Node | None, Node | None]) -> Iterator[Triple]:
        """The triples matching ``pattern`` (None matches anything), as rdflib's ``triples``."""
        s, p, o = pattern
        if s is None and p is not None:  # by predicate (and object)
            by_object = self._po.get(p, {})
            pairs = by_object.items() if o is None else [(o, by_object.get(o, {}))]
            for oo, subjects in pairs:
                for ss in subjects:
                    yield ss, p, oo
            return
        rows = self._sp.items() if s is None else [(s, self._sp.get(s, {}))]
        for ss, by_predicate in rows:
            pairs = by_predicate.items() if p is None else [(p, by_predicate.get(p, {}))]
            for pp, objects in pairs:
                if o is None:
                    for oo in objects:
                        yield ss, pp, oo
                elif o in objects:
                    yield ss, pp, o
