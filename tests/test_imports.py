"""kg's modules import each other without a cycle, counting imports inside functions too (a lazy
import that closes a circle is still a circle a reader must untangle)."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent / "kg"


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> nx.DiGraph:
    """Module → kg module it imports (a name imported from a package counts as its submodule
    when one of that name exists)."""
    modules = {_module(p): p for p in ROOT.rglob("*.py")}
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, path in modules.items():
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package[:len(package) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                for alias in node.names:
                    sub = f"{target}.{alias.name}"
                    if (sub if sub in modules else target) in modules:
                        graph.add_edge(name, sub if sub in modules else target)
            elif isinstance(node, ast.Import):
                graph.add_edges_from((name, a.name) for a in node.names if a.name in modules)
    return graph


def test_the_import_graph_sees_imports():
    graph = import_graph()
    assert graph.has_edge("kg.quick", "kg.answer")  # top level
    assert graph.has_edge("kg.quick", "kg.cli")  # inside a function


def test_no_import_cycle_in_kg():
    cycles = [c for c in nx.simple_cycles(import_graph()) if len(c) > 1]
    assert cycles == []
