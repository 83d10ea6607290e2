"""Writing into an external SPARQL store through the Graph Store Protocol: a real Oxigraph server."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from kg.errors import StoreError
from kg.pipeline import build
from kg.remote import write_remote

from .conftest import SEEDS
from .test_parallel import nquads

pytestmark = pytest.mark.server


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    """An Oxigraph server on loopback; yields its base URL."""
    binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    port = _free_port()
    server = subprocess.Popen([binary, "serve", "--location", str(tmp_path_factory.mktemp("ox")),
                               "--bind", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            requests.get(url + "/store", headers={"Accept": "application/n-quads"}, timeout=1)
            break
        except requests.ConnectionError:
            assert server.poll() is None, server.stderr.read().decode()
            assert time.monotonic() < deadline, "oxigraph did not start within 30 s"
            time.sleep(0.2)
    yield url
    server.terminate()
    server.wait(10)


def remote_nquads(url: str) -> list[str]:
    response = requests.get(url + "/store", headers={"Accept": "application/n-quads"}, timeout=30)
    response.raise_for_status()
    return sorted(response.text.splitlines())


def test_rebuild_replaces_each_document_graph(oxigraph, seed_build, nlp, tmp_path):
    store = oxigraph + "/store"
    build([SEEDS], out=tmp_path / "remote", nlp=nlp, store_url=store)
    assert remote_nquads(oxigraph) == nquads(seed_build.out)
    assert not (tmp_path / "remote" / "store").exists()

    edited = tmp_path / "edited"
    shutil.copytree(SEEDS, edited)
    first = sorted(edited.iterdir())[0]
    first.write_text("\n".join(first.read_text(encoding="utf-8").splitlines()[:3]), encoding="utf-8")
    build([edited], out=tmp_path / "remote", nlp=nlp, store_url=store)
    build([edited], out=tmp_path / "local", nlp=nlp)
    after = remote_nquads(oxigraph)
    assert after == nquads(tmp_path / "local")
    assert len(after) < len(nquads(seed_build.out))


def test_store_must_be_an_http_url():
    with pytest.raises(StoreError, match="is not an http"):
        write_remote("localhost:7878/store", [])


def test_unreachable_store_is_a_one_line_error_without_the_password():
    port = _free_port()
    with pytest.raises(StoreError) as error:
        write_remote(f"http://kg:s3cret@127.0.0.1:{port}/store", [])
    assert str(error.value) == f"cannot reach the store at http://127.0.0.1:{port}/store: ConnectionError"
