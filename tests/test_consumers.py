"""Real consumers: graph.ttl and graph.trig loaded into a real Oxigraph server over the SPARQL 1.1
Graph Store Protocol, then queried over HTTP like any other client would."""

from __future__ import annotations

import json
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest
import rdflib
from typer.testing import CliRunner

from kg.cli import app
from kg.serve import oxigraph_binary

from .conftest import ROOT
from .test_serve import free_port

pytestmark = pytest.mark.server
runner = CliRunner()
MERGED = "urn:kg:merged"


class Server:
    """A read-write Oxigraph server on a fresh store, on 127.0.0.1 and a free port."""

    def __init__(self, location):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [oxigraph_binary(), "serve", "--location", str(location), "--bind",
             f"127.0.0.1:{self.port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                self.select("ASK {}")
                return
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("oxigraph serve did not start")

    def send(self, method: str, target: str, body: bytes, content_type: str) -> int:
        request = urllib.request.Request(self.base + target, data=body, method=method,
                                         headers={"Content-Type": content_type})
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status

    def select(self, sparql: str) -> list[dict[str, str]]:
        request = urllib.request.Request(
            self.base + "/query", data=urllib.parse.urlencode({"query": sparql}).encode(),
            headers={"Accept": "application/sparql-results+json",
                     "Content-Type": "application/x-www-form-urlencoded"})
        with urllib.request.urlopen(request, timeout=30) as response:
            answer = json.load(response)
        if "boolean" in answer:
            return [{"ask": str(answer["boolean"]).lower()}]
        return [{k: v["value"] for k, v in row.items()} for row in answer["results"]["bindings"]]

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


@pytest.fixture
def server(tmp_path):
    running = Server(tmp_path / "consumer-store")
    yield running
    running.stop()


def count(server: Server, where: str) -> int:
    return int(server.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")[0]["n"])


def test_turtle_loads_into_the_default_graph_and_a_named_one(server, seed_build):
    turtle = (seed_build.out / "graph.ttl").read_bytes()
    expected = len(rdflib.Graph().parse(data=turtle, format="turtle"))
    assert server.send("POST", "/store?default", turtle, "text/turtle") in {200, 201, 204}
    assert count(server, "?s ?p ?o") == expected
    target = "/store?" + urllib.parse.urlencode({"graph": MERGED})
    assert server.send("PUT", target, turtle, "text/turtle") in {200, 201, 204}
    assert count(server, f"GRAPH <{MERGED}> {{ ?s ?p ?o }}") == expected
    assert server.send("PUT", target, turtle, "text/turtle") in {200, 204}
    assert count(server, f"GRAPH <{MERGED}> {{ ?s ?p ?o }}") == expected


def test_trig_loads_as_a_dataset_with_one_graph_per_document(server, seed_build):
    trig = (seed_build.out / "graph.trig").read_bytes()
    quads = list(ox.parse(trig, format=ox.RdfFormat.TRIG))
    assert server.send("POST", "/store", trig, "application/trig") in {200, 201, 204}
    graphs = server.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")
    assert [g["g"].rsplit("/", 1)[-1] for g in graphs] == [
        "000_6b80aa6539b44f17", "001_d5cdaf4d1afe6f1f", "002_33fa0b3c9e7b0adc",
        "003_ba9ff1fc4f54d4f3", "004_97b677dd30c0cfda"]
    named = sum(1 for q in quads if not isinstance(q.graph_name, ox.DefaultGraph))
    assert count(server, "GRAPH ?g { ?s ?p ?o }") == named
    assert count(server, "?s ?p ?o") == len(quads) - named


def test_analyst_query_gives_the_same_answer_over_http(server, seed_build):
    """queries/person_said.rq declares its prefixes, so any SPARQL endpoint runs it as is."""
    trig = (seed_build.out / "graph.trig").read_bytes()
    server.send("POST", "/store", trig, "application/trig")
    text = (ROOT / "queries" / "person_said.rq").read_text(encoding="utf-8")
    local = runner.invoke(app, ["query", str(seed_build.out), "--file",
                                str(ROOT / "queries" / "person_said.rq"), "--format", "json"])
    over_http = server.select(text)
    assert over_http == [{k: v for k, v in row.items() if v is not None}
                         for row in json.loads(local.output)["rows"]]
    assert ("Russia was in favor of restoring the grain deal"
            in {row["said"] for row in over_http})
    supporting = server.select(
        "PREFIX kgo: <https://w3id.org/kg-news/ontology#> "
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?st kgo:relationText ?r ; "
        "kgo:evidence/kgo:sentence ?s FILTER(CONTAINS(?s, 'restoring the grain deal')) } }")
    assert [g["g"].rsplit("/", 1)[-1] for g in supporting] == ["003_ba9ff1fc4f54d4f3"]
