"""A read-only SPARQL 1.1 endpoint over a built store, bound to 127.0.0.1.

Oxigraph's own read-only server answers the queries; it runs as a child on a private loopback
port behind a small gateway that enforces what Oxigraph leaves open: federated `SERVICE` calls
are refused (unless allowed), a query that runs past the timeout or grows the server past the
memory cap is stopped (the child is killed and restarted), an answer is cut off at a size cap,
connections are bounded and a client that sends nothing is dropped. When a rebuild replaces the
store, the gateway starts a child on the new store and retires the old one; the child dies with
the gateway, even when the gateway is killed.
"""

from __future__ import annotations

import ctypes
import http.client
import logging
import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .defaults import (DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_MEMORY_MB,
                       DEFAULT_MAX_RESULT_MB, DEFAULT_PORT, DEFAULT_TIMEOUT)
from .errors import ServeError
from .sparql import STORE_DIR, calls_service, resident_bytes

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
MAX_REQUEST_BYTES = 1024 * 1024  # a query (or form) larger than this is refused
GRACE = 2.0  # seconds past the timeout Oxigraph gets to cancel a query itself before it is killed
_HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer",
               "upgrade", "content-length", "host"}


@dataclass(frozen=True)
class Limits:
    """What one endpoint allows; every default is stated in `kg serve --help`."""

    timeout: float = DEFAULT_TIMEOUT
    max_memory_mb: int = DEFAULT_MAX_MEMORY_MB
    max_result_mb: int = DEFAULT_MAX_RESULT_MB
    max_connections: int = DEFAULT_MAX_CONNECTIONS
    idle_timeout: float = DEFAULT_IDLE_TIMEOUT
    allow_service: bool = False


def oxigraph_binary() -> str:
    """The `oxigraph` server from the `oxigraph` PyPI package, on PATH or beside this Python."""
    beside_python = Path(sys.executable).parent / "oxigraph"
    found = shutil.which("oxigraph") or (str(beside_python) if os.access(beside_python, os.X_OK)
                                         else None)
    if found is None:
        raise ServeError("the Oxigraph server is not installed; run `pip install oxigraph`.")
    return found


def serve_command(store: Path, port: int, binary: str, timeout: float) -> list[str]:
    """The command line of Oxigraph's read-only server over `store`, on 127.0.0.1:`port` only."""
    return [binary, "serve-read-only", "--location", str(store), "--bind", f"{HOST}:{port}",
            "--timeout-s", str(max(1, math.ceil(timeout)))]


def _store_of(out: str | Path) -> Path:
    store = Path(out) / STORE_DIR
    if not store.is_dir():
        raise ServeError(f"{out} holds no kg store; run `kg build PATH --out {out}` first.")
    return store


def _identity(store: Path) -> tuple[int, int] | None:
    """Which store directory sits at `store` now: a rebuild swaps in a new one (a new inode)."""
    try:
        stat = store.stat()
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


def _die_with_parent() -> None:
    """In the child before exec: the kernel kills it when the gateway's process ends, however."""
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


