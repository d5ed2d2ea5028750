"""Export the graph to the formats other tools read: RDF serialisations, GraphML/GEXF, Neo4j.

=========  =================================================================
format     what is written to ``out``
=========  =================================================================
jsonld     JSON-LD 1.1 with a compact ``@context`` (polgraph's prefixes plus
           ``pgid:`` for data IRIs); one ``@graph`` object per article graph
nquads     N-Quads, the per-article named graphs (provenance kept)
ntriples   N-Triples, the merged graph
graphml    GraphML of ``polgraph.outputs.netx.to_networkx`` (Gephi, Cytoscape, yEd)
gexf       GEXF 1.2 of the same property graph (Gephi)
neo4j      a folder: ``nodes/<Label>.csv`` and ``relationships/<TYPE>.csv``
           with ``neo4j-admin database import`` headers, ``import.sh``
           running that import, and ``load.cypher`` (constraints + ``LOAD
           CSV``) for a running database
ftm        FollowTheMoney entities, JSON lines (``polgraph.outputs.export_ftm``)
popolo     Popolo JSON (``polgraph.outputs.export_popolo``)
quickstatements  a folder: Wikidata QuickStatements v1 for reconciled
           holdings and a CSV of the rest to reconcile
           (``polgraph.outputs.export_wikidata``)
=========  =================================================================

Every format is deterministic (sorted, no timestamps) and written atomically.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shlex
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox
from rdflib import Dataset, Graph

from polgraph.core.atomic import atomic_open, atomic_output_dir, atomic_write_text
from polgraph.core.vocab import ID, PREFIXES
from polgraph.outputs.netx import to_networkx

__all__ = [
    "FORMATS",
    "JSONLD_CONTEXT",
    "NEO4J_LABELS",
    "export",
    "to_jsonld",
    "to_nquads",
    "to_ntriples",
    "write_neo4j",
]

FORMATS = ("jsonld", "nquads", "ntriples", "graphml", "gexf", "neo4j", "ftm", "popolo",
           "quickstatements")  # fmt: skip

JSONLD_CONTEXT: dict[str, str] = {**PREFIXES, "pgid": ID}
"""The compact ``@context``: prefixes only, so every key and value stays an IRI."""

NEO4J_LABELS = {
    "person": "Person",
    "organization": "Organization",
    "document": "Document",
    "event": "Meeting",
    "place": "Place",
    "article": "Article",
}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


# ------------------------------------------------------------------ RDF


def _store(source: Graph | ox.Store | str | os.PathLike[str]) -> ox.Store:
    """Quads of any accepted source in a pyoxigraph store (fast, validating)."""
    if isinstance(source, ox.Store):
        return source
    if isinstance(source, Graph):
        from polgraph.rdf import to_trig, to_turtle

        store = ox.Store()
        text = to_trig(source) if isinstance(source, Dataset) else to_turtle(source)
        store.bulk_load(text.encode("utf-8"), format=ox.RdfFormat.TRIG)
        return store
    from polgraph.outputs.load import open_store

    return open_store(source)


def _sorted_quads(store: ox.Store) -> list[ox.Quad]:
    return sorted(store, key=str)


def to_nquads(source: Graph | ox.Store | str | os.PathLike[str]) -> bytes:
    """N-Quads, one statement per line, sorted."""
    return ox.serialize(_sorted_quads(_store(source)), format=ox.RdfFormat.N_QUADS) or b""


def to_ntriples(source: Graph | ox.Store | str | os.PathLike[str]) -> bytes:
    """N-Triples of the merged graph (duplicates across articles written once), sorted."""
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in _store(source)}
    return ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.N_TRIPLES) or b""


def _compact(iri: str) -> str:
    for prefix, ns in sorted(JSONLD_CONTEXT.items(), key=lambda kv: -len(kv[1])):
        local = iri[len(ns) :]
        if iri.startswith(ns) and local and not local.startswith("//"):
            return f"{prefix}:{local}"
    return iri


def _jsonld_term(term: Any) -> dict[str, str]:
    if isinstance(term, ox.Literal):
        value: dict[str, str] = {"@value": term.value}
        if term.language:
            value["@language"] = term.language
        elif term.datatype.value not in (_XSD_STRING, _LANG_STRING):
            value["@type"] = _compact(term.datatype.value)
        return value
    if isinstance(term, ox.BlankNode):
        return {"@id": f"_:{term.value}"}
    return {"@id": _compact(term.value)}


def _jsonld_nodes(triples: Iterable[ox.Triple]) -> list[dict[str, Any]]:
    nodes: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for t in triples:
        subject = _jsonld_term(t.subject)["@id"]
        if t.predicate.value == PREFIXES["rdf"] + "type" and isinstance(t.object, ox.NamedNode):
            nodes[subject]["@type"].append(_compact(t.object.value))
        else:
            nodes[subject][_compact(t.predicate.value)].append(_jsonld_term(t.object))
    out = []
    for subject in sorted(nodes):
        node: dict[str, Any] = {"@id": subject}
        for key in sorted(nodes[subject]):
            values = nodes[subject][key]
            node[key] = sorted(values, key=lambda v: json.dumps(v, sort_keys=True))
        out.append(node)
    return out


def to_jsonld(source: Graph | ox.Store | str | os.PathLike[str]) -> str:
    """JSON-LD with a compact ``@context``; named graphs kept as ``@graph`` objects."""
    store = _store(source)
    by_graph: dict[str, list[ox.Triple]] = defaultdict(list)
    for q in store:
        name = "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
        by_graph[name].append(ox.Triple(q.subject, q.predicate, q.object))
    graph: list[dict[str, Any]] = _jsonld_nodes(by_graph.pop("", []))
    for name in sorted(by_graph):
        graph.append({"@id": _compact(name), "@graph": _jsonld_nodes(by_graph[name])})
    doc = {"@context": dict(sorted(JSONLD_CONTEXT.items())), "@graph": graph}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


# ------------------------------------------------------------- networks


def _write_network(G: nx.MultiDiGraph, fmt: str, out: Path) -> None:
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(G, buffer, encoding="utf-8", prettyprint=True, named_key_ids=True)
    else:
        nx.write_gexf(G, buffer, encoding="utf-8", prettyprint=True, version="1.2draft")
    data = buffer.getvalue()
    if fmt == "gexf":  # the only clock-dependent line networkx writes
        data = re.sub(rb' lastmodifieddate="[^"]*"', b"", data)
    with atomic_open(out, "wb") as handle:
        handle.write(data)


# ---------------------------------------------------------------- neo4j


def _rel_type(relation: str) -> str:
    """``holds`` → ``HOLDS``; ``org:subOrganizationOf`` → ``SUB_ORGANIZATION_OF``."""
    local = relation.rsplit(":", 1)[-1].rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", local)
    return re.sub(r"[^A-Za-z0-9_]", "_", snake).upper() or "RELATED"


def _one_line(text: Any) -> str:
    """CSV cells without line breaks, so the default (single-line) importer reads them."""
    return " ".join(str(text).split()) if isinstance(text, str) else str(text).lower()


def _csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return buffer.getvalue()


NODE_COLUMNS = [("iri:ID", "iri"), ("label", "label"), ("kind", "kind")]
EXTRA_NODE_COLUMNS = {"organization": [("orgKind", "org_kind")], "event": [("date:date", "date")]}
EXTRA_NODE_COLUMNS["article"] = [("date:date", "date")]
REL_COLUMNS = [("key", "key"), ("articles", "articles"), ("evidence", "evidence")]
HOLDS_COLUMNS = [("role", "role"), ("post", "post"), ("former:boolean", "former")]
HOLDS_COLUMNS.append(("observed:date", "observed"))


def write_neo4j(G: nx.MultiDiGraph, out_dir: str | os.PathLike[str]) -> list[str]:
    """Write the Neo4j import folder; returns the files written (relative, sorted)."""
    files: dict[str, str] = {}
    by_kind: dict[str, list[str]] = defaultdict(list)
    for node, data in G.nodes(data=True):
        by_kind[data["kind"]].append(node)
    node_files: list[str] = []
    for kind in sorted(by_kind):
        label = NEO4J_LABELS.get(kind, kind.title())
        cols = NODE_COLUMNS + EXTRA_NODE_COLUMNS.get(kind, [])
        rows = [[c for c, _ in cols] + [":LABEL"]]
        for node in sorted(by_kind[kind]):
            data = G.nodes[node]
            rows.append([_one_line(data.get(a, "")) for _, a in cols] + [f"Entity;{label}"])
        name = f"nodes/{label}.csv"
        files[name] = _csv(rows)
        node_files.append(name)
    by_type: dict[str, list[tuple[str, str, str, dict[str, Any]]]] = defaultdict(list)
    for u, v, key, data in G.edges(keys=True, data=True):
        by_type[_rel_type(data["relation"])].append((u, v, key, data))
    rel_files: list[str] = []
    for rel in sorted(by_type):
        cols = REL_COLUMNS + (HOLDS_COLUMNS if rel == "HOLDS" else [])
        rows = [[":START_ID", ":END_ID", ":TYPE"] + [c for c, _ in cols]]
        for u, v, key, data in sorted(by_type[rel], key=lambda e: (e[0], e[1], str(e[2]))):
            data = {**data, "key": key}
            rows.append([u, v, rel] + [_one_line(data.get(a, "")) for _, a in cols])
        name = f"relationships/{rel}.csv"
        files[name] = _csv(rows)
        rel_files.append(name)
    files["import.sh"] = _import_script(node_files, rel_files)
    files["load.cypher"] = _cypher(node_files, rel_files, by_kind, by_type)
    with atomic_output_dir(out_dir) as stage:
        for name, text in files.items():
            (stage / name).parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(stage / name, text)
        (stage / "import.sh").chmod(0o755)
    return sorted(files)


def _import_script(node_files: list[str], rel_files: list[str]) -> str:
    args = [f"--nodes={shlex.quote(f)}" for f in node_files]
    args += [f"--relationships={shlex.quote(f)}" for f in rel_files]
    lines = [
        "#!/bin/sh",
        "# Offline import into a new Neo4j 5 database (stop it first):",
        "#   sh import.sh [DATABASE]   (default: neo4j), from this folder.",
        'set -e\ncd "$(dirname "$0")"',
        'neo4j-admin database import full "${1:-neo4j}" --overwrite-destination \\',
        *(f"  {a} \\" for a in args),
        "  --array-delimiter=';' --multiline-fields=false",
        "",
    ]
    return "\n".join(lines)


def _cypher(
    node_files: list[str],
    rel_files: list[str],
    by_kind: dict[str, list[str]],
    by_type: dict[str, list[Any]],
) -> str:
    out = [
        "// Load into a running Neo4j 5: copy nodes/ and relationships/ into its import",
        "// folder, then: cypher-shell -f load.cypher  (re-running it updates, never duplicates)",
        "CREATE CONSTRAINT entity_iri IF NOT EXISTS FOR (n:Entity) REQUIRE n.iri IS UNIQUE;",
    ]
    for kind in sorted(by_kind):
        label = NEO4J_LABELS.get(kind, kind.title())
        out.append(
            f"CREATE CONSTRAINT {label.lower()}_iri IF NOT EXISTS "
            f"FOR (n:{label}) REQUIRE n.iri IS UNIQUE;"
        )
    for kind, name in zip(sorted(by_kind), node_files, strict=True):
        label = NEO4J_LABELS.get(kind, kind.title())
        sets = ["n.label = row.label", "n.kind = row.kind"]
        for column, attr in EXTRA_NODE_COLUMNS.get(kind, []):
            prop = "orgKind" if attr == "org_kind" else attr
            value = f"date(row.`{column}`)" if column.endswith(":date") else f"row.`{column}`"
            sets.append(f"n.{prop} = {value}")
        out.append(
            f"LOAD CSV WITH HEADERS FROM 'file:///{name}' AS row\n"
            f"MERGE (n:Entity {{iri: row.`iri:ID`}})\nSET n:{label}, " + ", ".join(sets) + ";"
        )
    for rel, name in zip(sorted(by_type), rel_files, strict=True):
        props = ["r.articles = row.articles", "r.evidence = row.evidence"]
        if rel == "HOLDS":
            props += [
                "r.role = row.role",
                "r.post = row.post",
                "r.former = toBoolean(row.`former:boolean`)",
                "r.observed = date(row.`observed:date`)",
            ]
        out.append(
            f"LOAD CSV WITH HEADERS FROM 'file:///{name}' AS row\n"
            "MATCH (a:Entity {iri: row.`:START_ID`}), (b:Entity {iri: row.`:END_ID`})\n"
            f"MERGE (a)-[r:{rel} {{key: row.key}}]->(b)\nSET " + ", ".join(props) + ";"
        )
    return "\n".join(out) + "\n"


# ------------------------------------------------------------- one call


def export(
    source: Graph | ox.Store | str | os.PathLike[str],
    fmt: str,
    out: str | os.PathLike[str],
    *,
    reconciled: str | os.PathLike[str] | None = None,
    retrieved: str | None = None,
) -> Path:
    """Write ``source`` (a built graph: path, rdflib graph or pyoxigraph store) as ``fmt``.

    ``reconciled`` (a CSV of Wikidata ids) and ``retrieved`` (the articles' retrieval
    date) are for ``quickstatements`` only (see ``polgraph.outputs.export_wikidata``).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    path = Path(out)
    if fmt in ("ftm", "popolo", "quickstatements"):
        from polgraph.outputs.export_people import write_people

        write_people(_store(source), fmt, path, reconciled=reconciled, retrieved=retrieved)
    elif fmt == "jsonld":
        atomic_write_text(path, to_jsonld(source))
    elif fmt == "nquads":
        with atomic_open(path, "wb") as handle:
            handle.write(to_nquads(source))
    elif fmt == "ntriples":
        with atomic_open(path, "wb") as handle:
            handle.write(to_ntriples(source))
    else:
        if isinstance(source, ox.Store):
            ds = Dataset(default_union=True)
            ds.parse(data=to_nquads(source).decode("utf-8"), format="nquads")
            source = ds
        G = to_networkx(source)
        if fmt == "neo4j":
            write_neo4j(G, path)
        else:
            _write_network(G, fmt, path)
    return path
