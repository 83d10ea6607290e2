"""External store: write the dataset into a SPARQL 1.1 store through its Graph Store Protocol endpoint.

Each named graph (one a document) and then the merged default graph are sent with HTTP PUT, which
replaces a graph, so building again replaces rather than duplicates. HTTP client: requests
(one keep-alive session); a user name and password in the URL are sent as HTTP Basic auth.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlencode, urlsplit, urlunsplit

import pyoxigraph as ox
import requests

from .errors import StoreError

log = logging.getLogger(__name__)

N_TRIPLES = "application/n-triples"


@dataclass(frozen=True)
class RemoteReport:
    """What was sent: the store's URL, named graphs replaced, and quads sent in all."""

    url: str
    graphs: int
    quads: int


def graph_url(endpoint: str, graph: ox.NamedNode | ox.DefaultGraph) -> str:
    """The GSP address of one graph: `?graph=<IRI>` (indirect identification) or `?default`."""
    query = "default" if isinstance(graph, ox.DefaultGraph) else urlencode({"graph": graph.value})
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


def write_remote(endpoint: str, quads: Iterable[ox.Quad], timeout: float = 300.0) -> RemoteReport:
    """PUT every named graph of `quads`, then the default graph, to the GSP `endpoint`."""
    if not endpoint.startswith(("http://", "https://")):
        raise StoreError(f"--store {endpoint!r} is not an http(s) URL; give the Graph Store "
                         f"Protocol endpoint, e.g. http://localhost:7878/store.")
    with tempfile.TemporaryDirectory(prefix="kg-remote-") as tmp, requests.Session() as http:
        staging = ox.Store(str(Path(tmp) / "staging"))
        staging.bulk_extend(quads)
        named = sorted(staging.named_graphs(), key=lambda g: g.value)
        for graph in named:
            body = staging.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
            _put(http, graph_url(endpoint, graph), body, timeout)
        merged = Path(tmp) / "default.nt"
        staging.dump(str(merged), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        with merged.open("rb") as body:
            _put(http, graph_url(endpoint, ox.DefaultGraph()), body, timeout)
        report = RemoteReport(endpoint, len(named), len(staging))
        del staging
    log.info("wrote %d named graphs and the default graph (%d quads) to %s", report.graphs,
             report.quads, endpoint)
    return report


def shown(url: str) -> str:
    """The endpoint as shown in messages: no query, no user name or password."""
    parts = urlsplit(url)
    netloc = (parts.hostname or "") + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def _put(http: requests.Session, url: str, body: bytes | BinaryIO, timeout: float) -> None:
    try:
        response = http.put(url, data=body, headers={"Content-Type": N_TRIPLES}, timeout=timeout)
    except requests.RequestException as exc:
        raise StoreError(f"cannot reach the store at {shown(url)}: "
                         f"{type(exc).__name__}") from exc
    if not response.ok:
        detail = " ".join(response.text.split())[:200]
        raise StoreError(f"the store at {shown(url)} refused a graph: HTTP "
                         f"{response.status_code} {detail}")
