"""Hostile queries against `kg serve` and `kg query` (issue 18, cases 6-8): no SERVICE fetch, a
timeout, a memory cap, a result cap, half-open connections, reload on rebuild, SIGTERM.

Every endpoint test runs the real gateway and Oxigraph child over real HTTP on 127.0.0.1."""

from __future__ import annotations

import http.client
import http.server
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.pipeline import build
from kg.serve import Limits, oxigraph_binary, start
from kg.sparql import calls_service, resident_bytes

from .conftest import SEEDS
from .test_serve import COUNT_DOCS, free_port, http_query, listening_addresses

pytestmark = pytest.mark.server

CARTESIAN_COUNT = ("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g1 { ?a ?b ?c } GRAPH ?g2 { ?d ?e ?f } "
                   "GRAPH ?g3 { ?h ?i ?j } }")
CARTESIAN_ORDER = "SELECT * WHERE { GRAPH ?g1 { ?a ?b ?c } GRAPH ?g2 { ?d ?e ?f } } ORDER BY ?c ?f"


@pytest.mark.parametrize("sparql, federated", [
    ("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", True),
    ("select * { service silent <http://x/> {} }", True),
    (r"SELECT * { \u0053ERVICE <http://x/> {} }", True),
    ("SELECT * { ?s ?p ?o .SERVICE <http://x/> {} }", True),
    ("SELECT * { FILTER(?a<?b) SERVICE <http://x/> {} }", True),
    (r"SELECT * { ?s ex:a\' ?o . SERVICE <http://e/> {} FILTER(?o != 'x') }", True),
    ('SELECT * { ?s ?p "customer service" }', False),
    ("SELECT ?service { ?s <http://x/SERVICE> ?service } # service", False),
    ("SELECT * { ?s ex:service $service }", False),
])
def test_service_keyword_is_found_wherever_the_parser_would_see_it(sparql, federated):
    assert calls_service(sparql) is federated


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):
        self.hits.append(self.path)
        self.send_response(500)
        self.end_headers()

    do_POST = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture()
def listener():
    """A real HTTP server on loopback that records every request a SERVICE call would make."""
    _Recorder.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql", _Recorder.hits
    server.shutdown()
    server.server_close()


def _kg(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True,
                          timeout=timeout)


