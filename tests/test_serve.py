"""`kg serve`: Oxigraph's read-only server over the seed store, over real HTTP on 127.0.0.1."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg import api
from kg.errors import ServeError
from kg.serve import oxigraph_binary, start

pytestmark = pytest.mark.server

COUNT_DOCS = "PREFIX kgo: <https://w3id.org/kg-news/ontology#> SELECT (COUNT(?d) AS ?n) WHERE { ?d a kgo:Document }"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_query(url: str, sparql: str) -> dict:
    request = urllib.request.Request(url + "?" + urllib.parse.urlencode({"query": sparql}),
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def post(url: str, body: str, content_type: str) -> int:
    request = urllib.request.Request(url, data=body.encode(), method="POST",
                                     headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def listening_addresses(port: int) -> set[str]:
    """Local addresses of sockets listening on `port`, read from the kernel's tables."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


def test_endpoint_answers_refuses_updates_and_lets_kg_query_read(seed_build):
    port = free_port()
    with start(seed_build.out, port) as endpoint:
        answer = http_query(endpoint.url, COUNT_DOCS)
        assert answer["results"]["bindings"][0]["n"]["value"] == "5"
        base = f"http://127.0.0.1:{port}"
        assert post(base + "/update", "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                    "application/sparql-update") == 403
        assert post(base + "/store?default", "<urn:a> <urn:b> <urn:c> .", "text/turtle") == 403
        assert listening_addresses(port) == {"0100007F"}  # 127.0.0.1, nothing else
        assert api.query(seed_build.out, COUNT_DOCS).rows == (("5",),)
        assert http_query(endpoint.url, "ASK { <urn:a> <urn:b> <urn:c> }")["boolean"] is False
    assert endpoint.process.returncode is not None
    assert listening_addresses(port) == set()


def test_busy_port_is_a_clear_error(seed_build):
    port = free_port()
    with start(seed_build.out, port):
        with pytest.raises(ServeError, match=f"^port {port} on 127.0.0.1 is in use .*--port"):
            start(seed_build.out, port)


def test_missing_binary_says_how_to_install(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    with pytest.raises(ServeError, match=r"pip install oxigraph"):
        oxigraph_binary()


def test_folder_without_store_is_a_clear_error(tmp_path):
    with pytest.raises(ServeError, match="holds no kg store"):
        start(tmp_path, free_port())


def test_kg_serve_command_runs_until_interrupted(seed_build):
    port = free_port()
    env = {**os.environ, "PATH": f"{Path(oxigraph_binary()).parent}:{os.environ['PATH']}"}
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(seed_build.out),
                             "--port", str(port)], stdout=subprocess.PIPE, text=True, env=env)
    try:
        line = proc.stdout.readline()
        assert line.startswith(f"SPARQL endpoint (read-only): http://127.0.0.1:{port}/query")
        answer = http_query(f"http://127.0.0.1:{port}/query", COUNT_DOCS)
        assert answer["results"]["bindings"][0]["n"]["value"] == "5"
    finally:
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=15) == 0
    assert listening_addresses(port) == set()
