"""Commands import only what they use: reading a graph never loads the NLP stack."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("spacy", "thinc", "trafilatura", "dask", "distributed", "pyshacl", "pyvis")

CHECK = """
import sys
from typer.testing import CliRunner
from kg.cli import app
result = CliRunner().invoke(app, sys.argv[1:])
assert result.exit_code == 0, result.output
print(" ".join(sorted(name for name in sys.modules if name.split(".")[0] in {heavy!r})))
"""


def loaded_by(*args: str) -> set[str]:
    """Top-level heavy modules present in sys.modules after running `kg ARGS` in a fresh interpreter."""
    done = subprocess.run([sys.executable, "-c", CHECK.format(heavy=set(HEAVY)), *args],
                          capture_output=True, text=True, check=True)
    return {name.split(".")[0] for name in done.stdout.split()}


@pytest.fixture(scope="module")
def built(seed_build):
    return seed_build.out


def test_import_kg_loads_nothing_heavy():
    done = subprocess.run([sys.executable, "-c", "import kg, kg.cli, kg.api, kg.sparql, sys; "
                           f"print([m for m in sys.modules if m.split('.')[0] in {set(HEAVY)!r}])"],
                          capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["query", "--help"]])
def test_help_and_version_load_nothing_heavy(args):
    assert loaded_by(*args) == set()


def test_query_loads_no_nlp_stack_and_no_rdflib(built):
    loaded = loaded_by("query", str(built), "SELECT ?s WHERE { ?s a kgo:Person } LIMIT 1",
                       "--format", "csv")
    assert loaded == set()
    done = subprocess.run([sys.executable, "-c", "import sys; from kg.api import query; "
                           f"query({str(built)!r}, 'ASK {{}}'); print('rdflib' in sys.modules)"],
                          capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_stats_and_validate_load_only_what_they_use(built):
    assert loaded_by("stats", str(built)) == set()
    assert loaded_by("validate", str(built)) == {"pyshacl"}  # SHACL is what validate checks


def test_lazy_package_attributes_still_resolve():
    import kg

    assert kg.query.__module__ == "kg.api"
    assert kg.build.__module__ == "kg.pipeline"
    assert kg.Triple.__module__ == "kg.types"
    with pytest.raises(AttributeError):
        kg.no_such_name  # noqa: B018