class _Backend:
    """One Oxigraph child over one store directory, and the requests it is answering."""

    def __init__(self, store: Path, binary: str, limits: Limits) -> None:
        self.store = store
        self.identity = _identity(store)
        self.port = _free_port()
        self.stopped_because: str | None = None
        self._inflight: dict[int, float] = {}
        self._lock = threading.Lock()
        self._errors = tempfile.TemporaryFile("w+")
        command = serve_command(store, self.port, binary, limits.timeout)
        log.info("starting %s", " ".join(command))
        self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=self._errors, preexec_fn=_die_with_parent)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/query"

    def wait_until_answering(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self._errors.seek(0)
                message = " ".join(self._errors.read().split())
                raise ServeError(f"the SPARQL server over {self.store} did not start: "
                                 f"{message or f'exit code {self.process.returncode}'}")
            if _answers(self.url):
                return
            time.sleep(0.05)
        self.stop()
        raise ServeError(f"the SPARQL server over {self.store} did not answer within {timeout:.0f} s.")

    def begin(self) -> int:
        with self._lock:
            token = id(threading.current_thread()) ^ time.monotonic_ns()
            self._inflight[token] = time.monotonic()
            return token

    def end(self, token: int) -> None:
        with self._lock:
            self._inflight.pop(token, None)

    def oldest_request_age(self) -> float:
        with self._lock:
            return time.monotonic() - min(self._inflight.values()) if self._inflight else 0.0

    def kill(self, reason: str) -> None:
        self.stopped_because = reason
        log.warning("stopping the SPARQL server: %s", reason)
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def stop(self, timeout: float = 10.0) -> None:
        self.stopped_because = self.stopped_because or "the endpoint is shutting down."
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._errors.close()


class _Gateway(ThreadingHTTPServer):
    """The public side: bounded connections, checked requests, forwarded to the current child."""

    daemon_threads = True
    request_queue_size = 1024

    def __init__(self, port: int, store: Path, binary: str, limits: Limits) -> None:
        self.limits = limits
        self.store = store
        self.binary = binary
        self.failed_identity: tuple[int, int] | None = None
        self.fatal: str | None = None
        self._slots = threading.BoundedSemaphore(limits.max_connections)
        self._reading: dict[socket.socket, float] = {}
        self._dropped: set[socket.socket] = set()
        self._reading_lock = threading.Lock()
        self._closing = threading.Event()
        try:
            super().__init__((HOST, port), _Handler)
        except OSError as exc:
            raise ServeError(f"port {port} on {HOST} is in use ({exc.strerror}); "
                             "pick another with --port.") from exc
        self.backend = _Backend(store, binary, limits)
        self._watchdog = threading.Thread(target=self._watch, name="kg-serve-watchdog", daemon=True)

    def start_watchdog(self) -> None:
        self._watchdog.start()

    def process_request(self, request, client_address) -> None:
        if not self._slots.acquire(blocking=False) and not (
                self._drop_oldest_reader() and self._slots.acquire(timeout=1.0)):
            _refuse_at_once(request, self.limits.max_connections)
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def reading(self, connection: socket.socket, started: bool) -> bool:
        """Note when a connection starts and stops sending its request; False once it was
        dropped for taking too long (what it sent is then not a whole request)."""
        with self._reading_lock:
            if started:
                self._reading[connection] = time.monotonic()
            else:
                self._reading.pop(connection, None)
            return connection not in self._dropped

    def forget(self, connection: socket.socket) -> None:
        with self._reading_lock:
            self._reading.pop(connection, None)
            self._dropped.discard(connection)

    def close(self) -> None:
        self._closing.set()
        self.shutdown()
        self.server_close()
        if self._watchdog.is_alive():
            self._watchdog.join()
        self.backend.stop()

    def _watch(self) -> None:
        while not self._closing.wait(0.1):
            try:
                self._check_backend()
                self._check_store()
                self._drop_idle_clients()
            except ServeError as exc:
                log.error("%s", exc)
                self.fatal = str(exc)

    def _check_backend(self) -> None:
        backend, limits = self.backend, self.limits
        if backend.process.poll() is None:
            if resident_bytes(backend.process.pid) > limits.max_memory_mb * 1024 * 1024:
                backend.kill(f"a query needed more than {limits.max_memory_mb} MiB of memory; "
                             "add a LIMIT or narrow its patterns.")
            elif backend.oldest_request_age() > limits.timeout + GRACE:
                backend.kill(f"a query ran past the {limits.timeout:g} s timeout; "
                             "add a LIMIT or narrow its patterns.")
            else:
                return
        elif backend.stopped_because is None:
            backend.stopped_because = f"the SPARQL server stopped (exit code {backend.process.returncode})."
        self._replace_backend()

    def _check_store(self) -> None:
        now = _identity(self.store)
        if now is None or now == self.backend.identity or now == self.failed_identity:
            return
        log.info("the store in %s was replaced; reloading", self.store.parent)
        self._replace_backend()

    def _replace_backend(self) -> None:
        fresh = _Backend(self.store, self.binary, self.limits)
        try:
            fresh.wait_until_answering(20.0)
        except ServeError as exc:
            self.failed_identity = fresh.identity
            if self.backend.process.poll() is None:
                log.error("kept serving the previous store: %s", exc)
                return
            raise
        old, self.backend = self.backend, fresh
        self.failed_identity = None
        old.stop()

    def _drop_idle_clients(self) -> None:
        cutoff = time.monotonic() - self.limits.idle_timeout
        with self._reading_lock:
            idle = [c for c, since in self._reading.items() if since < cutoff]
        self._drop(idle)

    def _drop_oldest_reader(self) -> bool:
        """At the connection limit, make room by dropping the client that has taken longest to
        send its request (a half-open connection), so idle clients cannot lock others out."""
        with self._reading_lock:
            oldest = min(self._reading, key=self._reading.__getitem__, default=None)
        return self._drop([oldest] if oldest else [])

    def _drop(self, connections: list[socket.socket]) -> bool:
        with self._reading_lock:
            for connection in connections:
                self._reading.pop(connection, None)
                self._dropped.add(connection)
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        return bool(connections)


class _Handler(BaseHTTPRequestHandler):
    """Forwards one request to the child after checking it; every answer closes the connection."""

    protocol_version = "HTTP/1.1"
    server: _Gateway

    def setup(self) -> None:
        self.timeout = self.server.limits.idle_timeout
        super().setup()
        self.server.reading(self.connection, started=True)

    def finish(self) -> None:
        self.server.forget(self.connection)
        super().finish()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the stdlib's name)
        log.debug("%s %s", self.address_string(), format % args)

    def do_GET(self) -> None:
        self._forward()

    do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = do_OPTIONS = do_GET

    def _forward(self) -> None:
        self.close_connection = True
        limits = self.server.limits
        body = self._read_body()
        if not self.server.reading(self.connection, started=False) or body is None:
            return
        if not limits.allow_service and _asks_service(self.path, body):
            self._error(403, "federated SERVICE queries are off on this endpoint (start it with "
                             "--allow-service to allow them).")
            return
        backend = self.server.backend
        upstream = http.client.HTTPConnection(HOST, backend.port, timeout=limits.timeout + 2 * GRACE)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
        token = backend.begin()
        try:
            try:
                upstream.request(self.command, self.path, body=body if body else None, headers=headers)
                response = upstream.getresponse()
            except (OSError, http.client.HTTPException) as exc:
                self._error(503, backend.stopped_because or f"the SPARQL server did not answer ({exc}).")
                return
            self._relay(response, backend)
        finally:
            backend.end(token)
            upstream.close()

    def _read_body(self) -> bytes | None:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self._error(411, "send the request body with a Content-Length.")
            return None
        if self.headers.get("Content-Encoding", "identity").lower() != "identity":
            self._error(415, "compressed request bodies are not accepted.")
            return None
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_REQUEST_BYTES:
            self._error(413, f"a request body must be at most {MAX_REQUEST_BYTES} bytes.")
            return None
        body = self.rfile.read(length) if length else b""
        if len(body) < length:
            return None
        return body

    def _relay(self, response: http.client.HTTPResponse, backend: _Backend) -> None:
        cap = self.server.limits.max_result_mb * 1024 * 1024
        self.send_response(response.status, response.reason)
        for name, value in response.getheaders():
            if name.lower() not in _HOP_BY_HOP:
                self.send_header(name, value)
        if self.command == "HEAD" or response.status in (204, 304):
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Connection", "close")
        self.end_headers()
        sent = 0
        try:
            while chunk := response.read1(65536):
                sent += len(chunk)
                if sent > cap:
                    log.warning("cut off an answer at the %d MiB cap", self.server.limits.max_result_mb)
                    return  # no final chunk: the client sees an incomplete answer, not a short one
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        except (OSError, http.client.HTTPException) as exc:
            log.warning("answer broken off: %s", backend.stopped_because or exc)
            return
        self.wfile.write(b"0\r\n\r\n")

    def _error(self, status: int, message: str) -> None:
        data = (message + "\n").encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)
        except OSError:
            pass


