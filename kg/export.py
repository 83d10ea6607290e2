"""Export: the store's quads → Turtle, TriG, N-Quads and JSON-LD, with the ontology and its JSON-LD
context beside them (GraphML: kg.graph; HTML: kg.view)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox

from .files import write_atomic
from .jsonld import CONTEXT_FILE, write_jsonld
from .vocab import DEFAULT_BASE, ontology_file, prefixes


RDF_FILES = {
    "graph.ttl": ox.RdfFormat.TURTLE,
    "graph.trig": ox.RdfFormat.TRIG,
    "graph.nq": ox.RdfFormat.N_QUADS,
    "graph.jsonld": ox.RdfFormat.JSON_LD,
}
SHIPPED_FILES = {"ontology.ttl": "kg.ttl", CONTEXT_FILE: CONTEXT_FILE}  # output name: ontology/ name


def export_rdf(store: ox.Store, out_dir: Path, base: str = DEFAULT_BASE) -> list[Path]:
    """Write the store's merged graph as Turtle and the dataset as TriG, N-Quads and JSON-LD."""
    return export_quads(list(store.quads_for_pattern(None, None, None, None)), out_dir, base)


def export_quads(quads: Sequence[ox.Quad], out_dir: Path, base: str = DEFAULT_BASE) -> list[Path]:
    """Write the merged graph (default-graph quads) as Turtle and all quads as TriG, N-Quads and
    compact JSON-LD, with the ontology (ontology.ttl) and the JSON-LD context beside them.

    Serialised from memory, grouped by graph and subject; N-Quads lines are sorted, so the same
    graph always gives the same bytes.
    """
    ordered = _grouped(quads)
    merged = list(itertools.takewhile(lambda q: isinstance(q.graph_name, ox.DefaultGraph), ordered))
    written = []
    for name, fmt in RDF_FILES.items():
        if fmt is ox.RdfFormat.N_QUADS:
            written.append(write_atomic(out_dir / name, lambda p: _write_sorted_nquads(ordered, p)))
            continue
        if fmt is ox.RdfFormat.JSON_LD:
            written.append(write_atomic(out_dir / name, lambda p: write_jsonld(ordered, p, base)))
            continue
        data = ordered if fmt.supports_datasets else merged
        written.append(write_atomic(out_dir / name, lambda p, fmt=fmt, data=data:
                                    ox.serialize(data, str(p), fmt, prefixes=prefixes(base))))
    for name, source in SHIPPED_FILES.items():
        data = ontology_file(source).read_bytes()
        written.append(write_atomic(out_dir / name, lambda p, data=data: p.write_bytes(data)))
    return written


def _grouped(quads: Sequence[ox.Quad]) -> list[ox.Quad]:
    """Distinct quads, the merged graph first, then named graphs by IRI; each graph by subject."""
    graphs: dict[str, list[ox.Quad]] = {}
    for quad in dict.fromkeys(quads):
        name = "" if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
        graphs.setdefault(name, []).append(quad)
    ordered = []
    for name in sorted(graphs):
        ordered.extend(sorted(graphs[name], key=lambda q: q.subject.value))
    return ordered


def _write_sorted_nquads(quads: Sequence[ox.Quad], path: Path) -> None:
    lines = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).splitlines(keepends=True)
    lines.sort()
    path.write_bytes(b"".join(lines))
