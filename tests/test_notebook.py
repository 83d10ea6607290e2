"""The notebook runs top to bottom on the real library, so it cannot rot; and what it imports is
installed by the README's `pip install '.[notebook]'`."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib

import nbformat
import pytest
from nbclient import NotebookClient

from .conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"
pytestmark = pytest.mark.slow  # starts a notebook kernel: run with --slow


def test_explore_notebook_runs(tmp_path):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    text = "".join(o.get("text", "") for o in outputs)
    assert "5 documents" in text


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~\[;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _requires(name: str, seen: set[str]) -> None:
    """`name` and everything it depends on (installed metadata), unless already seen."""
    if name in seen:
        return
    seen.add(name)
    try:
        requirements = importlib.metadata.requires(name) or []
    except importlib.metadata.PackageNotFoundError:
        return
    for req in requirements:
        if "extra ==" not in req:
            _requires(_name(req), seen)


def test_notebook_imports_come_with_the_notebook_extra():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "pip install '.[notebook]'" in (ROOT / "README.md").read_text(encoding="utf-8")
    installed: set[str] = set()
    for req in project["dependencies"] + project["optional-dependencies"]["notebook"]:
        _requires(_name(req), installed)
    distributions = importlib.metadata.packages_distributions()
    nb = nbformat.read(NOTEBOOK, as_version=4)
    modules = set()
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse("\n".join(l for l in cell.source.splitlines() if not l.startswith(("%", "!"))))):
            if isinstance(node, ast.Import):
                modules.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                modules.add(node.module.split(".")[0])
    missing = sorted(m for m in modules - {"kg"} - set(sys.stdlib_module_names)
                     if not {d.lower().replace("_", "-") for d in distributions.get(m, [m])} & installed)
    assert missing == []
