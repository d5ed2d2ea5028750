"""SPARQL over a built graph on pyoxigraph, with saved queries and safely bound parameters.

pyoxigraph (Oxigraph's embedded store) answers the saved queries one to two
orders of magnitude faster than rdflib's own engine (``bench/bench_sparql.py``),
so every query the CLI runs goes through it.  A graph is whatever ``build`` made:
an output folder (its ``graph.trig``), a ``.trig``/``.ttl``/``.nq``/``.nt`` file,
or a persistent store folder (``build --store``).  The default graph holds the
union (as a set) of the per-article named graphs, as in rdflib's
``Dataset(default_union=True)``; ``GRAPH ?g`` reaches each article's own graph.

Parameters are bound with Oxigraph's ``substitutions`` (SEP-0007): a value from
the command line becomes an RDF literal standing for its variable and is never
pasted into query text, so ``--param org='x" } ; DROP ALL #'`` is just a label
that matches nothing.
"""

from __future__ import annotations

import csv
import gc
import io
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.term import Node

from polgraph.core.text import canonical, json_printable, printable
from polgraph.core.vocab import ID, PREFIXES
from polgraph.rdf.ontology import load_query, ontology_dir, union_graph
from polgraph.rdf.oxstore import is_store, open_store, ox_term

__all__ = [
    "FORMATS",
    "QueryError",
    "Result",
    "bind_values",
    "load_store",
    "run",
    "run_query",
    "run_saved",
    "saved_queries",
]

FORMATS = ("table", "csv", "json")

DISPLAY_PREFIXES: dict[str, str] = {**PREFIXES, "id": ID}
"""Prefixes for compact table cells; ``id:`` is the data namespace (display only)."""

_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")

RDF_FORMATS = {
    ".trig": ox.RdfFormat.TRIG,
    ".ttl": ox.RdfFormat.TURTLE,
    ".nq": ox.RdfFormat.N_QUADS,
    ".nt": ox.RdfFormat.N_TRIPLES,
}


class QueryError(ValueError):
    """A query, parameter or graph the user gave cannot be used (one-line message)."""


Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


@dataclass(frozen=True)
class Result:
    """A SELECT table (``variables``, ``rows``), an ASK answer, or CONSTRUCT triples."""

    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[ox.Triple, ...] | None = None

    def dicts(self) -> list[dict[str, Term]]:
        """Rows as ``{variable: term}``, unbound variables left out."""
        return [
            {v: t for v, t in zip(self.variables, row, strict=True) if t is not None}
            for row in self.rows
        ]

    def values(self) -> list[dict[str, str]]:
        """Rows as ``{variable: lexical value}`` (IRIs as full strings)."""
        return [{v: t.value for v, t in d.items()} for d in self.dicts()]  # type: ignore[union-attr]

    # output ---------------------------------------------------------------
    def format(self, fmt: str = "table") -> str:
        """Render as ``table`` (aligned, compact IRIs), ``csv`` or ``json`` (SPARQL 1.1 results)."""
        if fmt not in FORMATS:
            raise QueryError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
        if self.boolean is not None:
            if fmt == "json":
                return '{"head":{},"boolean":' + ("true" if self.boolean else "false") + "}\n"
            return ("true" if self.boolean else "false") + "\n"
        # every printed value has its control and bidi characters escaped, so a
        # value holding ESC or BEL cannot drive the terminal it is printed on
        if self.triples is not None:
            # \uXXXX is an N-Triples escape too
            return json_printable("".join(f"{t} .\n" for t in self.triples))
        if fmt == "json":
            return json_printable(_json(self))
        if fmt == "csv":
            out = io.StringIO()
            writer = csv.writer(out, lineterminator="\r\n")
            writer.writerow(self.variables)
            for row in self.rows:
                writer.writerow(
                    ["" if t is None else printable(_csv_cell(t), keep="\n\t") for t in row]
                )
            return out.getvalue()
        return _table(self)


def _csv_cell(term: Term) -> str:
    """SPARQL 1.1 CSV: IRIs and literals as their plain string value."""
    return term.value if not isinstance(term, (ox.BlankNode, ox.Triple)) else str(term)


def compact(term: Term | None) -> str:
    """A readable cell: literals as their text, IRIs with a known prefix."""
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.NamedNode):
        iri = term.value
        for prefix, ns in sorted(DISPLAY_PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns) :]}"
        return f"<{iri}>"
    return str(term)