def _status(url: str, data: bytes | None = None, content_type: str | None = None,
            timeout: float = 30) -> tuple[int, bytes]:
    headers = {"Content-Type": content_type} if content_type else {}
    request = urllib.request.Request(url, data=data, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_kg_query_never_fetches_a_service_unless_allowed(seed_build, listener):
    url, hits = listener
    federated = f"SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"
    refused = _kg("query", str(seed_build.out), federated)
    assert refused.returncode == 1 and hits == []
    assert refused.stderr.startswith("Error: federated SERVICE queries are off")
    assert len(refused.stderr.strip().splitlines()) == 1
    allowed = _kg("query", str(seed_build.out), federated, "--allow-service")
    assert allowed.returncode == 1 and hits == ["/sparql"]  # reached out, and failed on the 500


def test_endpoint_never_fetches_a_service_in_any_request_form(seed_build, listener):
    url, hits = listener
    federated = f"SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"
    with start(seed_build.out, free_port()) as endpoint:
        as_get = endpoint.url + "?" + urllib.parse.urlencode({"query": federated})
        form = urllib.parse.urlencode({"query": federated}).encode()
        for code, _ in (_status(as_get),
                        _status(endpoint.url, form, "application/x-www-form-urlencoded"),
                        _status(endpoint.url, federated.encode(), "application/sparql-query"),
                        _status(endpoint.url, federated.encode(), "text/plain")):  # a no-cors POST
            assert code == 403
        assert hits == []
        assert http_query(endpoint.url, COUNT_DOCS)["results"]["bindings"][0]["n"]["value"] == "5"
    with start(seed_build.out, free_port(), limits=Limits(allow_service=True)) as endpoint:
        _status(endpoint.url + "?" + urllib.parse.urlencode({"query": federated}))
        assert hits == ["/sparql"]


@pytest.mark.slow
def test_cartesian_count_stops_at_the_timeout_and_the_endpoint_answers_again(seed_build):
    with start(seed_build.out, free_port(), limits=Limits(timeout=2)) as endpoint:
        began = time.monotonic()
        body = b""
        try:  # the child is killed (a broken connection) or Oxigraph cancels the answer mid-stream
            with urllib.request.urlopen(endpoint.url + "?" + urllib.parse.urlencode(
                    {"query": CARTESIAN_COUNT}), timeout=60) as response:
                body = response.read()
        except (urllib.error.URLError, http.client.HTTPException, OSError):
            pass
        assert b'"value"' not in body  # no count came back
        assert time.monotonic() - began < 2 + 2 * 2 + 5
        time.sleep(1.0)
        assert http_query(endpoint.url, COUNT_DOCS)["results"]["bindings"][0]["n"]["value"] == "5"
        assert endpoint.process.poll() is None  # a fresh child, not one still counting


@pytest.mark.slow
def test_a_client_that_leaves_does_not_keep_a_core_busy(seed_build):
    with start(seed_build.out, free_port(), limits=Limits(timeout=2)) as endpoint:
        body = urllib.parse.urlencode({"query": CARTESIAN_COUNT}).encode()
        with socket.create_connection(("127.0.0.1", endpoint.port)) as sock:
            sock.sendall(b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-"
                         b"urlencoded\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))
            time.sleep(0.5)
        busy = endpoint.process
        time.sleep(2 + 2 * 2 + 2)
        assert busy.poll() is not None or _cpu_seconds(busy.pid, 1.0) < 0.5


def _cpu_seconds(pid: int, over: float) -> float:
    def ticks() -> int:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    first = ticks()
    time.sleep(over)
    return (ticks() - first) / os.sysconf("SC_CLK_TCK")


@pytest.mark.slow
def test_order_by_over_a_cartesian_product_stays_under_the_memory_cap(seed_build):
    cap_mb = 200
    with start(seed_build.out, free_port(), limits=Limits(timeout=60, max_memory_mb=cap_mb)) as endpoint:
        peak = 0
        done = threading.Event()

        def watch():
            nonlocal peak
            while not done.is_set():
                peak = max(peak, resident_bytes(endpoint.process.pid))
                time.sleep(0.02)

        watcher = threading.Thread(target=watch)
        watcher.start()
        code, body = 0, b""
        try:
            code, body = _status(endpoint.url + "?" + urllib.parse.urlencode({"query": CARTESIAN_ORDER}),
                                 timeout=60)
        except (urllib.error.URLError, http.client.HTTPException, OSError):
            pass  # cut off while streaming is also a stop
        finally:
            done.set()
            watcher.join()
        assert code in (0, 503), body[:200]
        assert peak < (cap_mb + 150) * 1024 * 1024  # the cap plus one watch interval of growth
        time.sleep(1.0)
        assert http_query(endpoint.url, COUNT_DOCS)["results"]["bindings"][0]["n"]["value"] == "5"


def test_answer_is_cut_off_at_the_result_cap(seed_build):
    big = "SELECT * { GRAPH ?g1 { ?a ?b ?c } GRAPH ?g2 { ?d ?e ?f } } LIMIT 20000"  # > 1 MiB of JSON
    with start(seed_build.out, free_port(), limits=Limits(max_result_mb=1)) as endpoint:
        request = endpoint.url + "?" + urllib.parse.urlencode({"query": big})
        with urllib.request.urlopen(request, timeout=30) as response:
            with pytest.raises(http.client.IncompleteRead) as cut:
                response.read()
        assert len(cut.value.partial) <= 1024 * 1024
        assert http_query(endpoint.url, big.replace("20000", "10"))["results"]["bindings"]


def test_three_hundred_half_open_connections_do_not_stop_it_answering(seed_build):
    with start(seed_build.out, free_port()) as endpoint:  # the default limits
        sockets = []
        try:
            for _ in range(300):
                sock = socket.create_connection(("127.0.0.1", endpoint.port))
                sock.sendall(b"GET /query?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n")  # never ends
                sockets.append(sock)
            began = time.monotonic()
            answer = http_query(endpoint.url, COUNT_DOCS)
            assert answer["results"]["bindings"][0]["n"]["value"] == "5"
            assert time.monotonic() - began < 5
        finally:
            for sock in sockets:
                sock.close()


def test_a_rebuild_of_the_folder_is_served_without_a_restart(nlp, tmp_path):
    out = tmp_path / "out"
    source = tmp_path / "in"
    source.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    shutil.copy(seeds[0], source)
    build([source], out=out, nlp=nlp)
    with start(out, free_port()) as endpoint:
        assert http_query(endpoint.url, COUNT_DOCS)["results"]["bindings"][0]["n"]["value"] == "1"
        first = endpoint.process
        shutil.copy(seeds[1], source)
        build([source], out=out, nlp=nlp)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if http_query(endpoint.url, COUNT_DOCS)["results"]["bindings"][0]["n"]["value"] == "2":
                break
            time.sleep(0.2)
        assert http_query(endpoint.url, COUNT_DOCS)["results"]["bindings"][0]["n"]["value"] == "2"
        assert first.poll() is not None  # the child holding the deleted store is gone


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found.extend(int(c) for c in text)
    return found


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL])
def test_stopping_kg_serve_stops_its_oxigraph_child(seed_build, how):
    port = free_port()
    env = {**os.environ, "PATH": f"{Path(oxigraph_binary()).parent}:{os.environ['PATH']}"}
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(seed_build.out),
                             "--port", str(port)], stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout.readline().startswith("SPARQL endpoint (read-only)")
        children = _children(proc.pid)
        assert children
        proc.send_signal(how)
        proc.wait(timeout=15)
        if how == signal.SIGTERM:
            assert proc.returncode == 0
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(Path(f"/proc/{c}").exists() and
                                                  "Z" not in _state(c) for c in children):
            time.sleep(0.1)
        assert not any(Path(f"/proc/{c}").exists() and "Z" not in _state(c) for c in children)
        assert listening_addresses(port) == set()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"
