"""One article's statements as N-Triples text, and the names Oxigraph writes them with.

The build's hot path: ``polgraph.rdf.statements``' per-article converter, writing
N-Triples lines instead of rdflib terms (no ``Literal`` to build and hash per
value).  The lines are sorted and handed to Oxigraph, which merges, sorts and
serialises them (``polgraph.build.merge``); the same lines fill the ``--store``.
"""

from __future__ import annotations

import re
from typing import Any

from polgraph.core.model import ArticleFacts
from polgraph.rdf.statements import _ArticleGraph
from polgraph.rdf.turtle import _escape_literal

__all__ = ["by_subject", "named_counts", "prefixes", "triples_of"]

_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f\x7f"\\\ud800-\udfff]')
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class _Literal(str):
    """A literal already written in N-Triples syntax (what ``LineGraph`` makes)."""

    __slots__ = ()


_XSD = "http://www.w3.org/2001/XMLSchema#"
_join = "".join
_TRUE = _Literal(f'"true"^^<{_XSD}boolean>')
_FALSE = _Literal(f'"false"^^<{_XSD}boolean>')


def _quoted(value: str) -> str:
    return '"' + (_escape_literal(value) if _NEEDS_ESCAPE.search(value) else value) + '"'


class LineGraph(_ArticleGraph):
    """``polgraph.rdf``'s per-article converter writing N-Triples lines, not rdflib terms.

    Same statements (``tests/test_parallel_identical.py`` compares with the
    in-memory build), without building and hashing an rdflib ``Literal`` per
    value: the largest cost of a streaming build after extraction.
    """

    def __init__(self, g: dict[str, set[str]], *args: Any) -> None:
        super().__init__(g, *args)  # type: ignore[arg-type]
        self._subject: Any = None  # the last subject, its key and its lines
        self._key = ""
        self._lines: set[str] = set()

    def add(self, s: Any, p: Any, o: Any) -> None:
        # joins, not f-strings: formatting a str subclass (URIRef) calls its __format__
        if s is self._subject:  # a node's statements mostly come one after the other
            subject, lines = self._key, self._lines
        else:
            subject = _join(("<", s, ">"))
            lines = self.g.get(subject)
            if lines is None:
                lines = self.g[subject] = set()
            self._subject, self._key, self._lines = s, subject, lines
        if type(o) is _Literal:
            lines.add(_join((subject, " <", p, "> ", o)))
        else:
            lines.add(_join((subject, " <", p, "> <", o, ">")))

    def text(self, value: str) -> Any:
        return _Literal(_quoted(value))

    def integer(self, value: int) -> Any:
        return _Literal(f'"{int(value)}"^^<{_XSD}integer>')

    def boolean(self, value: bool) -> Any:
        return _TRUE if value else _FALSE

    def date(self, value: Any) -> Any:
        return _Literal(f'"{value.isoformat()}"^^<{_XSD}date>')

    def any_uri(self, value: str) -> Any:
        return _Literal(f"{_quoted(value)}^^<{_XSD}anyURI>")

    def typed(self, lexical: str, datatype: Any) -> Any:
        return _Literal(f"{_quoted(lexical)}^^<{datatype}>")


def triples_of(facts: ArticleFacts, resolver: Any, labels: Any, person_iri: Any) -> list[str]:
    """One article's statements as N-Triples lines without the final " .", after resolution."""
    f = resolver.rewrite(facts) if resolver is not None else facts
    return [line for lines in by_subject(f, labels, person_iri).values() for line in lines]


def by_subject(facts: ArticleFacts, labels: Any, person_iri: Any) -> dict[str, set[str]]:
    """One article's (resolved) statements as N-Triples lines without the final " .",
    by subject (``"<iri>"``, how each of its lines begins).

    Sorting the subjects, then each one's lines, sorts all the lines: no subject
    in angle brackets begins another (an IRI has no ``>``), so two lines of two
    subjects compare as their subjects do.
    """
    lines: dict[str, set[str]] = {}
    LineGraph(lines, facts, labels, person_iri).build()
    return lines


def prefixes() -> dict[str, str]:
    """The prefixes of every file polgraph writes, sorted (deterministic headers)."""
    from polgraph.core.vocab import PREFIXES

    return {p: str(ns) for p, ns in sorted(PREFIXES.items())}


def named_counts(counts: dict[str, int]) -> dict[str, int]:
    """``{"<iri>": n}`` → ``{"prefix:name": n}``, sorted, as ``report.json`` shows them."""
    from polgraph.rdf.turtle import _Writer

    w = _Writer()
    return dict(sorted((w.iri(iri[1:-1]), n) for iri, n in counts.items()))
