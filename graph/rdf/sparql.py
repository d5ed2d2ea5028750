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

Here: loading a graph and running queries (saved ones too).  Binding values into
query text is ``sparql_bind``'s job, answers and their formats ``sparql_results``'.
"""

from __future__ import annotations

import gc
from collections.abc import Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.term import Node

from polgraph.core.text import canonical
from polgraph.rdf.ontology import load_query, ontology_dir, union_graph
from polgraph.rdf.oxstore import is_store, open_store, ox_term
from polgraph.rdf.sparql_bind import (
    _term,
    _variable,
    bind_values,
    looks_like_update,
    parse_params,
    query_variables,
)
from polgraph.rdf.sparql_results import (
    DISPLAY_PREFIXES,
    FORMATS,
    QueryError,
    Result,
    Term,
    compact,
)

__all__ = [  # with the names of sparql_bind and sparql_results callers import from here
    "DISPLAY_PREFIXES",
    "FORMATS",
    "QueryError",
    "Result",
    "bind_values",
    "compact",
    "load_store",
    "parse_params",
    "query_variables",
    "run",
    "run_query",
    "run_saved",
    "saved_queries",
]

RDF_FORMATS = {
    ".trig": ox.RdfFormat.TRIG,
    ".ttl": ox.RdfFormat.TURTLE,
    ".nq": ox.RdfFormat.N_QUADS,
    ".nt": ox.RdfFormat.N_TRIPLES,
}


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


def run(store: ox.Store, query: str, params: Mapping[str, str | Term] | None = None) -> Result:
    """Run SPARQL with ``params`` substituted for their variables (never pasted into the text)."""
    subs: dict[ox.Variable, Term] = {}
    for name, value in (params or {}).items():
        subs[ox.Variable(_variable(name))] = _term(value)
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


def saved_queries() -> dict[str, str]:
    """Saved query name → its first comment line (what it answers)."""
    out: dict[str, str] = {}
    for path in sorted((ontology_dir() / "queries").glob("*.rq")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        out[path.stem] = first.lstrip("# ").strip()
    return out


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
