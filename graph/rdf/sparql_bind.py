"""SPARQL text: parameter names, values bound as checked terms, updates recognised.

For engines without Oxigraph's substitutions (rdflib, remote endpoints) a value
is written into the query, but only as one RDF term proven to parse back to
itself, never as raw text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import pyoxigraph as ox

from polgraph.core.text import canonical
from polgraph.rdf.sparql_results import QueryError, Term

__all__ = ["bind_values", "looks_like_update", "parse_params", "query_variables"]

_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def _variable(name: str) -> str:
    """A parameter's variable name without its ``?``/``$``; a bad name is a ``QueryError``."""
    key = name.lstrip("?$")
    if not _VARIABLE.match(key):
        raise QueryError(f"bad parameter name {name!r}: use a SPARQL variable name")
    return key


def _term(value: str | Term) -> Term:
    return (
        value if isinstance(value, (ox.NamedNode, ox.BlankNode, ox.Literal)) else ox.Literal(value)
    )


_UPDATE = re.compile(
    r"(?:\s|\#[^\n]*\n?|(?:PREFIX\s+[^\s:]*:\s*<[^>]*>)|(?:BASE\s*<[^>]*>))*"
    r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
    re.IGNORECASE,
)


def looks_like_update(text: str) -> bool:
    """Whether SPARQL text starts (after its prologue) like an update, not a query.

    >>> looks_like_update("PREFIX ex: <http://e/> # note\\nINSERT DATA { ex:a ex:b ex:c }")
    True
    >>> looks_like_update("SELECT * WHERE { ?s ?p ?o }")
    False
    """
    return bool(_UPDATE.match(text))


def _checked(term: Term) -> str:
    """The term in SPARQL syntax, proven to parse back to itself alone.

    Oxigraph writes terms in N-Triples syntax with every quote, backslash and
    control character escaped; the term is then parsed on its own in a VALUES
    block and must come back as exactly one, identical term, so no value can
    reach the query as anything but one RDF term.
    """
    text = str(term)
    probe = ox.Store().query(f"SELECT ?x WHERE {{ VALUES ?x {{ {text} }} }}")
    rows = [s["x"] for s in probe]  # type: ignore[union-attr]
    if rows != [term]:
        raise QueryError(f"parameter value cannot be bound safely: {term!r}")
    return text


_LEXEME = re.compile(
    r"""
      (?P<comment>\#[^\n]*)
    | (?P<string>"{3}(?:[^"\\]|\\.|"(?!""))*"{3} | '{3}(?:[^'\\]|\\.|'(?!''))*'{3}
                 | "(?:[^"\\\n]|\\.)*" | '(?:[^'\\\n]|\\.)*')
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<where>\bWHERE\s*\{)
    | (?P<open>\{)
    | (?P<close>\})
    | (?P<var>[?$][A-Za-z_][A-Za-z0-9_]*)
    """,
    re.VERBOSE | re.IGNORECASE,
)


def _where_groups(query: str) -> list[tuple[int, bool, set[str]]]:
    """Each ``WHERE { ... }`` group: (offset just inside its brace, is it the outermost,
    the variables mentioned in it).  Comments, strings and IRIs are skipped."""
    stack: list[tuple[int, bool, set[str]] | None] = []
    groups: list[tuple[int, bool, set[str]]] = []
    for m in _LEXEME.finditer(query):
        kind = m.lastgroup
        if kind == "where":
            stack.append((m.end(), not any(stack), set()))
        elif kind == "open":
            stack.append(None)
        elif kind == "close" and stack:
            group = stack.pop()
            if group is not None:
                groups.append(group)
        elif kind == "var":
            for group in stack:
                if group is not None:
                    group[2].add(m.group()[1:])
    return groups


def bind_values(query: str, params: Mapping[str, str | Term]) -> str:
    """The query with each parameter bound by a one-row ``VALUES`` block: for engines
    without Oxigraph's substitutions (rdflib, remote endpoints), and Oxigraph's fallback.

    A saved query is a template: a parameter means the same value wherever it is
    written.  So the values open the outermost ``WHERE`` group (they join the whole
    pattern) and also every subquery that mentions them, where they select early
    instead of filtering an aggregate of the whole graph afterwards.  Each value is
    written as one RDF term proven to parse back to itself (``_checked``).

    >>> print(bind_values("SELECT ?x WHERE { ?x ?p ?y }", {"y": 'a "b"'}))
    SELECT ?x WHERE {
      VALUES (?y) { ("a \\"b\\"") }
     ?x ?p ?y }
    """
    if not params:
        return query
    terms: dict[str, str] = {}
    for name, value in params.items():
        terms[_variable(name)] = _checked(_term(value))
    groups = _where_groups(query)
    if not any(outermost for _at, outermost, _names in groups):
        raise QueryError("cannot bind parameters: the query has no WHERE clause")
    inserts = []
    for at, outermost, mentioned in groups:
        names = sorted(terms) if outermost else sorted(n for n in terms if n in mentioned)
        if names:
            head = " ".join(f"?{n}" for n in names)
            row = " ".join(terms[n] for n in names)
            inserts.append((at, f"\n  VALUES ({head}) {{ ({row}) }}\n"))
    for at, text in sorted(inserts, reverse=True):
        query = query[:at] + text + query[at:]
    return query


def query_variables(text: str) -> set[str]:
    """The variable names a query mentions (comments ignored)."""
    body = "\n".join(
        line.split("#", 1)[0] if line.lstrip().startswith("#") else line
        for line in text.splitlines()
    )
    return set(re.findall(r"[?$]([A-Za-z_][A-Za-z0-9_]*)", body))


def parse_params(pairs: Sequence[str]) -> dict[str, str]:
    """``["org=Thành ủy Hà Nội", ...]`` → dict; values are kept verbatim (NFC-normalised)."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"--param {pair!r}: expected NAME=VALUE")
        out[key.strip()] = canonical(value)
    return out