def _table(result: Result) -> str:
    header = list(result.variables)
    cells = [[printable(compact(t).replace("\n", " ")) for t in row] for row in result.rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(header)]
    lines = [
        "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    n = len(result.rows)
    lines.append(f"({n} row{'s' if n != 1 else ''})")
    return "\n".join(lines) + "\n"


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _json(result: Result) -> str:
    """SPARQL 1.1 Query Results JSON (https://www.w3.org/TR/sparql11-results-json/)."""
    doc = {
        "head": {"vars": list(result.variables)},
        "results": {
            "bindings": [
                {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t}
                for row in result.rows
            ]
        },
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


# ------------------------------------------------------------------ loading


def load_store(path: str | Path) -> ox.Store:
    """An Oxigraph store for a build output folder, an RDF file or a ``--store`` folder."""
    path = Path(path)
    if path.is_dir():
        if is_store(path):
            return open_store(path, read_only=True)
        for name in ("graph.trig", "graph.ttl"):
            if (path / name).is_file():
                return load_store(path / name)
        raise QueryError(f"{path}: no graph.trig, graph.ttl or polgraph store in this folder")
    if not path.is_file():
        raise QueryError(f"{path}: no such file or folder")
    fmt = RDF_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise QueryError(f"{path}: unknown RDF format (use .trig, .ttl, .nq or .nt)")
    store = ox.Store()
    try:
        store.load(path=str(path), format=fmt)
    except SyntaxError as exc:
        raise QueryError(f"{path}: not valid {fmt.name}: {exc}") from exc
    merge_into_default_graph(store)
    return store


def merge_into_default_graph(store: ox.Store) -> None:
    """Copy every named graph's triples into the default graph, once each.

    Queries then see the RDF merge of all articles as a *set*: Oxigraph's
    ``use_default_graph_as_union`` matches a triple once per named graph that
    holds it, so an entity named in 50 articles would repeat rows 50 times.
    """
    default = ox.DefaultGraph()
    store.extend(
        [
            ox.Quad(q.subject, q.predicate, q.object, default)
            for q in store.quads_for_pattern(None, None, None, None)
            if q.graph_name != default
        ]
    )


# ------------------------------------------------------------------ running


def _term(value: str | Term) -> Term:
    return (
        value if isinstance(value, (ox.NamedNode, ox.BlankNode, ox.Literal)) else ox.Literal(value)
    )


def run(store: ox.Store, query: str, params: Mapping[str, str | Term] | None = None) -> Result:
    """Run SPARQL with ``params`` substituted for their variables (never pasted into the text)."""
    subs: dict[ox.Variable, Term] = {}
    for name, value in (params or {}).items():
        key = name.lstrip("?$")
        if not _VARIABLE.match(key):
            raise QueryError(f"bad parameter name {name!r}: use a SPARQL variable name")
        subs[ox.Variable(key)] = _term(value)
    try:
        try:
            answer = store.query(query, substitutions=subs or None)
        except RuntimeError as exc:
            # Oxigraph substitutes only projected variables; a saved query that
            # aggregates (office-holders) filters on one it does not project.
            if not subs or "variable" not in str(exc):
                raise QueryError(f"query failed: {exc}") from exc
            answer = store.query(bind_values(query, params or {}))
    except SyntaxError as exc:
        if looks_like_update(query):
            raise QueryError(
                "query is read-only: this is a SPARQL update; "
                "run SELECT, ASK, CONSTRUCT or DESCRIBE"
            ) from None
        raise QueryError(f"SPARQL syntax error: {exc}") from exc
    except OSError as exc:  # e.g. SERVICE to a server that fails
        raise QueryError(f"query failed: {' '.join(str(exc).split())}") from None
    try:
        if isinstance(answer, ox.QueryBoolean):
            return Result(boolean=bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            variables = tuple(v.value for v in answer.variables)
            return Result(variables=variables, rows=_rows(answer))
        triples = sorted(answer, key=str)
        return Result(triples=tuple(triples))
    except (OSError, RuntimeError, SyntaxError, ValueError) as exc:
        # Evaluation is lazy: a remote SERVICE answer that is cut, HTML or invalid
        # fails only while the rows are read.
        raise QueryError(f"query failed: {' '.join(str(exc).split())}") from None


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


def _rows(solutions: ox.QuerySolutions) -> tuple[tuple[Term | None, ...], ...]:
    """Each solution as a tuple in variable order (``None`` if unbound), collector paused.

    A large answer is hundreds of thousands of new tuples and terms, none of them in a
    cycle, and every collection their allocation sets off walks all those made so far:
    co-attendance's 62,538 rows took ~0.28 s to convert with it running, ~0.15 s without.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return tuple(map(tuple, solutions))
    finally:
        if was_enabled:
            gc.enable()


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
        key = name.lstrip("?$")
        if not _VARIABLE.match(key):
            raise QueryError(f"bad parameter name {name!r}: use a SPARQL variable name")
        terms[key] = _checked(_term(value))
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


def saved_queries() -> dict[str, str]:
    """Saved query name → its first comment line (what it answers)."""
    out: dict[str, str] = {}
    for path in sorted((ontology_dir() / "queries").glob("*.rq")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        out[path.stem] = first.lstrip("# ").strip()
    return out


def query_variables(text: str) -> set[str]:
    """The variable names a query mentions (comments ignored)."""
    body = "\n".join(
        line.split("#", 1)[0] if line.lstrip().startswith("#") else line
        for line in text.splitlines()
    )
    return set(re.findall(r"[?$]([A-Za-z_][A-Za-z0-9_]*)", body))


def run_saved(
    store: ox.Store,
    name: str,
    params: Mapping[str, str | Term] | None = None,
    *,
    match_names: bool = False,
) -> Result:
    """Run ``ontology/queries/NAME.rq`` with its documented parameters (all required
    ones, no others: ``polgraph.rdf.saved``).  ``match_names``: a ``*_label`` or
    ``*_name`` value is first matched to a name the graph has, as ``timeline`` does
    (diacritics optional; ``AmbiguousName`` lists the candidates)."""
    from polgraph.rdf.saved import saved_query

    names = saved_queries()
    if name.removesuffix(".rq") not in names:
        raise QueryError(f"no saved query {name!r}; saved queries: {', '.join(names)}")
    info = saved_query(name)
    problem = info.problems({k.lstrip("?$") for k in params or {}})
    if problem:
        raise QueryError(problem)
    from polgraph.rdf.params import ParamError, bind_typed  # IRIs checked, names looked up

    try:
        params = bind_typed(info, params or {}, store)
    except ParamError as exc:
        raise QueryError(str(exc)) from None
    if match_names and params:
        params = match_labels(store, params)
    return run(store, load_query(name), params)


_ALL_LABELS = """
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?label WHERE { ?x foaf:name|skos:prefLabel|skos:altLabel ?label }"""


def match_labels(store: ox.Store, params: Mapping[str, str | Term]) -> dict[str, str | Term]:
    """Each plain-string ``*_label``/``*_name`` value replaced by the graph's own spelling
    (``polgraph.core.names.match_name``; organizations compared as resolution does).
    A value that matches nothing is kept, and so finds nothing."""
    from polgraph.core.names import match_name
    from polgraph.resolve import org_key

    out: dict[str, str | Term] = dict(params)
    labels: set[str] | None = None
    for key, value in params.items():
        name = key.lstrip("?$")
        if not isinstance(value, str) or not name.endswith(("_label", "_name")):
            continue
        if labels is None:
            labels = {r["label"] for r in run(store, _ALL_LABELS).values()}
        found = match_name(
            value, labels, what=name, key=org_key if name == "org_label" else canonical
        )
        out[key] = found or value
    return out


def parse_params(pairs: Sequence[str]) -> dict[str, str]:
    """``["org=Thành ủy Hà Nội", ...]`` → dict; values are kept verbatim (NFC-normalised)."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"--param {pair!r}: expected NAME=VALUE")
        out[key.strip()] = canonical(value)
    return out


def run_query(ds_or_graph: Graph, name: str, **bindings: str | Node) -> list[dict[str, Node]]:
    """Run a saved query with its variables bound as checked RDF terms, never as raw text.

    Strings become plain literals: ``run_query(ds, "person-posts", person_name="Lê Văn B")``.
    """
    from polgraph.rdf.params import ParamError, bind_typed
    from polgraph.rdf.saved import saved_query

    values = {k: v if isinstance(v, str) and not isinstance(v, Node) else ox_term(v)
              for k, v in bindings.items()}  # fmt: skip
    try:
        values = bind_typed(saved_query(name), values)  # an IRI parameter's text: a checked IRI
    except ParamError as exc:
        raise QueryError(str(exc)) from None
    target = ds_or_graph
    if isinstance(target, Dataset) and target.default_union:
        # rdflib's union Dataset warns (deprecated default_context) on every triple
        # lookup its SPARQL engine makes; the saved queries read the union anyway
        target = union_graph(target)
    result = target.query(bind_values(load_query(name), values))
    return [
        {str(var): row[var] for var in result.vars if row[var] is not None}
        for row in result  # type: ignore[union-attr]
    ]
