"""Deterministic Turtle and TriG of an rdflib graph or dataset.

rdflib's own serialisers do not give a stable order; these sort subjects,
predicates and objects and write one statement per line, so the same statements
give byte-identical text.  There are no blank nodes in polgraph's graphs; one that
a user's graph holds is named from a digest of its id.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from polgraph.core.atomic import atomic_write_text
from polgraph.core.vocab import PREFIXES, RDF, XSD

__all__ = ["to_trig", "to_turtle", "triples", "write_trig", "write_turtle"]


def _digest(*parts: object) -> str:
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8", "replace")).hexdigest()[:16]


_PN_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_ECHAR = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_literal(text: str) -> str:
    out: list[str] = []
    for ch in text:
        code = ord(ch)
        if ch in _ECHAR:
            out.append(_ECHAR[ch])
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04X}")
        elif 0xD800 <= code <= 0xDFFF:  # a lone surrogate cannot be written as UTF-8
            out.append("\\uFFFD")
        else:
            out.append(ch)
    return "".join(out)


class _Writer:
    """Turtle/TriG terms with prefixes; records which prefixes were used."""

    def __init__(self) -> None:
        self.ns = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))  # longest match first
        self.used: set[str] = set()

    def iri(self, iri: str) -> str:
        for prefix, ns in self.ns:
            if iri.startswith(ns) and _PN_LOCAL.match(iri[len(ns) :]):
                self.used.add(prefix)
                return f"{prefix}:{iri[len(ns) :]}"
        if _IRI_FORBIDDEN.search(iri):
            raise ValueError(f"not a valid IRI: {iri!r}")
        return f"<{iri}>"

    def term(self, term: Node) -> str:
        if isinstance(term, Literal):
            text = f'"{_escape_literal(str(term))}"'
            if term.language:
                return f"{text}@{term.language}"
            if term.datatype and term.datatype != XSD.string:
                return f"{text}^^{self.iri(str(term.datatype))}"
            return text
        if isinstance(term, BNode):
            return f"_:b{_digest(term)}"
        if term == RDF.type:
            return "a"
        return self.iri(str(term))

    def prefixes(self) -> str:
        return "".join(f"@prefix {p}: <{PREFIXES[p]}> .\n" for p in sorted(self.used))


def _sort_key(term: Node) -> tuple[int, str, str, str]:
    if isinstance(term, Literal):
        return (2, str(term), str(term.datatype or ""), term.language or "")
    return (1 if isinstance(term, BNode) else 0, str(term), "", "")


def _block(w: _Writer, triples: Iterable[tuple[Node, Node, Node]], indent: str) -> list[str]:
    """Subjects sorted, rdf:type first, then predicates and objects sorted; one per line."""
    by_subject: dict[Node, list[tuple[Node, Node]]] = defaultdict(list)
    for s, p, o in set(triples):
        by_subject[s].append((p, o))
    lines: list[str] = []
    for s in sorted(by_subject, key=_sort_key):
        pairs = sorted(
            by_subject[s], key=lambda po: (po[0] != RDF.type, w.term(po[0]), _sort_key(po[1]))
        )
        lines.append(f"{indent}{w.term(s)}")
        for i, (p, o) in enumerate(pairs):
            end = " ." if i == len(pairs) - 1 else " ;"
            lines.append(f"{indent}    {w.term(p)} {w.term(o)}{end}")
        lines.append("")
    return lines


def triples(ds_or_graph: Graph) -> Iterator[tuple[Node, Node, Node]]:
    """All triples: the union of every graph of a dataset, or a graph's own."""
    if isinstance(ds_or_graph, Dataset):
        for s, p, o, _g in ds_or_graph.quads((None, None, None, None)):
            yield s, p, o
    else:
        yield from ds_or_graph.triples((None, None, None))


def to_turtle(ds_or_graph: Graph) -> str:
    """Deterministic Turtle of the merged graph (every named graph's triples)."""
    w = _Writer()
    body = _block(w, triples(ds_or_graph), "")
    return w.prefixes() + "\n" + "\n".join(body)


def to_trig(ds: Dataset) -> str:
    """Deterministic TriG: the default graph's own triples, then each named graph, sorted."""
    w = _Writer()
    graphs: dict[Node, set[tuple[Node, Node, Node]]] = defaultdict(set)
    for s, p, o, g in ds.quads((None, None, None, None)):
        graphs[g if g is not None else DATASET_DEFAULT_GRAPH_ID].add((s, p, o))
    parts: list[str] = []
    default = graphs.pop(DATASET_DEFAULT_GRAPH_ID, set())
    if default:
        parts.append("\n".join(_block(w, default, "")))
    for g in sorted(graphs, key=_sort_key):
        inner = _block(w, graphs[g], "    ")
        parts.append(f"{w.term(g)} {{\n" + "\n".join(inner[:-1]) + "\n}\n")
    return w.prefixes() + "\n" + "\n".join(parts)


def write_turtle(ds: Graph, path: Path) -> None:
    """Write the merged graph as Turtle, atomically and byte-deterministically."""
    atomic_write_text(path, to_turtle(ds))


def write_trig(ds: Dataset, path: Path) -> None:
    """Write the per-article named graphs as TriG, atomically and byte-deterministically."""
    atomic_write_text(path, to_trig(ds))
