"""The Neo4j export checked by a strict reader of the ``neo4j-admin database import`` format.

No Neo4j engine installs from PyPI or Debian, so this reader enforces the
importer's rules (Neo4j 5 operations manual, "Import"): header field syntax
and types, one ``:ID`` per node file, ``:START_ID``/``:END_ID``/``:TYPE`` per
relationship file, the same number of fields in every row, unique IDs,
relationships only between imported nodes, typed values that parse, no line
breaks (``--multiline-fields=false``).  The graph it rebuilds must equal
``to_networkx``; the Cypher script must reference only files and columns that
exist and create a uniqueness constraint for every label it loads.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from polgraph.outputs.export import export
from polgraph.outputs.netx import to_networkx
from polgraph.rdf import facts_to_dataset

from .test_export_formats import facts  # the same invented articles

TYPES = {"int", "long", "float", "double", "boolean", "byte", "short", "char", "string"}
TYPES |= {"point", "date", "localtime", "time", "localdatetime", "datetime", "duration"}
SPECIAL = re.compile(r"^(?P<name>[^:]*):(?P<kind>ID|START_ID|END_ID)(\((?P<group>[^)]*)\))?$")
FIELD = re.compile(r"^(?P<name>[^:]+)(:(?P<type>[a-z]+)(?P<array>\[\])?)?$")


class ImportError_(Exception):
    pass


def parse_header(fields: list[str]) -> list[dict[str, Any]]:
    out = []
    for f in fields:
        if f in (":LABEL", ":TYPE", ":IGNORE"):
            out.append({"kind": f[1:], "name": None})
            continue
        m = SPECIAL.match(f)
        if m:
            out.append({"kind": m["kind"], "name": m["name"] or None, "group": m["group"] or ""})
            continue
        m = FIELD.match(f)
        if not m or (m["type"] and m["type"] not in TYPES):
            raise ImportError_(f"bad header field {f!r}")
        out.append({"kind": "PROP", "name": m["name"], "type": m["type"] or "string"})
        out[-1]["array"] = bool(m["array"])
    return out


def convert(value: str, typ: str) -> Any:
    if value == "":
        return None
    if typ == "boolean":
        if value.lower() not in ("true", "false"):
            raise ImportError_(f"not a boolean: {value!r}")
        return value.lower() == "true"
    if typ in ("int", "long", "short", "byte"):
        return int(value)
    if typ in ("float", "double"):
        return float(value)
    if typ == "date":
        return dt.date.fromisoformat(value)
    return value


def read_rows(path: Path) -> tuple[list[dict[str, Any]], list[list[str]]]:
    raw = path.read_bytes().decode("utf-8")  # the importer's default encoding
    rows = list(csv.reader(raw.splitlines(keepends=True), strict=True))
    if not rows:
        raise ImportError_(f"{path}: empty")
    header = parse_header(rows[0])
    for i, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise ImportError_(f"{path}:{i}: {len(row)} fields, header has {len(header)}")
        if any("\n" in c or "\r" in c for c in row):
            raise ImportError_(f"{path}:{i}: line break in a field")
    return header, rows[1:]


def strict_import(folder: Path, nodes: list[str], rels: list[str]) -> nx.MultiDiGraph:
    """What ``neo4j-admin database import full --nodes=... --relationships=...`` would build."""
    G = nx.MultiDiGraph()
    for name in nodes:
        header, rows = read_rows(folder / name)
        ids = [i for i, h in enumerate(header) if h["kind"] == "ID"]
        if len(ids) != 1:
            raise ImportError_(f"{name}: needs exactly one :ID column")
        for row in rows:
            node_id = row[ids[0]]
            if not node_id or node_id in G:
                raise ImportError_(f"{name}: empty or duplicate id {node_id!r}")
            props: dict[str, Any] = {}
            labels: set[str] = set()
            for h, cell in zip(header, row, strict=True):
                if h["kind"] == "LABEL":
                    labels |= {x for x in cell.split(";") if x}
                elif h["kind"] == "ID" and h["name"]:
                    props[h["name"]] = cell
                elif h["kind"] == "PROP":
                    value = (
                        [convert(x, h["type"]) for x in cell.split(";")]
                        if h["array"]
                        else convert(cell, h["type"])
                    )
                    if value is not None:
                        props[h["name"]] = value
            if not labels:
                raise ImportError_(f"{name}: node {node_id!r} without a label")
            G.add_node(node_id, labels=frozenset(labels), **props)
    for name in rels:
        header, rows = read_rows(folder / name)
        kinds = [h["kind"] for h in header]
        if kinds.count("START_ID") != 1 or kinds.count("END_ID") != 1 or "TYPE" not in kinds:
            raise ImportError_(f"{name}: needs :START_ID, :END_ID and :TYPE")
        for row in rows:
            cells = dict(zip(kinds, row, strict=False))
            start, end, typ = (
                row[kinds.index("START_ID")],
                row[kinds.index("END_ID")],
                cells["TYPE"],
            )
            if start not in G or end not in G:
                raise ImportError_(f"{name}: relationship to a missing node ({start} → {end})")
            if not re.fullmatch(r"[A-Z][A-Z0-9_]*", typ):
                raise ImportError_(f"{name}: odd relationship type {typ!r}")
            props = {
                h["name"]: convert(cell, h["type"])
                for h, cell in zip(header, row, strict=True)
                if h["kind"] == "PROP" and cell != ""
            }
            G.add_edge(start, end, type=typ, **props)
    return G


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, nx.MultiDiGraph]:
    ds = facts_to_dataset(facts())
    folder = export(ds, "neo4j", tmp_path_factory.mktemp("neo") / "neo4j")
    return folder, to_networkx(ds)


def import_args(folder: Path) -> tuple[list[str], list[str]]:
    script = (folder / "import.sh").read_text(encoding="utf-8")
    assert "neo4j-admin database import full" in script
    nodes = re.findall(r"--nodes=(\S+)", script)
    rels = re.findall(r"--relationships=(\S+)", script)
    return nodes, rels


def test_strict_import_rebuilds_the_property_graph(exported: tuple[Path, nx.MultiDiGraph]):
    folder, G = exported
    nodes, rels = import_args(folder)
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.csv")) == sorted(
        nodes + rels
    )
    H = strict_import(folder, nodes, rels)
    assert set(H.nodes) == set(G.nodes)
    for n, data in G.nodes(data=True):
        assert H.nodes[n]["label"] == data["label"] and H.nodes[n]["kind"] == data["kind"]
        assert "Entity" in H.nodes[n]["labels"]
    assert H.number_of_edges() == G.number_of_edges()
    holds = sorted(
        (u, v, d["role"], d["former"], d.get("observed"))
        for u, v, d in H.edges(data=True)
        if d["type"] == "HOLDS"
    )
    want = sorted(
        (
            u,
            v,
            d["role"],
            d["former"],
            dt.date.fromisoformat(d["observed"]) if d["observed"] else None,
        )
        for u, v, d in G.edges(data=True)
        if d["relation"] == "holds"
    )
    assert holds == want and len(holds) == 3


def test_strict_reader_rejects_broken_files(exported: tuple[Path, nx.MultiDiGraph], tmp_path: Path):
    """The reader is strict enough to fail: a dangling relationship and a bad boolean."""
    folder, _G = exported
    nodes, rels = import_args(folder)
    import shutil

    broken = tmp_path / "broken"
    shutil.copytree(folder, broken)
    holds = broken / "relationships" / "HOLDS.csv"
    holds.write_text(holds.read_text(encoding="utf-8").replace(",false,", ",nope,", 1))
    with pytest.raises(ImportError_, match="boolean"):
        strict_import(broken, nodes, rels)
    with pytest.raises(ImportError_, match="missing node"):
        strict_import(folder, [n for n in nodes if "Person" not in n], rels)


def test_cypher_script_matches_the_files(exported: tuple[Path, nx.MultiDiGraph]) -> None:
    folder, _G = exported
    script = (folder / "load.cypher").read_text(encoding="utf-8")
    statements = [s.strip() for s in script.split(";\n") if s.strip() and not s.startswith("//")]
    loads = [s for s in statements if "LOAD CSV" in s]
    nodes, rels = import_args(folder)
    assert len(loads) == len(nodes) + len(rels)
    for stmt in loads:
        (name,) = re.findall(r"'file:///([^']+)'", stmt)
        header = (folder / name).read_text(encoding="utf-8").splitlines()[0].split(",")
        used = set(re.findall(r"row\.`([^`]+)`", stmt)) | set(re.findall(r"row\.(\w+)", stmt))
        assert used <= set(header), (name, used - set(header))
        if name.startswith("nodes/"):
            label = Path(name).stem
            assert "REQUIRE n.iri IS UNIQUE" in script and f"FOR (n:{label})" in script
            assert f"SET n:{label}" in stmt and "MERGE (n:Entity" in stmt
        else:
            assert "MERGE (a)-[r:" in stmt and "{key: row.key}" in stmt  # re-runs do not duplicate
