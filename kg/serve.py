"""A read-only SPARQL 1.1 endpoint over a built store: Oxigraph's own server, bound to 127.0.0.1."""

from __future__ import annotations

import logging
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .defaults import DEFAULT_PORT  # noqa: F401 (re-exported)
from .errors import ServeError
from .sparql import STORE_DIR

log = logging.getLogger(__name__)

HOST = "127.0.0.1"


def oxigraph_binary() -> str:
    """The `oxigraph` server from the `oxigraph` PyPI package, on PATH or beside this Python."""
    beside_python = Path(sys.executable).parent / "oxigraph"
    found = shutil.which("oxigraph") or (str(beside_python) if os.access(beside_python, os.X_OK)
                                         else None)
    if found is None:
        raise ServeError("the Oxigraph server is not installed; run `pip install oxigraph`.")
    return found


def serve_command(out: str | Path, port: int = DEFAULT_PORT, binary: str | None = None) -> list[str]:
    """The command line of a read-only server over `out`'s store, listening on 127.0.0.1 only."""
    store = Path(out) / STORE_DIR
    if not store.is_dir():
        raise ServeError(f"{out} holds no kg store; run `kg build PATH --out {out}` first.")
    return [binary or oxigraph_binary(), "serve-read-only", "--location", str(store),
            "--bind", f"{HOST}:{port}"]


@dataclass
class Endpoint:
    """A running read-only server; stop it with `stop()` or use it as a context manager."""

    process: subprocess.Popen
    port: int

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/query"

    def stop(self, timeout: float = 10.0) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> Endpoint:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start(out: str | Path, port: int = DEFAULT_PORT, binary: str | None = None,
          timeout: float = 20.0) -> Endpoint:
    """Start the server and return once it answers a query; a server that dies is a ServeError."""
    command = serve_command(out, port, binary)
    _check_free(port)
    log.info("starting %s", " ".join(command))
    with tempfile.TemporaryFile("w+") as errors:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        endpoint = Endpoint(process, port)
        return _wait_until_answering(endpoint, errors, timeout)


def run(out: str | Path, port: int = DEFAULT_PORT,
        on_ready: Callable[[Endpoint], None] | None = None) -> None:
    """Serve until interrupted (Ctrl-C); a server that stops on its own with an error is a ServeError."""
    endpoint = start(out, port)
    try:
        if on_ready:
            on_ready(endpoint)
        code = endpoint.process.wait()
    except KeyboardInterrupt:
        return
    finally:
        endpoint.stop()
    if code != 0:
        raise ServeError(f"the SPARQL endpoint on port {port} stopped with exit code {code}.")


def _wait_until_answering(endpoint: Endpoint, errors: IO[str], timeout: float) -> Endpoint:
    process, port = endpoint.process, endpoint.port
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            errors.seek(0)
            message = " ".join(errors.read().split())
            raise ServeError(f"the SPARQL endpoint on port {port} did not start: "
                             f"{message or f'exit code {process.returncode}'}")
        if _answers(endpoint.url):
            return endpoint
        time.sleep(0.1)
    endpoint.stop()
    raise ServeError(f"the SPARQL endpoint on port {port} did not answer within {timeout:.0f} s.")


def _check_free(port: int) -> None:
    with socket.socket() as probe:
        try:
            probe.bind((HOST, port))
        except OSError as exc:
            raise ServeError(f"port {port} on {HOST} is in use ({exc.strerror}); "
                             "pick another with --port.") from exc


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=1) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False
