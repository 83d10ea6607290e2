"""Every RDF export parses in rdflib, pyoxigraph and serdi (JSON-LD is not a serdi syntax)."""

from __future__ import annotations

import subprocess

import pyoxigraph as ox
import pytest
import rdflib

from kg.store import open_store

FORMATS = {
    "graph.ttl": ("turtle", ox.RdfFormat.TURTLE, "turtle"),
    "graph.trig": ("trig", ox.RdfFormat.TRIG, "trig"),
    "graph.nq": ("nquads", ox.RdfFormat.N_QUADS, "nquads"),
    "graph.jsonld": ("json-ld", ox.RdfFormat.JSON_LD, None),
}
DATASETS = {"graph.trig", "graph.nq", "graph.jsonld"}


@pytest.fixture(scope="module")
def sizes(seed_build):
    store = open_store(seed_build.out)
    merged = len(list(store.quads_for_pattern(None, None, None, ox.DefaultGraph())))
    return {"merged": merged, "all": len(store)}


def _expected(name, sizes) -> int:
    return sizes["all"] if name in DATASETS else sizes["merged"]


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_export_parses_in_rdflib(seed_build, sizes, name):
    parsed = rdflib.Dataset().parse(seed_build.out / name, format=FORMATS[name][0])
    assert sum(len(g) for g in parsed.graphs()) == _expected(name, sizes)


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_export_parses_in_pyoxigraph(seed_build, sizes, name):
    quads = list(ox.parse(path=str(seed_build.out / name), format=FORMATS[name][1]))
    assert len(set(quads)) == _expected(name, sizes)


@pytest.mark.parametrize("name", sorted(n for n, f in FORMATS.items() if f[2]))
def test_export_parses_in_serdi(seed_build, sizes, name):
    proc = subprocess.run(["serdi", "-i", FORMATS[name][2], "-o", "nquads", str(seed_build.out / name)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert len(set(proc.stdout.splitlines())) == _expected(name, sizes)


def test_document_graphs_are_named_graphs_in_every_dataset_export(seed_build):
    for name in sorted(DATASETS):
        graphs = {q.graph_name.value for q in ox.parse(path=str(seed_build.out / name), format=FORMATS[name][1])
                  if isinstance(q.graph_name, ox.NamedNode)}
        assert {g.rsplit("/", 1)[-1] for g in graphs} == {
            "000_6b80aa6539b44f17", "001_d5cdaf4d1afe6f1f", "002_33fa0b3c9e7b0adc",
            "003_ba9ff1fc4f54d4f3", "004_97b677dd30c0cfda"}, name


@pytest.mark.parametrize("name", ["graph.ttl", "graph.trig", "ontology.ttl"])
def test_no_escaped_local_name(seed_build, name):
    """`grep -c '\\/' graph.ttl` is 0: Virtuoso keeps the backslash of `kge:a\\/b` in the IRI."""
    assert (seed_build.out / name).read_text(encoding="utf-8").count("\\/") == 0
