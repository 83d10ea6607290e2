"""Every query in queries/ gives the rows `kg query` gives when the exports are loaded on their
own: graph.ttl alone and graph.trig into a fresh Oxigraph store; Raptor counts what Oxigraph reads."""

from __future__ import annotations

import re
import shutil
import subprocess

import pyoxigraph as ox
import pytest

from kg.api import query
from kg.store import run_query

from .conftest import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.consumers]
QUERIES = sorted((ROOT / "queries").glob("*.rq"))


def _loaded(path, fmt) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(path), format=fmt)
    return store


@pytest.mark.parametrize("name,fmt", [("graph.ttl", ox.RdfFormat.TURTLE), ("graph.trig", ox.RdfFormat.TRIG)])
def test_every_query_gives_kg_query_rows_over_one_export(seed_build, name, fmt):
    store = _loaded(seed_build.out / name, fmt)
    for q in QUERIES:
        sparql = q.read_text(encoding="utf-8")
        expected = query(seed_build.out, sparql).rows
        assert expected, q.name
        assert run_query(store, sparql).rows == expected, (name, q.name)


def test_no_escaped_local_names_in_any_export(seed_build):
    for name in ("graph.ttl", "graph.trig", "graph.nq", "graph.jsonld"):
        text = (seed_build.out / name).read_text(encoding="utf-8")
        assert text.count("\\/") == 0, name


@pytest.mark.skipif(shutil.which("rapper") is None, reason="needs Debian raptor2-utils")
@pytest.mark.parametrize("name,syntax,fmt", [("graph.ttl", "turtle", ox.RdfFormat.TURTLE),
                                             ("graph.trig", "trig", ox.RdfFormat.TRIG),
                                             ("graph.nq", "nquads", ox.RdfFormat.N_QUADS)])
def test_rapper_counts_what_oxigraph_reads(seed_build, name, syntax, fmt):
    done = subprocess.run(["rapper", "-i", syntax, "-c", str(seed_build.out / name)],
                          capture_output=True, text=True, check=True)
    count = int(re.search(r"returned (\d+) (?:triples|statements)", done.stderr).group(1))
    assert count == len(_loaded(seed_build.out / name, fmt))
