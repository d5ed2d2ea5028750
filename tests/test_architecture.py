"""The package layout shows the data flow: stages import only stages before them, no cycles.

ingest → nlp → extract → resolve → rdf → outputs, with ``core`` (model, text, IRIs,
vocabulary) under all of them and ``build`` / ``cli`` on top.  Deferred imports inside
functions count too: a cycle hidden in a function body is still a cycle in the design.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

PACKAGE_DIR = Path(__file__).resolve().parents[1] / "graph"
PACKAGE = "polgraph"

# Rank of each top-level part of the package; a module may import only parts of lower
# or equal rank.  Equal rank inside one stage is fine (cycles are checked separately).
STAGE_RANK = {
    "core": 0,
    "data": 0,
    "ingest": 1,
    "nlp": 2,
    "extract": 3,
    "resolve": 4,
    "rdf": 5,
    "outputs": 6,
    "evaluate": 6,
    "build": 7,
    "cli": 8,
    "__main__": 9,
}


def module_name(path: Path, package_dir: Path = PACKAGE_DIR) -> str:
    parts = path.relative_to(package_dir).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join((PACKAGE, *parts))


def import_graph(package_dir: Path = PACKAGE_DIR) -> nx.DiGraph:
    """Modules of the package and the package modules each one imports (anywhere in it)."""
    files = {module_name(p, package_dir): p for p in package_dir.rglob("*.py")}
    graph = nx.DiGraph()
    graph.add_nodes_from(files)
    for name, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                # ``from polgraph.nlp import gazetteer`` depends on the submodule itself
                targets = [
                    f"{node.module}.{alias.name}"
                    if f"{node.module}.{alias.name}" in files
                    else node.module
                    for alias in node.names
                ]
            for target in targets:
                if target.split(".")[0] == PACKAGE and target in files and target != name:
                    graph.add_edge(name, target)
    return graph


def stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_every_part_of_the_package_has_a_stage() -> None:
    parts = {stage(m) for m in import_graph()} - {"__init__"}
    assert parts <= set(STAGE_RANK), sorted(parts - set(STAGE_RANK))


def cycles(graph: nx.DiGraph) -> list[list[str]]:
    return [sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1]


def upward_imports(graph: nx.DiGraph) -> list[str]:
    return [
        f"{a} → {b}"
        for a, b in graph.edges
        if stage(a) != "__init__"
        and stage(b) != "__init__"
        and STAGE_RANK[stage(a)] < STAGE_RANK[stage(b)]
    ]


def test_no_import_cycles() -> None:
    assert cycles(import_graph()) == []


def test_stages_import_only_earlier_stages() -> None:
    assert upward_imports(import_graph()) == []


def test_the_checker_finds_a_planted_cycle_and_upward_import(tmp_path: Path) -> None:
    """The rules above can fail: a deferred import cycle and an upward import are found."""
    for folder in ("extract", "build"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "extract" / "a.py").write_text(
        "def f():\n    from polgraph.extract import b\n", encoding="utf-8"
    )
    (tmp_path / "extract" / "b.py").write_text(
        "import polgraph.extract.a\nfrom polgraph.build.run import go\n", encoding="utf-8"
    )
    (tmp_path / "build" / "run.py").write_text("go = 1\n", encoding="utf-8")
    graph = import_graph(tmp_path)
    assert cycles(graph) == [["polgraph.extract.a", "polgraph.extract.b"]]
    assert upward_imports(graph) == ["polgraph.extract.b → polgraph.build.run"]


@pytest.mark.parametrize("module", ["polgraph.extract.article", "polgraph.rdf.statements"])
def test_known_dependencies_are_seen(module: str) -> None:
    """Guards the parser: modules known to import others have edges."""
    assert import_graph().out_degree(module) > 0