def _asks_service(path: str, body: bytes) -> bool:
    """True when any text the server could read a query from (each URL parameter, the body as
    is and each of its form fields) may hold a SERVICE call."""
    texts = [value for _, value in urllib.parse.parse_qsl(urllib.parse.urlsplit(path).query,
                                                           keep_blank_values=True)]
    if body:
        raw = body.decode("utf-8", "replace")
        texts.append(raw)
        texts.extend(value for _, value in urllib.parse.parse_qsl(raw, keep_blank_values=True))
    return any(calls_service(text) for text in texts)


def _refuse_at_once(request: socket.socket, limit: int) -> None:
    message = f"the endpoint holds its limit of {limit} open connections; try again.\n".encode()
    try:
        request.settimeout(1.0)
        request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\n"
                        b"Connection: close\r\nContent-Length: %d\r\n\r\n%s" % (len(message), message))
    except OSError:
        pass


@dataclass
class Endpoint:
    """A running endpoint; stop it with `stop()` or use it as a context manager."""

    gateway: _Gateway
    port: int
    _thread: threading.Thread = field(repr=False)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/query"

    @property
    def process(self) -> subprocess.Popen:
        """The Oxigraph child answering now (a new one after a reload or a stopped query)."""
        return self.gateway.backend.process

    def stop(self) -> None:
        self.gateway.close()
        self._thread.join()

    def __enter__(self) -> Endpoint:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start(out: str | Path, port: int = DEFAULT_PORT, binary: str | None = None,
          timeout: float = 20.0, limits: Limits | None = None) -> Endpoint:
    """Start the endpoint and return once it answers a query; a child that dies is a ServeError."""
    store = _store_of(out)
    gateway = _Gateway(port, store, binary or oxigraph_binary(), limits or Limits())
    try:
        gateway.backend.wait_until_answering(timeout)
    except ServeError:
        gateway.server_close()
        gateway.backend.stop()
        raise
    thread = threading.Thread(target=gateway.serve_forever, kwargs={"poll_interval": 0.1},
                              name="kg-serve", daemon=True)
    thread.start()
    gateway.start_watchdog()
    return Endpoint(gateway, port, thread)


class _Terminated(Exception):
    pass


def run(out: str | Path, port: int = DEFAULT_PORT,
        on_ready: Callable[[Endpoint], None] | None = None, limits: Limits | None = None) -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM, either stops the child too); a child that
    cannot be restarted is a ServeError."""
    def terminate(signum, frame) -> None:
        raise _Terminated

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        endpoint = start(out, port, limits=limits)
        try:
            if on_ready:
                on_ready(endpoint)
            while endpoint.gateway.fatal is None:
                time.sleep(0.2)
        finally:
            endpoint.stop()
    except (KeyboardInterrupt, _Terminated):
        return
    finally:
        signal.signal(signal.SIGTERM, previous)
    raise ServeError(f"the SPARQL endpoint on port {port} stopped: {endpoint.gateway.fatal}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=1) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False
