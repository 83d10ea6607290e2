"""`kg query` and `kg --version` answer before typer loads, and say exactly what the typer app says."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from kg import __version__
from kg.cli import app
from kg.defaults import DEFAULT_MAX_MEMORY_MB, DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT
from kg.quick import quick_query
from kg.sparql import open_store

QUERY = "SELECT ?e ?label WHERE { ?e a kgo:Person ; rdfs:label ?label } ORDER BY ?label LIMIT 3"
DECLARED = ("PREFIX kgo: <https://w3id.org/kg-news/ontology#> "
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ")
LATE = ("typer", "rich", "pydantic", "click", "rdflib", "spacy")
LOADED = "import runpy, sys; sys.argv = ['kg', *sys.argv[1:]]; runpy.run_module('kg', run_name='__main__'); " \
         f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {set(LATE)!r}), file=sys.stderr)"


def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True)


D = (DEFAULT_TIMEOUT, DEFAULT_MAX_MEMORY_MB, DEFAULT_MAX_ROWS, False)  # the guard's defaults


@pytest.mark.parametrize("args, parsed", [
    (["out", "ASK {}"], ("out", "ASK {}", None, "table", *D)),
    (["out", "ASK {}", "--format", "csv"], ("out", "ASK {}", None, "csv", *D)),
    (["--format=json", "out", "ASK {}"], ("out", "ASK {}", None, "json", *D)),
    (["out", "-f", "q.rq"], ("out", None, "q.rq", "table", *D)),
    (["out", "--file=q.rq", "--format", "tsv"], ("out", None, "q.rq", "tsv", *D)),
    (["out", "ASK {}", "--timeout", "2.5", "--max-rows=9", "--max-memory", "64", "--allow-service"],
     ("out", "ASK {}", None, "table", 2.5, 64, 9, True)),
    (["out", "--help"], None),
    (["--help"], None),
    (["out", "ASK {}", "--format"], None),
    (["out", "ASK {}", "--bogus"], None),
    (["out", "ASK {}", "--timeout", "soon"], None),
    (["out", "ASK {}", "--max-rows", "0"], None),
    (["out", "ASK {}", "extra"], None),
    ([], None),
])
def test_quick_parser_takes_plain_calls_and_leaves_the_rest_to_typer(args, parsed):
    assert quick_query(args) == parsed


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "table"])
def test_quick_query_prints_what_the_typer_command_prints(seed_build, fmt):
    quick = kg("query", str(seed_build.out), QUERY, "--format", fmt)
    typed = CliRunner().invoke(app, ["query", str(seed_build.out), QUERY, "--format", fmt])
    assert (quick.returncode, quick.stderr) == (0, "")
    assert quick.stdout == typed.output
    if fmt == "csv":
        store = open_store(seed_build.out)
        rows = [f"{r['e'].value},{r['label'].value}" for r in store.query(DECLARED + QUERY)]
        assert quick.stdout.splitlines() == ["e,label", *rows] and len(rows) == 3


@pytest.mark.parametrize("args, message", [
    (["query", "{out}", "SELECT ?x WHERE {{ ?x a kgo:Person"], "Error: bad SPARQL at line 1, column "),
    (["query", "{out}", "ASK {{}}", "--format", "xml"], "Error: unknown format 'xml'; use table, csv, tsv or json.\n"),
    (["query", "{out}/nope", "ASK {{}}"], "Error: {out}/nope holds no kg store; run `kg build PATH --out {out}/nope` first.\n"),
    (["query", "{out}", "-f", "{out}/none.rq"], "Error: query file {out}/none.rq does not exist.\n"),
])
def test_quick_query_errors_are_one_line(seed_build, args, message):
    out = str(seed_build.out)
    done = kg(*(a.format(out=out) for a in args))
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith(message.format(out=out)) and done.stderr.count("\n") == 1


def test_version_and_query_load_no_cli_framework(seed_build):
    for args in (["--version"], ["query", str(seed_build.out), QUERY, "--format", "csv"]):
        done = subprocess.run([sys.executable, "-c", LOADED, *args], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert done.stderr == "[]\n"
    assert kg("--version").stdout == f"kg {__version__}\n"


def test_query_help_still_explains_every_option():
    done = kg("query", "--help")
    assert done.returncode == 0
    for text in ("Run a SPARQL query over a built graph", "--file", "--format", "table, csv, tsv or json"):
        assert text in done.stdout
