"""HTML view: a self-contained pyvis page (vis-network inlined, no network needed)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import networkx as nx
from pyvis.network import Network

from .export import write_atomic

TYPE_COLOURS = {
    "Person": "#e4572e",
    "Organization": "#29335c",
    "Place": "#669bbc",
    "Group": "#f3a712",
    "Event": "#8e7dbe",
}

_REMOTE_TAG = re.compile(r"<(link|script)\b[^>]*\bhttps?://[^>]*>(\s*</script>)?", re.IGNORECASE)


def render_html(graph: nx.MultiDiGraph) -> str:
    """Render the graph as one HTML page with every label escaped and no remote resource."""
    net = Network(height="800px", width="100%", directed=True, cdn_resources="in_line")
    for node, data in graph.nodes(data=True):
        net.add_node(node, label=html.escape(data["label"]),
                     title=html.escape(f"{data['label']} ({data['type']})"),
                     color=TYPE_COLOURS.get(data["type"], "#999999"),
                     value=max(1, graph.degree(node)))
    for u, v, data in graph.edges(data=True):
        net.add_edge(u, v, label=html.escape(data["relation"]), title=html.escape(data["relation"]))
    page = net.generate_html(notebook=False)
    return _REMOTE_TAG.sub("", page)


def write_html(graph: nx.MultiDiGraph, out_dir: Path) -> Path:
    page = render_html(graph)
    return write_atomic(out_dir / "graph.html", lambda p: p.write_text(page, encoding="utf-8"))
